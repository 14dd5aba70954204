"""Custom actions: the drug-aware FAQ answer and the "Did you mean…?" fallback.

Answers are rendered from content/ (bot.content), never from text kept here.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import content as content_mod
from bot.content import Content, Topic, replies, topic_button, vocabulary
from bot.dialogue import turn
from bot.names import CHOSEN_LANGUAGE_KEY, CLASSIFIER_RANKING_KEY, LANGUAGE_ENTITY

logger = logging.getLogger(__name__)


def _helpline() -> Dict[str, str]:
    """The deployment's helpline (content/safety.yml `settings:`, HELPLINE_NAME/HELPLINE_NUMBER), read
    when the action server starts."""
    from bot.safety import content as safety_content

    numbers = safety_content.load().settings
    return {"helpline_name": numbers["helpline_name"], "helpline_number": numbers["helpline_number"]}


HELPLINE = _helpline()


def reply_language(message: Dict[str, Any]) -> str:
    """ "es" when the message was read as Spanish (LanguageGuard's or SafetyNet's `language` entity) or the
    person chose Spanish (the message's metadata: a button payload is not read by LanguageGuard), else "en"."""
    entities = [e.get("value") for e in message.get("entities") or [] if e.get("entity") == LANGUAGE_ENTITY]
    chosen = (message.get("metadata") or {}).get(CHOSEN_LANGUAGE_KEY)
    return "es" if "es" in entities or chosen == "es" else "en"


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
        language = reply_language(tracker.latest_message)
        if decision.kind == "answer":
            return self._answer(dispatcher, content, decision.topic, decision.drug, decision.aspect, language)
        if decision.kind == "no_checked_answer":
            return self._no_answer_for(dispatcher, content, decision.drug, decision.aspect, language)
        return offer_likeliest(dispatcher, content, tracker.latest_message, language)

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
            buttons = content.buttons(topic, language="es") + replies.feedback_buttons(topic.id, "es")
            dispatcher.utter_message(text=spanish, buttons=buttons)
        else:
            buttons = content.buttons(topic) + replies.feedback_buttons(topic.id, language)
            dispatcher.utter_message(text=content.render(topic), buttons=buttons, json_message=None)
        logger.debug("answered topic %s", topic.id)
        events: List[EventType] = [SlotSet("last_topic", topic.id)]
        if aspect:
            events.append(SlotSet("aspect", aspect))
        if drug:
            events.append(SlotSet("drug", drug))
        return events

    @staticmethod
    def _no_answer_for(
        dispatcher: CollectingDispatcher, content: Content, drug: str, aspect: str, language: str = "en"
    ) -> List[EventType]:
        name = content.drugs[drug].name
        dispatcher.utter_message(
            text=replies.text(
                "no_checked_answer", language, drug=name, aspect=replies.aspect_name(aspect, language), **HELPLINE
            ),
            buttons=[topic_button(t, title=content.title(t, language)) for t in _drug_topics(content, drug)][:3],
        )
        return [SlotSet("drug", drug)]


def last_answered_topic(tracker: Tracker) -> Optional[str]:
    """The topic id of the last curated answer shown: answers of this action set `last_topic`; answers
    Rasa sends straight from the domain carry their response key in the bot event (`utter_action`)."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "last_topic" and event.get("value"):
            return event["value"]
        if event.get("event") == "bot":
            action = (event.get("metadata") or {}).get("utter_action") or ""
            if action.startswith("utter_faq_") and "/" in action:
                return action.split("/", 1)[1]
    return None


def _drug_topics(content: Content, drug: str) -> List[Topic]:
    return [t for t in content.topics.values() if drug in t.drugs]


STARTER_TOPICS = vocabulary.load().starter_topics
# "None of these": the out-of-scope reply, in Spanish when the payload sets the language slot to "es".
NONE_OF_THESE = {"en": "/out_of_scope", "es": '/out_of_scope{"language": "es"}'}


def offer_starters(dispatcher: CollectingDispatcher, content: Content, language: str = "en") -> List[EventType]:
    topics = [content.topics[t] for t in STARTER_TOPICS if t in content.topics]
    buttons = [topic_button(t, title=content.title(t, language)) for t in topics]
    dispatcher.utter_message(text=replies.text("rephrase", language, **HELPLINE), buttons=buttons)
    return []


class ActionSuggestTopics(Action):
    """Low confidence: offer the likeliest topics by their readable titles, not "please rephrase"."""

    def name(self) -> Text:
        return "action_suggest_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        """An unsure turn that points back ("right so how would she cut down her chances of it") answers from the
        last answer (bot/dialogue/context.py); any other gets the likeliest topics."""
        message = tracker.latest_message
        content = content_mod.load()
        last = last_answered_topic(tracker)
        if last is not None:
            decision = turn.decide(message, content, tracker.get_slot("drug"), tracker.get_slot("aspect"), last)
            if decision.kind == "answer":
                language = reply_language(message)
                return ActionAnswerFaq._answer(
                    dispatcher, content, decision.topic, decision.drug, decision.aspect, language
                )
        return offer_likeliest(dispatcher, content, message, reply_language(message))


def likeliest_buttons(
    content: Content, message: Dict[str, Any], language: str = "en", exclude: Tuple[str, ...] = ()
) -> List[Dict[str, str]]:
    """Topic buttons for the likeliest answer of each of the classifier's likeliest areas (its own ranking,
    kept under CLASSIFIER_RANKING_KEY when a guard replaced it), at most 3, none of the `exclude` topics."""
    selectors = message.get("response_selector") or {}
    buttons: List[Dict[str, str]] = []
    seen = set()
    for ranked in message.get(CLASSIFIER_RANKING_KEY) or message.get("intent_ranking") or []:
        intent = ranked.get("name")
        if intent not in content.groups:
            continue
        for candidate in (selectors.get(intent) or {}).get("ranking") or []:
            topic = content.topic_for_key(candidate.get("intent_response_key") or "")
            if topic and topic.id in exclude:
                continue  # the answer the person said did not help: the area's next one
            if topic and topic.id not in seen:
                seen.add(topic.id)
                buttons.append(topic_button(topic, title=content.title(topic, language)))
            break
        if len(buttons) == 3:
            break
    return buttons


def offer_likeliest(
    dispatcher: CollectingDispatcher, content: Content, message: Dict[str, Any], language: str = "en"
) -> List[EventType]:
    """ "Did you mean…?": the likeliest answers (likeliest_buttons), then "None of these"; starters if none."""
    buttons = likeliest_buttons(content, message, language)
    if not buttons:
        return offer_starters(dispatcher, content, language)
    dispatcher.utter_message(
        text=replies.text("did_you_mean", language),
        buttons=buttons + [{"title": replies.text("none_of_these", language), "payload": NONE_OF_THESE[language]}],
    )
    return []
