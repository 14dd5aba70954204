""" "Was this helpful?" in the chat widget, in a real browser (Debian's Chromium, Playwright) against the
real servers: two real buttons in a labelled group, usable with the keyboard, read out with their
question, sent once; a "no" gets other answers and the care team (issue 15)."""

from __future__ import annotations

from tests.test_widget_browser import CONTRAST_JS, Chat, web_url  # noqa: F401 - web_url is a fixture

FEEDBACK_CONTRAST_JS = CONTRAST_JS.replace(
    "'#log .msg.bot', ", "'#log .msg.bot', '#log .feedback-question', '#log .feedback-choice', "
)


def test_was_this_helpful_by_keyboard_and_screen_reader(browser, web_url):  # noqa: F811
    chat = Chat(browser, web_url).open()
    page = chat.page
    chat.ask("what is osteonecrosis of the jaw?")
    group = page.get_by_role("group", name="Was this helpful?").last
    yes = group.get_by_role("button", name="Yes, this answer helped")
    no = group.get_by_role("button", name="No, this answer did not help")
    assert yes.count() == 1 and no.count() == 1
    assert (yes.inner_text(), no.inner_text()) == ("Yes", "No")
    # The topic buttons are still the answer's related topics only: the vote is not one of them.
    assert "Yes, this helped" not in page.locator("#log .options").last.all_inner_texts()
    ratios = page.evaluate(FEEDBACK_CONTRAST_JS)
    low = {k: round(v, 2) for k, v in ratios.items() if v is not None and v < 4.5}
    assert ratios["#log .feedback-question"] and ratios["#log .feedback-choice"] and not low, ratios
    chat.screenshot("widget-feedback-question.png")

    no.focus()
    before = len(chat.bot_texts())
    page.keyboard.press("Enter")
    chat.wait_for_bot(before)
    page.wait_for_timeout(500)
    assert chat.user_texts()[-1] == "No, it did not"
    assert chat.bot_texts()[-1].startswith("Sorry it did not help.")
    assert no.get_attribute("aria-pressed") == "true" and yes.get_attribute("aria-pressed") == "false"
    assert yes.is_disabled() and no.is_disabled()  # one vote per answer
    assert page.locator("#log .options").last.locator(".option").last.inner_text() == "Ask my care team"
    chat.screenshot("widget-feedback-no.png")
    assert not chat.errors, chat.errors
    chat.close()


def test_no_vote_buttons_under_a_red_flag_reply(browser, web_url):  # noqa: F811
    chat = Chat(browser, web_url).open()
    reply = chat.ask("I suddenly can't feel my legs and can't walk")
    assert "911" in " ".join(reply)
    assert chat.page.locator("#log .feedback").count() == 0
    chat.close()
