"""Spanish general questions about a sign that nobody has (issue 12, the DEV set dev_faq_es_2): the English
`context_only` readings of a story told on a screen or a page, a hypothetical about nobody and a sign given as an
example (bot/safety/english_shapes.py), brought to Spanish. An emergency or urgent hit is context when:

- a source tells it, in the hit's sentence before it: a nurse, a leaflet, a talk, a programme, a telenovela, a video,
  a Facebook group, a news report ("la enfermera dijo que si las piernas se entumecen hay que pensar en…, ¿por qué?");
- or it is a hypothetical about nobody: "si" then a generic person before it ("si a alguien con zometa le diera…",
  "hipotéticamente, si a una persona…");
- or it is listed as an example after a question about a condition's signs ("¿qué síntomas da el calcio alto? ¿sed,
  confusión?", "…, como hormigueo");

and, in the whole message: nobody real (the asker only as listener or reader: "nos explicó", "vi", "me quedé
pensando"; "una paciente" in a story is a character), nothing said to be happening now ("ahora", "tiene", "desde"…),
at least one question and every question plain (about nobody, nothing happening: "¿por qué pasa eso?", "¿eso
existe?" ask about what was told). Recall first: "la enfermera dijo que vigilara las piernas y ahora no las siento"
stays an emergency, "si a mi mamá se le entumecen las piernas, ¿qué hago?" too. Crisis wording always counts (only
emergency and urgent hits are read here). `general_told(text)` reads a whole message so (SafetyNet, for a
classifier's guess alone; bot/safety/combinations.py, for two signs in one message).

Words: `es.word_lists` CONTEXT_SOURCE, CONTEXT_SUPPOSE_ES, CONTEXT_GENERIC_ES, CONTEXT_SIGNS_ASKED,
CONTEXT_EXAMPLE_ES, CONTEXT_LISTENER_ES, CONTEXT_NOW_ES of content/safety_vocabulary.yml."""

from __future__ import annotations

import re
from typing import List, Sequence, Set, Tuple

from bot.safety import patterns, spanish_context

_LISTS = patterns.current().vocabulary.spanish.word_lists
PERSON = _LISTS["FIRST_PERSON"] | _LISTS["CAREGIVER"] | {"ella", "ellas", "ellos", "le", "les"}
HAPPENING = _LISTS["CONTEXT_HAPPENING"]
_CHARACTERS = frozenset({"paciente", "pacientes", "enferma", "enfermo", "senora", "senor", "protagonista"})
GENERIC_WORDS = frozenset({"uno", "alguien", "persona", "personas", "paciente", "pacientes", "gente", "cualquiera"})
# after "por qué", "¿eso existe?", "¿es cierto?": "eso" points at what was told
POINTS_BACK = frozenset({"existe", "existen", "cierto", "verdad", "real", "explicacion", "significa", "pasa"})


def _phrases(name: str) -> "re.Pattern":
    words = sorted(_LISTS[name], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w.replace("_", " ")) for w in words) + r")\b")


_SOURCE = _phrases("CONTEXT_SOURCE")
_SUPPOSE = _phrases("CONTEXT_SUPPOSE_ES")
_GENERIC = _phrases("CONTEXT_GENERIC_ES")
_SIGNS_ASKED = _phrases("CONTEXT_SIGNS_ASKED")
_EXAMPLE = _phrases("CONTEXT_EXAMPLE_ES")
_LISTENER = _phrases("CONTEXT_LISTENER_ES")
_NOW = _phrases("CONTEXT_NOW_ES")
# a question about what was told: "¿por qué…?", "¿qué es exactamente eso?", "¿cuál es (la relación)?"
_ASKS_BACK = re.compile(r"(\W+ )?(por que|porque|por q|xq|pq|que es|que son|cual es|cuales son)\b")
# "tienen relación", "qué tiene que ver": a link between things, not something someone has
_LINK = frozenset({"relacion", "que"})
# the sign mentioned by a source named after it: "ojos rojos…, ¿por qué lo mencionan en el prospecto?"
_MENTIONED = re.compile(r"\b(lo|la|los|las) (mencionan|menciona|ponen|pone|nombran|advierten|dicen)\b")
_IF_SOMEONE = re.compile(r"\bsi\b.*" + _GENERIC.pattern)

Clause = Tuple[int, int]


def _spans(norms: Sequence[str], start: int, end: int, regex: "re.Pattern") -> Set[int]:
    """The token indices of norms[start:end] inside a match of `regex` (one token per word, single spaces)."""
    text, offsets, position = "", [], 0
    for i in range(start, end):
        offsets.append((position, i))
        text += norms[i] + " "
        position = len(text)
    covered: Set[int] = set()
    for match in regex.finditer(text):
        covered |= {i for at, i in offsets if match.start() <= at < match.end()}
    return covered


def _text(norms: Sequence[str], start: int, end: int) -> str:
    return " ".join(norms[start:end])


def _real_people(doc, norms: Sequence[str], sentences) -> bool:
    """Someone real in the message: a person word that is not the asker as listener or reader, not a character
    ("una paciente") and not "le" of a generic person ("si a una persona… se le entumecen")."""
    for sentence in sentences:
        s, e = sentence.start, sentence.end
        listener = _spans(norms, s, e, _LISTENER)
        listener |= {i + 1 for i in _spans(norms, s, e, _SOURCE)}  # "la telenovela tenía…": the source's verb
        generic = bool(_GENERIC.search(_text(norms, s, e)))
        for i in range(s, e):
            word = norms[i]
            if word not in PERSON or i in listener:
                continue
            if i > s and norms[i - 1] in ("un", "una") and word in _LISTS["CAREGIVER"]:
                continue  # "la telenovela tenía una paciente que…": someone in a story
            if (word in _CHARACTERS or _CHARACTERS & set(norms[max(s, i - 2) : i])) and _SOURCE.search(
                _text(norms, s, i)
            ):
                continue  # "en la serie dijeron…, y la paciente estaba confundida": the story's patient (and her verb)
            if word in ("le", "les") and generic:
                continue
            return True
    return False


def _now(norms: Sequence[str], sentences) -> bool:
    """Something said to be happening: "ahora", "desde", "tiene", "siento" (not "uno siente": anyone)."""
    for sentence in sentences:
        for i in _spans(norms, sentence.start, sentence.end, _NOW):
            linked = norms[i] in ("tiene", "tienen") and i + 1 < sentence.end and norms[i + 1] in _LINK
            if not (i > sentence.start and norms[i - 1] in GENERIC_WORDS) and not linked:
                return True
    return False


def _plain(doc, norms: Sequence[str], clause: Clause) -> bool:
    words = norms[clause[0] : clause[1]]
    happening = set(words) & HAPPENING
    if set(words) & POINTS_BACK or _ASKS_BACK.match(" ".join(words)):
        happening -= {"esto", "eso", "asi"}
    return not happening


def _reading(doc, norms: Sequence[str], sentences):
    clauses = [c for s in sentences for c in spanish_context._clauses(doc, s.start, s.end)]
    asks = [spanish_context._asks(doc, norms, c) for c in clauses]
    return clauses, asks


def _nobody_asks_plainly(doc, norms: Sequence[str], sentences) -> bool:
    clauses, asks = _reading(doc, norms, sentences)
    if not any(asks) or not all(_plain(doc, norms, c) for c, a in zip(clauses, asks) if a):
        return False
    return not _real_people(doc, norms, sentences) and not _now(norms, sentences)


def _signs_asked(doc, norms: Sequence[str], clauses: List[Clause], asks: List[bool], before: int) -> bool:
    return any(a and c[1] <= before and _SIGNS_ASKED.search(_text(norms, *c)) for c, a in zip(clauses, asks))


def _listed(doc, norms: Sequence[str], sentences, sentence, start: int) -> bool:
    """The sign is an example after a question about signs: its clause starts with "como", "tipo"…, or its sentence
    is a short list with no question word ("¿sed, confusión, estreñimiento?")."""
    clauses, asks = _reading(doc, norms, sentences)
    own = next((c for c in clauses if c[0] <= start < c[1]), None)
    if own is None or not _signs_asked(doc, norms, clauses, asks, own[0]):
        return False
    if _EXAMPLE.match(_text(norms, *own)):
        return True
    words = [norms[i] for i in range(sentence.start, sentence.end) if doc[i].is_alpha]
    return len(words) <= 8 and bool(words) and words[0] not in spanish_context.ASK_WORDS


def context_only(doc, norms: Sequence[str], sentences, rule, start: int) -> bool:
    """True when an emergency or urgent Spanish hit is told by a source, supposed of nobody or listed as an example
    before or after plain questions, in a message with nobody real in it (module docstring)."""
    if rule.tier not in ("emergency", "urgent"):
        return False
    sentence = next((s for s in sentences if s.start <= start < s.end), None)
    if sentence is None or not _nobody_asks_plainly(doc, norms, sentences):
        return False
    before = _text(norms, sentence.start, start)
    if _SOURCE.search(before):
        return True  # "en el folleto sale dolor de mandíbula…, ¿de qué es señal?"
    after = _text(norms, start, sentence.end)
    if _SOURCE.search(after) and _MENTIONED.search(after):
        return True  # "ojos rojos después del zometa, ¿por qué lo mencionan en el prospecto?"
    if _IF_SOMEONE.search(before) or (_SUPPOSE.search(before) and _GENERIC.search(before)):
        return True  # "si a alguien con zometa se le hinchara la encía, ¿qué podría significar?"
    return _listed(doc, norms, sentences, sentence, start)  # "¿qué síntomas da el calcio alto? ¿sed, confusión?"


def general_told(text: str) -> bool:
    """The whole message, read as Spanish: nobody real, nothing happening, plain questions, and a source, a
    hypothetical about nobody or a question about a condition's signs in it."""
    from bot.safety import engine  # it imports this module's readers

    sentences, doc, norms = engine._spanish_reading(engine.normalise_text(text))
    if not sentences or not _nobody_asks_plainly(doc, norms, sentences):
        return False
    whole = _text(norms, 0, len(norms))
    clauses, asks = _reading(doc, norms, sentences)
    hypothetical = _IF_SOMEONE.search(whole) or (_SUPPOSE.search(whole) and _GENERIC.search(whole))
    return bool(_SOURCE.search(whole) or hypothetical or _signs_asked(doc, norms, clauses, asks, len(norms)))


def without_english_signs(clean: str, found: list) -> list:
    """`found` (the engine's (severity, rule, start, hit) items) less its English emergency and urgent hits when the
    message is such a general question; crisis and care-team hits stay."""
    if not found or not general_told(clean):
        return found
    return [item for item in found if item[3].tier not in ("emergency", "urgent") or item[3].language == "es"]


# what a named thing is or does: "¿qué cosa es un bifosfonato?", "esgeva ke es", "k efectos trae el sometta", "¿alguien
# lo explica fácil?" (not "¿qué es eso?": a sign pointed at)
_POINTER = r"(?!(eso|esto|esa|ese|este|lo|le|la|me|nos|mi|su)\b)"
_WHAT_IS = re.compile(
    rf"^(que|cual) (cosa )?(es|son|significa|quiere decir) ((un|una|el|la|los|las|lo que es) )?{_POINTER}\w+"
    rf"|^{_POINTER}\w+( \w+){{0,5}} que (es|son|significa)$"
    r"|^que (efectos?|reacciones?) (trae|traen|tiene|tienen|da|dan|causa|causan|produce|producen)\b"
    r"|^para que (sirve|sirven)\b|^(alguien )?(me |nos )?(lo )?(explica|explican|puede explicar|pueden explicar)\b"
)


def what_is_asked(text: str) -> bool:
    """The whole message, read as Spanish: every question asks what a named thing is or does, or asks to have it
    explained, and nothing is said to be happening ("esgeva ke es, se lo ponen a mi hermana en el brazo"; "…ke es, mi
    hermana está confundida" is not). SafetyNet asks this only when no pattern found anything."""
    from bot.safety import engine  # it imports this module's readers

    sentences, doc, norms = engine._spanish_reading(engine.normalise_text(text))
    if not sentences or _now(norms, sentences):
        return False
    clauses, asks = _reading(doc, norms, sentences)
    words = [" ".join(norms[i] for i in range(*c) if doc[i].is_alpha) for c in clauses]
    named = [bool(_WHAT_IS.search(w)) for w in words]
    asked = [a or n for a, n in zip(asks, named)]
    return any(asked) and all(n for a, n in zip(asked, named) if a)
