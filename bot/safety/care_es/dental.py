"""Spanish asks about DENTAL work one needs, timed against one's own treatment (category dental_timing).

Dental work with a date ("me van a sacar una muela el martes y me ponen xgeva"), before or after one's dose ("necesito
una endodoncia, ¿antes o después del shot?"), with the treatment said to be one's own ("¿se puede hacer un implante con
el xgeva que me ponen?", a whitening too), or time enough before starting it. "¿la endodoncia se hace antes o después
del zometa?" names nobody and stays the FAQ's; the dental readers of spanish_shapes.py (`_dental_work`) are the net's
own. Words: `es.word_lists` SHAPE_DENTAL, SHAPE_DENTAL_ALSO, SHAPE_TOOTH, SHAPE_DENTIST, SHAPE_DENTAL_JOB."""

from __future__ import annotations

import re
from typing import Sequence

from bot.safety.care_es.words import LISTS

_rx = re.compile

DENTAL = LISTS["SHAPE_DENTAL"] | LISTS["SHAPE_DENTAL_ALSO"]

TOOTH = LISTS["SHAPE_TOOTH"] | LISTS["SHAPE_DENTIST"]

DENTAL_JOB = LISTS["SHAPE_DENTAL_JOB"]

# -- dental work one needs, timed against one's treatment ----------------------------------------------------------
WHEN_AGAINST = _rx(
    r"\bantes o (despues|luego)\b|\b(despues|luego) o antes\b|\bcuanto (tiempo )?(antes|despues)\b|\bcuando (me|lo|la)"
    r" (lo |la )?(hago|hagan|hacen|pongo|saco)\b"
)


def work_or_visit(words: Sequence[str]) -> bool:
    """Dental work named, or a tooth with a dental job or a visit ("cita", "turno")."""
    return any(w in DENTAL for w in words) or (
        any(w in TOOTH for w in words) and any(w in DENTAL_JOB or w in ("cita", "appointment", "turno") for w in words)
    )


def work_or_pulled(words: Sequence[str]) -> bool:
    """Dental work named, or a tooth with a pulling verb ("sacar", "extraer", "quitar") or a dental job."""
    return any(w in DENTAL for w in words) or (
        any(w in TOOTH for w in words)
        and (any(w.startswith(("sac", "extra", "quit")) for w in words) or any(w in DENTAL_JOB for w in words))
    )


def work_or_tooth_out(words: Sequence[str], text: str) -> bool:
    """Dental work named, or a tooth with "sac…" anywhere in the sentence."""
    return any(w in DENTAL for w in words) or (any(w in TOOTH for w in words) and "sac" in text)


def any_word(words: Sequence[str]) -> bool:
    """Any dental word, a tooth or the dentist, or a cleaning ("limpieza")."""
    return any(w in DENTAL or w in TOOTH or w.startswith("limpieza") for w in words)


def tooth_named(words: Sequence[str]) -> bool:
    return any(w in TOOTH for w in words)
