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


@pytest.mark.unit
def test_a_word_nobody_in_the_content_uses_is_allowed_only_beside_an_aspect_and_never_as_a_switch(content):
    known = followup.content_words(content)
    assert followup.points_back("how many days does the fluey bit usually go on", known)
    assert not followup.points_back("and xarelto? my dad takes that for his heart", known)


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, last, expected",
    [
        # the last answer's own text gives the figure: it stays
        ("is that common", "atypical_femur_fracture", "faq_side_effects/atypical_femur_fracture"),
        (
            "how many days does the fluey bit usually go on",
            "acute_phase_reaction",
            "faq_side_effects/acute_phase_reaction",
        ),
        # no figure in it: the related answer whose title asks it, one or two steps away
        ("does that happen to a lot of people?", "onj_what", "faq_jaw/onj_how_common"),
        ("how long will she stay on it", "every_12_vs_4_weeks", "faq_bma/treatment_duration"),
        (
            "anything i can do at home so that doesn't happen",
            "bone_loss_from_treatment",
            "faq_bonehealth/bone_healthy_habits",
        ),
        ("anything she can do so she doesnt get it", "onj_what", "faq_jaw/onj_prevention"),
        # a why-question asks about the last answer itself
        ("how come stopping it causes that", "stopping_denosumab", "faq_bma/stopping_denosumab"),
        ("why though, whats the reason", "calcium_vitamin_d", "faq_bma/calcium_vitamin_d"),
    ],
)
def test_a_follow_up_kind_resolves_against_the_last_answer_and_its_neighbours(content, text, last, expected):
    assert shown(content, parse(text), last) == expected


@pytest.mark.unit
def test_among_neighbours_whose_title_asks_it_the_classifier_picks(content):
    ranking = [("out_of_scope", 0.9), ("faq_side_effects", 0.05), ("faq_jaw", 0.05)]
    selectors = {
        "faq_side_effects": {
            "ranking": [{"intent_response_key": "faq_side_effects/side_effect_rates", "confidence": 0.5}]
        },
        "faq_jaw": {"ranking": [{"intent_response_key": "faq_jaw/onj_how_common", "confidence": 0.2}]},
    }
    message = parse("how often do ppl actually get those", ranking=ranking, selectors=selectors)
    assert shown(content, message, "bisphosphonate_side_effects") == "faq_side_effects/side_effect_rates"


@pytest.mark.unit
def test_a_sure_classifier_pick_of_a_new_subject_beats_the_last_answer_for_a_why_question(content):
    ranking = [("faq_treatment", 0.9)]
    selectors = {
        "faq_treatment": {"ranking": [{"intent_response_key": "faq_treatment/one_drug_at_a_time", "confidence": 0.9}]}
    }
    message = parse("why do they give the drugs one at a time", "drug_followup", "faq_treatment/one_drug_at_a_time")
    message[CLASSIFIER_RANKING_KEY] = [{"name": n, "confidence": c} for n, c in ranking]
    message["response_selector"] = selectors
    assert shown(content, message, "treatment_by_subtype") == "faq_treatment/one_drug_at_a_time"


@pytest.mark.unit
@pytest.mark.parametrize(
    "text",
    [
        "sorry thats too technical, can u put it in everyday words",
        "can u explain that last bit like im not a doctor",
        "can you give me that without the jargon",
        "explain that more simply for him please, he's hard of hearing and i'll write it down",
    ],
)
def test_other_ways_of_asking_for_plainer_words_are_a_restate(text):
    assert followup.is_restate(text)


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


@pytest.mark.unit
def test_the_classifiers_care_team_guess_on_a_wish_for_plainer_words_is_not_a_request_for_a_person():
    """Nor its red-flag guess (2026-12-07: with ~1,100 red-flag examples "i didnt follow, put it more simply" was an
    emergency): a wish with no subject of its own reports nothing; the patterns still read every message first."""
    from bot.nlu.safety_net import _restate_wish
    from bot.safety import engine

    assert _restate_wish("simpler please, i'm not medical", "request_human")
    assert _restate_wish("simpler please, i'm not medical", "report_emergency")
    assert _restate_wish("i didnt follow, put it more simply", "report_crisis")
    assert not _restate_wish("hypercalcaemia in plain english", "ask_personal")
    assert not _restate_wish("simpler please, i'm not medical", "faq_jaw")
    assert engine.classify("i want to cut myself, say it simpler").tier == "crisis"


@pytest.mark.unit
def test_a_follow_up_asking_two_aspects_gets_the_answer_whose_title_asks_both(content):
    text = "and the jaw warning on the leaflet, how can he keep that risk down"
    message = parse(text, route="faq_jaw/onj_prevention")
    assert turn.decide(message, content, "zoledronic_acid", None, "kidneys").label == "faq_jaw/onj_prevention"


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, sure, expected",
    [
        # The shape of a follow-up, nothing before it, a subject of its own: the classifier's sure pick.
        ("in everyday words, what are secondary deposits in the ribs", 0.9, "faq_bonemets/bone_mets_what"),
        ("they said it has spread to her bones. what is that in simple words", 0.9, "faq_bonemets/bone_mets_what"),
        # ...an unsure pick, or a bare wish with no subject, still offers topics.
        ("in everyday words, what are secondary deposits in the ribs", 0.3, "out_of_scope"),
        ("can you explain it in plain words", 0.9, "out_of_scope"),
    ],
)
def test_a_follow_up_with_nothing_before_it_is_answered_as_a_question_of_its_own(content, text, sure, expected):
    ranking = [("faq_bonemets", sure), ("out_of_scope", 1 - sure)]
    selectors = {"faq_bonemets": {"ranking": [{"intent_response_key": "faq_bonemets/bone_mets_what", "confidence": 1}]}}
    assert turn.decide(parse(text, ranking=ranking, selectors=selectors), content).label == expected
