"""Reading a turn for the content team (bot/feedback/turns.py) and replying to a vote (actions/feedback.py),
on a tracker saved from the real bot: "what is osteonecrosis of the jaw? my mom Maria Lopez is 61",
the curated answer with its "Was this helpful?" buttons, then the "No" button."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from actions.feedback import ActionFeedback
from bot.feedback import turns
from bot.feedback.store import FeedbackStore
from bot.serve import outcomes
from tests.conftest import TRACKERS, load_tracker

pytestmark = pytest.mark.unit

SAVED = "no_vote_after_onj_answer"


def saved_events():
    return json.loads((TRACKERS / f"{SAVED}.json").read_text())["events"]


def user(text, intent="nlu_fallback", entities=(), channel="rest", **parse):
    return {
        "event": "user",
        "text": text,
        "input_channel": channel,
        "parse_data": {"intent": {"name": intent}, "entities": list(entities), **parse},
    }


def action(name):
    return {"event": "action", "name": name}


def bot(text, *payloads):
    return {"event": "bot", "text": text, "data": {"buttons": [{"title": p, "payload": p} for p in payloads]}}


def with_vote(events, helpful: bool):
    events = copy.deepcopy(events)
    for entity in events[-2]["parse_data"]["entities"]:
        if entity["entity"] == "helpful":
            entity["value"] = helpful
    return events


# -- turns.observe -------------------------------------------------------------------------------


def test_a_no_vote_names_the_topic_and_the_question_it_answered():
    events = [e for e in saved_events() if e["event"] != "user_featurization"]
    observation = turns.observe(events)
    assert observation.vote == ("onj_what", False)
    assert observation.unanswered == (
        "what is osteonecrosis of the jaw? my mom Maria Lopez is 61",
        "not_helpful",
        "onj_what",
    )
    assert (observation.outcome, observation.language, observation.channel) == (None, "en", "rest")


def test_a_yes_vote_keeps_no_question():
    observation = turns.observe(with_vote(saved_events(), True))
    assert observation.vote == ("onj_what", True) and observation.unanswered is None


def test_the_answer_turn_is_counted_as_answered_and_keeps_nothing():
    events = saved_events()
    answer_turn = events[: max(i for i, e in enumerate(events) if e["event"] == "user")]
    observation = turns.observe(answer_turn)
    assert (observation.outcome, observation.vote, observation.unanswered) == ("answered", None, None)


def test_did_you_mean_then_none_of_these():
    question = user("jaw thingy bone drug teeth?")
    offer = bot("Did you mean?", '/ask_topic{"topic":"onj_what"}', "/out_of_scope")
    first = [question, action("action_suggest_topics"), offer, action("action_listen")]
    assert turns.observe(first).unanswered == ("jaw thingy bone drug teeth?", "did_you_mean", None)
    assert turns.observe(first).outcome == "fallback"
    pressed = first + [user("/out_of_scope", intent="out_of_scope"), action("utter_out_of_scope")]
    assert turns.observe(pressed).unanswered == ("jaw thingy bone drug teeth?", "none_of_these", None)
    assert turns.observe(pressed).outcome is None  # the decline itself is not a second fallback
    typed = first + [user("out of scope", intent="out_of_scope")]
    assert turns.observe(typed).unanswered is None


def test_short_replies_and_buttons_are_not_questions():
    for intent, text in (("affirm", "yes"), ("give_details", "Maria"), ("ask_topic", '/ask_topic{"topic":"x"}')):
        observation = turns.observe([user(text, intent=intent), action("action_suggest_topics")])
        assert observation.outcome == "fallback" and observation.unanswered is None


def test_red_flags_and_the_care_team_count_as_escalated():
    for step in ("utter_safety_emergency", "action_offer_care_team"):
        assert turns.observe([user("I can't feel my legs", intent="report_emergency"), action(step)]).outcome == (
            "escalated"
        )
    assert turns.observe([user("hi", intent="greet"), action("utter_greet")]).outcome is None


def test_a_vote_without_its_entities_or_with_a_bad_value_is_no_vote():
    assert turns.observe([user("feedback helpful false", intent="feedback")]).vote is None
    bad = [{"entity": "helpful", "value": "maybe"}, {"entity": "topic", "value": "onj_what"}]
    assert turns.observe([user("/feedback", intent="feedback", entities=bad)]).vote is None
    text = [{"entity": "helpful", "value": "false"}, {"entity": "topic", "value": "onj_what"}]
    assert turns.observe([user("/feedback", intent="feedback", entities=text)]).vote == ("onj_what", False)


def test_language_from_the_message_the_choice_or_the_slot():
    spanish = user("¿qué es?", entities=[{"entity": "language", "value": "es"}])
    assert turns.observe([spanish]).language == "es"
    chosen = {**user("hola"), "metadata": {"language": "es"}}
    assert turns.observe([chosen]).language == "es"
    assert turns.observe([{"event": "slot", "name": "language", "value": "es"}, user("/feedback")]).language == "es"


# -- what the Rasa-side recorder writes -----------------------------------------------------------


def test_record_writes_counts_always_and_the_scrubbed_text_only_with_capture(tmp_path):
    store = FeedbackStore(f"sqlite:///{tmp_path / 'feedback.db'}")
    observation = turns.observe(saved_events())
    day = dt.date(2026, 12, 6)
    outcomes.record(store, observation, capture=False, day=day)
    assert store.helpfulness_by_topic() == [("onj_what", 0, 1)] and store.unanswered() == []
    outcomes.record(store, observation, capture=True, day=day)
    [row] = store.unanswered()
    assert row.text == "what is osteonecrosis of the jaw? my mom [NAME] is [NUMBER]"
    assert (row.reason, row.topic, row.day) == ("not_helpful", "onj_what", day)
    store.dispose()


# -- actions/feedback.py on the saved tracker -------------------------------------------------------


def test_a_no_offers_other_answers_and_the_care_team_never_the_same_answer(dispatcher, domain):
    assert ActionFeedback().run(dispatcher, load_tracker(SAVED), domain) == []
    [message] = dispatcher.messages
    assert message["text"].startswith("Sorry it did not help.")
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[-1] == "/request_human" and message["buttons"][-1]["title"] == "Ask my care team"
    assert len(payloads) >= 2 and all(p.startswith("/ask_topic") for p in payloads[:-1])
    assert '/ask_topic{"topic":"onj_what"}' not in payloads


def test_a_yes_gets_a_short_thanks_and_no_buttons(dispatcher, domain):
    tracker = load_tracker(SAVED, events=with_vote(saved_events(), True))
    ActionFeedback().run(dispatcher, tracker, domain)
    assert [m["text"] for m in dispatcher.messages] == ["Thank you. This helps us improve the answers."]
    assert not dispatcher.messages[0].get("buttons")


def test_a_typed_vote_without_a_topic_gets_the_starter_topics(dispatcher, domain):
    tracker = load_tracker(SAVED, events=saved_events()[:-2] + [user("feedback", intent="feedback")])
    ActionFeedback().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"].startswith("Sorry, I'm not sure I understood.")
