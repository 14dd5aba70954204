"""bot.dialogue.turn.decide: the one decision of what a turn shows, on hand-made parses (no model)."""

from __future__ import annotations

import pytest

from bot.dialogue import turn
from bot.names import ROUTE_KEY, SAFETY_KEY


def parse(intent: str, text: str = "", route: str = "", drug: str = "", **extra):
    entities = [{"entity": "drug", "value": drug}] if drug else []
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities, **extra}
    if route:
        message[ROUTE_KEY] = {"retrieval_intent": "faq_bma", "topic": route}
    return message


def test_a_drug_followup_with_a_remembered_drug_gets_that_drugs_answer(content):
    decision = turn.decide(
        parse("drug_followup", "how often do I get it?", route="zoledronic_acid"), content, remembered_drug="denosumab"
    )
    assert decision.kind == "answer"
    assert decision.drug == "denosumab"
    assert "denosumab" in decision.topic.drugs


def test_without_memory_the_routed_answer_is_shown(content):
    decision = turn.decide(parse("drug_followup", "how often do I get it?", route="zoledronic_acid"), content)
    assert (decision.kind, decision.topic.id) == ("answer", "zoledronic_acid")
    assert decision.label == "faq_bma/zoledronic_acid"


def test_a_drug_name_alone_keeps_the_last_aspect(content):
    decision = turn.decide(parse("inform_drug", "and Xgeva?", drug="denosumab"), content, remembered_aspect="overview")
    assert decision.kind == "answer" and decision.drug == "denosumab"


def test_a_drug_name_alone_with_nothing_known_suggests_topics(content):
    assert turn.decide(parse("inform_drug", "that one?"), content).kind == "suggest"


@pytest.mark.parametrize(
    "intent,tier",
    [
        ("report_emergency", "emergency"),
        ("report_crisis", "crisis"),
        ("report_urgent", "urgent"),
        ("ask_personal", "care_team"),
    ],
)
def test_safety_intents_escalate_with_their_tier(content, intent, tier):
    decision = turn.decide(parse(intent, "words"), content)
    assert (decision.kind, decision.tier, decision.label) == ("escalate", tier, intent)


def test_the_safety_net_category_is_kept(content):
    message = parse(
        "report_emergency",
        "I can't feel my legs",
        **{SAFETY_KEY: {"tier": "emergency", "category": "spinal_cord_compression"}},
    )
    assert turn.decide(message, content).category == "spinal_cord_compression"


@pytest.mark.parametrize("intent", ["out_of_scope", "nlu_fallback", "non_english", "empty_message"])
def test_no_curated_answer_for_what_is_not_understood(content, intent):
    decision = turn.decide(parse(intent, "hello there"), content)
    assert decision.kind == "none" and decision.label == turn.NO_ANSWER


def test_a_topic_button_shows_its_topic(content):
    message = parse("ask_topic", '/ask_topic{"topic": "onj_prevention"}')
    message["entities"] = [{"entity": "topic", "value": "onj_prevention"}]
    assert turn.decide(message, content).topic.id == "onj_prevention"


def test_general_answer_needs_a_sure_selector_unless_the_category_names_one(content):
    unsure = parse(
        "ask_personal",
        "should I stop my zometa",
        route="zoledronic_acid",
        response_selector={"faq_bma": {"response": {"confidence": 0.3}}},
    )
    assert turn.general_answer(unsure, content) is None
    assert turn.general_answer(unsure, content, general_topic="onj_prevention").id == "onj_prevention"
    sure = {**unsure, "response_selector": {"faq_bma": {"response": {"confidence": 0.8}}}}
    assert turn.general_answer(sure, content).id == "zoledronic_acid"
