"""The content editors' page through the real web server (bot.serve.web, as `make run` starts it) and
in a real browser (Debian's Chromium driven by Playwright): off without EDITORS_TOKEN, 401 for a
wrong token (counted toward AUTH_FAILURES_PER_ADDRESS), the page for the right one, and what an editor
does there. The store is seeded directly through FeedbackStore in the server's var dir."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from bot.feedback.store import FeedbackStore
from bot.serve import supervisor as serve
from tests.conftest import ARTIFACTS, free_port

pytestmark = pytest.mark.server
TOKEN = "editors-" + uuid.uuid4().hex
NOTES = Path("/work/notes")
FORWARDED = {"X-Forwarded-For": "203.0.113.7"}  # a client address behind the trusted proxy (loopback is exempt)
TODAY = dt.date.today()


def start_web(var: Path, extra: dict):
    settings = serve.Settings.from_env({**os.environ, "WEB_PORT": str(free_port()), "BONE_HEALTH_VAR_DIR": str(var)})
    env = {**serve.child_env(settings), **extra}
    for name in ("EDITORS_TOKEN", "BOT_API_TOKEN"):
        if name not in extra:
            env.pop(name, None)
    supervisor = serve.Supervisor()
    proc = supervisor.start(serve.web_server_cmd(settings), env, var / "web.log")
    base = f"http://127.0.0.1:{settings.web_port}"
    serve.wait_http(base + "/", 30, proc)
    return supervisor, base


def seed(var: Path) -> None:
    store = FeedbackStore(f"sqlite:///{var / 'feedback.db'}")
    for text in ("my jaw hurts after zometa", "jaw pain since the zometa drip", "does zometa cause jaw pain"):
        store.record_unanswered(text, "did_you_mean", "onj_what", "en", "socketio", TODAY)
    store.record_unanswered("can my dog sleep in my bed", "none_of_these", None, "en", "telegram", TODAY)
    store.record_vote("xgeva_what", "en", "socketio", False, TODAY)
    store.record_vote("xgeva_what", "en", "socketio", True, TODAY)
    for kind, count in (("answered", 12), ("fallback", 3), ("escalated", 1)):
        for i in range(count):
            store.record_outcome(kind, "en", "socketio", TODAY - dt.timedelta(days=7 * (i % 2)))
    store.dispose()


@pytest.fixture(scope="module")
def editors_web(tmp_path_factory):
    var = tmp_path_factory.mktemp("editors-var")
    seed(var)
    extra = {
        "EDITORS_TOKEN": TOKEN,
        "TRUSTED_PROXY_HOPS": "1",
        "AUTH_FAILURES_PER_ADDRESS": "3",
        "UNANSWERED_CAPTURE": "true",
    }
    supervisor, base = start_web(var, extra)
    yield base, var
    supervisor.stop()


def test_the_page_is_off_without_a_token(tmp_path):
    supervisor, base = start_web(tmp_path, {})
    try:
        for path in ("/editors/", "/editors/static/editors.js", "/editors/api/summary"):
            assert requests.get(base + path, timeout=10).status_code == 404, path
        assert requests.post(base + "/editors/login", data={"token": "x"}, timeout=10).status_code == 404
    finally:
        supervisor.stop()


def test_wrong_token_is_401_and_counts_toward_the_limit_right_token_is_200(editors_web):
    base, var = editors_web
    page = requests.get(base + "/editors/", timeout=10)
    assert page.status_code == 200 and 'name="token"' in page.text and "zometa" not in page.text
    assert (
        page.headers["Cache-Control"] == "no-store" and "script-src 'self'" in page.headers["Content-Security-Policy"]
    )
    api = requests.get(base + "/editors/api/summary", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert api.status_code == 200 and api.json()["unanswered_groups"][0]["count"] == 3
    bearer = requests.get(base + "/editors/", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert bearer.status_code == 200 and "does zometa cause jaw pain" in bearer.text

    login = requests.post(base + "/editors/login", data={"token": TOKEN}, allow_redirects=False, timeout=10)
    assert login.status_code == 303 and login.headers["Location"] == "/editors/"
    cookie = login.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/editors/" in cookie and TOKEN not in cookie
    session = requests.Session()
    session.cookies.set(*cookie.split(";")[0].split("=", 1))
    assert "Helpfulness by topic" in session.get(base + "/editors/", timeout=60).text

    # Wrong tokens from one address: 401 each (form and bearer), then 429 even for the right token.
    wrong = requests.post(base + "/editors/login", data={"token": "nope"}, headers=FORWARDED, timeout=10)
    assert wrong.status_code == 401 and 'name="token"' in wrong.text and "nope" not in wrong.text
    for _ in range(2):
        bad = requests.get(
            base + "/editors/api/summary", headers={**FORWARDED, "Authorization": "Bearer nope"}, timeout=10
        )
        assert bad.status_code == 401
    refused = requests.get(base + "/editors/", headers={**FORWARDED, "Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert refused.status_code == 429
    other = {"X-Forwarded-For": "203.0.113.8", "Authorization": f"Bearer {TOKEN}"}
    assert requests.get(base + "/editors/api/summary", headers=other, timeout=60).status_code == 200
    # Nothing logs the token.
    assert TOKEN not in "".join(p.read_text(errors="replace") for p in var.glob("*.log"))


def test_editor_logs_in_sees_the_group_and_the_no_vote_and_opens_the_snippet(browser, editors_web):
    base, _ = editors_web
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(  # the browser asks for /favicon.ico on its own (web/ has none): not the page's doing
        "console",
        lambda m: problems.append(f"{m.text} {m.location}")
        if m.type == "error" and "favicon" not in str(m.location)
        else None,
    )
    page.on("requestfailed", lambda request: problems.append(f"failed {request.url}"))
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None,
    )
    page.goto(base + "/editors/")
    page.get_by_label("Editors' token").fill(TOKEN)
    page.keyboard.press("Enter")  # the form works from the keyboard
    group = page.get_by_role("article").filter(has_text="does zometa cause jaw pain")
    expect(group.get_by_role("heading")).to_contain_text("3×", timeout=60_000)  # first load: models and content
    expect(group.get_by_role("listitem")).to_have_count(3)
    dog = page.get_by_role("article").filter(has_text="can my dog sleep in my bed")
    expect(dog).to_contain_text("1×")
    expect(dog.get_by_label("Add these questions as examples to")).to_have_value("")  # no topic guessed
    votes = page.locator("#votes-xgeva_what")
    expect(votes.locator("td.no")).to_have_text("1")
    expect(votes.locator("td.yes")).to_have_text("1")
    expect(page.get_by_role("img", name="Helpfulness votes by topic")).to_be_visible()
    expect(page.get_by_role("img", name="Fallback and escalation rates per week")).to_be_visible()
    expect(page.locator("#review")).to_contain_text("rest only on sources older than 5 years")

    select = group.get_by_label("Add these questions as examples to")
    expect(select).to_have_value("onj_what")  # the topic these questions were offered
    select.select_option("onj_how_common")
    group.get_by_role("button", name="Show YAML snippet").click()
    snippet = group.locator("pre")
    expect(snippet).to_contain_text("      - my jaw hurts after zometa")
    expect(snippet).to_contain_text("content/topics/faq_jaw.yml, topic `- id: onj_how_common`")
    expect(snippet).to_be_focused()
    assert page.url.endswith("/editors/"), "the snippet came in place, without reloading"
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    group.get_by_role("button", name="Copy snippet").click()
    expect(group.get_by_role("status")).to_have_text("Copied.")
    assert "      - does zometa cause jaw pain" in page.evaluate("navigator.clipboard.readText()")
    assert not problems, problems

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "editors.png"), full_page=True)
    if NOTES.is_dir():
        shutil.copy(ARTIFACTS / "editors.png", NOTES / "editors.png")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_label("Editors' token")).to_be_visible()
    context.close()
