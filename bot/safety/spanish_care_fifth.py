"""Spanish care-team asks by shape, fifth round (the third Spanish care-team DEV set's kinds; spanish_care.py is at its
size, spanish_care_more.py and spanish_care_own.py hold the rounds before).

A question that sounds general ("¿se puede…?") is about the asker's own care when the treatment is said to be theirs:
by a relative clause ("con el xgeva que me están poniendo", "el anastrozol que me recetaron") or a possessive right
before it ("con mi tamoxifeno"); then another medicine, a drink, dental work or an activity with it is the care team's.
So is one's treatment while one is on another medicine or ill now, said with "si ando / si anda…" ("¿se puede poner el
shot si ando tomando antibiótico?"); a what-if about oneself or a relative with an activity and one's metastases or
treatment ("¿y si me hago un tatuaje con las metástasis?"); and, across sentences, a drink or an activity asked with
one's treatment beside a plan of one's own ("¿se puede tomar una cerveza la noche del shot? tengo fiesta el sábado").
The opposite, read first (`asked_in_general`): a question the asker marks as general ("…, en general?", "¿a quién le
toca…, a todas las que…?") names nobody, though "le" or an impersonal "se" sits in it.
Each needs a real person, so the same words asked in general ("¿se puede tomar alcohol con el anastrozol?", "¿se puede
hacer un implante dental con zometa?") stay FAQ questions. Words: content/safety_vocabulary.yml `es.word_lists`
CARE_OCCASION; the rest from spanish_care.py.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.safety import patterns, spanish_care
from bot.safety.spanish_care import ACTIVITY, DENTAL, DISEASE, GENERIC, OTHER_MED, PERSON, RELATIVE, TOOTH, Hit

_LISTS = patterns.current().vocabulary.spanish.word_lists
OCCASION = _LISTS["CARE_OCCASION"]  # a plan of one's own: una fiesta, una boda, un viaje
CONDITION = _LISTS["SHAPE_CONDITION"]  # gripa, infección, riñones…
_rx = re.compile

# the treatment said to be the person's: "el xgeva que me están poniendo", "la quimio que le dan a mi mamá"
_GIVEN = (
    r"(poniendo|pone|ponen|pusieron|dan|dieron|dando|recetaron|receto|recetan|mandaron|mando|mandan|aplican|aplicaron"
    r"|aplicando|inyectan|indicaron|indico|empezaron|recomendaron|recomendo)"
)
_THAT_GIVEN = _rx(rf"\b(?P<what>\w+) (?P<next>\w+ )?que (me|le|nos|les) (estan |esta |van a |acaban de )?{_GIVEN}\b")
_THAT_TAKE = _rx(
    r"\b(?P<what>\w+) (?P<next>\w+ )?que (tomo|tomamos|toma|uso|estoy tomando|esta tomando|ando tomando)\b"
)
_MINE = _rx(r"\b(mi|mis|su|sus) (?P<what>\w+)(?P<next>)")
# a question that may sound general: "¿se puede…?", "¿se vale…?", "¿está bien…?", "¿hay problema…?"
_MAY = _rx(
    r"\b(se puede|se pueden|se podria|se vale|puedo|podemos|puede|pueda|podria|esta bien|es malo|es peligroso"
    r"|es seguro|hay (algun )?problema|afecta|interfiere|hace dano|hace mal)\b"
)
_DRINK = _rx(
    r"\b(vino|vinito|copa|copita|cerveza|cervecita|chela|chelas|tequila|alcohol|trago|traguito|mezcal|ron|whisky"
    r"|te|cafe)s?\b"
)
# one's state now: "si ando tomando antibiótico", "si anda con gripa", "estando con la infección"
_STATE_NOW = _rx(r"\b(si|mientras|cuando|estando) (ando|anda|andamos|andan|estoy|esta|estamos) (\w+ )?\w+")
# a what-if about oneself or a relative: "¿y si me hago un tatuaje…?", "¿y si mi mamá se va de crucero…?"
_WHAT_IF = _rx(
    rf"^((y|pero|entonces|oiga|oye|bueno) )*(que tal |y que tal )?si (yo |ella |el )?(me|le|nos|la|lo|mi (\w+ )?"
    rf"({'|'.join(sorted(RELATIVE))}) (se )?)\b"
)
# marked as a question about nobody: "en general", "¿a quién le toca…?", "a todas las que tienen…"
_IN_GENERAL = _rx(
    r"\b(en general|por lo general|en terminos generales|generalmente)\b|\ba (quien|quienes) (le|les) (toca|tocan"
    r"|ponen|dan|recetan|corresponde|corresponden|mandan|aplican)\b|\b(a )?(todas|todos) (las|los) que\b"
)


def _own_treatment(text: str) -> bool:
    """The treatment said to be the person's own: given to them, taken by them, or theirs by a possessive."""
    for shape in (_THAT_GIVEN, _THAT_TAKE, _MINE):
        # "el xgeva que me ponen", also "el zometa nuevo que le dan": the word before "que" or the one before it
        if any(spanish_care.treatment_named([m["what"], (m["next"] or "").strip()]) for m in shape.finditer(text)):
            return True
    return False


def _strong_person(words) -> bool:
    """Someone real by a word that cannot be impersonal: mi, yo, puedo, a relative ("le" and "se" can be)."""
    text = " ".join(words)
    relative = re.search(rf"\b(mi|mis|su|sus) ({'|'.join(sorted(RELATIVE))})\b", text)
    return bool(relative) or any(w in PERSON and w not in ("le", "les") for w in words)


def asked_in_general(sentence: str) -> bool:
    """The sentence marks itself as a question about nobody ("¿está bien que se tome vitamina D, en general?", "¿a
    quién le toca…, a todas las que…?") and names nobody by a word that cannot be impersonal."""
    words = spanish_care.split_words(sentence)
    return bool(_IN_GENERAL.search(" ".join(words))) and not _strong_person(words)


def care_ask_fifth(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) for this module's kinds about a real person."""
    words = spanish_care.split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words) or not spanish_care.personal(words, text):
        return None
    asks = "?" in sentence or "¿" in sentence or words[0] in spanish_care.ASK_START or text.startswith("se puede")
    if not asks:
        return None
    treatment = spanish_care.treatment_named(words)
    dental = any(w in DENTAL for w in words) or (any(w in TOOTH for w in words) and "sac" in text)
    beside = spanish_care.medicines_named(words) >= 2 or bool(_DRINK.search(text))
    if _MAY.search(text) and _own_treatment(text):
        if dental:
            return ("care_team", "dental_timing", sentence)  # "¿se puede hacer un implante con el xgeva que me ponen?"
        if beside or any(w in ACTIVITY for w in words):
            return ("care_team", "personal_decision", sentence)  # "¿se puede tomar cúrcuma con mi tamoxifeno?"
    state = _STATE_NOW.search(text)
    if state and treatment and _MAY.search(text):
        after = text[state.start() :].split()
        if any(w in OTHER_MED or w in CONDITION or w.startswith("antibiot") for w in after):
            return ("care_team", "personal_decision", sentence)  # "¿se puede poner el shot si ando con antibiótico?"
    if _WHAT_IF.search(text) and any(w in ACTIVITY for w in words) and (treatment or any(w in DISEASE for w in words)):
        return ("care_team", "personal_decision", sentence)  # "¿y si me hago un tatuaje con las metástasis?"
    return None


def plan_beside(clean: str) -> Optional[Hit]:
    """The whole message: a drink or an activity asked with one's treatment or disease in one sentence, a plan of one's
    own (an occasion or a day) in another ("¿se puede tomar una cerveza la noche del shot? tengo fiesta el sábado")."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", clean or "") if s.strip()]
    if len(sentences) < 2 or any(w in GENERIC for w in spanish_care.split_words(clean or "")):
        return None
    for k, sentence in enumerate(sentences):
        words = spanish_care.split_words(sentence)
        text = " ".join(words)
        asked = "?" in sentence or "¿" in sentence or text.startswith("se puede")
        wanted = _DRINK.search(text) or any(w in ACTIVITY for w in words)
        own = spanish_care.treatment_named(words) or any(w in DISEASE for w in words)
        if not (asked and _MAY.search(text) and wanted and own):
            continue
        for other in sentences[:k] + sentences[k + 1 :]:
            rest = spanish_care.split_words(other)
            planned = any(w in OCCASION for w in rest) or spanish_care._DATE.search(" ".join(rest))
            if "?" not in other and planned and _strong_person(rest):
                return ("care_team", "personal_decision", clean)
    return None
