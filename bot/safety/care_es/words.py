"""Shared pieces of the Spanish care-team readers (bot/safety/care_es/): the word lists, the splitting of a sentence
into plain words, and the tests every kind needs: whether a REAL person is named (`personal`: me, mi, le, a relative,
a first-person verb; never "uno", "la gente", "los pacientes"), whether a treatment or another medicine is named,
whether the sentence asks (the broad test `asked_broadly`; each pass of __init__.py has its own), whether the
treatment is said to be the person's own (`own_treatment`: "el xgeva que me ponen", "con mi tamoxifeno").
Words: content/safety_vocabulary.yml `es.word_lists` (SHAPE_*, CARE_*)."""

from __future__ import annotations

import re
from typing import List, Sequence, Tuple

from bot.safety import patterns
from bot.safety.accents import respell

_rx = re.compile

LISTS = patterns.current().vocabulary.spanish.word_lists

PERSON = LISTS["SHAPE_PERSON"] | {
    "ando",
    "anda",
    "andamos",
    "ella",
    "quiero",
    "quisiera",
    "queria",
    "soy",
    "somos",
    "vuelvo",
    "volvemos",
    # first-person verbs of one's own course: "aguanto un mes más…", "desde que empecé…" (not "sigo": "si el cáncer
    # crece, ¿sigo con el xgeva?" is a FAQ example)
    "aguanto",
    "aguantamos",
    "espero",
    "esperamos",
    "empiezo",
    "empece",
    "empezamos",
    "tenia",
}

GENERIC = LISTS["GENERIC_PERSON"] - {"alguien"}  # "alguien me puede ayudar", "le aviso a alguien": a helper

RELATIVE = LISTS["CAREGIVER"]

ASK_START = LISTS["SHAPE_ASK_START"] | LISTS["QUESTION_START"]

TREATMENT = LISTS["SHAPE_TREATMENT"] | LISTS["SHAPE_BONE_DRUG"]

OTHER_MED = LISTS["CARE_OTHER_MED"]

ACTIVITY = LISTS["SHAPE_ACTIVITY"] | LISTS["CARE_ACTIVITY"]

DISEASE = LISTS["SHAPE_DISEASE"]

TEST = LISTS["CARE_TEST"] | LISTS["SHAPE_LAB"]

SCHEDULE = LISTS["SHAPE_SCHEDULE"]

_STEMS = ("pastill", "medic", "bifosfonat", "calmant", "quimio", "radiac", "radiot", "infusi", "inyecc", "vitamin")

INFO_START = frozenset({"que", "cual", "cuales", "como", "donde", "cuanto", "cuanta", "cuantos", "cuantas", "quien"})

_ACCENTS = str.maketrans("áéíóúüñ", "aeiouun")

_WORD = re.compile(r"[a-z0-9]+")

_SPELLINGS = {"q": "que", "k": "que", "pq": "porque", "xq": "porque", "pa": "para", "na": "nada", "mai": "mama"}

Hit = Tuple[str, str, str]

ONLY_HUMAN = LISTS["CARE_HUMAN_ONLY"]  # "operadora", "agente": a message of these (and CARE_POLITE) asks for a person

POLITE = LISTS["CARE_POLITE"]

WISH_TO_KNOW = _rx(
    r"\b(quiero|queria|quisiera|necesito|ocupo) saber\b|\b(digame|dime|decime|diganme|no se si|me pregunto si)\b"
)

ASK_LATER = _rx(r"\b(pero|y|entonces|pues) (me |le |se )?(puedo|podemos|debo|deberia|deberiamos)\b")

MAY = _rx(r"\b(puedo|podemos|puede|pueda|podria|podre|pueden|debo|debe|deberia)\b")

FINE_IF = _rx(
    r"\b(es (peligroso|malo|seguro|grave|bueno|riesgoso|necesario|obligatorio)|hace falta|esta bien|estaria bien|hay (algun )?problema|no pasa nada"
    r"|pasa algo|no hay problema|le hace (dano|mal)) (con |en |de )?(que|si) (\w+)( \w+)?"
)

NOT_VERB = frozenset("el la los las un una uno unos unas este esta eso esto ese lo al del mas muy".split())

WITH_OWN = _rx(r"\bcon (el|mi|su|la|lo de|los de|las de|mis|sus) ")

REQUEST = _rx(r"\b(necesito|ocupo|quiero|quisiera|queria|favor)\b")  # "necesito una copia…": a wish, asked

DATE = _rx(
    r"\b(lunes|martes|miercoles|jueves|viernes|sabado|domingo|manana|semana|mismo dia|el \d+|al \d+|enero|febrero"
    r"|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b"
)


def split_words(text: str) -> List[str]:
    return [_SPELLINGS.get(w, respell(w)) for w in _WORD.findall(text.lower().translate(_ACCENTS))]


def treatment_named(words: Sequence[str]) -> bool:
    return any(w in TREATMENT or w.startswith(_STEMS) for w in words)


def medicines_named(words: Sequence[str]) -> int:
    return sum(w in OTHER_MED or w in TREATMENT or w.startswith(_STEMS) for w in words)


def personal(words: Sequence[str], text: str) -> bool:
    if any(w in GENERIC for w in words):
        return False
    if (
        any(w in PERSON for w in words)
        or re.search(r"\bse (lo|la|los|las) \w+(o|amos|emos|imos)\b", text)
        # the clinic's plan for the person: "quiere ponerme un clavo", "van a operarme" (not "puede dejarme…", general)
        or re.search(
            r"\b(quiere|quieren|va a|van a|tiene que|tienen que|piensa|piensan|planea|planean) \w+(ar|er|ir)(me|nos)\b",
            text,
        )
        or re.search(rf"\b(mi|mis|su|sus) ({'|'.join(sorted(RELATIVE))})\b", text)
    ):
        return True
    return any(w in ("le", "les") and (i == 0 or words[i - 1] != "se") for i, w in enumerate(words))


def asked_broadly(sentence: str, words: Sequence[str], text: str) -> bool:
    starts = bool(words) and words[0] in ASK_START
    clause = re.search(
        r"(^|[,;:]) *(me |le |se )?(puedo|podemos|debo|deberia)\b", sentence.lower()
    )  # "…, puedo dejar…"
    return (
        "?" in sentence
        or "¿" in sentence
        or starts
        or bool(WISH_TO_KNOW.search(text) or ASK_LATER.search(text) or clause)
    )


def finite_after(match: re.Match) -> bool:
    """ "está bien que pare…", "que me pongan…", "que el zometa me lo pasen…": a verb or a person after "que"."""
    first, second, later = match.group(7), (match.group(8) or "").strip(), match.string[match.end(7) :].split()[1:3]
    if first in ("me", "le", "les", "nos", "yo", "mi", "ella", "se") or set(later) & {"me", "le", "les", "nos"}:
        return True
    return (
        first not in NOT_VERB
        and not re.search(r"(ar|er|ir)$", first)
        and bool(re.search(r"[aeo]n?$", first))
        and (second not in ("de", "del"))
    )


# asked without "?": "eso es bueno pa mi o que", "lo hago antes o después del shot" (a choice is a question)
ASKED_TAIL = _rx(r"\b(o que|o no|verdad|cierto|o como)$|\bantes o (despues|luego)\b")

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
MAY_GENERAL = _rx(
    r"\b(se puede|se pueden|se podria|se vale|puedo|podemos|puede|pueda|podria|esta bien|es malo|es peligroso"
    r"|es seguro|hay (algun )?problema|afecta|interfiere|hace dano|hace mal)\b"
)


def own_treatment(text: str) -> bool:
    """The treatment said to be the person's own: given to them, taken by them, or theirs by a possessive."""
    for shape in (_THAT_GIVEN, _THAT_TAKE, _MINE):
        # "el xgeva que me ponen", also "el zometa nuevo que le dan": the word before "que" or the one before it
        if any(treatment_named([m["what"], (m["next"] or "").strip()]) for m in shape.finditer(text)):
            return True
    return False


def strong_person(words) -> bool:
    """Someone real by a word that cannot be impersonal: mi, yo, puedo, a relative ("le" and "se" can be)."""
    text = " ".join(words)
    relative = re.search(rf"\b(mi|mis|su|sus) ({'|'.join(sorted(RELATIVE))})\b", text)
    return bool(relative) or any(w in PERSON and w not in ("le", "les") for w in words)


WH = frozenset("que como cual cuales cuando donde cuanto cuanta cuantos cuantas quien quienes".split())

MAY_SELF = _rx(r"^((y|pero|oiga|oye|entonces|bueno) )*(me|le|nos) (puedo|puede|podemos|pueden)\b")
