"""Custom actions: the drug-aware FAQ answer and the "Did you mean…?" fallback.

Answers are rendered from content/ (bot.content), never from text kept here.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import content as content_mod
from bot.content import Content, Topic, topic_button, vocabulary
from bot.dialogue import turn
from bot.names import CLASSIFIER_RANKING_KEY, LANGUAGE_ENTITY

logger = logging.getLogger(__name__)

ASPECT_WORDS = vocabulary.load().aspect_names  # content/vocabulary.yml


def _helpline() -> str:
    """The deployment's helpline (content/safety.yml `settings:`, HELPLINE_NAME/HELPLINE_NUMBER), read
    when the action server starts."""
    from bot.safety import content as safety_content

    numbers = safety_content.load().settings
    return f"the {numbers['helpline_name']} at {numbers['helpline_number']}"


HELPLINE = _helpline()


class ActionAnswerFaq(Action):
    """Answer with the curated topic, re-targeted to the drug the person is asking about."""

    def name(self) -> Text:
        return "action_answer_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        content = content_mod.load()
        decision = turn.decide(
            tracker.latest_message,
            content,
            tracker.get_slot("drug"),
            tracker.get_slot("aspect"),
            last_answered_topic(tracker),
        )
        if decision.kind == "answer":
            language = next(tracker.get_latest_entity_values(LANGUAGE_ENTITY), "en")
            return self._answer(dispatcher, content, decision.topic, decision.drug, decision.aspect, language)
        if decision.kind == "no_checked_answer":
            return self._no_answer_for(dispatcher, content, decision.drug, decision.aspect)
        return self._suggest(dispatcher, content, tracker.latest_message)

    @staticmethod
    def _answer(
        dispatcher: CollectingDispatcher,
        content: Content,
        topic: Topic,
        drug: Optional[str],
        aspect: Optional[str],
        language: str = "en",
    ) -> List[EventType]:
        """The curated answer; in Spanish for a Spanish message when the topic has its Spanish entry."""
        spanish = content.render_spanish(topic) if language == "es" else None
        if spanish:
            dispatcher.utter_message(text=spanish, buttons=content.buttons(topic, language="es"))
        else:
            dispatcher.utter_message(text=content.render(topic), buttons=content.buttons(topic), json_message=None)
        logger.debug("answered topic %s", topic.id)
        events: List[EventType] = [SlotSet("last_topic", topic.id)]
        if aspect:
            events.append(SlotSet("aspect", aspect))
        if drug:
            events.append(SlotSet("drug", drug))
        return events

    @staticmethod
    def _no_answer_for(dispatcher: CollectingDispatcher, content: Content, drug: str, aspect: str) -> List[EventType]:
        name = content.drugs[drug].name
        dispatcher.utter_message(
            text=(
                f"I don't have a checked answer about {ASPECT_WORDS.get(aspect, aspect)} for {name}. "
                f"Your care team or pharmacist can tell you. You can also call {HELPLINE}."
            ),
            buttons=[topic_button(t) for t in _drug_topics(content, drug)][:3],
        )
        return [SlotSet("drug", drug)]

    @staticmethod
    def _suggest(dispatcher: CollectingDispatcher, content: Content, message: Dict[str, Any]) -> List[EventType]:
        return offer_likeliest(dispatcher, content, message)


def last_answered_topic(tracker: Tracker) -> Optional[str]:
    """The topic id of the last curated answer shown: answers of this action set `last_topic`; answers
    Rasa sends straight from the domain carry their response key in the bot event (`utter_action`)."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "last_topic" and event.get("value"):
            return event["value"]
        action = (event.get("metadata") or {}).get("utter_action") or "" if event.get("event") == "bot" else ""
        if action.startswith("utter_faq_") and "/" in action:
            return action.split("/", 1)[1]
    return None


def _drug_topics(content: Content, drug: str) -> List[Topic]:
    return [t for t in content.topics.values() if drug in t.drugs]


STARTER_TOPICS = vocabulary.load().starter_topics


REPHRASE = (
    "Sorry, I'm not sure I understood. Could you say it another way, or pick a topic? " f"You can also call {HELPLINE}."
)


def offer_starters(dispatcher: CollectingDispatcher, content: Content) -> List[EventType]:
    buttons = [topic_button(content.topics[t]) for t in STARTER_TOPICS if t in content.topics]
    dispatcher.utter_message(text=REPHRASE, buttons=buttons)
    return []


class ActionSuggestTopics(Action):
    """Low confidence: offer the likeliest topics by their readable titles, not "please rephrase"."""

    def name(self) -> Text:
        return "action_suggest_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        return offer_likeliest(dispatcher, content_mod.load(), tracker.latest_message)


def offer_likeliest(dispatcher: CollectingDispatcher, content: Content, message: Dict[str, Any]) -> List[EventType]:
    """ "Did you mean…?": the likeliest answer of each of the classifier's likeliest areas (its own ranking,
    kept under CLASSIFIER_RANKING_KEY when a guard replaced it), then "None of these"; starters if none."""
    selectors = message.get("response_selector") or {}
    buttons: List[Dict[str, str]] = []
    seen = set()
    for ranked in message.get(CLASSIFIER_RANKING_KEY) or message.get("intent_ranking") or []:
        intent = ranked.get("name")
        if intent not in content.groups:
            continue
        for candidate in (selectors.get(intent) or {}).get("ranking") or []:
            topic = content.topic_for_key(candidate.get("intent_response_key") or "")
            if topic and topic.id not in seen:
                seen.add(topic.id)
                buttons.append(topic_button(topic))
            break
        if len(buttons) == 3:
            break
    if not buttons:
        return offer_starters(dispatcher, content)
    dispatcher.utter_message(
        text="I'm not sure I understood. Did you mean one of these?",
        buttons=buttons + [{"title": "None of these", "payload": "/out_of_scope"}],
    )
    return []
