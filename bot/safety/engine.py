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
jaw problems?"), or in a clause of one after the person was context ("my wife gets zometa, can it cause
jaw pain?": bot/safety/english_shapes.py, which also reads personal questions and overdoses by shape).

Spanish (issue 12): a message with any Spanish in it (bot/safety/language.py `has_spanish`) is also read
with the Spanish patterns (content/safety.yml `es:`) and shapes (spanish_shapes.py), on its words in lower
case without accents and with the Spanish grammar words. A hit is `language` "es" when only Spanish
patterns matched. The patterns are clinical data, not code: content/safety.yml (beside each category's
wording) and content/safety_vocabulary.yml (macros, word lists, the notation); bot/safety/patterns.py
loads, checks and compiles them; `patterns_by_category()` lists them for people.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from bot.names import SEVERITY, TIERS  # noqa: F401  (public here too: most severe first)
from bot.safety import combinations, english_shapes, language, lookalikes, patterns, spanish_context, temperature
from bot.safety.accents import respell, strip_accents
from bot.safety.patterns import PatternError, Rule, patterns_by_category  # noqa: F401  (public API)
from bot.settings import ROOT

SPACY_PATH = ROOT / "var" / "spacy" / "en_bone_health"


@dataclass(frozen=True)
class SafetyHit:
    tier: str  # emergency | crisis | urgent | care_team
    category: str  # a category of that tier in content/safety.yml
    matched: str  # the words that matched (never logged: it is health data)
    also: Tuple[str, ...] = ()  # less severe tiers that matched too (e.g. crisis with an overdose)
    language: str = "en"  # the language of the pattern that matched ("es": a Spanish pattern)


# -- the patterns: content/safety.yml and content/safety_vocabulary.yml (bot/safety/patterns.py) ----

_PATTERNS = patterns.current()
# Every rule in priority order (tier, category's match_priority, English then Spanish patterns): a
# Matcher id is a position here. RULES: the English ones (as before Spanish), RULES_ES: the Spanish ones.
ALL_RULES: Tuple[Rule, ...] = _PATTERNS.rules
RULES: Tuple[Rule, ...] = tuple(rule for rule in ALL_RULES if rule.language == "en")
RULES_ES: Tuple[Rule, ...] = tuple(rule for rule in ALL_RULES if rule.language == "es")
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
REPORT_NOW = _LISTS["REPORT_NOW"]
# Fixes for the lookup lemmatizer's surprises and for contractions the tokenizer splits.
NORM_FIXES = _PATTERNS.vocabulary.norm_fixes


@dataclass(frozen=True)
class Grammar:
    """The word lists a language's sentences are read with (content/safety_vocabulary.yml)."""

    first_person: frozenset
    reporting_verbs: frozenset
    third_person: frozenset
    caregiver: frozenset
    question_start: frozenset
    fillers: frozenset
    info_cues: frozenset
    negations: frozenset
    clause_breaks: frozenset
    conjunctions: frozenset  # "but", "and": stop the look-back for a negation
    subjects: frozenset  # "i", "we": not about the writer before a reporting verb ("I read that…")


def _grammar(lists, conjunctions, subjects) -> Grammar:
    names = ("FIRST_PERSON", "REPORTING_VERBS", "THIRD_PERSON", "CAREGIVER", "QUESTION_START", "FILLERS")
    names += ("INFO_CUES", "NEGATIONS", "CLAUSE_BREAKS")
    return Grammar(*(lists[n] for n in names), frozenset(conjunctions), frozenset(subjects))


ENGLISH = _grammar(_LISTS, {"but", "and"}, {"i", "we"})
_ES = _PATTERNS.vocabulary.spanish
SPANISH = _grammar(_ES.word_lists, {"pero", "y", "e", "o", "aunque"}, {"yo", "me", "nosotros"})
MACROS_ES: Dict[str, str] = _ES.macros


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


@functools.cache
def _word_tokens_es(word: str) -> Tuple[Tuple[str, str], ...]:
    """A Spanish pattern word: exact (without accents), or every word starting so (`stem*`)."""
    word = strip_accents(word.lstrip("=").lower())
    if word.endswith("*") and len(word) > 1:
        return ((patterns.PREFIX, word[:-1]),)
    return tuple(("NORM", t.lower_) for t in _nlp().make_doc(word.replace("_", " ")))


@functools.lru_cache(maxsize=2)
def _matcher(language: str = "en"):
    from spacy.matcher import Matcher

    matcher = Matcher(_nlp().vocab, validate=False)
    macros, word_tokens = (MACROS_ES, _word_tokens_es) if language == "es" else (MACROS, _word_tokens)
    for index, rule in enumerate(ALL_RULES):
        if rule.language == language:
            matcher.add(str(index), patterns.compile_pattern(rule.pattern, macros, word_tokens))
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


def _sentences(doc, norms: Sequence[str], grammar: Grammar = ENGLISH, originals=None) -> List[_Sentence]:
    """`originals`: the Spanish words with their accents ("él" is a person, "el" an article)."""
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
            if word in grammar.first_person and not (
                word in grammar.subjects and set(following) & grammar.reporting_verbs
            ):
                personal = True
            elif originals is None and (word in grammar.third_person or word in grammar.caregiver):
                personal = True
            elif originals is not None and (
                originals[s + i] in grammar.third_person
                or (word in grammar.caregiver and not (word == "mama" and i and words[i - 1] == "de"))
            ):
                personal = True  # Spanish: "él", "mi mamá"; not "cáncer de mama"
        lower = [t.lower_ for t in doc[s:e]]
        first = next((w for w in lower if w not in grammar.fillers and any(c.isalnum() for c in w)), "")
        question = first in grammar.question_start
        if originals is not None:  # Spanish: "se cayó" reports, "se puede…" asks (language.se_asks)
            question = question and (first != "se" or language.se_asks(lower[lower.index(first) :]))
            question = question or "¿" in lower or (bool(lower) and lower[-1] == "?")
        info = any(w in grammar.info_cues for w in words)
        sentences.append(_Sentence(s, e, personal, question, question or info, info, first))
    return sentences


def _negated(
    norms: Sequence[str], doc, start: int, end: int, sentence: _Sentence, grammar: Grammar = ENGLISH, rule=None
) -> bool:
    """A negation word just before the match or inside it, in the same clause ("no fever")."""
    for i in range(start - 1, max(sentence.start, start - 3) - 1, -1):
        if doc[i].text in grammar.clause_breaks or norms[i] in grammar.conjunctions:
            break
        if norms[i] in grammar.negations:
            return True
    own = _own_words(rule) if grammar is SPANISH and rule is not None else frozenset()
    return any(norms[i] in grammar.negations and norms[i] not in own for i in range(start, end))


@functools.cache
def _own_words(rule: Rule) -> frozenset:
    """The words a Spanish pattern is written with: its own "no" ("no_despertar") is no negation."""
    return frozenset(re.split(r"[\s|_?]+", strip_accents(patterns.expand_macros(rule.pattern, MACROS_ES))))


# Temperatures: "38.5", "101F", "39 degrees" with a fever word nearby, or beside "chemo" (bot/safety/temperature.py);
# words and units in content/safety_vocabulary.yml, thresholds in content/safety.yml.
_TEMP = re.compile(
    r"(?<![\d.,/])(\d{2,3}(?:[.,]\d{1,2})?)\s*(°|º|degrees?|deg)?\s*(c|f|celsius|centigrade|" r"fahrenheit)?(?![\w/%])",
    re.IGNORECASE,
)
_FEVER_CONTEXT = _PATTERNS.vocabulary.fever_context
_NOT_TEMP_UNITS = _PATTERNS.vocabulary.not_temperature_units
_FEVER_CONTEXT_ES = _ES.fever_context  # "fiebre de 38.5", "39 grados", "calentura"
_NOT_TEMP_UNITS_ES = _ES.not_temperature_units  # "tengo 38 años"


def temperature_hit(text: str) -> Optional[SafetyHit]:
    """Emergency at 38 °C / 100.4 °F or more, urgent for a raised temperature just below it (the
    `temperature:` thresholds of content/safety.yml)."""
    best: Optional[SafetyHit] = None
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", temperature.in_digits(text)):
        english = bool(_FEVER_CONTEXT.search(sentence))
        spanish = bool(_FEVER_CONTEXT_ES.search(strip_accents(sentence)))
        if not english and not spanish and not temperature.CHEMO_ONLY.search(sentence):
            continue
        for match in _TEMP.finditer(sentence):
            rest, value = sentence[match.end() :], float(match.group(1).replace(",", "."))
            if _NOT_TEMP_UNITS.match(rest) or _NOT_TEMP_UNITS_ES.match(rest):
                continue
            if not (english or spanish) and temperature.may_be_an_age(match, value):
                continue  # "she's 39 and on chemo"
            unit = (match.group(3) or "").lower()[:1]
            if not unit:
                unit = "c" if 34 <= value <= 43 else "f" if 93 <= value <= 110 else ""
            plausible = (unit == "c" and 34 <= value <= 45) or (unit == "f" and 93 <= value <= 113)
            threshold = patterns.threshold_reached(_PATTERNS.thresholds, value, unit) if plausible else None
            if threshold:
                language = "es" if spanish and not english else "en"
                hit = SafetyHit(threshold.tier, threshold.category, match.group(0).strip(), language=language)
                if best is None or SEVERITY[hit.tier] < SEVERITY[best.tier]:
                    best = hit
    return best


def find_all(text: str) -> List[SafetyHit]:
    """Every hit in the message, English and Spanish patterns, in order of severity then position."""
    clean = normalise_text(text)
    if not clean:
        return []
    doc = _nlp()(clean)
    norms = [_norm(t) for t in doc]
    for token, norm in zip(doc, norms):
        token.norm_ = norm
    sentences = _sentences(doc, norms)
    found = _hits(doc, norms, sentences, _matcher()(doc), ENGLISH)
    found += [(SEVERITY[h[0]], len(ALL_RULES), 0, SafetyHit(*h)) for h in combinations.english(doc, norms, sentences)]
    if language.has_spanish(clean):  # an English sign word in a Spanish general question ("¿sed, confusion?") too
        found = spanish_context.without_english_signs(clean, found) + _spanish_hits(clean)
    temperature = None if lookalikes.child_fever(clean) else spanish_context.unless_told(clean, temperature_hit(clean))
    if temperature:
        found.append((SEVERITY[temperature.tier], -1, -1, temperature))
    # Most severe tier first; within a tier the category first in its match_priority, the pattern first
    # in that category (RULES is in that order), then the position.
    found.sort(key=lambda item: item[:3])
    return [hit for *_, hit in found]


def general_question_es(text: str) -> bool:
    """Read as Spanish, every sentence is a question or an information request with nobody in it
    ("¿el Zometa puede dañar los riñones?"): the same question-versus-report line the patterns draw."""
    sentences, *_ = _spanish_reading(normalise_text(text))
    return bool(sentences) and all(s.general and not s.personal for s in sentences)


def _spanish_hits(clean: str) -> List[Tuple[int, int, int, SafetyHit]]:
    sentences_es, doc_es, norms_es = _spanish_reading(clean)
    found = [(SEVERITY[h[0]], len(ALL_RULES), 0, SafetyHit(*h, language="es")) for h in combinations.spanish(clean)]
    return _hits(doc_es, norms_es, sentences_es, _matcher("es")(doc_es), SPANISH) + found


def _spanish_reading(clean: str):
    """Spanish: the same text without accents, exact words (no lemmas) respelled as written, its own grammar words."""
    doc_es = _nlp().make_doc(strip_accents(clean))
    norms_es = [respell(t.lower_) for t in doc_es]  # "kiero" read as "quiero": es.respellings, offsets kept
    for token, norm in zip(doc_es, norms_es):
        token.norm_ = norm
    originals = [clean[t.idx : t.idx + len(t.text)] for t in doc_es]
    return _sentences(doc_es, norms_es, SPANISH, originals), doc_es, norms_es


def _hits(doc, norms, sentences, matches, grammar: Grammar) -> List[Tuple[int, int, int, SafetyHit]]:
    def sentence_of(i: int) -> _Sentence:
        return next((s for s in sentences if s.start <= i < s.end), sentences[-1])

    found: List[Tuple[int, int, int, SafetyHit]] = []
    for match_id, start, end in matches:
        index = int(doc.vocab.strings[match_id])
        rule = ALL_RULES[index]
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
            if sentence.question or grammar is not ENGLISH or not _reported_now(norms, sentence):
                continue  # a general question ("can Zometa cause jaw pain?"); crisis wording always counts
        context = english_shapes.context_only if grammar is ENGLISH else spanish_context.context_only
        if context(doc, norms, sentences, rule, start, doc[start:end].text):
            continue  # "my wife gets zometa, can it cause jaw pain?", "hace años me rompí la muñeca, ¿…?": context
        if rule.negatable and _negated(norms, doc, start, end, sentence, grammar, rule):
            continue
        hit = SafetyHit(rule.tier, rule.category, doc[start:end].text, language=rule.language)
        found.append((SEVERITY[rule.tier], index, start, hit))
    return found


def _reported_now(norms: Sequence[str], sentence: _Sentence) -> bool:
    """A sentence that starts with the sign, not a question word, and says it is happening now ("legs numb since
    this morning, what does it mean?"): a report whatever cue word it asks with (REPORT_NOW)."""
    return bool(set(norms[sentence.start : sentence.end]) & REPORT_NOW)


def classify(text: str) -> Optional[SafetyHit]:
    """The most severe hit, with the other tiers that matched in `also`; None when nothing matched."""
    hits = find_all(text)
    if not hits:
        return None
    best = hits[0]
    also = tuple(dict.fromkeys(h.tier for h in hits[1:] if h.tier != best.tier))
    # Spanish when only Spanish patterns matched ("suicidal" is English even if "suicid*" matched too).
    spanish = {h.language for h in hits} == {"es"}
    return SafetyHit(best.tier, best.category, best.matched, also, "es" if spanish else "en")


def warm_up() -> None:
    """Load the pipeline and compile the patterns now (the first message should not wait for it)."""
    _matcher()
    _matcher("es")
    classify("warm up")


def explain(text: str) -> List[Tuple[str, str, str]]:  # for developers tuning the rules
    return [(h.tier, h.category, h.matched) for h in find_all(text)]


if __name__ == "__main__":  # python -m bot.safety.engine "message" ...
    import sys

    for message in sys.argv[1:] or [line.rstrip("\n") for line in sys.stdin]:
        print(f"{classify(message)!s:80}  <- {message}")
