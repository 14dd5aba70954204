"""Spanish care-team asks by shape, sixth round (the held-back Spanish 15 set's care-team kinds, now DEV;
spanish_care.py is at its size, spanish_care_more.py, _own.py and _fifth.py hold the rounds before).

Two kinds the earlier readers missed, each about a real person so the same words asked in general stay FAQ questions:
- a mild effect the person feels put down to their treatment named as the cause ("me deja agotada, ¿será por el
  xgeva?", "le duelen los huesos desde la inyección, ¿es del tratamiento?"); "¿el cansancio es por el zometa?" names
  nobody, and "…con el xgeva, ¿es por eso?" (a training example of the FAQ) names no cause;
- a change of one's own medicine asked for or preferred ("¿puedo pedir que me cambien a las pastillas?",
  "yo preferiría el otro, ¿se puede?"), beside a medicine named.
Words: the lists of spanish_care.py.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.safety import spanish_care
from bot.safety.spanish_care import GENERIC, Hit

# an effect put down to a cause: "es por la medicina", "será del zometa", "puede ser culpa de la inyección"
_BECAUSE = re.compile(
    r"\b(es|sera|seria|sera que es|puede ser|podria ser|viene|vendra) (por|de|del|culpa de|culpa del|a causa de)"
    r" (la |el |lo |los |las |mi |su |mis |sus |esa |ese |esta |este )?(\w+)"
)
_CAUSE_WORDS = frozenset(
    "medicina medicinas medicamento medicamentos tratamiento inyeccion inyecciones infusion infusiones shot suero"
    " pastilla pastillas".split()
)
# a change of one's own medicine asked for or preferred
_CHANGE = re.compile(
    r"\b(puedo|podemos|podria|podriamos|se puede|quiero|quisiera|queremos|debo|deberia) (pedir|solicitar|hacer|exigir"
    r"|pedirle) (el|un|que me|que le|que nos) (cambio|cambien|cambie|pasen|den)\b"
    r"|\b(yo |el |ella )?(prefiero|preferiria|prefiriria|preferimos|me gustaria mas|quisiera mejor) (el|la|los|las|que"
    r" me|que le|otro|otra|\w+)\b"
)


def care_ask_sixth(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) for this module's kinds about a real person."""
    words = spanish_care.split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words) or not spanish_care.personal(words, text):
        return None
    asks = "?" in sentence or "¿" in sentence
    because = _BECAUSE.search(text)
    cause = text[because.start(4) :].split()[:3] if because else []  # the cause named: "el acido zoledronico"
    if asks and cause and (cause[0] in _CAUSE_WORDS or spanish_care.treatment_named(cause)):
        return ("care_team", "personal_decision", sentence)  # "me da sueño después del zometa, ¿es por eso?"
    if _CHANGE.search(text) and spanish_care.medicines_named(words) and (asks or spanish_care.REQUEST.search(text)):
        return ("care_team", "which_drug", sentence)  # "preferiría el ácido zoledrónico, ¿puedo pedir el cambio?"
    return None
