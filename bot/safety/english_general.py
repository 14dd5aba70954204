"""General English questions told in a shape the context reader (bot/safety/english_shapes.py) did not know, so
that they reach the FAQ and not triage (2026-12-07, the FAQ DEV sets 8 and 9):

- a claim the writer passes on: "i was told…", "we've read…", "my dad read that…", "my aunt keeps saying…",
  "the leaflet says…" (`claim_start`). The claim names nobody; a claim somebody else makes counts only when it is
  said of people in general ("everyone", "always", "people") or the question checks whether it is true ("is
  that true in general"), so "my mum says the pain is out of control, what does that mean" stays a report;
- a request to explain ("explain like i'm 10 why…", "kindly explain about…", "i'd be grateful for an explanation of
  what…"): the person in it is the listener; what is asked starts at its question word (`explained_from`);
- "this medicine", "these tablets" point at the drug just named, not at a sign happening (`medicine_pointers`);
- `claim_check`: a whole message that is such a claim and questions checking it; SafetyNet does not act on the
  classifier's guess alone there ("my brother keeps saying tamoxifen makes everyone put on weight. is that so?").

Recall first: a person in the claim or in what is asked, or a sign said to be happening now, keeps the report.
Words: content/safety_vocabulary.yml (CONTEXT_CLAIM_*, CONTEXT_EXPLAIN_*, CONTEXT_MEDICINE).
"""

from __future__ import annotations

from typing import Optional, Sequence

from bot.safety import patterns

_LISTS = patterns.current().vocabulary.word_lists
PERSON = _LISTS["FIRST_PERSON"] | _LISTS["THIRD_PERSON"] | _LISTS["CAREGIVER"]
FILLERS = _LISTS["FILLERS"]
REPORT_NOW = _LISTS["REPORT_NOW"]
TOLD = _LISTS["CONTEXT_CLAIM_TOLD"]  # told read heard saw seen: "i was told", "my dad read that"
BELIEVED = _LISTS["CONTEXT_CLAIM_BELIEVED"]  # thought assumed: "i thought jaw necrosis only happens to…"
POINTING = frozenset({"it", "this", "that", "these", "those", "there", "he", "she", "they"})  # "i thought it was…"
SAYS = _LISTS["CONTEXT_CLAIM_SAYS"]  # says claims insists reckons swears: a claim somebody makes
GENERIC = _LISTS["CONTEXT_CLAIM_GENERIC"]  # everyone always people: said of people in general
TRUTH = _LISTS["CONTEXT_CLAIM_TRUTH"]  # true myth right correct: the question checks the claim
EXPLAIN = _LISTS["CONTEXT_EXPLAIN"]  # explain explanation describe
LISTENER = _LISTS["CONTEXT_EXPLAIN_LISTENER"]  # to me like i'm 10 simply: who the explanation is for
MEDICINE = _LISTS["CONTEXT_MEDICINE"]  # medicine drug tablets: "this medicine" is the drug named
HAPPENING = _LISTS["CONTEXT_HAPPENING"]  # "normal", "this", "now": a sign happening
TREATING = frozenset({"treat", "treatment", "treatments"})  # "explain about dengue and its treatment": information
ASKING = frozenset({"what", "why", "how", "which", "about"})
AUX = frozenset({"was", "were", "been", "be", "have", "has", "had", "'ve", "ve", "got", "get", "keep", "keeps", "on"})


def _words(doc, start: int, end: int) -> list:
    return [doc[i].lower_ for i in range(start, end)]


def claim_start(doc, norms: Sequence[str], start: int, end: int, hit: int = -1) -> Optional[int]:
    """Where the claim passed on in doc[start:end] begins (after "i was told", "my dad read that", "she keeps
    saying"), or None when the sentence is no such claim, the claim names someone, says the sign is happening now,
    or the hit (a token index) lies before it."""
    words = _words(doc, start, end)
    first = next((i for i, w in enumerate(words) if w not in FILLERS), len(words))
    for i in range(first, min(first + 6, len(words))):
        word = words[i]
        if word in BELIEVED:  # a belief of one's own about the world: the claim starts right after the verb
            claim = start + i + 1 + (words[i + 1 : i + 2] == ["that"])
            if (hit < 0 or hit >= start + i) and claim < end and words[claim - start] not in POINTING:
                if not set(norms[claim:end]) & (PERSON | REPORT_NOW):
                    return claim
            return None
        if word not in TOLD and not (word in SAYS or (word == "saying" and i > first and words[i - 1] in AUX)):
            continue
        that = words[i + 1 : i + 2] == ["that"]
        if word in TOLD and not (that or word == "told" or (i > first and words[i - 1] in AUX)):
            return None  # "i heard a crack", "my mum saw blood": no claim passed on
        claim = start + i + 1 + that
        if claim >= end or (0 <= hit < claim) or set(norms[claim:end]) & (PERSON | REPORT_NOW):
            return None
        if word not in TOLD and not set(norms[claim:end]) & GENERIC:
            return -claim - 1  # somebody's claim about nothing general: only a question checking it makes it one
        return claim
    return None


def truth_checked(doc, norms: Sequence[str], asks) -> bool:
    """Some question of the message asks whether the claim is true ("is that true in general", "is she right")."""
    return any(set(norms[s:e]) & TRUTH for s, e in asks)


def explained_from(doc, norms: Sequence[str], start: int, end: int) -> Optional[int]:
    """ "explain like i'm 10 why…", "kindly explain about…", "i'd be grateful for an explanation of what…": the index
    where what is asked starts (its question word), when only the listener stands between the request and it."""
    words = _words(doc, start, end)
    at = next((i for i, w in enumerate(words) if w in EXPLAIN), None)
    if at is None:
        return None
    for i in range(at + 1, len(words)):
        if words[i] in ASKING:
            rest = i + (words[i] == "about")
            return start + rest if rest < len(words) else None
        if words[i] not in LISTENER and not words[i].isdigit():
            return None
    return None


def general_request(doc, norms: Sequence[str], start: int, end: int, hit: int = -1) -> bool:
    """doc[start:end] asks to have something explained about nobody ("kindly explain about dengue fever and its
    treatment", "explain like i'm 10 why the bone jab can make calcium go low"): no person, nothing happening now
    in what is asked, and the hit (a token index), if any, inside it."""
    asked = explained_from(doc, norms, start, end)
    if asked is None or hit >= 0 and hit < asked:
        return False
    happening = set(norms[asked:end]) & HAPPENING - TREATING - medicine_pointers(doc, asked, end)
    to_do = _words(doc, asked, min(asked + 2, end))[1:] == ["to"]  # "tell me what to do, …": what to do now
    return not set(norms[asked:end]) & (PERSON | REPORT_NOW) and not happening and not to_do


def medicine_pointers(doc, start: int, end: int) -> frozenset:
    """ "this" / "these" when each points at a medicine ("what is this medicine for"), not at a sign."""
    pointing = [i for i in range(start, end) if doc[i].lower_ in ("this", "these")]
    if pointing and all(i + 1 < end and doc[i + 1].lower_ in MEDICINE for i in pointing):
        return frozenset({"this", "these"})
    return frozenset()


def claim_check(text: str) -> bool:
    """The message is a claim passed on and questions that check it, about nobody (module docstring)."""
    from bot.safety import engine, english_shapes  # they import this module

    doc = engine._nlp()(engine.normalise_text(text))
    norms = [engine._norm(t) for t in doc]
    sentences = engine._sentences(doc, norms)
    claims = [s for s in sentences if claim_start(doc, norms, s.start, s.end) is not None]
    asks = [(s.start, s.end) for s in sentences if s not in claims]
    if not claims or not asks or not all(english_shapes._asks(doc, *c) for c in asks):
        return False
    if any(claim_start(doc, norms, s.start, s.end) < 0 for s in claims) and not truth_checked(doc, norms, asks):
        return False
    return all(english_shapes._plain(doc, norms, s, e, english_shapes.CLAIM_CHECKS) for s, e in asks)
