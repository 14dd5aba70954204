"""The red-flag patterns as data: load, check and compile them for the engine (bot/safety/engine.py).

Clinicians review two files; this module is the only code that reads them for detection:
- `content/safety.yml`: each category's `patterns:` beside its wording, each tier's `match_priority`,
  and the `temperature:` thresholds of fever_chemo and raised_temperature (the schema is described at
  the top of that file);
- `content/safety_vocabulary.yml`: the pattern notation, its macros (`@CANT`, `@LEGS`…), the word lists
  the engine reads sentences with, the lemmatizer fixes and the temperature words.

`load()` checks everything and raises PatternError naming the file and the place (an unknown key, tier, category,
kind, language or macro, a missing word list); `compile_pattern()` turns one pattern string into spaCy Matcher token
patterns; `patterns_by_category()` gives the readable patterns for people (the staff book).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

import yaml

from bot.names import TIERS
from bot.safety.accents import strip_accents
from bot.settings import ROOT

SAFETY_FILE = ROOT / "content" / "safety.yml"
VOCABULARY_FILE = ROOT / "content" / "safety_vocabulary.yml"

KINDS = ("report", "symptom", "topic")
LANGUAGES = ("en", "es")  # Spanish: under `es:` in both files (issue 12), matched on words without accents
FLAGS = ("negatable", "skip_questions", "skip_info")
WORD_OPTIONS = ("not_followed_by", "not_preceded_by", "skip_starts")
PATTERN_KEYS = frozenset(("kind", "pattern", "language") + FLAGS + WORD_OPTIONS)
GRAMMAR_LISTS = (
    "FIRST_PERSON",
    "REPORTING_VERBS",
    "THIRD_PERSON",
    "CAREGIVER",
    "QUESTION_START",
    "FILLERS",
    "INFO_CUES",
    "NEGATIONS",
    "CLAUSE_BREAKS",
)
VOCABULARY_KEYS = frozenset({"macros", "word_lists", "norm_fixes", "temperature", "es"})
SPANISH_VOCABULARY_KEYS = frozenset({"macros", "word_lists", "temperature", "respellings"})
LANGUAGE_LISTS = ("spanish_words", "english_hints", "other_words")  # es.word_lists: telling the language
SPANISH_LISTS = ("SE_QUESTION", "GENERIC_PERSON")  # es.word_lists: reading Spanish sentences
TEMPERATURE_KEYS = frozenset({"fever_words", "fever_symbols", "not_units"})
MACRO = re.compile(r"@([A-Z]+[0-9]?)")  # @NAME in a pattern
JOINED_MACRO = re.compile(r"([\w'=]+)_@([A-Z]+)")  # kill_@SELF


class PatternError(ValueError):
    """content/safety.yml or content/safety_vocabulary.yml cannot be used: says where and why."""


@dataclass(frozen=True)
class Rule:
    tier: str
    category: str
    kind: str  # report | symptom | topic
    pattern: str  # as written (one line), macros not expanded
    negatable: bool = False
    not_followed_by: FrozenSet[str] = frozenset()
    skip_questions: bool = False  # not in a sentence that starts as a question ("can I have dental work…")
    skip_info: bool = False  # not in a sentence asking for information ("can my spine mets cause…")
    not_preceded_by: FrozenSet[str] = frozenset()  # "hay fever" is not a fever
    skip_starts: FrozenSet[str] = frozenset()  # not in a sentence starting with these ("why do I have to…")
    language: str = "en"


@dataclass(frozen=True)
class Threshold:
    tier: str
    category: str
    celsius: float
    fahrenheit: float


@dataclass(frozen=True)
class Vocabulary:
    macros: Dict[str, str]
    word_lists: Dict[str, FrozenSet[str]]
    norm_fixes: Dict[str, str]
    fever_context: "re.Pattern[str]"
    not_temperature_units: "re.Pattern[str]"
    spanish: Optional["Vocabulary"] = None  # the `es:` section (no norm_fixes: Spanish words are exact)
    respellings: Dict[str, str] = field(default_factory=dict)  # es: a word as older writers spell it -> as written


@dataclass(frozen=True)
class Patterns:
    rules: Tuple[Rule, ...]  # per tier, categories in match_priority order, patterns in file order
    thresholds: Tuple[Threshold, ...]  # most severe first
    vocabulary: Vocabulary
    by_category: Dict[str, Dict[str, List[str]]]  # readable, in the order of content/safety.yml


# -- loading and checking -------------------------------------------------------------------------


def _words(value: Any, where: str, lists: Mapping[str, FrozenSet[str]]) -> FrozenSet[str]:
    """A word list option: a YAML list, words separated by spaces, or "@NAME" of a vocabulary list."""
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in lists:
            raise PatternError(f"{where}: unknown word list {value} (content/safety_vocabulary.yml word_lists)")
        return lists[value[1:]]
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(w, str) and w for w in items):
        raise PatternError(f"{where}: expected a list of words (quote yes/no/on/off), got {value!r}")
    return frozenset(items)


def normalise_pattern(text: str) -> str:
    """A pattern as one line: line breaks and spaces around `|` (long patterns folded in YAML) go."""
    return re.sub(r"\s*\|\s*", "|", " ".join(str(text).split()))


def expand_macros(pattern: str, macros: Mapping[str, str]) -> str:
    previous = None
    while previous != pattern:
        previous, pattern = pattern, MACRO.sub(lambda m: macros[m.group(1)], pattern)
    return pattern


def _check_macros(pattern: str, macros: Mapping[str, str], where: str) -> None:
    seen, todo = set(), MACRO.findall(pattern)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in macros:
            raise PatternError(
                f"{where}: unknown macro @{name} in {pattern!r} " f"(defined: {', '.join(sorted(macros))})"
            )
        seen.add(name)
        todo += MACRO.findall(macros[name])


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    unknown = set(raw) - VOCABULARY_KEYS
    if unknown:
        raise PatternError(f"{path}: unknown keys {sorted(unknown)} (expected {sorted(VOCABULARY_KEYS)})")
    fixes = raw.get("norm_fixes") or {}
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in fixes.items()):
        raise PatternError(f"{path}: norm_fixes must map words to words (quote yes/no/on/off)")
    es = raw.get("es") or {}
    if set(es) - SPANISH_VOCABULARY_KEYS:
        raise PatternError(f"{path}: es: unknown keys {sorted(set(es) - SPANISH_VOCABULARY_KEYS)}")
    lists = LANGUAGE_LISTS + SPANISH_LISTS
    spanish = _vocabulary_part(es, f"{path}: es", {}, lists, {"fever_words", "not_units"}) if es else None
    return _vocabulary_part(raw, str(path), dict(fixes), (), TEMPERATURE_KEYS, spanish)


def _vocabulary_part(raw, where: str, fixes, extra_lists, temperature_keys, spanish=None) -> Vocabulary:
    """Macros, word lists and temperature words of one language (the top level, or `es:`)."""
    macros = {str(k): normalise_pattern(v) for k, v in (raw.get("macros") or {}).items()}
    for name in macros:
        if not re.fullmatch(MACRO.pattern[1:], name):
            raise PatternError(f"{where}: macro name {name!r} must be upper case letters with one digit at most")
    for name, value in macros.items():
        _check_macros(value, macros, f"{where}: macros.{name}")
    lists = {str(k): _words(v, f"{where}: word_lists.{k}", {}) for k, v in (raw.get("word_lists") or {}).items()}
    missing = [name for name in GRAMMAR_LISTS + tuple(extra_lists) if name not in lists]
    if missing:
        raise PatternError(f"{where}: word_lists missing: {missing}")
    temperature = raw.get("temperature") or {}
    if set(temperature) != set(temperature_keys):
        raise PatternError(f"{where}: temperature needs exactly {sorted(temperature_keys)}")
    try:
        fever = re.compile(
            r"\b("
            + "|".join(temperature["fever_words"])
            + r")\b"
            + "".join("|" + re.escape(symbol) for symbol in temperature.get("fever_symbols") or []),
            re.IGNORECASE,
        )
        units = re.compile(r"^\s*(" + "|".join(temperature["not_units"]) + ")", re.IGNORECASE)
    except (re.error, TypeError) as error:
        raise PatternError(f"{where}: temperature: {error}") from error
    respellings = raw.get("respellings") or {}
    if not all(isinstance(k, str) and isinstance(v, str) and " " not in k + v.strip() for k, v in respellings.items()):
        raise PatternError(f"{where}: respellings must map one word to one word (quote yes/no/on/off)")
    respellings = {strip_accents(k.strip().lower()): strip_accents(v.strip().lower()) for k, v in respellings.items()}
    return Vocabulary(macros, lists, fixes, fever, units, spanish, respellings)


def _rule(
    tier: str, category: str, entry: Any, where: str, vocabulary: Vocabulary, default_language: str = "en"
) -> Rule:
    if not isinstance(entry, dict):
        raise PatternError(f"{where}: expected a mapping with kind and pattern, got {entry!r}")
    unknown = set(entry) - PATTERN_KEYS
    if unknown:
        raise PatternError(f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(PATTERN_KEYS)})")
    if entry.get("kind") not in KINDS:
        raise PatternError(f"{where}: kind must be one of {KINDS}, got {entry.get('kind')!r}")
    if not isinstance(entry.get("pattern"), str) or not entry["pattern"].strip():
        raise PatternError(f"{where}: pattern missing")
    language = entry.get("language", default_language)
    if language not in LANGUAGES:
        raise PatternError(f"{where}: language {language!r} is not supported (supported: {LANGUAGES})")
    if default_language == "es" and language != "es":
        raise PatternError(f"{where}: a pattern under es: is Spanish (language: es), not {language!r}")
    if language == "es":
        if vocabulary.spanish is None:
            raise PatternError(f"{where}: a Spanish pattern needs the es: section of content/safety_vocabulary.yml")
        vocabulary = vocabulary.spanish
    pattern = normalise_pattern(entry["pattern"])
    _check_macros(pattern, vocabulary.macros, where)
    for flag in FLAGS:
        if not isinstance(entry.get(flag, False), bool):
            raise PatternError(f"{where}: {flag} must be true or false")
    options = {
        name: _words(entry[name], f"{where}: {name}", vocabulary.word_lists) for name in WORD_OPTIONS if name in entry
    }
    return Rule(
        tier,
        category,
        entry["kind"],
        pattern,
        language=language,
        **{flag: entry.get(flag, False) for flag in FLAGS},
        **options,
    )


def load(safety_file: Path = SAFETY_FILE, vocabulary_file: Path = VOCABULARY_FILE) -> Patterns:
    vocabulary = load_vocabulary(vocabulary_file)
    raw = yaml.safe_load(Path(safety_file).read_text(encoding="utf-8")) or {}
    tiers = raw.get("tiers") or {}
    unknown = set(tiers) - set(TIERS)
    if unknown:
        raise PatternError(f"{safety_file}: unknown tiers {sorted(unknown)} (known: {TIERS})")
    spanish_tiers = ((raw.get("es") or {}).get("tiers")) or {}
    unknown = set(spanish_tiers) - set(tiers)
    if unknown:
        raise PatternError(f"{safety_file}: es.tiers: unknown tiers {sorted(unknown)} (known: {list(tiers)})")
    rules: List[Rule] = []
    thresholds: List[Threshold] = []
    by_category: Dict[str, Dict[str, List[str]]] = {}
    for tier, spec in tiers.items():
        categories = (spec or {}).get("categories") or {}
        spanish = ((spanish_tiers.get(tier) or {}).get("categories")) or {}
        for category in spanish:
            if category not in categories:
                raise PatternError(
                    f"{safety_file}: es.tiers.{tier}.categories: unknown category {category!r} "
                    f"(categories: {list(categories)})"
                )
        with_patterns = [
            c
            for c, body in categories.items()
            if (body or {}).get("patterns") or (spanish.get(c) or {}).get("patterns")
        ]
        priority = spec.get("match_priority", with_patterns)
        where = f"{safety_file}: tiers.{tier}.match_priority"
        for category in priority:
            if category not in categories:
                raise PatternError(f"{where}: unknown category {category!r} (categories: {list(categories)})")
        if len(set(priority)) != len(priority) or set(priority) != set(with_patterns):
            raise PatternError(f"{where} must list each category with patterns once: {with_patterns}")
        by_rule: Dict[str, List[Rule]] = {}
        for category, body in categories.items():
            body = body or {}
            if body.get("patterns") and not body.get("title"):
                raise PatternError(f"{safety_file}: tiers.{tier}.categories.{category} has patterns but no title")
            if not isinstance(body.get("patterns", []), list):
                raise PatternError(f"{safety_file}: tiers.{tier}.categories.{category}.patterns must be a list")
            by_rule[category] = [
                _rule(
                    tier,
                    category,
                    entry,
                    f"{safety_file}: tiers.{tier}.categories.{category}.patterns[{i}]",
                    vocabulary,
                )
                for i, entry in enumerate(body.get("patterns") or [])
            ]
            if by_rule[category]:
                by_category.setdefault(tier, {})[category] = [r.pattern for r in by_rule[category]]
            es_where = f"{safety_file}: es.tiers.{tier}.categories.{category}.patterns"
            es_entries = (spanish.get(category) or {}).get("patterns") or []
            if not isinstance(es_entries, list):
                raise PatternError(f"{es_where} must be a list")
            if es_entries and not body.get("title"):
                raise PatternError(f"{safety_file}: tiers.{tier}.categories.{category} has patterns but no title")
            by_rule[category] += [
                _rule(tier, category, entry, f"{es_where}[{i}]", vocabulary, "es") for i, entry in enumerate(es_entries)
            ]
            if "temperature" in body:
                t = body["temperature"]
                if not isinstance(t, dict) or set(t) != {"celsius", "fahrenheit"}:
                    raise PatternError(
                        f"{safety_file}: tiers.{tier}.categories.{category}.temperature needs " "celsius and fahrenheit"
                    )
                thresholds.append(Threshold(tier, category, float(t["celsius"]), float(t["fahrenheit"])))
        for category in priority:
            rules += by_rule[category]
    thresholds.sort(key=lambda t: (TIERS.index(t.tier), -t.celsius))
    return Patterns(tuple(rules), tuple(thresholds), vocabulary, by_category)


@functools.lru_cache(maxsize=1)
def current() -> Patterns:
    """The patterns of content/ (read once)."""
    return load()


def patterns_by_category() -> Dict[str, Dict[str, List[str]]]:
    """{tier: {category: [pattern, …]}} as written in content/safety.yml (one line each, `@MACRO`s
    unexpanded; content/safety_vocabulary.yml defines them), for people reading the rules. Only
    categories with patterns; the temperature thresholds are in `current().thresholds`."""
    return {
        tier: {category: list(patterns) for category, patterns in categories.items()}
        for tier, categories in current().by_category.items()
    }


# -- compiling ------------------------------------------------------------------------------------


def fix_macro_joins(pattern: str, macros: Mapping[str, str]) -> str:
    """`kill_@SELF` means kill + one of SELF: expand it into proper alternatives before compiling."""

    def repl(match: re.Match) -> str:
        prefix, name = match.group(1), match.group(2)
        return "|".join(f"{prefix}_{alt}" for alt in macros[name].split("|"))

    return JOINED_MACRO.sub(repl, pattern)


WordTokens = Callable[[str], Sequence[Tuple[str, str]]]
PREFIX = "PREFIX"  # a pattern word `stem*` (Spanish): every word starting with the stem, on NORM


def _token(attr: str, values: set, one: bool = False) -> Dict:
    """One Matcher token: `{attr: {"IN": [...]}}` (alternatives at a position), `{attr: value}` (a word of
    a multi-word alternative, `one`), or a NORM regular expression for prefixes."""
    if attr == PREFIX:
        return {"NORM": {"REGEX": "^(?:" + "|".join(map(re.escape, sorted(values))) + ")"}}
    return {attr: next(iter(values))} if one else {attr: {"IN": sorted(values)}}


def compile_pattern(pattern: str, macros: Mapping[str, str], word_tokens: WordTokens) -> List[List[Dict]]:
    """One pattern string -> spaCy Matcher token patterns (alternatives of several words expand).
    `word_tokens(word)` gives the (attribute, value) pairs of one pattern word (the engine lemmatises)."""
    slots: List[List[List[Dict]]] = []  # per position: alternatives, each a list of token dicts
    for part in expand_macros(fix_macro_joins(pattern, macros), macros).split():
        if part == "#NUM":
            slots.append([[{"LIKE_NUM": True}]])
            continue
        wildcard = re.fullmatch(r"\*(\d+)", part)
        if wildcard:
            for _ in range(int(wildcard.group(1))):
                slots.append([[{"IS_PUNCT": False, "OP": "?"}]])
            continue
        optional = part.endswith("?") and part != "?"
        part = part[:-1] if optional else part
        single: Dict[str, set] = {}
        multi: List[List[Dict]] = []
        for alternative in part.split("|"):
            tokens: List[Tuple[str, str]] = []
            for word in alternative.split("_") if alternative != "_" else [alternative]:
                if word:
                    tokens += list(word_tokens(word)) if word != "?" else [("LOWER", "?")]
            if len(tokens) == 1:
                attr, value = tokens[0]
                single.setdefault(attr, set()).add(value)
            elif tokens:
                multi.append([_token(attr, {value}, one=True) for attr, value in tokens])
        alternatives = [[_token(attr, values)] for attr, values in single.items()] + multi
        if optional:
            alternatives.append([])
        slots.append(alternatives)
    patterns = []
    for combo in itertools.product(*slots):
        tokens = [dict(t) for alternative in combo for t in alternative]
        # Leading/trailing optional wildcards add nothing but duplicate matches.
        while tokens and tokens[0].get("OP") == "?" and "IS_PUNCT" in tokens[0]:
            tokens.pop(0)
        while tokens and tokens[-1].get("OP") == "?" and "IS_PUNCT" in tokens[-1]:
            tokens.pop()
        if tokens:
            patterns.append(tokens)
    return patterns


def threshold_reached(thresholds: Sequence[Threshold], value: float, unit: str) -> Optional[Threshold]:
    """The most severe threshold a temperature reaches (unit "c" or "f")."""
    for threshold in thresholds:
        if value >= (threshold.celsius if unit == "c" else threshold.fahrenheit):
            return threshold
    return None
