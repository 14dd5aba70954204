"""English words that make a care-team ask the FAQ's: the helpline asked for ("can i talk to someone real at the komen
line": its number answers it) and nobody named ("you", "people", "patients", "someone": a question in general)."""

from __future__ import annotations

import re

from bot.safety.care_en.words import LISTS

HELPLINE = LISTS["CONTEXT_HELPLINE"]

NOBODY = re.compile(r"\b(you|people|patients|someone|anyone|somebody|anybody)\b")
