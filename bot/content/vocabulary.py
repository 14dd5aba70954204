"""The understanding's word lists from content/vocabulary.yml, compiled once.

Clinicians and content editors review the words; the code that uses them (bot/nlu, bot/dialogue,
actions) only compiles them. Unknown or missing keys fail at load, not on a patient's message.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Pattern, Tuple

import yaml

from bot.settings import ROOT

VOCABULARY_FILE = ROOT / "content" / "vocabulary.yml"
KEYS = frozenset(
    {
        "body_sites",
        "symptoms",
        "on_topic_stems",
        "spanish_words",
        "english_hints",
        "acknowledgements",
        "referring_words",
        "restate_words",
        "follow_up_starts",
        "comparison_words",
        "aspect_cues",
        "aspect_names",
        "starter_topics",
        "lay_terms",
        "medicine_suffixes",
        "words_like_drug_names",
        "other_medicines",
        "other_cancers",
    }
)


@dataclass(frozen=True)
class Vocabulary:
    body_sites: Tuple[str, ...]
    symptoms: Tuple[str, ...]
    on_topic: Pattern[str]
    spanish_words: FrozenSet[str]
    english_hints: FrozenSet[str]
    acknowledgements: FrozenSet[str]  # whole Spanish messages that only acknowledge ("vale", "ya")
    referring_words: Pattern[str]
    restate_words: Pattern[str]  # "say that more simply": the last answer again
    follow_up_starts: Pattern[str]  # "and for chemo?": the last aspect for a new subject
    comparison_words: Pattern[str]  # "is it any different from zometa": the answer comparing the two drugs
    aspect_cues: Tuple[Tuple[str, Pattern[str]], ...]
    aspect_answers: Dict[str, Pattern[str]]  # follow-up kinds an answer's own text gives ("lasts about 1 to 2 days")
    aspect_names: Dict[str, str]
    starter_topics: Tuple[str, ...]
    lay_terms: Dict[str, Tuple[str, ...]]  # plain term -> the words that mean it
    medicine_suffixes: Tuple[str, ...]  # endings of medicine names (unknown medicines get no answer)
    other_medicines: FrozenSet[str]  # medicines no curated answer is about, whatever their ending ("warfarin")
    words_like_drug_names: FrozenSet[str]  # real words one letter from a drug name ("propia"): never a misspelling
    other_cancers: Pattern[str]  # cancers other than breast cancer (no curated answer)


@functools.lru_cache(maxsize=2)
def load(path: Path = VOCABULARY_FILE) -> Vocabulary:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if set(raw) != KEYS:
        raise ValueError(f"{path}: expected the keys {sorted(KEYS)}, got {sorted(raw)}")
    return Vocabulary(
        body_sites=tuple(raw["body_sites"]),
        symptoms=tuple(raw["symptoms"]),
        on_topic=re.compile(r"\b(" + "|".join(raw["on_topic_stems"]) + ")", re.IGNORECASE),
        spanish_words=frozenset(raw["spanish_words"]),
        english_hints=frozenset(raw["english_hints"]),
        acknowledgements=frozenset(raw["acknowledgements"]),
        referring_words=re.compile(raw["referring_words"], re.IGNORECASE),
        restate_words=re.compile(raw["restate_words"]),
        follow_up_starts=re.compile(raw["follow_up_starts"]),
        comparison_words=re.compile(raw["comparison_words"], re.IGNORECASE),
        aspect_cues=tuple((cue["aspect"], re.compile(cue["pattern"], re.IGNORECASE)) for cue in raw["aspect_cues"]),
        aspect_answers={
            cue["aspect"]: re.compile(cue["answer"], re.IGNORECASE) for cue in raw["aspect_cues"] if cue.get("answer")
        },
        aspect_names=dict(raw["aspect_names"]),
        starter_topics=tuple(raw["starter_topics"]),
        lay_terms={term: tuple(words) for term, words in raw["lay_terms"].items()},
        medicine_suffixes=tuple(raw["medicine_suffixes"]),
        words_like_drug_names=frozenset(raw["words_like_drug_names"]),
        other_medicines=frozenset(w.lower() for w in raw["other_medicines"]),
        other_cancers=re.compile(raw["other_cancers"]),
    )
