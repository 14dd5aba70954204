"""Follow-ups that carry the topic (bot/dialogue/followup.py): hand-made parses for the choice, the trained
model for what NLU marks as a follow-up and for the classifier-only triage floor (bot/nlu/safety_net.py)."""

from __future__ import annotations

import asyncio

import pytest

from bot.dialogue import followup, turn
from bot.names import CLASSIFIER_RANKING_KEY, ROUTE_KEY


def parse(text: str, intent: str = "drug_followup", route: str = "", ranking=(), selectors=None):
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    if route:
        area, topic = route.split("/")
        message[ROUTE_KEY] = {"retrieval_intent": area, "topic": topic}
    message[CLASSIFIER_RANKING_KEY] = [{"name": n, "confidence": c} for n, c in ranking]
    message["response_selector"] = selectors or {}
    return message


def shown(content, message, last: str) -> str:
    return turn.decide(message, content, remembered_topic=last).label


@pytest.mark.unit
@pytest.mark.parametrize(
    "text",
    ["can you say that more simply", "explain it in plainer words please", "say that again but simpler"],
)
def test_asking_for_it_more_simply_shows_the_last_answer_again(content, text):
    assert shown(content, parse(text), "spinal_cord_compression_info") == "faq_warning/spinal_cord_compression_info"


@pytest.mark.unit
@pytest.mark.parametrize(
    "text",
    [
        "the doctor said stage 4 with spread to the bone, what is that in simple words",
        "hypercalcaemia, what does it mean in plain english",
        "osteolytic in simple words",
    ],
)
def test_a_message_that_names_a_subject_beside_simple_words_has_its_own_subject(text):
    assert followup.names_own_subject(text)
    assert not followup.names_own_subject("can you say that more simply")


@pytest.mark.unit
def test_a_long_wish_to_hear_it_again_with_no_subject_is_a_restate():
    assert followup.is_restate("sorry i really did not understand that, could you say it again in easier words")


@pytest.mark.unit
def test_an_aspect_asked_after_a_drug_answer_gets_that_drugs_answer_for_the_aspect(content):
    assert shown(content, parse("what are the side effects"), "zoledronic_acid") == (
        "faq_side_effects/bisphosphonate_side_effects"
    )


@pytest.mark.unit
def test_an_aspect_asked_about_it_gets_the_answer_for_that_aspect_next_to_the_last(content):
    assert shown(content, parse("what are the side effects of it"), "radiation_for_pain") == (
        "faq_treatment/radiation_side_effects"
    )
    assert shown(content, parse("how can i make that less likely"), "onj_what") == "faq_jaw/onj_prevention"


@pytest.mark.unit
def test_another_subject_for_the_same_question_keeps_the_last_aspect(content):
    message = parse("and for chemo?", route="faq_treatment/chemotherapy")
    assert shown(content, message, "hormone_therapy_side_effects") == "faq_treatment/chemo_side_effects"
    # Without a conversation the classifier's own answer stands.
    assert turn.decide(message, content).label == "faq_treatment/chemotherapy"


@pytest.mark.unit
def test_a_classifier_with_no_opinion_leaves_the_last_subject(content):
    ranking = [("out_of_scope", 0.99), ("faq_side_effects", 0.004)]
    selectors = {
        "faq_side_effects": {"ranking": [{"intent_response_key": "faq_side_effects/low_calcium", "confidence": 1}]}
    }
    message = parse("what causes it", ranking=ranking, selectors=selectors)
    assert shown(content, message, "high_calcium_info") == "faq_warning/high_calcium_info"


@pytest.mark.unit
def test_only_short_messages_without_a_subject_of_their_own_point_back(content):
    known = followup.content_words(content)
    assert followup.points_back("how do I lower that risk", known)
    assert followup.points_back("how often do i need one", known)
    assert not followup.points_back("my cat keeps scratching the sofa, how do I stop it", known)
    assert not followup.points_back("what time is it in london", known)


def _parse(agent, text):
    return asyncio.run(agent.parse_message(text))


def test_nlu_marks_a_subjectless_pointing_back_question_as_a_follow_up_but_not_an_off_topic_one(agent):
    assert _parse(agent, "what helps with that")["intent"]["name"] == "drug_followup"
    assert _parse(agent, "can you put that more simply")["intent"]["name"] == "drug_followup"
    assert _parse(agent, "will it rain in london this weekend")["intent"]["name"] != "drug_followup"


def test_an_unsure_classifier_alone_does_not_send_a_general_question_to_triage(agent):
    message = _parse(agent, "my aunt's doctor talked about radiating the sore spot in her hip, how does that help")
    assert message["intent"]["name"] not in ("report_urgent", "ask_personal", "request_human")
    # A report the patterns know still escalates, whatever the classifier thinks.
    assert _parse(agent, "my mom can't feel her legs since this morning")["intent"]["name"] == "report_emergency"
