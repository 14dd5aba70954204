"""Intent names that more than one component reasons about, kept in one place.

The safety intents map to the tier of help they trigger (bot.nlu.safety_net raises them; triage in the
action server acts on them). Chat intents are small talk and form answers: the drug-and-aspect
routing never turns them into an FAQ answer.
"""
from __future__ import annotations

TIER_OF_INTENT = {"report_emergency": "emergency", "report_crisis": "crisis", "report_urgent": "urgent",
                  "ask_personal": "care_team", "request_human": "care_team"}
SAFETY_INTENTS = frozenset(TIER_OF_INTENT)
CHAT_INTENTS = frozenset({"greet", "goodbye", "thank", "bot_challenge", "affirm", "deny", "give_details"})
