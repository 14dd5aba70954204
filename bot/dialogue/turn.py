"""What a turn shows: the one decision shared by the action server, the failed-action fallback, the
evaluation and the staff lookup, so that all four agree on what a person would be shown.
"""
from __future__ import annotations

from typing import Dict

from bot.content import Content
from bot.dialogue import answering

NO_ANSWER = "out_of_scope"


def shown_topic(parse: Dict, content: Content) -> str:
    """The label of what a person would be shown for this parse, NO_ANSWER if no curated answer."""
    route = parse.get("bone_health_route") or {}
    intent = (parse.get("intent") or {}).get("name")
    if intent in content.groups or (intent == "drug_followup" and route):
        predicted = content.topics.get(route.get("topic", ""))
        asked = answering.named_drug(parse.get("entities") or [], content)
        choice = answering.choose(content, predicted, asked, None, parse.get("text") or "")
        return choice.topic.response_key if choice.topic else NO_ANSWER
    if intent == "inform_drug":
        drug = answering.named_drug(parse.get("entities") or [], content)
        choice = answering.for_another_drug(content, drug, "overview") if drug else answering.Choice(None)
        return choice.topic.response_key if choice.topic else NO_ANSWER
    if intent in ("out_of_scope", "nlu_fallback", "non_english", "empty_message"):
        return NO_ANSWER
    return intent or NO_ANSWER
