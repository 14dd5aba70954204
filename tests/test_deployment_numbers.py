"""Deployment numbers (emergency number and wording, crisis line, helpline) are settings read when the
servers start: the model carries `[[markers]]`, Rasa fills them at start (bot/serve/rasa_entry.py),
the action server, the web page's /config.json, the care-team notification and the staff book read
the same settings. The last test restarts nothing by hand: it starts the real servers with
EMERGENCY_NUMBER=112 against the model as trained, and nothing says 911."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List

import pytest
import requests
import yaml

from bot.safety import content as safety_content
from bot.serve import rasa_entry, web
from bot.serve import supervisor as serve
from bot.settings import ROOT
from bot.tickets import notify
from tests.conftest import free_port, start_bot, texts, wait_until

LOCAL = {"EMERGENCY_NUMBER": "112", "CRISIS_LINE": "116 123"}
DEFAULT_NUMBERS = ("911", "988", "1-877-465-6636")
# utter_non_english names the Komen helpline on purpose: it is that service (not the deployment's
# helpline) that speaks Spanish, a fact from content/facts, not a setting.
NOT_SETTINGS = {"utter_non_english"}


def domain_responses() -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def generated_responses(tmp_path) -> Dict[str, Any]:
    safety_content.build(tmp_path)
    return yaml.safe_load((tmp_path / "safety_responses.yml").read_text(encoding="utf-8"))["responses"]


# -- what the model is trained with: markers, not numbers ------------------------------------------


def test_trained_responses_carry_markers_not_numbers(tmp_path):
    settings_keys = set(safety_content.load(env={}).settings)
    responses = {**domain_responses(), **generated_responses(tmp_path)}
    for name, variations in responses.items():
        if name in NOT_SETTINGS:
            continue
        for number in DEFAULT_NUMBERS:
            assert number not in json.dumps(variations, ensure_ascii=False), (name, number)
        assert set(safety_content.markers_in(variations)) <= settings_keys, name
    assert "emergency_number" in safety_content.markers_in(responses["utter_greet"])
    assert "emergency_wording" in safety_content.markers_in(responses["utter_safety_emergency"])
    assert {"crisis_line", "emergency_number"} <= set(safety_content.markers_in(responses["utter_safety_crisis"]))


@pytest.mark.parametrize(
    "env", [{}, LOCAL, {"EMERGENCY_WORDING": "dial 000. Ask for an ambulance", "HELPLINE_NUMBER": "0800 123 456"}]
)
def test_filled_static_replies_are_what_the_action_server_says(env):
    """Rasa's static replies (filled at start) and the action server's rendering agree, for any settings."""
    safety = safety_content.load(env=env)
    marked = safety_content.responses(safety_content.with_markers(safety_content.load(env={})))
    assert safety_content.fill_markers(marked, safety.settings) == safety_content.responses(safety)


def test_markers_survive_rasa_interpolation():
    """Rasa's `{slot}` interpolation (rasa/core/nlg/interpolator.py) leaves `[[markers]]` alone and still
    fills slots next to them."""
    from rasa.core.nlg.interpolator import interpolate_text

    text = "Call [[emergency_number]] now, {care_team_name}."
    assert interpolate_text(text, {"care_team_name": "Ana"}) == "Call [[emergency_number]] now, Ana."


def test_unknown_markers_stay_and_other_text_is_untouched():
    assert (
        safety_content.fill_markers("[[nope]] {slot} [x] 911", {"emergency_number": "112"}) == "[[nope]] {slot} [x] 911"
    )
    nested = {"a": [{"text": "call [[emergency_number]]", "buttons": [{"payload": '/x{{"k":"v"}}'}]}]}
    assert safety_content.fill_markers(nested, {"emergency_number": "112"}) == {
        "a": [{"text": "call 112", "buttons": [{"payload": '/x{{"k":"v"}}'}]}]
    }
    assert nested["a"][0]["text"] == "call [[emergency_number]]"  # a copy: the domain stays as trained


def test_changed_numbers_without_names_get_generic_names():
    safety = safety_content.load(env={"CRISIS_LINE": "116 123", "HELPLINE_NUMBER": "0800 123 456"})
    assert safety.settings["crisis_line_name"] == "crisis line"
    assert safety.settings["helpline_name"] == "helpline"
    assert "988" not in safety.reply("crisis") and "Komen" not in safety.message("unavailable")
    named = safety_content.load(env={"HELPLINE_NUMBER": "0800 1", "HELPLINE_NAME": "City Cancer Line"})
    assert named.settings["helpline_name"] == "City Cancer Line"
    assert safety_content.load(env={}).settings["crisis_line_name"] == "988 Suicide & Crisis Lifeline"


# -- Rasa's responses, filled once at start --------------------------------------------------------


def test_rasa_fills_the_responses_at_start(tmp_path):
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator as Generator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    safety_content.build(tmp_path)
    domain = Domain.load([str(ROOT / "domain.yml"), str(tmp_path / "safety_responses.yml")])
    assert "responses" not in Generator.__dict__  # not patched yet in this process
    try:
        numbers = rasa_entry.install_deployment_numbers(safety_content.load(env=LOCAL).settings)
        assert rasa_entry.install_deployment_numbers({"emergency_number": "999"}) == numbers  # once
        nlg = Generator(domain.responses)
        tracker = DialogueStateTracker.from_events("t", [], slots=domain.slots)

        def say(name: str) -> str:
            return asyncio.run(nlg.generate(name, tracker, "rest"))["text"]

        assert "In an emergency, call 112." in say("utter_greet")
        assert say("utter_safety_emergency").startswith("Please call 112 (or your local emergency number) now.")
        assert "call or text 116 123" in say("utter_safety_crisis") and "988" not in say("utter_safety_crisis")
        nlg.responses = domain.responses  # what Agent.load_model does after loading a model
        assert "call 112" in say("utter_goodbye")
        filled = json.dumps(nlg.responses, ensure_ascii=False)
        assert "[[" not in filled and "911" not in filled
        assert "[[emergency_number]]" in json.dumps(domain.responses)  # the domain stays as trained
    finally:
        for name in ("responses", "_bone_health_numbers"):
            if name in Generator.__dict__:
                delattr(Generator, name)


# -- the other places a number is shown ----------------------------------------------------------


def test_care_team_notification_text_uses_the_settings():
    ticket = {
        "tier": "emergency",
        "reference": "BH-7K3QX9",
        "category": "fracture",
        "created_at": "now",
        "channel": "rest",
        "conversation_id": "c1",
        "contact": None,
        "trigger_message": "x",
    }
    local = safety_content.load(env=LOCAL).settings
    document = json.loads(notify.payload(ticket, notify.EMAIL, "k", local))
    body = notify.email_text(document)
    assert "call 112" in body and "911" not in body
    crisis = notify.tier_line("crisis", local)
    assert "116 123" in crisis and "112" in crisis and "988" not in crisis
    assert "911" in notify.tier_line("emergency", safety_content.load(env={}).settings)  # the default


def test_widget_config_gives_the_numbers(monkeypatch):
    for name, value in {**LOCAL, "HELPLINE_NUMBER": "0800 123 456", "HELPLINE_NAME": "City Line"}.items():
        monkeypatch.setenv(name, value)
    config = web.widget_config("example.org:8080")
    assert config["emergencyNumber"] == "112"
    assert (config["helplineName"], config["helplineNumber"]) == ("City Line", "0800 123 456")


def test_the_page_hard_codes_no_number():
    for path in (ROOT / "web" / "index.html", *sorted((ROOT / "web" / "js").glob("*.js"))):
        text = path.read_text(encoding="utf-8")
        for number in DEFAULT_NUMBERS:
            assert number not in text, (path.name, number)
    assert "your local emergency number" in (ROOT / "web" / "index.html").read_text(encoding="utf-8")


# -- through the real servers ------------------------------------------------------------------


class Receiver(BaseHTTPRequestHandler):
    """The care team's webhook: keeps every notification it receives."""

    received: List[Dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Receiver.received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def without_patterns(page: str) -> str:
    """The book without its red-flag detection patterns (what a person may type, e.g. "call 911",
    shown folded under each tier): the numbers given to callers are everything else."""
    page = re.sub(r'<details class="patterns[^"]*">.*?</details>', "", page, flags=re.S)
    return re.sub(r"<code>.*?</code>", "", page, flags=re.S)


@pytest.mark.model
@pytest.mark.server
def test_a_start_with_emergency_number_112_says_112_everywhere(tmp_path):
    receiver = ThreadingHTTPServer(("127.0.0.1", free_port()), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    Receiver.received = []
    env = {
        **LOCAL,
        "CARE_TEAM_WEBHOOK_URL": f"http://127.0.0.1:{receiver.server_port}/tickets",
        "CARE_TEAM_WEBHOOK_SECRET": "s3cret",
    }
    bot = start_bot(tmp_path, extra_env=env, web=True)
    try:
        # The staff book, built as `python -m bot.serve` and `make run` build it at start.
        subprocess.run(
            serve.reference_build_cmd(bot.settings), cwd=ROOT, env=bot.env, check=True, capture_output=True, timeout=120
        )

        greeting = texts(bot.say("/greet"))
        assert "In an emergency, call 112." in greeting and "911" not in greeting

        red_flag = bot.say("I can't feel my legs")
        assert red_flag[0]["text"].startswith("Please call 112 (or your local emergency number) now."), red_flag
        assert "BH-" in texts(red_flag) and "911" not in texts(red_flag)

        crisis = bot.say("I want to kill myself")
        assert "call or text 116 123" in crisis[0]["text"] and "call 112" in crisis[0]["text"]
        assert "911" not in texts(crisis) and "988" not in texts(crisis)

        web_url = f"http://127.0.0.1:{bot.settings.web_port}"
        config = requests.get(f"{web_url}/config.json", timeout=10).json()
        assert config["emergencyNumber"] == "112"
        assert "911" not in requests.get(f"{web_url}/", timeout=10).text

        book = requests.get(f"{web_url}/reference/", timeout=10).text
        numbers = re.search(r'<dl class="numbers".*?</dl>', book, re.S).group(0)
        assert "112" in numbers and "116 123" in numbers
        assert "call 112 (or your local emergency number) now" in book.lower()
        assert "911" not in without_patterns(book) and "988" not in without_patterns(book)

        # The care team's notification, as the action server sent it to the webhook.
        assert wait_until(lambda: len(Receiver.received) >= 2, timeout=60), Receiver.received
        by_tier = {doc["ticket"]["tier"]: doc for doc in Receiver.received}
        emergency = notify.email_text(by_tier["emergency"])
        assert "call 112" in by_tier["emergency"]["summary"] and "call 112" in emergency
        assert "911" not in emergency and "911" not in json.dumps(Receiver.received)
        assert "116 123" in by_tier["crisis"]["summary"]
    finally:
        bot.supervisor.stop()
        receiver.shutdown()
