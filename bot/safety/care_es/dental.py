"""Spanish asks about DENTAL work one needs, timed against one's own treatment (category dental_timing).

Dental work with a date ("me van a sacar una muela el martes y me ponen xgeva"), before or after one's dose ("necesito
una endodoncia, ¿antes o después del shot?"), with the treatment said to be one's own ("¿se puede hacer un implante con
el xgeva que me ponen?", a whitening too), or time enough before starting it. "¿la endodoncia se hace antes o después
del zometa?" names nobody and stays the FAQ's; the dental readers of spanish_shapes.py (`_dental_work`) are the net's
own. Words: `es.word_lists` SHAPE_DENTAL, SHAPE_DENTAL_ALSO, SHAPE_TOOTH, SHAPE_DENTIST, SHAPE_DENTAL_JOB."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.safety.care_es.words import DATE, GENERIC, LISTS, Hit, split_words, strong_person, treatment_named

_rx = re.compile

DENTAL = LISTS["SHAPE_DENTAL"] | LISTS["SHAPE_DENTAL_ALSO"]

TOOTH = LISTS["SHAPE_TOOTH"] | LISTS["SHAPE_DENTIST"]

DENTAL_JOB = LISTS["SHAPE_DENTAL_JOB"]

ROUTINE = LISTS["CARE_DENTAL_WORK"]  # empaste, filling, raspado, limpieza

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
    return any(w in DENTAL or w in TOOTH or w in ROUTINE for w in words)


def tooth_named(words: Sequence[str]) -> bool:
    return any(w in TOOTH for w in words)


# whether to go to dental work booked: "¿está bien que vaya?", "¿hay problema si voy?", "¿puedo ir?"
GO_TO = _rx(
    r"\b(esta bien|hay (algun )?problema|pasa algo|es (peligroso|malo|seguro|riesgoso)|puedo|podemos|debo) (que |si )?"
    r"(vaya|voy|ir|vayamos|asista|me la hagan|me lo hagan|me la haga|me lo haga|la haga|lo haga|vamos)\b"
)


def booked_visit(clean: str) -> Optional[Hit]:
    """The whole message: dental work booked on a day, one's own treatment named, asked whether to go ("el lunes me
    hacen una limpieza…, estoy con zometa. ¿Está bien que vaya?")."""
    words = split_words(clean)
    text = " ".join(words)
    if any(w in GENERIC for w in words) or not ("?" in clean or "¿" in clean or GO_TO.search(text)):
        return None
    if any_word(words) and treatment_named(words) and DATE.search(text) and GO_TO.search(text) and strong_person(words):
        return ("care_team", "dental_timing", clean)
    return None
