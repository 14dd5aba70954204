"""Spanish red flags and personal questions read by their grammar, not one pattern per phrasing (issue 12).

The fourth frozen Spanish set showed that patterns learn the phrasings they were written from: "¿puedo pasar
el zometa de cada 4 a cada 12 semanas?", "¿a qué hora le doy la morfina?", "mi mamá tiene los riñones mal,
¿se lo pueden poner?", "me tomé como 10 tylenol juntos" all passed. This module reads a SHAPE instead:

- a personal question (`personal_question`): a question (¿…?, or a question or modal word first) with a
  person in it (me, mi, puedo, debo, le doy, se lo…; never "uno", "la gente", "los pacientes") AND one of
  the asks only a care team can answer: changing a schedule or a dose, when to give a dose, whether a
  treatment can still be given with a condition (kidneys, flu, an infection…), whether it "conviene",
  an activity allowed with one's own metastases, how long one has to live;
- an overdose counted (`counted_overdose`): a past "took / swallowed / gave" with a number of pills of
  4 or more (3 or more "juntas", "de golpe"), not a routine ("al día", "cada 8 horas").

Curated FAQ examples ask personally too ("mis metastasis son liticas, me sirve el zometa"): those are
about what a treatment is or does, which none of the asks above is (tests/test_content_es.py checks that
no curated example trips the net). The words are in content/safety_vocabulary.yml (`es.word_lists`,
`SHAPE_*`). bot/safety/engine.py adds these hits to the Spanish patterns' ones.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from bot.safety import patterns

_LISTS = patterns.current().vocabulary.spanish.word_lists
PERSON = _LISTS["SHAPE_PERSON"]  # me, mi, puedo, debo…
GENERIC = _LISTS["GENERIC_PERSON"]  # uno, la gente, los pacientes
ASK_START = _LISTS["SHAPE_ASK_START"] | _LISTS["QUESTION_START"]
TREATMENT = _LISTS["SHAPE_TREATMENT"]  # zometa, morfina, quimio, dosis, cita…
CHANGE = _LISTS["SHAPE_CHANGE"]  # pasar, cambiar, espaciar…
SCHEDULE = _LISTS["SHAPE_SCHEDULE"]  # cada, semanas, meses, horario…
GIVE = _LISTS["SHAPE_GIVE"]  # doy, tomo, pongo, ponen, dan, recibir…
GIVE_SELF = _LISTS["SHAPE_GIVE_SELF"]  # doy, tomo, pongo: the asker gives or takes it
CONDITION = _LISTS["SHAPE_CONDITION"]  # rinones, gripa, infeccion…
STOP = _LISTS["SHAPE_STOP"]  # dejar, suspender, pausar…
ACTIVITY = _LISTS["SHAPE_ACTIVITY"]  # gym, pesas, correr, viajar…
DISEASE = _LISTS["SHAPE_DISEASE"]  # metastasis, cancer, lesiones…
LIVE = _LISTS["SHAPE_LIVE"]  # vivir, sobrevivir…
LEFT = _LISTS["SHAPE_LEFT"]  # queda, vida, aguanta…
ADVICE = _LISTS["SHAPE_ADVICE"]  # conviene, recomienda, aconseja…
TAKEN = _LISTS["SHAPE_TAKEN"]  # tome, trague, di, dimos…
PILLS = _LISTS["SHAPE_PILLS"]  # pastillas, tylenol, morfina…
ROUTINE = _LISTS["SHAPE_ROUTINE"]  # al dia, cada, diario…
TOGETHER = _LISTS["SHAPE_TOGETHER"]  # juntas, golpe, seguidas…
NUMBERS = dict(pair.split(":") for pair in _LISTS["SHAPE_NUMBERS"])  # "cuatro:4": written-out numbers
WHY = frozenset({"por", "porque", "para"})  # "por qué…", "para qué…"
_STEMS = ("pastill", "medic", "bifosfonat", "calmant", "analgesic", "quimio", "radiac", "radiot")

_PILL_STEMS = ("pastill", "pildor", "capsul", "tablet", "morfin", "ibuprofen", "paracetamol", "aspirin")
_ACCENTS = str.maketrans("áéíóúüñàèìòù", "aeiouunaeiou")
_WORD = re.compile(r"[a-z0-9]+")
_WORD_ACCENTED = re.compile(r"[^\W_]+")
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]*")

Hit = Tuple[str, str, str]  # (tier, category, matched)


def _in(word: str, words: frozenset) -> bool:
    return word in words or (words is TREATMENT and word.startswith(_STEMS))


def _has(words: Sequence[str], vocabulary: frozenset) -> bool:
    return any(_in(w, vocabulary) for w in words)


def _personal(words: Sequence[str]) -> bool:
    """Someone real: me, mi, puedo…; "le"/"les" not after "se" ("se le pone" is impersonal); "se lo/la"."""
    if any(w in GENERIC for w in words):
        return False
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        if word in PERSON:
            return True
        if word in ("le", "les") and before != "se":
            return True
        if word == "se" and i + 1 < len(words) and words[i + 1] in ("lo", "la", "los", "las"):
            return True
    return False


def _asks(text: str, words: Sequence[str]) -> bool:
    return "?" in text or "¿" in text or bool(words and words[0] in ASK_START)


def personal_question(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) when it asks a care-team question about a real person."""
    words = _WORD.findall(sentence.lower().translate(_ACCENTS))
    if not words or not _asks(sentence, words) or not _personal(words) or words[0] in WHY:
        return None  # "¿por qué me ponen denosumab cada seis meses?" asks for an explanation: the FAQ's
    text = " ".join(words)
    treatment = _has(words, TREATMENT)
    lifetime = any(w in LIVE for w in words) or (any(w in LEFT for w in words) and not treatment)
    if lifetime and re.search(r"\bcuant[oa]s?\b", text):
        return ("care_team", "prognosis", sentence)
    change = words.count("cada") >= 2 or _has(words, CHANGE) or re.search(r"\ben (vez|lugar) de\b", text)
    if change and _has(words, SCHEDULE) and treatment:
        return ("care_team", "dosing", sentence)
    timing = re.search(r"\b(a que horas?|cuando|antes o despues|en ayunas|con o sin comida|con (la )?comida)\b", text)
    gives = _has(words, GIVE_SELF) or "me toca" in text  # not "¿cuándo le ponen…?": the clinic's schedule
    if timing and gives and treatment:
        return ("care_team", "dosing", sentence)
    if _has(words, CONDITION) and _has(words, GIVE) and treatment:
        return ("care_team", "personal_decision", sentence)
    advice = re.search(r"\b(vale la pena que|buena idea|mala idea|lo mejor para (mi|ella|el))\b", text)
    if _has(words, ADVICE) or (advice and (treatment or "mi" in words)):
        return ("care_team", "personal_decision", sentence)
    modal = re.search(r"\b(puedo|podemos|debo|debemos|deberia|puede|pueda|podria)\b", text)
    if modal and ((_has(words, ACTIVITY) and _has(words, DISEASE)) or (_has(words, STOP) and treatment)):
        return ("care_team", "personal_decision", sentence)
    return None


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    return int(NUMBERS.get(word, 0))


def counted_overdose(sentence: str) -> Optional[Hit]:
    """ "me tomé como 10 tylenol juntos", "mi papá se tragó 8 pastillas": an overdose by its count."""
    words = _WORD.findall(sentence.lower().translate(_ACCENTS))
    text = " ".join(words)
    if re.search(r"\b(al dia|por dia|en el dia|a la semana|cada|diari[oa]s?|diariamente)\b", text) or _has(
        words, ROUTINE
    ):
        return None
    accented = set(_WORD_ACCENTED.findall(sentence.lower()))
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        # "tomo"/"trago" are also "I take": past only when written "tomó", or after "se" ("se tomo")
        past = word in ("tomo", "trago") and (before == "se" or f"{word[:-1]}ó" in accented)
        if word not in TAKEN and not past:
            continue
        for j in range(i + 1, min(i + 5, len(words))):
            count = _number(words[j])
            rest = words[j + 1 : j + 6]
            if count and any(w in PILLS or w.rstrip("s") in PILLS or w.startswith(_PILL_STEMS) for w in rest):
                together = any(w in TOGETHER for w in words[i:])
                if count >= 4 or (count >= 3 and together):
                    return ("emergency", "overdose", " ".join(words[i : j + 2]))
    return None


def hits(clean: str) -> List[Hit]:
    """Every shape found, sentence by sentence (the message in lower case, as the engine reads it)."""
    found: List[Hit] = []
    for sentence in _SENTENCE.findall(clean or ""):
        for reader in (counted_overdose, personal_question):
            hit = reader(sentence)
            if hit:
                found.append(hit)
    return found
