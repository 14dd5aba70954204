"""The person's language choice (issue 12): the widget's English / Español button and a messaging
channel's "español" word reach the NLU as message metadata, bounded by the channels; the replies of
the answer dialogue follow it (content/replies.yml)."""

from __future__ import annotations

import re
from typing import Dict

import pytest
import textstat

from actions.actions import ActionAnswerFaq, ActionSuggestTopics, reply_language
from bot.channels.socketio import widget_metadata
from bot.content import replies
from bot.nlu import language_choice
from tests.conftest import load_tracker


@pytest.mark.unit
@pytest.mark.parametrize(
    "raw, expected",
    [
        ({"language": "es"}, {"language": "es"}),
        ({"language": "en", "bhc_client": "forged", "x": 1}, {"language": "en"}),
        ({"language": "fr"}, {}),
        ({"language": ["es"]}, {}),
        ('{"language": "es"}', {}),  # a JSON string is not what the widget sends
        (None, {}),
        ({"language": "es", "message_id": "web-1f3a9c2e"}, {"language": "es", "message_id": "web-1f3a9c2e"}),
        ({"message_id": "<script>alert(1)</script>"}, {}),
    ],
)
def test_the_widget_may_only_say_which_language_it_chose(raw, expected):
    assert widget_metadata(raw) == expected


@pytest.mark.unit
def test_the_chosen_language_is_read_from_the_message_metadata():
    assert language_choice.chosen({"metadata": {"language": "es"}}) == "es"
    assert language_choice.chosen({"metadata": {"language": "de"}}) is None
    assert language_choice.chosen({"metadata": None}) is None
    assert language_choice.chosen({}) is None


@pytest.mark.unit
def test_the_reply_language_is_the_message_language_or_the_choice():
    assert reply_language({"entities": [{"entity": "language", "value": "es"}]}) == "es"
    assert reply_language({"text": "/ask_topic", "metadata": {"language": "es"}}) == "es"  # a button
    assert reply_language({"entities": [{"entity": "language", "value": "other"}]}) == "en"
    assert reply_language({"metadata": {"language": "en"}}) == "en"


@pytest.mark.unit
def test_spanish_dialogue_replies_are_plain_spanish_and_filled_in():
    values = {"helpline_name": "línea de ayuda", "helpline_number": "1-877-465-6636", "drug": "Xgeva"}
    textstat.set_lang("es")
    try:
        for key in ("did_you_mean", "rephrase", "no_checked_answer"):
            text = replies.text(key, "es", aspect=replies.aspect_name("jaw", "es"), **values)
            assert "{" not in text, text
            assert textstat.fernandez_huerta(text) >= 70, (key, text)
    finally:
        textstat.set_lang("en_US")
    assert replies.text("none_of_these", "es") == "Ninguno de estos"


def _with_metadata(name: str, language: str):
    tracker = load_tracker(name)
    tracker.latest_message = {**tracker.latest_message, "metadata": {"language": language}}
    return tracker


@pytest.mark.unit
def test_a_topic_button_in_a_spanish_conversation_is_answered_in_spanish(content, dispatcher, domain):
    ActionAnswerFaq().run(dispatcher, _with_metadata("topic_button_onj_prevention", "es"), domain)
    topic = content.topics["onj_prevention"]
    message = dispatcher.messages[0]
    assert message["text"] == content.render_spanish(topic)
    related = [content.title(content.topics[r], "es") for r in topic.related]
    assert [b["title"] for b in message["buttons"]] == related + ["Sí, me ayudó", "No me ayudó"]


@pytest.mark.unit
def test_did_you_mean_in_spanish_has_spanish_titles(content, dispatcher, domain):
    ActionSuggestTopics().run(dispatcher, _with_metadata("low_confidence_jaw", "es"), domain)
    message = dispatcher.messages[0]
    assert message["text"] == replies.text("did_you_mean", "es")
    assert message["buttons"][0]["title"] == content.title(content.topics["onj_what"], "es")
    assert message["buttons"][-1] == {"title": "Ninguno de estos", "payload": '/out_of_scope{"language": "es"}'}


@pytest.mark.unit
def test_no_checked_answer_in_spanish(content, dispatcher, domain):
    ActionAnswerFaq().run(dispatcher, _with_metadata("what_about_unknown_aspect", "es"), domain)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Para ") and "no tengo una respuesta revisada" in text and "hablan español" in text


# -- the whole NLU pipeline with the metadata as the channels pass it -------------------------------


@pytest.fixture(scope="module")
def parse(agent):
    from rasa.core.channels.channel import UserMessage
    from rasa.shared.core.trackers import DialogueStateTracker

    def run(text: str, language=None):
        message = UserMessage(text, metadata={"language": language} if language else {})
        tracker = DialogueStateTracker("language-choice", agent.domain.slots)
        return agent.processor._parse_message_with_graph(message, tracker)

    return run


def language_of(parsed) -> list:
    return [e["value"] for e in parsed["entities"] if e["entity"] == "language"]


def test_chose_spanish_reads_a_short_or_english_looking_question_as_spanish(parse):
    for text in ("y el xgeva?", "what is xgeva"):
        chosen, unchosen = parse(text, "es"), parse(text)
        # a drug turn (the drug alone, or a follow-up): action_answer_faq answers it in the chosen language
        assert chosen["intent"]["name"] in {"drug_followup", "inform_drug"} and language_of(chosen) == ["es"], text
        assert language_of(unchosen) == [], text  # without the choice: read as English, as before


def test_chose_english_still_answers_a_spanish_question_in_spanish(parse):
    parsed = parse("¿qué es el Xgeva?", "en")
    assert parsed["intent"]["name"] == "drug_followup" and language_of(parsed) == ["es"]


def test_a_red_flag_is_triaged_whatever_the_choice_and_replied_in_the_chosen_language(parse):
    english = parse("my legs are numb and I can't walk", "es")
    assert english["intent"]["name"] == "report_emergency"
    assert english["bone_health_safety"]["language"] == "es"
    spanish = parse("no puedo mover las piernas y tengo metástasis en la columna", "en")
    assert spanish["intent"]["name"] == "report_emergency" and language_of(spanish) == ["es"]


def test_the_spanish_widget_care_team_button_text_reaches_the_care_team(parse):
    source = open("web/js/i18n.js", encoding="utf-8").read()
    text = re.findall(r'careTeamMessage: "([^"]+)"', source)[1]  # the Spanish one
    parsed = parse(text, "es")
    assert parsed["intent"]["name"] == "request_human" and language_of(parsed) == ["es"]


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, expected",
    [
        ("español", "es"),
        ("Espanol!", "es"),
        ("SPANISH", "es"),
        (" english ", "en"),
        ("Inglés", "en"),
        ("hablo español", None),
        ("/greet", None),
        ("", None),
    ],
)
def test_a_language_word_alone_switches(text, expected):
    from bot.channels.language import switch_word

    assert switch_word(text) == expected


@pytest.mark.unit
def test_a_channel_remembers_the_choice_per_sender_and_bounds_its_memory():
    """Without a tracker store (or when it fails), this process's memory keeps the choice."""
    import asyncio

    from bot.channels.language import LanguageChoices

    choices = LanguageChoices(size=2)

    def message(channel, sender, text):
        return asyncio.run(choices.message(channel, sender, text))

    assert message("telegram", "1", "hola") == ("hola", {})
    es = '/greet{"language": "es", "chosen_language": "es"}'
    assert message("telegram", "1", "Español") == (es, {"language": "es"})
    assert message("telegram", "1", "what is xgeva") == ("what is xgeva", {"language": "es"})
    assert message("twilio", "1", "what is xgeva") == ("what is xgeva", {})  # another channel
    message("telegram", "2", "english")
    message("telegram", "3", "english")
    assert message("telegram", "1", "x") == ("x", {})  # the oldest sender was forgotten


@pytest.mark.unit
def test_the_tracker_keeps_the_choice_across_restarts_and_replicas():
    """Another process (a restart, another replica) reads the choice from the tracker's chosen_language
    slot; a switch seen by another replica wins over this process's memory once the short bridge passed;
    a tracker store that fails falls back to the memory."""
    import asyncio

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.channels import language

    domain = Domain.load("domain.yml")

    class Store:
        def __init__(self) -> None:
            self.slots: Dict[str, str] = {}
            self.fail = False

        async def retrieve(self, sender):
            if self.fail:
                raise ConnectionError("down")
            if sender not in self.slots:
                return None
            tracker = DialogueStateTracker.from_events(sender, [], slots=domain.slots)
            tracker.update(SlotSet(language.CHOSEN_LANGUAGE_SLOT, self.slots[sender]))
            return tracker

    now = [0.0]
    store = Store()
    store.slots["42"] = "es"  # chosen before a restart
    fresh = language.LanguageChoices(clock=lambda: now[0])

    def message(choices, text, sender="42"):
        return asyncio.run(choices.message("telegram", sender, text, store))

    assert message(fresh, "what is xgeva") == ("what is xgeva", {"language": "es"})
    assert message(fresh, "what is xgeva", sender="43") == ("what is xgeva", {})  # nobody chose
    replica_a, replica_b = (
        language.LanguageChoices(clock=lambda: now[0]),
        language.LanguageChoices(clock=lambda: now[0]),
    )
    message(replica_a, "español")  # the greeting payload sets the slot when Rasa handles it:
    assert message(replica_a, "y el xgeva?") == ("y el xgeva?", {"language": "es"})  # bridged meanwhile
    message(replica_b, "english")
    store.slots["42"] = "en"
    now[0] += language.BRIDGE_SECONDS + 1
    assert message(replica_a, "what is xgeva") == ("what is xgeva", {"language": "en"})
    store.fail = True
    assert message(replica_b, "what is xgeva") == ("what is xgeva", {"language": "en"})  # its own memory


def test_did_you_mean_and_none_of_these_in_spanish_through_the_server(running_bot):
    """A vague Spanish question gets "¿Quiso decir…?"; its "Ninguno de estos" button (a payload the bot
    sent, so bot.serve.conversation_guard honours it) gets the Spanish out-of-scope reply."""
    from actions.actions import NONE_OF_THESE

    sender = "spanish-none-of-these"
    [offer] = running_bot.say("¿y lo otro?", sender=sender)
    assert offer["text"] == replies.text("did_you_mean", "es"), offer
    assert offer["buttons"][-1] == {"title": "Ninguno de estos", "payload": NONE_OF_THESE["es"]}
    reply = running_bot.say(NONE_OF_THESE["es"], sender=sender)
    assert reply[0]["text"].startswith("Lo siento, solo puedo ayudar"), reply
    assert reply[0]["buttons"][0]["title"] == "¿Qué son las metástasis en los huesos?"


@pytest.mark.unit
def test_no_patient_text_shows_pattern_alternatives():
    """A pattern's "necesita|nesesita" once leaked into Spanish replies: wording is words, not patterns."""
    from bot.safety import content as safety_content

    wording = safety_content.load()
    leaked = {k: t for lang in ("en", "es") for k, t in wording.patient_texts(lang).items() if "|" in t}
    assert leaked == {}


@pytest.mark.unit
def test_spanish_variants_of_the_domain_responses_are_plain_spanish():
    """utter_greet, utter_thank, utter_goodbye, utter_iamabot, utter_what_can_you_do, … in Spanish (the
    `language` slot's variant): Fernández-Huerta >= 70 with the deployment numbers filled in."""
    import yaml

    responses = yaml.safe_load(open("domain.yml", encoding="utf-8"))["responses"]
    spanish = {
        name: variant["text"]
        for name, variants in responses.items()
        for variant in variants
        if any(c.get("name") == "language" and c.get("value") == "es" for c in variant.get("condition") or [])
    }
    assert {"utter_greet", "utter_thank", "utter_goodbye", "utter_iamabot", "utter_what_can_you_do"} <= set(spanish)
    textstat.set_lang("es")
    try:
        for name, text in spanish.items():
            filled = re.sub(r"\[\[\w+\]\]", "911", text)
            assert textstat.fernandez_huerta(filled) >= 70, (name, filled)
    finally:
        textstat.set_lang("en_US")
