"""Follow-ups that NLU reads as something else (bot/dialogue/context.py): another drug for the same question, an
aspect with no subject, an unsure turn that points back, the follow-up kinds the last answer's neighbours answer,
and the classifier's emergency guess on a general follow-up (bot/nlu/safety_net.py)."""

from __future__ import annotations

import asyncio

import pytest

from actions.actions import ActionSuggestTopics
from bot.dialogue import context, followup, turn
from bot.names import CLASSIFIER_RANKING_KEY, ROUTE_KEY
from tests.conftest import load_tracker


def parse(text, intent="drug_followup", route="", drug=None, ranking=(), selected=()):
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    if drug:
        message["entities"].append({"entity": "drug", "value": drug})
    if route:
        area, topic = route.split("/")
        message[ROUTE_KEY] = {"retrieval_intent": area, "topic": topic}
    message[CLASSIFIER_RANKING_KEY] = [{"name": n, "confidence": c} for n, c in ranking]
    areas = {key.split("/")[0] for key, _ in selected}
    message["response_selector"] = {
        area: {"ranking": [{"intent_response_key": k, "confidence": c} for k, c in selected if k.startswith(area)]}
        for area in areas
    }
    return message


@pytest.mark.unit
def test_another_drug_named_for_the_same_question_keeps_the_last_answers_aspect(content):
    message = parse("is xgeva any easier on them", route="faq_bma/denosumab_what", drug="denosumab")
    # the slots already hold this message's drug and the overview aspect NLU gave it when the action runs
    decision = turn.decide(message, content, "denosumab", "overview", "kidneys")
    assert decision.label == "faq_side_effects/kidneys"
    assert decision.drug == "denosumab"


@pytest.mark.unit
@pytest.mark.parametrize(
    "text,last,drug,expected",
    [
        ("and how does zometa stack up, is it better", "pamidronate", "zoledronic_acid", "zoledronic_vs_pamidronate"),
        ("is xgeva any different to that", "zoledronic_acid", "denosumab", "denosumab_vs_zoledronic"),
        (
            "would switching her to zometa be better or worse",
            "denosumab_what",
            "zoledronic_acid",
            "denosumab_vs_zoledronic",
        ),
    ],
)
def test_the_last_drug_compared_with_a_named_one_gets_the_answer_comparing_them(content, text, last, drug, expected):
    message = parse(text, route="faq_bma/zoledronic_acid", drug=drug)
    assert turn.decide(message, content, drug, "overview", last).label == f"faq_bma/{expected}"


@pytest.mark.unit
def test_a_comparison_with_an_aspect_or_no_answer_comparing_the_two_is_not_a_comparison_follow_up(content):
    message = parse("is xgeva better for the kidneys", route="faq_bma/denosumab_what", drug="denosumab")
    assert turn.decide(message, content, "denosumab", "overview", "zoledronic_acid").label != (
        "faq_bma/denosumab_vs_zoledronic"
    )
    message = parse("is ibandronate better", route="faq_bma/ibandronate", drug="ibandronate")
    assert turn.decide(message, content, "ibandronate", "overview", "pamidronate").label == "faq_bma/ibandronate"


@pytest.mark.unit
def test_a_drug_named_with_a_question_of_its_own_is_not_the_last_question_again(content):
    assert not context.keeps_last_aspect("what are the side effects of xgeva")
    message = parse("what is xgeva", route="faq_bma/denosumab_what", drug="denosumab")
    assert turn.decide(message, content, "denosumab", "overview", "kidneys").label == "faq_bma/denosumab_what"


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, expected",
    [
        ("side effects to expect?", True),
        ("and how often?", True),
        ("what are the side effects of radiation", False),
        ("is the jaw thing common?", False),  # the jaw is a subject of its own
        ("hello there", False),
    ],
)
def test_an_aspect_alone_has_no_subject_of_its_own(text, expected):
    assert context.asks_only_an_aspect(text) is expected


@pytest.mark.unit
def test_an_aspect_with_no_subject_asks_it_of_the_last_answers_drug(content):
    message = parse("side effects to expect?", route="faq_treatment/radiation_side_effects")
    decision = turn.decide(message, content, "denosumab", "overview", "denosumab_what")
    assert decision.label == "faq_side_effects/denosumab_side_effects"


@pytest.mark.unit
def test_an_unsure_turn_that_points_back_answers_from_the_last_answer_and_only_then(content):
    message = parse("right so how would she cut down her chances of it", intent="nlu_fallback")
    assert turn.decide(message, content, None, None, "onj_how_common").label == "faq_jaw/onj_prevention"
    assert turn.decide(message, content).kind == "none"
    assert turn.decide(parse("what is the weather", intent="nlu_fallback"), content, None, None, "onj_what").kind == (
        "none"
    )
    # read as off-topic, but pointing back with an aspect: a follow-up too; off-topic with no aspect stays so
    off_topic = parse("and how would that risk be brought down", intent="out_of_scope")
    assert turn.decide(off_topic, content, None, None, "stopping_denosumab").label == "faq_bma/stopping_denosumab"
    assert turn.decide(parse("is that a good film", intent="out_of_scope"), content, None, None, "onj_what").kind == (
        "none"
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, last, expected",
    [
        ("is it always the same bones it goes to or anywhere", "bone_mets_what", "faq_bonemets/bone_mets_where"),
        (
            "what sort of trouble can it cause her down the line",
            "bone_mets_where",
            "faq_bonemets/bone_mets_complications",
        ),
        ("and if it isn't treated?", "bone_mets_complications", "faq_bonemets/untreated_complications"),
        ("what do the doctors do if they stop helping", "bone_markers", "faq_bma/bisphosphonates_stop_working"),
        ("can it be cured", "onj_what", "faq_jaw/onj_treatment"),
        ("is that treatable at all", "onj_warning_signs", "faq_jaw/onj_treatment"),
        ("ok and what should we look out for then", "onj_triggers", "faq_jaw/onj_warning_signs"),
        ("any warning signs?", "onj_prevention", "faq_jaw/onj_warning_signs"),
    ],
)
def test_a_follow_up_kind_goes_to_the_neighbour_whose_title_asks_it(content, text, last, expected):
    assert turn.decide(parse(text), content, None, None, last).label == expected


@pytest.mark.unit
def test_a_sure_pick_with_the_asked_aspect_that_covers_the_last_drug_stands(content):
    message = parse(
        "is the jaw thing common?",
        route="faq_jaw/onj_how_common",
        ranking=[("faq_jaw", 0.99)],
        selected=[("faq_jaw/onj_how_common", 0.93), ("faq_jaw/onj_what", 0.06)],
    )
    decision = turn.decide(message, content, "denosumab", "side_effects", "denosumab_side_effects")
    assert decision.label == "faq_jaw/onj_how_common"


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, general",
    [
        ("anything she can do so she doesnt get it", True),
        ("how do i lower that risk", True),
        ("is that common?", True),
        ("she cant breathe, what can i do about it", False),  # a sign stated first
        ("her back hurts so bad, is that common", False),
        ("what can i do about it", False),  # no wish to keep it from happening: could follow a report
        ("is it common to feel this dizzy", False),
        ("my legs are numb is that common", False),
    ],
)
def test_a_general_follow_up_asks_how_to_avoid_it_or_how_common_it_is_and_states_nothing(content, text, general):
    assert context.general_follow_up(text, followup.content_words(content)) is general


@pytest.mark.unit
def test_the_classifiers_red_flag_guess_alone_is_dropped_on_a_general_follow_up_and_only_there(content):
    from bot.nlu.safety_net import _general_follow_up

    known = followup.content_words(content)
    assert _general_follow_up("anything she can do so she doesnt get it", "report_emergency", known)
    assert _general_follow_up(
        "anything she can do so she doesnt get it", "report_crisis", known
    )  # "cut down" read as self-harm
    assert not _general_follow_up("she cant get up, is that common", "report_emergency", known)


def test_an_unsure_follow_up_after_an_answer_gets_the_answer_not_did_you_mean(content, dispatcher, domain):
    events = ActionSuggestTopics().run(dispatcher, load_tracker("unsure_follow_up_after_onj_how_common"), domain)
    assert dispatcher.messages[0]["text"] == content.render(content.topics["onj_prevention"])
    assert any(e.get("name") == "last_topic" and e.get("value") == "onj_prevention" for e in events)


def test_an_unsure_follow_up_with_no_answer_before_it_gets_did_you_mean(content, dispatcher, domain):
    tracker = load_tracker("unsure_follow_up_after_onj_how_common", events=[])
    ActionSuggestTopics().run(dispatcher, tracker, domain)
    assert "Did you mean" in dispatcher.messages[0]["text"]


def _parse(agent, text):
    return asyncio.run(agent.parse_message(text))


def test_nlu_sends_the_drug_switch_and_the_bare_aspect_to_the_action_and_keeps_red_flags(agent):
    assert _parse(agent, "is xgeva any easier on them")["intent"]["name"] == "drug_followup"
    assert _parse(agent, "anything she can do so she doesnt get it")["intent"]["name"] != "report_emergency"
    assert _parse(agent, "my mum collapsed and she cant get up")["intent"]["name"] == "report_emergency"


def test_a_follow_up_or_a_wish_for_plainer_words_is_never_a_red_flag_on_the_classifiers_guess_alone(agent):
    """With ~1,100 red-flag examples the classifier read "cut down her chances" as a crisis and "put it more simply"
    as an emergency (2026-12-07); a real report in the same shape still escalates through the patterns."""
    for text in ("right so how could she cut down the chances of that", "i didnt get that, say it more simply"):
        assert _parse(agent, text)["intent"]["name"] not in ("report_crisis", "report_emergency"), text
    assert _parse(agent, "i want to cut myself, say it simpler")["intent"]["name"] == "report_crisis"


def test_a_follow_up_in_no_word_of_the_field_still_reaches_the_action_and_an_off_topic_message_does_not(agent):
    """ "and what should we look out for" names nothing of this field, yet asks the last answer's signs: NLU must not
    turn its FAQ guess into out of scope (the action weighs the last answer); "tell me a joke" stays out of scope."""
    assert _parse(agent, "and what signs should we look out for")["intent"]["name"] == "drug_followup"
    assert _parse(agent, "tell me a joke about cats")["intent"]["name"] == "out_of_scope"
