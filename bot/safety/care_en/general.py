"""English words that make a care-team ask the FAQ's: the helpline asked for ("can i talk to someone real at the komen
line": its number answers it), nobody named ("you", "people", "patients", "someone": a question in general), and what
a care team usually does, asked of nobody (`usual_ask`, for SafetyNet's reading of the classifier's guess alone)."""

from __future__ import annotations

import re
from typing import Sequence

from bot.safety.care_en.words import LISTS, PERSON

HELPLINE = LISTS["CONTEXT_HELPLINE"]

NOBODY = re.compile(r"\b(you|people|patients|someone|anyone|somebody|anybody)\b")

# round 8 (the pair English 14): what a care team usually does, asked of nobody ("what does the nurse usually do when
# you ring about a temperature"); "…when my mum rings" names someone real
USUAL = re.compile(
    r"^(what|how|when|who|do|does|will|would|is|are) .*\b(usually|normally|typically|generally|routinely)\b"
)


def usual_ask(words: Sequence[str]) -> bool:
    """One question clause's lower-case words: how care usually goes, with nobody real in it."""
    return bool(USUAL.search(" ".join(words))) and not any(w in PERSON for w in words)
