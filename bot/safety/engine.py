"""The deterministic safety net: red flags, crisis and personal questions found by rules, not a model.

`classify(text)` runs spaCy `Matcher` patterns over the lemmas of the message (the project's blank
English pipeline with the lookup lemmatizer, `python -m bot.nlu.spacy_pipeline`) and a small temperature
parser, and returns the most severe hit:

    emergency > crisis > urgent > care_team        (tiers of content/safety.yml)

so that a red flag reaches triage even when the intent classifier misses it (bot/nlu/safety_net.py puts
this in the NLU pipeline). Recall comes first: when unsure, escalate. Three kinds of pattern:

- "report": wording that is itself a report ("can't feel my legs", "wet myself", "want to die");
- "symptom": a sign named as a noun or adjective ("fever", "chest pain", "confused"), which can be
  negated cheaply ("no fever", "legs are not numb");
- "topic": a condition's name ("cord compression", "ONJ") that only counts with a person it happens
  to in the same sentence ("I think I have ONJ", not "what is ONJ?").

Any kind is skipped in a sentence that is a general question with nobody in it ("can Zometa cause
jaw problems?", "how rare is a femur fracture?"): those are FAQ questions. English only.

The patterns are clinical data, not code: each category's `patterns:` sit beside its wording in
content/safety.yml, the macros, word lists and temperature words in content/safety_vocabulary.yml
(which explains the notation). bot/safety/patterns.py loads, checks and compiles them; this module
reads messages with them. `patterns_by_category()` lists them for people.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from bot.names import SEVERITY, TIERS  # noqa: F401  (public here too: most severe first)
from bot.safety import patterns
from bot.safety.patterns import PatternError, Rule, patterns_by_category  # noqa: F401  (public API)
from bot.settings import ROOT

SPACY_PATH = ROOT / "var" / "spacy" / "en_bone_health"


@dataclass(frozen=True)
class SafetyHit:
    tier: str  # emergency | crisis | urgent | care_team
    category: str  # a category of that tier in content/safety.yml
    matched: str  # the words that matched (never logged: it is health data)
    also: Tuple[str, ...] = ()  # less severe tiers that matched too (e.g. crisis with an overdose)


# -- the patterns: content/safety.yml and content/safety_vocabulary.yml (bot/safety/patterns.py) ----

_PATTERNS = patterns.current()
RULES: Tuple[Rule, ...] = _PATTERNS.rules
MACROS: Dict[str, str] = _PATTERNS.vocabulary.macros
_LISTS = _PATTERNS.vocabulary.word_lists
# Caregiver and first-person words that make a sentence about a real person, not a general question.
FIRST_PERSON = _LISTS["FIRST_PERSON"]
REPORTING_VERBS = _LISTS["REPORTING_VERBS"]
THIRD_PERSON = _LISTS["THIRD_PERSON"]
CAREGIVER = _LISTS["CAREGIVER"]
QUESTION_START = _LISTS["QUESTION_START"]
FILLERS = _LISTS["FILLERS"]
INFO_CUES = _LISTS["INFO_CUES"]
NEGATIONS = _LISTS["NEGATIONS"]
CLAUSE_BREAKS = _LISTS["CLAUSE_BREAKS"]
# Fixes for the lookup lemmatizer's surprises and for contractions the tokenizer splits.
NORM_FIXES = _PATTERNS.vocabulary.norm_fixes


def _norm(token) -> str:
    lower = token.lower_
    if lower in NORM_FIXES:
        return NORM_FIXES[lower]
    if lower == "'s":
        return "'s"
    return token.lemma_.lower() or lower


# -- the engine -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _nlp():
    import spacy

    if not (SPACY_PATH / "meta.json").exists():
        from bot.nlu import spacy_pipeline

        spacy_pipeline.build(SPACY_PATH)
    return spacy.load(SPACY_PATH, exclude=["entity_ruler"])


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "´": "'"})
_INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def normalise_text(text: str) -> str:
    """Lower case, straight quotes, "self-harm" -> "self harm", collapsed spaces."""
    text = (text or "").translate(_QUOTES).lower()
    text = _INNER_HYPHEN.sub(" ", text)
    return " ".join(text.split())


def _tokens(doc) -> List[str]:
    return [_norm(t) for t in doc]


@functools.cache
def _word_tokens(word: str) -> Tuple[Tuple[str, str], ...]:
    """(attribute, value) per token of one pattern word: NORM of its lemma, or LOWER for `=word`."""
    exact = word.startswith("=")
    word = word.lstrip("=").replace("_", " ")
    doc = _nlp().make_doc(normalise_text(word))
    if exact:
        return tuple(("LOWER", t.lower_) for t in doc)
    doc = _nlp()(normalise_text(word))
    return tuple(("NORM", _norm(t)) for t in doc)


@functools.lru_cache(maxsize=1)
def _matcher():
    from spacy.matcher import Matcher

    matcher = Matcher(_nlp().vocab, validate=False)
    for index, rule in enumerate(RULES):
        matcher.add(str(index), patterns.compile_pattern(rule.pattern, MACROS, _word_tokens))
    return matcher


@dataclass
class _Sentence:
    start: int
    end: int
    personal: bool  # about a real person: "I", "my", "she", "my husband"…
    question: bool  # starts like a question: "what…", "can…", "is…"
    general: bool  # a question or an information request ("signs of…", "…cause…")
    info: bool  # asks for information ("…cause…", "…mean…", "signs of…")
    first: str = ""  # its first word


def _sentences(doc, norms: Sequence[str]) -> List[_Sentence]:
    bounds, start = [], 0
    for i, token in enumerate(doc):
        if token.text in {".", "?", "!", ";"} or "\n" in token.text:
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    sentences = []
    for s, e in bounds:
        words = norms[s:e]
        personal = False
        for i, word in enumerate(words):
            following = words[i + 1 : i + 3]
            if word in FIRST_PERSON and not (word in {"i", "we"} and set(following) & REPORTING_VERBS):
                personal = True
            elif word in THIRD_PERSON or word in CAREGIVER:
                personal = True
        lower = [t.lower_ for t in doc[s:e]]
        first = next((w for w in lower if w not in FILLERS and any(c.isalnum() for c in w)), "")
        question = first in QUESTION_START
        info = any(w in INFO_CUES for w in words)
        sentences.append(_Sentence(s, e, personal, question, question or info, info, first))
    return sentences


def _negated(norms: Sequence[str], doc, start: int, end: int, sentence: _Sentence) -> bool:
    """A negation word just before the match or inside it, in the same clause ("no fever")."""
    for i in range(start - 1, max(sentence.start, start - 3) - 1, -1):
        if doc[i].text in CLAUSE_BREAKS or norms[i] in {"but", "and"}:
            break
        if norms[i] in NEGATIONS:
            return True
    return any(norms[i] in NEGATIONS for i in range(start, end))


# Temperatures: "38.5", "38,5 C", "101F", "100.4 °F", "39 degrees", with a fever word nearby (the words
# and the units that rule a number out are in content/safety_vocabulary.yml, the thresholds beside
# their categories in content/safety.yml).
_TEMP = re.compile(
    r"(?<![\d.,/])(\d{2,3}(?:[.,]\d{1,2})?)\s*(°|º|degrees?|deg)?\s*(c|f|celsius|centigrade|" r"fahrenheit)?(?![\w/%])",
    re.IGNORECASE,
)
_FEVER_CONTEXT = _PATTERNS.vocabulary.fever_context
_NOT_TEMP_UNITS = _PATTERNS.vocabulary.not_temperature_units


def temperature_hit(text: str) -> Optional[SafetyHit]:
    """Emergency at 38 °C / 100.4 °F or more, urgent for a raised temperature just below it (the
    `temperature:` thresholds of content/safety.yml)."""
    best: Optional[SafetyHit] = None
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
        if not _FEVER_CONTEXT.search(sentence):
            continue
        for match in _TEMP.finditer(sentence):
            if _NOT_TEMP_UNITS.match(sentence[match.end() :]):
                continue
            value = float(match.group(1).replace(",", "."))
            unit = (match.group(3) or "").lower()[:1]
            if not unit:
                unit = "c" if 34 <= value <= 43 else "f" if 93 <= value <= 110 else ""
            plausible = (unit == "c" and 34 <= value <= 45) or (unit == "f" and 93 <= value <= 113)
            threshold = patterns.threshold_reached(_PATTERNS.thresholds, value, unit) if plausible else None
            if threshold:
                hit = SafetyHit(threshold.tier, threshold.category, match.group(0).strip())
                if best is None or SEVERITY[hit.tier] < SEVERITY[best.tier]:
                    best = hit
    return best


def find_all(text: str) -> List[SafetyHit]:
    """Every hit in the message, in order of severity then position."""
    clean = normalise_text(text)
    if not clean:
        return []
    doc = _nlp()(clean)
    norms = _tokens(doc)
    for token, norm in zip(doc, norms):
        token.norm_ = norm
    sentences = _sentences(doc, norms)

    def sentence_of(i: int) -> _Sentence:
        return next((s for s in sentences if s.start <= i < s.end), sentences[-1])

    found: List[Tuple[int, int, int, SafetyHit]] = []
    for match_id, start, end in _matcher()(doc):
        index = int(doc.vocab.strings[match_id])
        rule = RULES[index]
        sentence = sentence_of(start)
        if (
            rule.not_followed_by
            and end < len(doc)
            and (norms[end] in rule.not_followed_by or doc[end].lower_ in rule.not_followed_by)
        ):
            continue
        if rule.kind == "topic" and not sentence.personal:
            continue
        if rule.skip_questions and sentence.question:
            continue
        if rule.skip_info and sentence.info:
            continue
        if rule.skip_starts and sentence.first in rule.skip_starts:
            continue
        if rule.not_preceded_by and start > 0 and doc[start - 1].lower_ in rule.not_preceded_by:
            continue
        if sentence.general and not sentence.personal and not (rule.tier == "crisis" and rule.kind == "report"):
            continue  # a general question ("can Zometa cause jaw pain?"); crisis wording always counts
        if rule.negatable and _negated(norms, doc, start, end, sentence):
            continue
        found.append((SEVERITY[rule.tier], index, start, SafetyHit(rule.tier, rule.category, doc[start:end].text)))
    temperature = temperature_hit(clean)
    if temperature:
        found.append((SEVERITY[temperature.tier], -1, -1, temperature))
    # Most severe tier first; within a tier the category first in its match_priority, the pattern first
    # in that category (RULES is in that order), then the position.
    found.sort(key=lambda item: item[:3])
    return [hit for *_, hit in found]


def classify(text: str) -> Optional[SafetyHit]:
    """The most severe hit, with the other tiers that matched in `also`; None when nothing matched."""
    hits = find_all(text)
    if not hits:
        return None
    best = hits[0]
    also = tuple(dict.fromkeys(h.tier for h in hits[1:] if h.tier != best.tier))
    return SafetyHit(best.tier, best.category, best.matched, also)


def warm_up() -> None:
    """Load the pipeline and compile the patterns now (the first message should not wait for it)."""
    _matcher()
    classify("warm up")


def explain(text: str) -> List[Tuple[str, str, str]]:
    """(tier, category, matched) for every hit: for developers tuning the rules."""
    return [(h.tier, h.category, h.matched) for h in find_all(text)]


if __name__ == "__main__":  # python -m bot.safety.engine "message" ...
    import sys

    for message in sys.argv[1:] or [line.rstrip("\n") for line in sys.stdin]:
        print(f"{classify(message)!s:80}  <- {message}")
