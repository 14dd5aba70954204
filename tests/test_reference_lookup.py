"""The live-call lookup: `python -m bot.reference "…"` and GET /reference/lookup, with the trained model.

The held-out questions (tests/data/heldout_faq.yml, never trained on) measure whether the script staff
need is among the three shown. The served lookup is tested end to end: bot.serve.web forwarding to a real
Rasa server whose HTTP API is on behind BOT_API_TOKEN, the staff token checked, the page's own script.
"""

from __future__ import annotations

import copy
import os

import pytest
import requests
import yaml

from bot.reference import book, lookup
from bot.reference.__main__ import main as reference_cli
from bot.serve import supervisor as serve
from tests.conftest import ROOT, free_port
from tests.test_reference import SAFETY_FILE, open_book

HELDOUT = ROOT / "tests" / "data" / "heldout_faq.yml"
TOP3_REQUIRED = 0.98
STAFF_TOKEN = "staff-lookup-token"
BOT_TOKEN = "bot-api-token"


@pytest.fixture(scope="module")
def agent_parser(agent):
    return lookup.AgentParser(lookup.MODEL, agent=agent)  # the session's model, loaded once


def heldout_topic_questions():
    """Every held-out question that has an expected topic (a deterministic, fixed sample: all of them)."""
    questions = yaml.safe_load(HELDOUT.read_text())["questions"]
    return [q for q in questions if q["expected"] != "out_of_scope"]


def test_expected_script_is_in_the_top_three_for_98_percent_of_held_out_questions(agent_parser, content):
    questions = heldout_topic_questions()
    assert len(questions) >= 100
    misses = []
    for question in questions:
        result = lookup.lookup(question["text"], agent_parser, content)
        shown = [m.topic.response_key for m in result.matches]
        assert len(shown) == 3 and len(set(shown)) == 3, question
        assert all(0 <= m.confidence <= 1 for m in result.matches)
        if question["expected"] not in shown:
            misses.append((question["text"], question["expected"], shown))
    rate = 1 - len(misses) / len(questions)
    print(f"\nlookup top-3 on {len(questions)} held-out topic questions: {rate:.1%}")
    assert rate >= TOP3_REQUIRED, f"top-3 {rate:.1%} < {TOP3_REQUIRED:.0%}; misses: {misses}"


def test_cli_prints_three_scripts_with_confidence(agent_parser, content, capsys):
    assert reference_cli(["what is osteonecrosis of the jaw?"], parser=agent_parser) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    assert [line[:4] for line in lines] == ["1. [", "2. [", "3. ["]
    assert "(faq_jaw/onj_what)" in lines[0]
    onj = content.topics["onj_what"]
    assert " ".join(onj.answer.split()[:8]) in " ".join(out.split())
    assert "RED FLAG" not in out


RED_FLAG_TEXT = "my legs went numb and weak today and my back pain is much worse, I can't walk properly"


def test_red_flag_wording_is_flagged_before_the_scripts(agent_parser, content):
    safety = book.load_safety(SAFETY_FILE)
    result = lookup.lookup(RED_FLAG_TEXT, agent_parser, content, safety)
    assert result.red_flag and result.red_flag.tier == "emergency", result.red_flag
    printed = lookup.format_result(result, content, safety)
    assert printed.startswith("!!! RED FLAG (Emergency")
    flag_part = " ".join(printed.split("\n1. [")[0].split())
    assert " ".join(safety.tier("emergency").staff_script.split()[:12]) in flag_part
    # The scripts still follow (the triage override keeps the classifier's ranking for staff).
    assert len(result.matches) == 3 and printed.index("RED FLAG") < printed.index("\n1. [")


def test_both_guards_flag_on_their_own(agent_parser, content):
    safety = book.load_safety(SAFETY_FILE)
    # The deterministic rules (bot.safety.engine) flag the caller's own words without the model.
    hit = lookup.rules_red_flag(RED_FLAG_TEXT)
    assert hit and hit.tier == "emergency" and hit.detector == "rules"
    # The model's view alone: SafetyNet's decision in the parse, or a safety intent in the ranking.
    parse = agent_parser(RED_FLAG_TEXT)
    assert lookup.model_red_flag(parse, safety).tier == "emergency"
    benign = agent_parser("what is osteonecrosis of the jaw?")
    assert lookup.model_red_flag(benign, safety) is None
    with_intent = copy.deepcopy(benign)
    with_intent["intent_ranking"] = [{"name": "report_crisis", "confidence": 0.9}] + with_intent["intent_ranking"]
    assert lookup.model_red_flag(with_intent, safety).tier == "crisis"


def test_a_personal_question_is_marked_for_the_care_team_not_as_a_red_flag(agent_parser, content):
    safety = book.load_safety(SAFETY_FILE)
    result = lookup.lookup("should I stop my Zometa before my tooth is pulled?", agent_parser, content, safety)
    assert result.red_flag and result.red_flag.tier == "care_team", result.red_flag
    printed = lookup.format_result(result, content, safety)
    assert printed.startswith("!! FOR THE CARE TEAM") and "RED FLAG" not in printed
    assert any(m.topic.retrieval_intent == "faq_jaw" for m in result.matches)


# -- the served lookup -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Rasa (HTTP API on, BOT_API_TOKEN) and bot.serve.web (STAFF_API_TOKEN), started as `make run` does."""
    var = tmp_path_factory.mktemp("lookup-var")
    book.build(var / "reference")
    env_in = {
        **os.environ,
        "BOT_PORT": str(free_port()),
        "WEB_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "BONE_HEALTH_VAR_DIR": str(var),
        "BOT_API_TOKEN": BOT_TOKEN,
    }
    settings = serve.Settings.from_env(env_in)
    env = {
        **serve.child_env(settings),
        "BOT_PORT": str(settings.bot_port),
        "BOT_API_TOKEN": BOT_TOKEN,
        "STAFF_API_TOKEN": STAFF_TOKEN,
    }
    supervisor = serve.Supervisor()
    try:
        rasa = supervisor.start(serve.rasa_server_cmd(settings), env, var / "rasa.log")
        web = supervisor.start(serve.web_server_cmd(settings), env, var / "web.log")
        serve.wait_http(f"http://127.0.0.1:{settings.web_port}/", 60, web)
        serve.wait_http(f"http://127.0.0.1:{settings.bot_port}/", 600, rasa)
        yield f"http://127.0.0.1:{settings.web_port}", f"http://127.0.0.1:{settings.bot_port}"
    finally:
        supervisor.stop()


def test_served_lookup_needs_the_staff_token_and_answers_like_the_cli(served, content):
    web, bot = served
    url = f"{web}/reference/lookup"
    question = {"q": "what is osteonecrosis of the jaw?"}
    assert requests.get(url, params=question, timeout=30).status_code == 401
    assert requests.get(url, params=question, timeout=30, headers={"Authorization": "Bearer x"}).status_code == 401
    response = requests.get(url, params=question, timeout=60, headers={"Authorization": f"Bearer {STAFF_TOKEN}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [m["topic"] for m in body["matches"]][0] == "faq_jaw/onj_what"
    assert len(body["matches"]) == 3
    assert body["matches"][0]["script"] == content.render(content.topics["onj_what"])
    assert body["red_flag"] is None
    # The Rasa API the lookup forwards to stays closed without its own token.
    assert requests.post(f"{bot}/model/parse", json={"text": "jaw"}, timeout=30).status_code in (401, 403)


def test_staff_look_up_a_question_on_the_served_page(served, browser):
    web, _ = served
    page, problems = open_book(browser, f"{web}/reference/", origin=web)
    assert page.locator("#lookup").is_visible()
    page.get_by_label("The caller's words").fill("can I see a dentist while on xgeva")
    page.get_by_label("Staff token").fill(STAFF_TOKEN)
    page.get_by_role("button", name="Find scripts").click()
    page.wait_for_selector("#lookup-results .result", timeout=60_000)
    titles = page.locator("#lookup-results .result h3 a").all_inner_texts()
    assert len(titles) == 3 and titles[0].startswith("1. ")
    assert any("dental" in t.lower() for t in titles), titles
    assert not problems, problems
    page.get_by_label("Staff token").fill("wrong")
    page.get_by_role("button", name="Find scripts").click()
    # A locator wait runs in Playwright's own isolated world: wait_for_function would evaluate a string in
    # the page, which the book's CSP (no 'unsafe-eval') refuses whenever the answer is not there at once.
    page.locator("#lookup-results", has_text="token").wait_for(timeout=30_000)
    assert not page.locator("#lookup-results .result").count()
    assert all("401" in p for p in problems), problems  # the browser's own note of the refused request
