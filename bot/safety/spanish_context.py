"""Spanish history read as context, not as a report (issue 12, the seventh frozen set).

"Hace años me rompí la muñeca jugando voleibol, ¿las fracturas viejas salen en la gammagrafía?" and "el año
pasado me internaron por fiebre en la quimio y me recuperé, ¿por qué es tan peligrosa la fiebre con quimio?"
ask general questions: the fracture and the fever are long past. This is the English reading
(bot/safety/english_shapes.py `_history`) in Spanish, for emergency and urgent hits only (crisis wording always
counts, care-team asks are read by spanish_shapes.py):

- a hit in a clause (the sentence cut at a comma, a colon, a dash or "¿") that says a time long past ("hace
  años", "el año pasado", "de niña", "en 2019") or that it is over ("me recuperé", "ya sanó"), with nothing
  saying it is back ("otra vez", "todavía", "desde", "ahora");
- or the same sign named again inside a question about nobody ("¿por qué es tan peligrosa la fiebre…?") when the
  person appears only in such history;
- or the sign is what someone says or read as a general fact ("mi hermana es enfermera y dice que el calcio alto da
  confusión, ¿es cierto?"): after "dice que", "leí que"… with nobody between, and a later question asks if it is
  true;
- and every question of the message is about nobody and says nothing is happening ("¿es normal?", "¿qué hago?",
  "¿puede estar roto?" say it is), every other clause with a person in it is history too.

Words: `es.word_lists` CONTEXT_* of content/safety_vocabulary.yml."""

from __future__ import annotations

import re
from typing import List, Sequence, Tuple

from bot.safety import lookalikes, patterns
from bot.safety.care_es import words as care_words
from bot.safety.clauses import split as split_clauses

_LISTS = patterns.current().vocabulary.spanish.word_lists
PERSON = _LISTS["FIRST_PERSON"] | _LISTS["CAREGIVER"] | _LISTS["SHAPE_PERSON"] | {"ella", "ellas", "ellos", "le", "les"}
HAPPENING = _LISTS["CONTEXT_HAPPENING"]  # normal, grave, hago, esto, estar…: the sign is happening
FILLERS = _LISTS["FILLERS"]
BREAKS = frozenset({",", ";", ":", "-", "—", "–", "¿", "¡", "(", ")"})
ASK_WORDS = frozenset({"que", "como", "cual", "cuales", "cuando", "donde", "por", "porque", "cuanto", "cuanta"})
ASK_WORDS |= {"cuantos", "cuantas", "quien", "quienes"}
SEVERE = frozenset({"emergency", "urgent"})
HELPLINE = frozenset({"komen", "helpline", "linea"})  # "la línea de ayuda de Komen": the FAQ answers how to reach it
_NUMBER = r"(\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|varios|muchos|unos)"


def _phrases(name: str) -> str:
    words = sorted(_LISTS[name], key=len, reverse=True)
    return r"\b(" + "|".join(re.escape(w.replace("_", " ")) for w in words) + r")\b"


# "hace años", "hace 3 años", "hace unos meses", "en 2019" ("hace un mes" is recent: not history)
_HISTORY = re.compile(
    _phrases("CONTEXT_HISTORY") + rf"|\bhace (\w+ )?{_NUMBER} (anos?|meses)\b|\ben (el )?(19|20)\d\d\b"
)
_RESOLVED = re.compile(_phrases("CONTEXT_RESOLVED"))  # "me recuperé", "ya sanó"
_ONGOING = re.compile(_phrases("CONTEXT_ONGOING"))  # "otra vez", "todavía", "desde", "ahora"
# what someone says or one read, then the fact ("dice que el calcio alto…"), and the question whether it is so
_HEARSAY = re.compile(
    r"\b(dice|dicen|decia|dijo|dijeron|lei|leido|escuche|oi|contaron|cuentan|explico|comento) (en \w+ )?que"
    r" (el|la|los|las|lo|un|una|tener)( \w+){0,3}$"
)
_IS_IT_SO = re.compile(r"\b(es|sera) (cierto|verdad|asi|real)\b|\bde verdad\b")

Clause = Tuple[int, int]


def _clauses(doc, start: int, end: int) -> List[Clause]:
    return [(s, e) for s, e in split_clauses(doc, start, end, BREAKS) if any(doc[i].is_alpha for i in range(s, e))]


def _text(norms: Sequence[str], start: int, end: int) -> str:
    return " ".join(norms[start:end])


def _asks(doc, norms: Sequence[str], clause: Clause) -> bool:
    start, end = clause
    first = next((norms[i] for i in range(start, end) if norms[i] not in FILLERS and doc[i].is_alpha), "")
    marked = any(doc[i].text == "?" for i in range(start, end)) or (end < len(doc) and doc[end].text == "?")
    return marked or (start > 0 and doc[start - 1].text == "¿") or first in ASK_WORDS


def _personal(norms: Sequence[str], clause: Clause) -> bool:
    return any(norms[i] in PERSON for i in range(*clause))


def _plain(doc, norms: Sequence[str], clause: Clause) -> bool:
    """A question about nobody that does not say the sign is happening. "otra" says it only as "otra vez" ("¿ayuda a
    prevenir otra fractura?" asks in general); after "por qué" a demonstrative points back at the history ("¿por qué
    pasa eso?"); "en general" says the question is about nobody in particular."""
    if _personal(norms, clause):
        return False
    words = list(norms[clause[0] : clause[1]])
    text = " ".join(words)
    if re.search(r"\b(en general|por lo general|en terminos generales)\b", text):
        return True
    happening = {w for i, w in enumerate(words) if w in HAPPENING and (w != "otra" or words[i + 1 : i + 2] == ["vez"])}
    if re.match(r"(\W+ )?(por que|porque|para que|por q|xq|pq)\b", text):
        happening -= {"esto", "eso", "asi"}
    return not happening


def _history(norms: Sequence[str], clause: Clause, sentence_end: int) -> bool:
    own = _text(norms, *clause)
    if re.search(r"\bhace (\w+ ){0,3}que\b", own):
        return False  # "hace años que tomo zometa": for years, still
    if not (_HISTORY.search(own) or _RESOLVED.search(_text(norms, clause[0], sentence_end))):
        return False
    return not _ONGOING.search(_RESOLVED.sub(" ", _HISTORY.sub(" ", own)))


def _hearsay_end(norms: Sequence[str], clause: Clause, start: int) -> int:
    """Where the fact said begins: right after the last "que" before the hit."""
    return max((i + 1 for i in range(clause[0], start) if norms[i] == "que"), default=start)


def context_only(doc, norms: Sequence[str], sentences, rule, start: int, matched: str = "") -> bool:
    """True when a Spanish emergency or urgent hit is history before general questions (module docstring)."""
    if lookalikes.everyday(doc, sentences, rule, start, matched):
        return True  # "hace un frío que me sacude", "me tomé la caja entera de té": no report
    if rule.tier == "care_team":  # a claim someone told, asked whether it holds in general: nobody's own case
        sentence = next((s for s in sentences if s.start <= start < s.end), None)
        if sentence and rule.category == "request_human" and _helpline(doc, norms, sentences, sentence, start):
            return True
        return bool(sentence) and general_hearsay(doc[sentence.start : sentence.end].text)
    if rule.tier not in SEVERE:
        return False
    from bot.safety import spanish_told  # it imports this module

    if spanish_told.context_only(doc, norms, sentences, rule, start):
        return True  # "la enfermera dijo que si…", "si a alguien…", "¿qué síntomas da…? ¿sed, confusión?"
    clauses = [(c, s.end) for s in sentences for c in _clauses(doc, s.start, s.end)]
    index = next((k for k, (c, _) in enumerate(clauses) if c[0] <= start < c[1]), None)
    if index is None:
        return False
    own, own_end = clauses[index]
    history = [_history(norms, c, end) for c, end in clauses]
    asks = [_asks(doc, norms, c) for c, _ in clauses]
    if not any(asks) or not all(_plain(doc, norms, c) for (c, _), a in zip(clauses, asks) if a):
        return False  # a question about the person or about a sign that is happening
    if any(_personal(norms, c) and not asks[k] and not history[k] for k, (c, _) in enumerate(clauses) if k > index):
        return False  # someone in a later statement that is not history
    said = _HEARSAY.search(_text(norms, own[0], start)) and not _personal(
        norms, (_hearsay_end(norms, own, start), start)
    )
    if said and any(
        _IS_IT_SO.search(_text(norms, *c)) for (c, _), a in zip(clauses[index + 1 :], asks[index + 1 :]) if a
    ):
        return True  # "dice que el calcio alto da confusión, ¿es cierto?"
    if history[index] and not asks[index]:
        return any(asks)  # "hace años me rompí la muñeca, ¿…?", "¿evitan fracturas? una señora se quebró… hace años"
    earlier = [k for k in range(index) if _personal(norms, clauses[k][0])]
    return asks[index] and bool(earlier) and all(history[k] for k in earlier)


def _helpline(doc, norms: Sequence[str], sentences, sentence, start: int) -> bool:
    """A wish for a person aimed at the helpline ("…hablar con alguien de la línea de Komen"), or followed by a
    question about reaching it ("quiere hablar con alguien. ¿cómo se llama a la línea de ayuda de Komen?"): the
    helpline's number is the answer, as in English (english_shapes)."""
    if set(norms[start : sentence.end]) & HELPLINE:
        return True
    for later in (s for s in sentences if s.start >= sentence.end):
        words = norms[later.start : later.end]
        asks = "?" in doc[later.start : later.end].text or bool(words and words[0] in ASK_WORDS)
        if asks and set(words) & HELPLINE:
            return True
    return False


def history_question(text: str) -> bool:
    """The whole message, read as Spanish: every question is about nobody and says nothing is happening, and every
    other clause with a person in it is history ("hace dos años mi mamá se fracturó la muñeca y ya sanó. ¿el calcio
    ayuda a prevenir otra fractura?"). SafetyNet does not escalate the classifier's emergency or urgent guess alone on
    it: the patterns read it as context."""
    from bot.safety import engine  # it imports this module

    sentences, doc, norms = engine._spanish_reading(engine.normalise_text(text))
    clauses = [(c, s.end) for s in sentences for c in _clauses(doc, s.start, s.end)]
    asks = [_asks(doc, norms, c) for c, _ in clauses]
    if not any(asks) or not all(_plain(doc, norms, c) for (c, _), a in zip(clauses, asks) if a):
        return False
    told = [(c, end) for (c, end), a in zip(clauses, asks) if not a and _personal(norms, c)]
    return bool(told) and all(_history(norms, c, end) for c, end in told)


# someone else's story told as context: a neighbour, a friend, an acquaintance (not a relative one cares for)
_ACQUAINTANCE = re.compile(
    r"\b(mi|una|un|la|el|su) (vecina|vecino|amiga|amigo|conocida|conocido|companera|companero|comadre|compadre)\b"
)


def others_story_general(text: str) -> bool:
    """The whole message, read as Spanish: someone else's story (a neighbour's, a friend's) then a question marked as
    asked in general about nobody ("mi vecina se vacunó estando en quimio, ¿en general se recomiendan las vacunas…?").
    The asker's own care or a relative's names them (me, yo, mi mamá) and is not this."""
    from bot.safety import engine  # it imports this module

    sentences, doc, norms = engine._spanish_reading(engine.normalise_text(text))
    clauses = [c for s in sentences for c in _clauses(doc, s.start, s.end)]
    asks = [_asks(doc, norms, c) for c in clauses]
    asked = [c for c, a in zip(clauses, asks) if a]
    if not asked or not all(_plain(doc, norms, c) for c in asked):
        return False
    if not all(re.search(r"\b(en general|por lo general|en terminos generales)\b", _text(norms, *c)) for c in asked):
        return False
    told = [c for c, a in zip(clauses, asks) if not a and _personal(norms, c)]
    for clause in told:
        words = _text(norms, *clause)
        story = _ACQUAINTANCE.search(words)
        if not story or set(words[: story.start()].split() + words[story.end() :].split()) & PERSON:
            return False
    return bool(told)


# "mi vecina dice que el calcio da piedras, ¿es cierto en general?": a claim, then whether it holds
_CLAIM = re.compile(r"\b(dice|dicen|dijo|dijeron|decia|lei|escuche|oi|cuenta|cuentan|comento) (en \w+ )?que\b")
# … or why it would be so ("…no se dan juntos, ¿por qué será?", "¿a qué se debe?")
_CLAIM_ASKED = re.compile(
    r"\b(es|sera) (cierto|verdad|asi)\b|\bde verdad\b|\ben general\b|\bpor que (sera|es eso|sera eso|seria)\b"
    r"|\ba que se debe\b"
)


def general_hearsay(sentence: str) -> bool:
    """A claim asked about, the care-team readers' opposite (bot/safety/care_es/): the person is only the one
    who said it, nobody real after "dice que" ("mi vecina dice que le baje la dosis a mi mamá" is about her)."""
    text = " ".join(care_words.split_words(sentence))
    said = _CLAIM.search(text)
    if not said or not _CLAIM_ASKED.search(text, said.end()):
        return False
    rest = text[said.end() :].split()
    return not care_words.personal(rest, " ".join(rest))


def without_english_signs(clean: str, found: list) -> list:
    """The engine's English hits of a Spanish message, less its emergency and urgent ones when the message is a
    general question about a sign told, supposed of nobody or listed (spanish_told.general_told): "confusion" is an
    English word too."""
    from bot.safety import spanish_told  # it imports this module

    return spanish_told.without_english_signs(clean, found)


def unless_told(clean: str, hit):
    """`hit` (a temperature's), or None when the message is a Spanish general question about what a source told or
    a hypothetical about nobody (spanish_told.general_told): "¿por qué en la quimio hablan tanto de la calentura de 38?"."""
    from bot.safety import language, spanish_told  # spanish_told imports this module

    return None if hit and language.has_spanish(clean) and spanish_told.general_told(clean) else hit
