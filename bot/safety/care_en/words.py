"""Shared pieces of the English care-team readers (bot/safety/care_en/): the word lists, the phrase builders, a real
person (PERSON: i, me, my, she, mum…; `person_named`), the subjects and possessives the patterns share (WHO, SUBJ,
OWN, ME, BE), being on a treatment ("i'm on", "has me on": ON_IT) and a treatment named (TREATMENT, TREATMENT_WORD).
Words: content/safety_vocabulary.yml (FIRST_PERSON, THIRD_PERSON, CAREGIVER, SHAPE_TREATMENT, CARE_EN_MORE_DRUGS)."""

from __future__ import annotations

import re
from typing import Tuple

from bot.safety import patterns

LISTS = patterns.current().vocabulary.word_lists

PERSON = LISTS["FIRST_PERSON"] | LISTS["THIRD_PERSON"] | LISTS["CAREGIVER"]

TREATMENT = LISTS["SHAPE_TREATMENT"] | LISTS["CARE_EN_MORE_DRUGS"]

Hit = Tuple[str, str, str]  # (tier, category, matched)


def phrases(name: str) -> str:
    words = sorted(LISTS[name], key=len, reverse=True)
    return r"(" + "|".join(re.escape(w.replace("_", " ")) for w in words) + r")"


WHO = r"(i|we|she|he|my \w+|her \w+|his \w+|mum|mom|dad)"

OWN = r"(my|her|his|our)"

BE = r"('m|m|am|'s|s|is|are|'re|re|was|been|have been|'ve been|ve been)"

ON_IT = rf"\b(i|we|she|he|they) {BE} (\w+ ){{0,2}}on\b|\b(me|her|him|us) on\b"  # "i'm on", "has me on"


def person_named(text: str) -> bool:
    return any(w in PERSON for w in text.split())


ME = r"(me|her|him|us|my \w+|her \w+|his \w+)"


def phrases_bounded(*names: str) -> str:
    words = sorted(set().union(*(LISTS[n] for n in names)), key=len, reverse=True)
    return r"\b(" + "|".join(re.escape(w.replace("_", " ")) for w in words) + r")\b"


TREATMENT_WORD = r"\b(" + "|".join(sorted(TREATMENT, key=len, reverse=True)) + r")\b"

SUBJ = r"(i|we|she|he|my \w+|her \w+|his \w+|mum|mom|dad)"
