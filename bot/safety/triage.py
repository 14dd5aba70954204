"""Triage: the deterministic net's hit and the classifier's intent combined into one tier.

Pure (no Rasa): SafetyNet (bot/nlu/safety_net.py) applies it to every message, and the tests and tools
call it directly. The most severe tier wins (emergency > crisis > urgent > care_team).
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from bot.names import INTENT_FOR_TIER, OUT_OF_SCOPE, REQUEST_HUMAN, SEVERITY, TIER_OF_INTENT
from bot.safety.engine import SafetyHit


def decide(hit: Optional[SafetyHit], predicted: Optional[str], in_field: bool = False) -> Optional[Dict[str, Any]]:
    """Combine the patterns' hit and the classifier's intent: the most severe tier wins.

    One exception: a care-team pattern ("should I take…", "what do I do") in a message the classifier
    finds out of scope ("how often should I take my cat to the vet") is not escalated, unless the
    message is in this field's words: a drug ("my creatinine is 1.6, can I still get zoledronic acid") or a word such
    as "mets" or "spine" ("can i play tennis with the mets in my spine").
    Red flags always are. Only for an English pattern: the classifier says "out of scope" to most Spanish
    ("¿a mí me toca la dosis cada 4 o cada 12 semanas?"), so it cannot overrule a Spanish pattern. Nor a
    prognosis question ("how long has my mum got", "will i beat this"): its words are never about a cat.
    """
    overruled = hit and hit.tier == "care_team" and hit.language == "en" and hit.category != "prognosis"
    if overruled and predicted == OUT_OF_SCOPE and not in_field:
        hit = None
    model_tier = TIER_OF_INTENT.get(predicted or "")
    candidates = [t for t in (hit.tier if hit else None, model_tier) if t]
    if not candidates:
        return None
    tier = min(candidates, key=lambda t: SEVERITY[t])
    from_patterns = bool(hit and hit.tier == tier)
    from_model = model_tier == tier
    if from_patterns:
        category = hit.category
    elif predicted == REQUEST_HUMAN:
        category = REQUEST_HUMAN
    else:
        category = "unspecified"
    if tier == "care_team":
        intent = REQUEST_HUMAN if category == REQUEST_HUMAN else INTENT_FOR_TIER["care_team"]
    else:
        intent = INTENT_FOR_TIER[tier]
    source = "both" if from_patterns and from_model else "patterns" if from_patterns else "model"
    also = sorted({t for t in candidates if t != tier} | set(hit.also if hit else ()), key=SEVERITY.get)
    return {"tier": tier, "category": category, "intent": intent, "source": source, "also": also}
