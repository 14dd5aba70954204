"""More Spanish care-team asks by shape, beside bot/safety/spanish_care.py (issue 12; that module is at its size).

Wordings of our own that the first readers missed, each about a real person so the same words asked in general stay
FAQ questions: when one's own treatment stops ("¿cuándo le quitan el xgeva?") or how much of it is left ("¿cuántos
ciclos me faltan?"); moving one's own dose ("quiero reprogramar lo del zometa"); swapping one's medicine ("¿lo puedo
cambiar por otro?"); who gives one's results or sees one now ("¿quién me va a ver ahora?"); whether one's results are
out ("me hicieron labs, ¿ya salieron?"); what comes after one's treatment ("¿le toca otra cosa?"); an activity with
one's own metastases said as "con lo de su columna". Words: content/safety_vocabulary.yml `es.word_lists` CARE_*."""

from __future__ import annotations

import re
from typing import Optional

from bot.safety import spanish_care
from bot.safety.spanish_care import ACTIVITY, DISEASE, GENERIC, TEST, Hit

_WHEN_OFF = re.compile(r"\bcuando (me|le|nos) (quitan|suspenden|paran|van a quitar|dejan de)\b")
_LEFT_OF = re.compile(
    r"\bcuant[oa]s? (ciclos|sesiones|dosis|inyecciones|infusiones|meses|semanas) (mas )?(de \w+ )?(me|le|nos)"
    r" (faltan|quedan|tocan)\b"
)
_MOVE_IT = re.compile(r"\b(reprogram\w*|reagend\w*|reschedul\w*|cambiar la fecha|mover la fecha|cambiar el dia)\b")
_SWAP = re.compile(
    r"\b(lo|la|los|las) (puedo|podemos|podria|pueden) cambiar (por|a)\b|\bcambiar(lo|la)? por (otro|otra)\b"
)
_WHO_GIVES = re.compile(
    r"\b(quien|donde) (me|le|nos) (puede|pueden|va a|van a) (dar|explicar|entregar|pasar) (los|mis|sus|el|la)\b"
    r"|\bquien (me|le|nos) (va a ver|va a atender|atiende|va a llevar|va a tratar)\b"
)
_READY = re.compile(r"\bya (salieron|salio|estan|llegaron|esta|estaran)\b")
_AFTER = re.compile(r"\b(me|le|nos) toca (otra cosa|algo mas|otro tratamiento)\b")
_THAT_OF = re.compile(r"\bcon (lo|los|las) de (mi|su|sus|mis)\b")  # "con lo de su columna"
_MAY = re.compile(r"\b(puedo|puede|podemos|pueda|podria|pueden)\b")


def care_ask_more(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) for this module's kinds about a real person."""
    words = spanish_care.split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words) or not spanish_care.personal(words, text):
        return None
    asks = "?" in sentence or "¿" in sentence or " si " in f" {text} "
    treatment = spanish_care.treatment_named(words)
    if _WHO_GIVES.search(text) and asks:
        return ("care_team", "request_human", sentence)  # "¿quién me puede dar los resultados…?"
    if _MOVE_IT.search(text) and treatment and (asks or spanish_care.REQUEST.search(text)):
        return ("care_team", "request_human", sentence)  # "quiero reprogramar lo del zometa de mi papá"
    if not asks:
        return None
    if (_WHEN_OFF.search(text) and treatment) or _LEFT_OF.search(text):
        return ("care_team", "dosing", sentence)  # "¿cuándo le quitan el xgeva?", "¿cuántos ciclos me faltan?"
    if _READY.search(text) and any(w in TEST for w in words):
        return ("care_team", "lab_results", sentence)  # "me hicieron unos labs ayer, ¿ya salieron?"
    if _AFTER.search(text) or (_SWAP.search(text) and spanish_care.medicines_named(words)):
        return ("care_team", "personal_decision", sentence)  # "¿le toca otra cosa?", "¿lo puedo cambiar por otro?"
    if _MAY.search(text) and any(w in ACTIVITY for w in words):
        if any(w in DISEASE for w in words) or _THAT_OF.search(text):
            return ("care_team", "personal_decision", sentence)  # "con lo de su columna, ¿se puede?"
    return None
