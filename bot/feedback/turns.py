"""What one turn of a conversation tells the content team: its outcome, a vote, an unanswered question.

Pure functions over tracker events as dicts (Rasa's `Event.as_dict()`, the action server's
`tracker.events`), so the Rasa-side recorder (bot/serve/outcomes.py), the actions and the tests read a
turn the same way. A turn is the person's latest message and everything the bot did after it.

- outcome: "escalated" (a red-flag reply or the care-team offer), "answered" (a curated answer: the
  only bot messages that carry "Was this helpful?" buttons), "fallback" ("Did you mean…?", the starter
  topics, or "I didn't get that"), else None (greetings, votes, form answers, out of scope).
- vote: the topic and yes/no of a "Was this helpful?" button.
- unanswered: the person's own words, unscrubbed (the caller scrubs), of a question that ended in
  "Did you mean…?", "None of these" (the question before the offer) or a "no" vote (the question the
  voted answer replied to). A button's payload is never a question: nothing is kept for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.names import (
    CHOSEN_LANGUAGE_KEY,
    FEEDBACK_INTENT,
    HELPFUL_ENTITY,
    LANGUAGE_ENTITY,
    OUT_OF_SCOPE,
    TOPIC_ENTITY,
)

Event = Dict[str, Any]

FEEDBACK_PAYLOAD = f"/{FEEDBACK_INTENT}"
NONE_OF_THESE_PAYLOAD = f"/{OUT_OF_SCOPE}"  # actions.actions.NONE_OF_THESE: the "None of these" button
ESCALATING = ("utter_safety_", "action_offer_care_team")
SUGGESTING = ("action_suggest_topics",)
ANSWERING = "action_answer_faq"
NOT_UNDERSTOOD = ("utter_default",)
# Short replies that are not questions: a "Did you mean…?" after them keeps no text.
NOT_QUESTIONS = frozenset(
    {"affirm", "acknowledge", "deny", "give_details", "empty_message", "greet", "goodbye", "thank"}
)


@dataclass(frozen=True)
class Observation:
    outcome: Optional[str] = None
    vote: Optional[Tuple[str, bool]] = None  # (topic id, helpful)
    unanswered: Optional[Tuple[str, str, Optional[str]]] = None  # (the person's text, reason, topic id)
    language: str = "en"
    channel: str = "unknown"


def _buttons(event: Event) -> List[Dict[str, Any]]:
    data = event.get("data") or {}
    return [b for key in ("buttons", "quick_replies") for b in data.get(key) or [] if isinstance(b, dict)]


def feedback_topic(event: Event) -> Optional[str]:
    """The topic id of a bot message's "Was this helpful?" buttons: the message is a curated answer."""
    for button in _buttons(event):
        payload = str(button.get("payload") or "")
        if payload.startswith(FEEDBACK_PAYLOAD + "{"):
            try:
                topic = json.loads(payload[len(FEEDBACK_PAYLOAD) :]).get(TOPIC_ENTITY)
            except (ValueError, AttributeError):
                continue
            if isinstance(topic, str) and topic:
                return topic
    return None


def _offered_none_of_these(event: Event) -> bool:
    return any(str(b.get("payload") or "").startswith(NONE_OF_THESE_PAYLOAD) for b in _buttons(event))


def _last_user(events: Sequence[Event], before: Optional[int] = None) -> Optional[int]:
    end = len(events) if before is None else before
    for index in range(end - 1, -1, -1):
        if events[index].get("event") == "user":
            return index
    return None


def _intent(user: Event) -> str:
    return ((user.get("parse_data") or {}).get("intent") or {}).get("name") or ""


def _entity(user: Event, name: str) -> Any:
    for entity in (user.get("parse_data") or {}).get("entities") or []:
        if entity.get("entity") == name:
            return entity.get("value")
    return None


def typed_text(user: Optional[Event]) -> Optional[str]:
    """The person's own words, or None for a button payload (`/…`) or an empty message."""
    text = ((user or {}).get("text") or "").strip()
    return None if not text or text.startswith("/") else text


def language_of(events: Sequence[Event], user: Event) -> str:
    """ "es" or "en" (or "other"): the message's language entity, the person's choice, the slot."""
    value = _entity(user, LANGUAGE_ENTITY) or (user.get("metadata") or {}).get(CHOSEN_LANGUAGE_KEY)
    if not value:
        for event in reversed(events):
            if event.get("event") == "slot" and event.get("name") == LANGUAGE_ENTITY and event.get("value"):
                value = event["value"]
                break
    return str(value) if value in ("en", "es", "other") else "en"


def question_before_answer(events: Sequence[Event], topic: str, before: Optional[int] = None) -> Optional[Event]:
    """The person's message that the latest curated answer about `topic` (before `before`) replied to."""
    end = len(events) if before is None else before
    for index in range(end - 1, -1, -1):
        if events[index].get("event") == "bot" and feedback_topic(events[index]) == topic:
            found = _last_user(events, index)
            return events[found] if found is not None else None
    return None


def _vote(user: Event) -> Optional[Tuple[str, bool]]:
    if _intent(user) != FEEDBACK_INTENT:
        return None
    helpful, topic = _entity(user, HELPFUL_ENTITY), _entity(user, TOPIC_ENTITY)
    if isinstance(helpful, str):
        helpful = {"true": True, "false": False}.get(helpful.strip().lower())
    if not isinstance(helpful, bool) or not isinstance(topic, str) or not topic.strip():
        return None
    return topic.strip(), helpful


def _outcome(turn: Sequence[Event]) -> Optional[str]:
    actions = [e.get("name") or "" for e in turn if e.get("event") == "action"]
    if any(a.startswith(ESCALATING) for a in actions):
        return "escalated"
    if any(e.get("event") == "bot" and feedback_topic(e) for e in turn):
        return "answered"
    if any(a in SUGGESTING or a == ANSWERING or a in NOT_UNDERSTOOD for a in actions):
        return "fallback"  # action_answer_faq without an answer: "Did you mean…?" or "no checked answer"
    return None


def observe(events: Sequence[Event]) -> Observation:
    """Read the latest turn of a conversation (events oldest first)."""
    at = _last_user(events)
    if at is None:
        return Observation()
    user, turn = events[at], events[at + 1 :]
    language = language_of(events, user)
    channel = str(user.get("input_channel") or "unknown")
    vote = _vote(user)
    unanswered = None
    if vote and not vote[1]:
        question = typed_text(question_before_answer(events, vote[0], before=at))
        unanswered = (question, "not_helpful", vote[0]) if question else None
    elif (user.get("text") or "").strip().startswith(NONE_OF_THESE_PAYLOAD):
        offer = next((i for i in range(at - 1, -1, -1) if events[i].get("event") == "bot"), None)
        if offer is not None and _offered_none_of_these(events[offer]):
            previous = _last_user(events, offer)
            question = typed_text(events[previous]) if previous is not None else None
            unanswered = (question, "none_of_these", None) if question else None
    outcome = _outcome(turn)
    if outcome == "fallback" and unanswered is None and _intent(user) not in NOT_QUESTIONS:
        question = typed_text(user)
        unanswered = (question, "did_you_mean", None) if question else None
    return Observation(outcome=outcome, vote=vote, unanswered=unanswered, language=language, channel=channel)
