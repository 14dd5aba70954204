"""Whole-message readings SafetyNet asks before it acts on the classifier's red-flag guess ALONE (the patterns found
nothing): is every question of the message general, is every person's sign in it history, is it nothing but general
questions. They read the message with bot/safety/english_shapes.py's clause helpers, as the patterns' context reader
does, so both guards draw the same question-versus-report line."""

from __future__ import annotations

from typing import Sequence

from bot.safety import engine
from bot.safety import english_general as general_en
from bot.safety.care_en import general as care_general
from bot.safety.english_shapes import (
    _FIELD,
    _FIELD_CHANGED,
    HAPPENING,
    _asks,
    _clauses,
    _general_ask,
    _history,
    _personal,
    _temporal,
    _text,
)


def general_question(text: str) -> bool:
    """Every question of the message asks for general information about nobody, whatever context comes before
    ("my wife is on xgeva, does it cause tingling in the fingers?"): SafetyNet does not escalate the classifier's
    urgent or care-team guess alone on it, as the patterns, which found nothing there, read it as a question."""
    doc = engine._nlp()(engine.normalise_text(text))
    norms = [engine._norm(t) for t in doc]
    clauses = [c for s in engine._sentences(doc, norms) for c in _clauses(doc, s.start, s.end)]
    asks = [(s, e) for s, e in clauses if _asks(doc, s, e)]
    requests = [c for c in clauses if general_en.general_request(doc, norms, *c)]  # "…an explanation of what…"
    general = [c for c in asks if c not in requests]
    return bool(asks or requests) and all(
        _general_ask(doc, norms, *c) or _field_changed(doc, norms, *c) or _usual(doc, c) for c in general
    )


def _usual(doc, clause) -> bool:
    """How care usually goes, asked of nobody ("what does the nurse usually do when you ring about a fever")."""
    return care_general.usual_ask(_text(doc, *clause).split())


def _field_changed(doc, norms: Sequence[str], start: int, end: int) -> bool:
    """ "have the treatments changed much since then?", "how much have drugs improved": how the field moved on,
    asked of nobody and about no sign happening (the context before it may be a relative's story)."""
    text = " " + _text(doc, start, end) + " "
    if _personal(norms, start, end) or set(norms[start:end]) & HAPPENING - {"treatment", "treat"}:
        return False
    return bool(_FIELD.search(text)) and bool(_FIELD_CHANGED.search(text))


def history_question(text: str) -> bool:
    """Every question asks for general information about nobody and every other clause with a person in it is history
    ("when my husband was diagnosed his legs went weak but it got better with radiotherapy, what does radiotherapy do
    to the spine?"): SafetyNet does not escalate the classifier's emergency guess alone on it, as the patterns read it
    as context. A clause with a sign that is back ("again", "still") is no history."""
    doc = engine._nlp()(engine.normalise_text(text))
    norms = [engine._norm(t) for t in doc]
    clauses = [(c, s.end) for s in engine._sentences(doc, norms) for c in _clauses(doc, s.start, s.end)]
    asks = [c for c, _ in clauses if _asks(doc, *c) and not _temporal(doc, norms, *c)]
    told = [(c, end) for c, end in clauses if c not in asks and _personal(norms, *c)]
    if not asks or not told or not all(_general_ask(doc, norms, *c) or _field_changed(doc, norms, *c) for c in asks):
        return False
    return all(_history(doc, norms, c, end) for c, end in told)


def impersonal_question(text: str) -> bool:
    """The message is nothing but general questions: every clause asks, and nobody and no number is in it
    ("what temperature counts as a fever during chemo?"); "can't feel legs, what does it mean?" states a sign."""
    doc = engine._nlp()(engine.normalise_text(text))
    norms = [engine._norm(t) for t in doc]
    clauses = [c for s in engine._sentences(doc, norms) for c in _clauses(doc, s.start, s.end)]
    if not clauses or any(t.like_num for t in doc) or _personal(norms, 0, len(doc)):
        return False
    return all(
        _asks(doc, s, e) and _general_ask(doc, norms, s, e) or general_en.general_request(doc, norms, s, e)
        for s, e in clauses
    )
