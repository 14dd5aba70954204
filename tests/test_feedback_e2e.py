""" "Was this helpful?" and unanswered questions through the real servers (issue 15, docs/feedback.md):
a curated answer carries the two buttons, a "no" is stored as a vote and, only when UNANSWERED_CAPTURE is
on, the question it answered is kept scrubbed; "Did you mean…?" and "None of these" likewise."""

from __future__ import annotations

import uuid

import pytest

from bot.feedback.store import FeedbackStore
from tests.conftest import start_bot, texts, wait_until

QUESTION = "what is osteonecrosis of the jaw? my mom Maria Lopez is 61"
IDENTIFIERS = ("Maria", "Lopez", "61")


@pytest.fixture(scope="module")
def capturing_bot(tmp_path_factory):
    bot = start_bot(tmp_path_factory.mktemp("feedback-var"), extra_env={"UNANSWERED_CAPTURE": "true"})
    yield bot
    bot.supervisor.stop()


def store_of(bot) -> FeedbackStore:
    return FeedbackStore(bot.settings.feedback_db_url)


def feedback_buttons(replies):
    return [b for r in replies for b in r.get("buttons") or [] if b["payload"].startswith("/feedback")]


def answer_and_vote_no(bot, content):
    sender = uuid.uuid4().hex
    answer = bot.say(QUESTION, sender)
    assert content.topics["onj_what"].answer in texts(answer)
    yes, no = feedback_buttons(answer)
    assert (yes["title"], no["title"]) == ("Yes, this helped", "No, it did not")
    assert no["payload"] == '/feedback{"helpful":false,"topic":"onj_what"}'
    return sender, answer, bot.say(no["payload"], sender)


def test_a_no_vote_is_stored_with_the_scrubbed_question_and_offers_other_answers(capturing_bot, content):
    store = store_of(capturing_bot)
    sender, _answer, reply = answer_and_vote_no(capturing_bot, content)
    assert "Sorry it did not help" in texts(reply)
    buttons = [b for r in reply for b in r.get("buttons") or []]
    assert buttons[-1] == {"title": "Ask my care team", "payload": "/request_human"}
    assert all('"onj_what"' not in b["payload"] for b in buttons)  # never the answer voted down
    assert ("onj_what", 0, 1) in wait_until(store.helpfulness_by_topic)
    rows = wait_until(lambda: [r for r in store.unanswered() if r.reason == "not_helpful"])
    assert len(rows) == 1 and rows[0].topic == "onj_what" and rows[0].channel == "rest"
    assert rows[0].text == "what is osteonecrosis of the jaw? my mom [NAME] is [NUMBER]"
    assert not [i for i in IDENTIFIERS if i in rows[0].text], rows[0].text
    # A yes gets a thanks; the weekly counts saw two answers... and no text of either.
    yes = feedback_buttons(capturing_bot.say("what is osteonecrosis of the jaw?", sender))[0]
    assert "Thank you" in texts(capturing_bot.say(yes["payload"], sender))
    assert ("onj_what", 1, 1) in wait_until(
        lambda: ("onj_what", 1, 1) in store.helpfulness_by_topic() and store.helpfulness_by_topic()
    )
    assert sum(week[1] for week in store.weekly_rates()) >= 2
    store.dispose()


def test_did_you_mean_and_none_of_these_keep_the_question_scrubbed(capturing_bot):
    store = store_of(capturing_bot)
    sender = uuid.uuid4().hex
    offer = capturing_bot.say("how the bone thingy? ask dr Patel 0412 555 019", sender)
    none = [b for r in offer for b in r.get("buttons") or [] if b["title"] == "None of these"]
    assert none, texts(offer)
    capturing_bot.say(none[0]["payload"], sender)
    rows = wait_until(
        lambda: sorted(r.reason for r in store.unanswered() if "thingy" in r.text) == ["did_you_mean", "none_of_these"]
        and store.unanswered()
    )
    kept = [r.text for r in rows if "thingy" in r.text]
    assert kept and all("Patel" not in t and "0412" not in t and "[PHONE]" in t for t in kept), kept
    assert any(week[2] >= 1 for week in store.weekly_rates())  # counted as a fallback
    store.dispose()


def test_a_vote_that_was_not_offered_is_not_stored(capturing_bot):
    store = store_of(capturing_bot)
    before = dict((t, (y, n)) for t, y, n in store.helpfulness_by_topic())
    capturing_bot.say('/feedback{"helpful":false,"topic":"bone_mets_what"}')
    capturing_bot.say("what is Xgeva?")  # a later turn: the vote above had its chance to be written
    after = dict((t, (y, n)) for t, y, n in store.helpfulness_by_topic())
    assert after.get("bone_mets_what") == before.get("bone_mets_what")
    store.dispose()


def test_with_capture_off_the_vote_is_counted_and_no_text_is_kept(running_bot, content):
    store = store_of(running_bot)
    answer_and_vote_no(running_bot, content)
    assert wait_until(lambda: any(t == "onj_what" and n >= 1 for t, _y, n in store.helpfulness_by_topic()))
    running_bot.say("how the bone thingy?")  # "Did you mean…?": nothing kept with capture off
    assert store.unanswered() == []
    store.dispose()


def test_a_spanish_answer_gets_spanish_buttons_and_a_spanish_reply_to_a_no(capturing_bot):
    sender = uuid.uuid4().hex
    answer = capturing_bot.say("¿qué es la osteonecrosis de la mandíbula? me llamo Carmen", sender)
    yes, no = feedback_buttons(answer)
    assert (yes["title"], no["title"]) == ("Sí, me ayudó", "No me ayudó")
    reply = capturing_bot.say(no["payload"], sender)
    assert "Perdón, no le ayudó" in texts(reply)
    assert [b for r in reply for b in r.get("buttons") or []][-1]["title"] == "Hablar con mi equipo"
    store = store_of(capturing_bot)
    rows = wait_until(lambda: [r for r in store.unanswered() if "osteonecrosis de la" in r.text])
    assert rows[0].text == "¿qué es la osteonecrosis de la mandíbula? me llamo [NAME]" and rows[0].language == "es"
    store.dispose()
