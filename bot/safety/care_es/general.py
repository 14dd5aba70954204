"""Spanish questions asked in general, which skip the care-team readers: the same words as a care-team ask, but
about nobody. A generic person ("uno", "la gente", "alguien que…", "un paciente") stops a pass of __init__.py, and a
sentence that marks itself as general ("¿está bien que se tome vitamina D, en general?", "¿a quién le toca…, a todas
las que…?", `asked_in_general`) skips every reader of spanish_shapes.hits, as hearsay asked in general does
(spanish_context.general_hearsay)."""

from __future__ import annotations

import re

from bot.safety.care_es.words import split_words, strong_person

_rx = re.compile

SOMEONE_GENERIC = re.compile(
    r"\b(si|cuando|que) alguien\b|\balguien (que|con|tiene|toma|esta|recibe|se)\b|\b(un|una|el|la) (paciente|persona)\b"
)

# marked as a question about nobody: "en general", "¿a quién le toca…?", "a todas las que tienen…"
IN_GENERAL = _rx(
    r"\b(en general|por lo general|en terminos generales|generalmente)\b|\ba (quien|quienes) (le|les) (toca|tocan"
    r"|ponen|dan|recetan|corresponde|corresponden|mandan|aplican)\b|\b(a )?(todas|todos) (las|los) que\b"
)


def asked_in_general(sentence: str) -> bool:
    """The sentence marks itself as a question about nobody ("¿está bien que se tome vitamina D, en general?", "¿a
    quién le toca…, a todas las que…?") and names nobody by a word that cannot be impersonal."""
    words = split_words(sentence)
    return bool(IN_GENERAL.search(" ".join(words))) and not strong_person(words)
