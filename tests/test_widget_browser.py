"""The chat widget in a real browser: Debian's Chromium, headless, driven by Playwright, against the
real web, Rasa (socket.io) and action servers. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from typing import List

import pytest
from playwright.sync_api import Page

from tests.conftest import ARTIFACTS

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
CARE_TEAM_MESSAGE = "I want to talk to someone from my care team"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def web_url(running_bot) -> str:
    return f"http://127.0.0.1:{running_bot.settings.web_port}/"


class Chat:
    """A person using the widget in one browser context (its own localStorage)."""

    def __init__(self, browser, url: str, viewport=DESKTOP) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page: Page = self.context.new_page()
        self.url = url
        self.dialogs: List[str] = []
        self.errors: List[str] = []
        self.requests: List[str] = []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def open(self) -> "Chat":
        self.page.goto(self.url)
        self.wait_for_bot(0)
        return self

    def bot_texts(self) -> List[str]:
        return self.page.eval_on_selector_all(
            "#log .msg.bot", "els => els.map(e => e.textContent.replace(/^(Assistant|Asistente): /, ''))"
        )

    def user_texts(self) -> List[str]:
        return self.page.eval_on_selector_all(
            "#log .msg.user", "els => els.map(e => e.textContent.replace(/^(You said|Usted dijo): /, ''))"
        )

    def wait_for_bot(self, count_before: int, timeout: float = 45_000) -> None:
        # A locator wait, not wait_for_function: that evaluates a string in the page, which the widget's CSP (no
        # 'unsafe-eval') refuses whenever the answer is not there at once (tests/test_reference_lookup.py).
        self.page.locator("#log .msg.bot").nth(count_before).wait_for(timeout=timeout)

    def ask(self, text: str) -> List[str]:
        """Type `text`, press Enter, wait for the reply; returns the new bot messages."""
        before = len(self.bot_texts())
        self.page.fill("#message", text)
        self.page.press("#message", "Enter")
        self.wait_for_bot(before)
        self.page.wait_for_timeout(700)  # the rest of a multi-part reply
        return self.bot_texts()[before:]

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=False)

    def close(self) -> None:
        self.context.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-360", "desktop-1280"])
def test_question_answer_source_follow_up_and_reload(browser, web_url, running_bot, content, viewport):
    chat = Chat(browser, web_url, viewport).open()
    width = viewport["width"]
    page = chat.page
    # Greeting: the educational-use notice, topic buttons, the emergency line, the care-team button.
    greeting = chat.bot_texts()[0]
    assert "not medical advice" in greeting
    assert page.locator("#log .options .option").count() >= 3
    assert page.locator(".emergency").is_visible() and "Call 911" in flat(page.inner_text(".emergency"))
    assert page.get_by_role("button", name="Talk to the care team").is_visible()
    chat.screenshot(f"widget-{width}-greeting.png")

    # A question: the typing indicator shows at once, then the answer and its source line.
    page.fill("#message", "what is osteonecrosis of the jaw?")
    typing_shown = page.evaluate("""() => { document.getElementById('composer').requestSubmit();
                                            return !document.getElementById('typing').hidden; }""")
    assert typing_shown
    chat.wait_for_bot(1)
    page.wait_for_selector("#log .msg.source")
    topic = content.topics["onj_what"]
    assert flat(topic.answer) in flat(" ".join(chat.bot_texts()))
    source = page.locator("#log .msg.source").last.text_content().replace("Assistant: ", "", 1)
    assert source.startswith("Source:") and "American Cancer Society" in source
    assert page.locator("#typing").is_hidden()
    follow_ups = page.locator("#log .options").last.locator(".option")
    related = [content.topics[r] for r in topic.related]
    assert follow_ups.all_inner_texts() == [t.title for t in related]
    chat.screenshot(f"widget-{width}-answer.png")

    # A follow-up button.
    before = len(chat.bot_texts())
    follow_ups.first.click()
    chat.wait_for_bot(before)
    page.wait_for_timeout(700)
    assert chat.user_texts()[-1] == related[0].title
    assert flat(related[0].answer) in flat(" ".join(chat.bot_texts()[before:]))

    # Phone width: nothing wider than the screen, the message box and Send on screen.
    if width == PHONE["width"]:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        for selector in ("#message", "#send", "#care-team", ".emergency"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, selector
            assert box["y"] + box["height"] <= PHONE["height"] + 0.5, selector

    # Reload: the same conversation, no second greeting, and the session still answers.
    session = page.evaluate("localStorage.getItem('bhc.session.v1')")
    shown = chat.bot_texts()
    page.reload()
    page.locator("#log .msg.bot").nth(len(shown) - 1).wait_for()
    assert chat.bot_texts() == shown
    assert page.evaluate("localStorage.getItem('bhc.session.v1')") == session
    reply = chat.ask("what is Xgeva?")
    assert flat(content.topics["denosumab_what"].answer) in flat(" ".join(reply))
    assert chat.bot_texts().count(greeting) == 1  # greeted once, not again after the reload
    chat.screenshot(f"widget-{width}-after-reload.png")

    # Nothing from anywhere but this machine's servers (no CDN, no web fonts), and no script errors.
    allowed = (
        web_url,
        running_bot.base_url,
        f"http://127.0.0.1:{running_bot.settings.bot_port}",
        "ws://127.0.0.1:",
        "data:",
    )
    assert [u for u in chat.requests if not u.startswith(allowed)] == []
    assert chat.errors == []
    chat.close()


def test_markup_typed_by_a_person_or_sent_by_the_bot_is_shown_as_text(browser, web_url):
    chat = Chat(browser, web_url).open()
    page = chat.page
    chat.ask(XSS)
    assert chat.user_texts()[-1] == XSS
    # Bot text is never parsed as HTML either: render a hostile bot message through the real path.
    page.evaluate("""() => window.bhcChat.receive({
        text: '<img src=x onerror=alert(2)> <b>bold</b> [bad](javascript:alert(3)) see https://example.org/info.',
        quick_replies: [{title: '<img src=y onerror=alert(4)>', payload: '/greet'}]})""")
    page.wait_for_timeout(300)
    assert page.locator("#log img").count() == 0 and page.locator("#log b").count() == 0
    hostile = page.locator("#log .msg.bot").last
    assert "<img src=x onerror=alert(2)>" in hostile.text_content()
    links = hostile.locator("a")
    assert links.count() == 1, "only the https URL may become a link"
    assert links.first.get_attribute("href") == "https://example.org/info"
    assert links.first.get_attribute("target") == "_blank"
    assert set(links.first.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert page.locator("#log .option").last.inner_text() == "<img src=y onerror=alert(4)>"
    page.wait_for_timeout(500)
    assert chat.dialogs == [] and chat.errors == []
    chat.close()


def test_red_flag_gets_the_emergency_message_first(browser, web_url):
    """The first reply to a red flag is the emergency guidance."""
    chat = Chat(browser, web_url).open()
    reply = chat.ask("my legs are numb and I can't walk")
    chat.screenshot("widget-1280-red-flag.png")
    assert "911" in reply[0], reply
    chat.close()


def test_talk_to_the_care_team_button_starts_care_team_follow_up(browser, web_url):
    from bot.safety import content as safety_content

    chat = Chat(browser, web_url).open()
    before = len(chat.bot_texts())
    chat.page.get_by_role("button", name="Talk to the care team").click()
    chat.wait_for_bot(before)
    chat.page.wait_for_timeout(700)
    assert chat.user_texts()[-1] == CARE_TEAM_MESSAGE
    expected = safety_content.load().reply("care_team", "request_human")
    assert flat(expected) in flat(" ".join(chat.bot_texts()[before:]))
    chat.close()


def test_keyboard_and_screen_reader_basics(browser, web_url, content):
    chat = Chat(browser, web_url).open()
    page = chat.page
    log = page.locator("#log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    assert page.get_by_label("Your question").count() == 1  # the input has a label
    assert page.get_by_role("button", name="Send").count() == 1  # so does the send button
    assert page.locator("#typing").get_attribute("role") == "status"
    # Every message says who speaks, for screen readers.
    assert chat.page.locator("#log .msg.bot").first.text_content().startswith("Assistant: ")

    # Focus order with Tab: header controls, the conversation and its buttons, then the composer.
    order = []
    page.locator("body").focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate("""() => { const e = document.activeElement;
            return e.id || e.className || e.tagName; }""")
        )
    for earlier, later in [
        ("emergency-link", "log"),
        ("log", "option"),
        ("option", "message"),
        ("message", "send"),
        ("send", "care-team"),
    ]:
        assert order.index(earlier) < order.index(later), order

    # Keyboard only: type and Enter, then Enter on a topic button.
    page.focus("#message")
    page.keyboard.type("what is ONJ?")
    before = len(chat.bot_texts())
    page.keyboard.press("Enter")
    chat.wait_for_bot(before)
    page.locator("#log .option").last.focus()
    before = len(chat.bot_texts())
    page.keyboard.press("Enter")
    chat.wait_for_bot(before)
    assert len(chat.user_texts()) == 2
    chat.close()


CONTRAST_JS = """() => {
  const lum = (c) => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
  const background = (el) => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
                                 if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const out = {};
  for (const sel of ['.top h1', '.notice', '.emergency', '.emergency a', '#log .msg.bot', '#log .msg.source',
                     '#log .msg.user', '#log .option', '.composer-label', '#message', '#send', '#care-team', '#new-conversation']) {
    const el = document.querySelector(sel); if (!el) { out[sel] = null; continue; }
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    out[sel] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  return out;
}"""


def test_text_contrast_meets_wcag_aa(browser, web_url):
    chat = Chat(browser, web_url).open()
    chat.ask("what is osteonecrosis of the jaw?")
    ratios = chat.page.evaluate(CONTRAST_JS)
    assert all(r is not None for r in ratios.values()), ratios
    low = {k: round(v, 2) for k, v in ratios.items() if v < 4.5}
    assert not low, f"below WCAG AA 4.5:1: {low}"
    chat.close()


def test_new_conversation_starts_a_new_session(browser, web_url):
    chat = Chat(browser, web_url).open()
    page = chat.page
    chat.ask("what is Xgeva?")
    first = page.evaluate("localStorage.getItem('bhc.session.v1')")
    page.get_by_role("button", name="Clear chat").click()
    chat.wait_for_bot(0)
    assert page.evaluate("localStorage.getItem('bhc.session.v1')") != first
    assert chat.user_texts() == [] and "not medical advice" in chat.bot_texts()[0]
    chat.close()


def test_switching_to_spanish_answers_in_spanish_and_a_red_flag_gets_the_emergency_line_first(
    browser, web_url, content
):
    """Issue 12, "Done when": the English / Español button, a Spanish answer, a Spanish red flag."""
    chat = Chat(browser, web_url, PHONE).open()
    page = chat.page
    assert page.evaluate("document.documentElement.lang") == "en"
    switch = page.get_by_role("button", name=re.compile("Cambiar a español"))
    switch.focus()
    before = len(chat.bot_texts())
    page.keyboard.press("Enter")  # keyboard only
    chat.wait_for_bot(before)
    page.wait_for_timeout(500)

    # Every widget text in Spanish, <html lang="es">, a Spanish greeting with Spanish topic buttons.
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.get_by_label("Su pregunta").count() == 1
    assert page.get_by_role("button", name="Enviar").count() == 1
    assert page.get_by_role("button", name="Hablar con el equipo de atención").is_visible()
    assert page.get_by_role("button", name=re.compile("Switch to English")).count() == 1
    assert page.get_attribute("#message", "placeholder") == "Por ejemplo: ¿qué es el Xgeva?"
    assert flat(page.inner_text(".emergency")) == "¿Emergencia? Llame al 911 ahora."
    greeting = chat.bot_texts()[-1]
    assert greeting.startswith("Hola") and "no es consejo médico" in greeting
    titles = page.locator("#log .options").last.locator(".option").all_inner_texts()
    assert content.title(content.topics["denosumab_what"], "es") in titles

    # A Spanish FAQ question: the Spanish answer, the message marked lang="es".
    reply = chat.ask("¿qué es el Xgeva?")
    topic = content.topics["denosumab_what"]
    assert flat(content.render_spanish(topic)) in flat(" ".join(reply))
    assert page.locator("#log .msg.bot").last.get_attribute("lang") == "es"
    assert page.locator("#log .msg.user").last.get_attribute("lang") == "es"
    follow_ups = page.locator("#log .options").last.locator(".option").all_inner_texts()
    assert follow_ups == [content.title(content.topics[r], "es") for r in topic.related]

    # A short question that only the choice makes Spanish: answered in Spanish too.
    reply = chat.ask("y el zometa?")
    assert "Información educativa" in " ".join(reply) or "¿Quiso decir" in " ".join(reply), reply

    # A Spanish red flag: the emergency line first, in Spanish.
    reply = chat.ask("no puedo mover las piernas y tengo metástasis en la columna")
    chat.screenshot("widget-360-spanish-red-flag.png")
    assert reply[0].startswith("Por favor, llame al 911"), reply

    # Remembered: a reload keeps Spanish; the button switches back to English.
    page.reload()
    page.locator("#log .msg.bot").nth(2).wait_for()
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.evaluate("localStorage.getItem('bhc.language.v1')") == "es"
    before = len(chat.bot_texts())
    page.get_by_role("button", name=re.compile("Switch to English")).click()
    chat.wait_for_bot(before)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert chat.bot_texts()[-1].startswith("Hi, I'm Bone Health Companion")
    reply = chat.ask("what is Xgeva?")
    assert flat(topic.answer) in flat(" ".join(reply))
    assert chat.errors == []
    chat.close()


# The connection drops right after a question is sent: before it reached the server ("lost"), or after the server got
# it but before its reply came back ("answered_while_away"). Either way the widget sends it again with the same id once
# the session is confirmed on the new connection, and the person sees the answer once (bot/serve/idempotency.py).
DROP_AFTER_SEND = {
    "lost": """() => { const s = window.bhcChat.socket.socket; const emit = s.emit.bind(s); let armed = true;
                       s.emit = (event, ...args) => {
                         if (armed && event === 'user_uttered') { armed = false; s.io.engine.close(); return s; }
                         return emit(event, ...args); }; }""",
    "answered_while_away": """() => { const s = window.bhcChat.socket.socket; const emit = s.emit.bind(s);
                       let armed = true;
                       s.emit = (event, ...args) => { const result = emit(event, ...args);
                         if (armed && event === 'user_uttered') { armed = false; s.io.engine.close(); }
                         return result; }; }""",
}


@pytest.mark.parametrize("drop", sorted(DROP_AFTER_SEND))
def test_a_question_sent_as_the_connection_drops_is_answered_once(browser, web_url, content, drop):
    chat = Chat(browser, web_url).open()
    page = chat.page
    page.wait_for_timeout(500)
    page.evaluate(DROP_AFTER_SEND[drop])
    reply = chat.ask("what is Xgeva?")
    page.wait_for_timeout(1500)  # a second copy of the answer would arrive by now
    answer = flat(content.topics["denosumab_what"].answer)
    texts = [flat(t) for t in chat.bot_texts()]
    assert answer in flat(" ".join(reply))
    assert sum(answer in t for t in texts) == 1, texts
    assert chat.user_texts() == ["what is Xgeva?"]
    assert chat.errors == []
    chat.close()
