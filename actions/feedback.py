"""The reply to a "Was this helpful?" vote (issue 15, docs/feedback.md).

A "yes" gets a short thanks. A "no" offers, for the question the answer replied to, the classifier's
next likeliest answers (never the one voted down) and the care team. The vote itself, and with
UNANSWERED_CAPTURE the scrubbed question, are stored by the Rasa server (bot/serve/outcomes.py), which
sees every turn; this action only answers, so it keeps no data.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import likeliest_buttons, offer_starters, reply_language
from bot import content as content_mod
from bot.content import replies
from bot.feedback import turns
from bot.names import REQUEST_HUMAN

CARE_TEAM = {"en": f"/{REQUEST_HUMAN}", "es": f'/{REQUEST_HUMAN}{{"language": "es"}}'}


class ActionFeedback(Action):
    def name(self) -> Text:
        return "action_feedback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        events = list(tracker.events)
        observation = turns.observe(events)
        content = content_mod.load()
        if observation.vote is None:  # a vote without its topic (typed, not a button): an unclear message
            return offer_starters(dispatcher, content, reply_language(tracker.latest_message))
        topic, helpful = observation.vote
        question = turns.question_before_answer(events, topic, before=len(events) - 1) or {}
        language = self._language(question, observation.language)
        if helpful:
            dispatcher.utter_message(text=replies.text("feedback_thanks", language))
            return []
        parse = question.get("parse_data") or {}
        buttons = likeliest_buttons(content, parse, language, exclude=(topic,)) if parse else []
        buttons.append({"title": replies.text("feedback_care_team", language), "payload": CARE_TEAM[language]})
        dispatcher.utter_message(text=replies.text("feedback_sorry", language), buttons=buttons)
        return []

    @staticmethod
    def _language(question: Dict[str, Any], fallback: str) -> str:
        """The language of the question the answer replied to (a button payload carries none)."""
        if question.get("parse_data") or question.get("metadata"):
            message = {**(question.get("parse_data") or {}), "metadata": question.get("metadata")}
            if reply_language(message) == "es":
                return "es"
        return "es" if fallback == "es" else "en"
