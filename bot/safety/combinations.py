"""Red flags made of two signs said anywhere in one message, across commas and clauses (round 4 of issue 12).

A pattern reads one clause; people spread one emergency over two: "the shakes came on out of nowhere and i
cant stop, had chemo monday" (shaking chills during chemo), "her calcium dropped super low and now shes
twitching all over" (very low calcium), "le dijeron que tiene el calcio muy alto y hoy está desvariando"
(very high calcium). Each combination below counts when both of its parts are in the message, the sign not
negated just before it ("no chills"), with a real person in the message (I, my, she, mi mamá…) and no
general cue ("does chemo cause chills?", "dice que el calcio alto da confusión"). The words are the
COMBO_* lists of content/safety_vocabulary.yml (English at the top, Spanish under `es:`): `a_b` is a
phrase, `stem*` every word starting so. bot/safety/engine.py adds these hits beside the shapes'.
"""

from __future__ import annotations

import functools
import re
from typing import List, Optional, Sequence, Tuple

from bot.safety import english_shapes, patterns, spanish_shapes, spanish_told
from bot.safety.accents import respell_text, strip_accents

Hit = Tuple[str, str, str]  # tier, category, the words that matched
# (tier, category, first part, second part); a part is a list name, or (list, list, n): the first list's word
# followed within n words by the second's ("calcium … dropped").
COMBINATIONS = (
    ("emergency", "low_calcium", ("COMBO_CALCIUM", "COMBO_LOW", 6), "COMBO_LOW_SIGNS"),
    ("emergency", "high_calcium", ("COMBO_CALCIUM", "COMBO_HIGH", 6), "COMBO_HIGH_SIGNS"),
    ("emergency", "fever_chemo", "COMBO_CHEMO", "COMBO_RIGORS"),
    ("crisis", "suicidal_thoughts", "COMBO_SETTLING", "COMBO_GOING"),  # "affairs in order… i'm ready to go"
    ("crisis", "suicidal_thoughts", "COMBO_FAREWELL", "COMBO_SILENCE"),  # "perdón por todo… y apagó el celular"
)
_HISTORY = re.compile(r"\b(?:in|en|back in) (?:19|20)\d\d\b|\byears? ago\b|\bhace (?:\d+|unos|varios|muchos) anos\b")


def _alternatives(words) -> str:
    """A regular expression for a COMBO_ list: whole words, `a_b` phrases, `stem*` word starts."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        stem = word.endswith("*")
        text = r"\s+".join(re.escape(w) for w in word.rstrip("*").split("_"))
        parts.append(text + (r"\w*" if stem else ""))
    return r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])"


@functools.lru_cache(maxsize=2)
def _compiled(language: str):
    vocabulary = patterns.current().vocabulary
    lists = vocabulary.spanish.word_lists if language == "es" else vocabulary.word_lists
    person = lists["FIRST_PERSON"] | lists["CAREGIVER"] | (lists["THIRD_PERSON"] if language == "en" else set())
    if language == "es":
        person = person | {"ella", "el", "ellas", "ellos", "le", "se"}
    compiled = []
    for tier, category, *parts in COMBINATIONS:
        regexes = []
        for part in parts:
            if isinstance(part, tuple):
                first, second, n = part
                gap = r"(?:\W+[\w']+){0," + str(n) + r"}\W+"
                regexes.append(re.compile(_alternatives(lists[first]) + gap + _alternatives(lists[second])))
            else:
                regexes.append(re.compile(_alternatives(lists[part])))
        compiled.append((tier, category, regexes))
    negations = re.compile(_alternatives(lists["NEGATIONS"] | {"n't"}) + r"(?:\W+[\w']+){0,1}\W*$")
    return compiled, re.compile(_alternatives(person)), re.compile(_alternatives(lists["COMBO_GENERAL"])), negations


def find(clean: str, language: str = "en") -> List[Hit]:
    """The combinations in a message (lower case, as the engine reads it; Spanish without accents)."""
    text = respell_text(strip_accents(clean)) if language == "es" else clean
    combinations, person, general, negation = _compiled(language)
    if not person.search(text) or general.search(text) or _HISTORY.search(text):
        return []
    found = []
    for tier, category, regexes in combinations:
        words = [_first(regex, text, negation) for regex in regexes]
        if all(words):
            found.append((tier, category, " … ".join(words)))
    return found


def _first(regex, text: str, negation) -> Optional[str]:
    for match in regex.finditer(text):
        if not negation.search(text[max(0, match.start() - 30) : match.start()]):
            return match.group(0)
    return None


def english(doc, norms: Sequence[str], sentences) -> List[Hit]:
    """english_shapes.hits and the combinations of an English reading."""
    return english_shapes.hits(doc, norms, sentences) + find(doc.text)


def spanish(clean: str) -> List[Hit]:
    """spanish_shapes.hits and the combinations of a Spanish reading (none in a general question about a sign told
    by a source, supposed of nobody or listed: spanish_told.general_told)."""
    return spanish_shapes.hits(clean) + ([] if spanish_told.general_told(clean) else find(clean, "es"))
