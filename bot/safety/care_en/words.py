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

# round 6: one's own bone or cancer treatment linked to a real person ("i'm on tamoxifen and xgeva", "her zometa drip",
# "i'm due xgeva thursday", "me being on xgeva", "since starting the injections", "the radiation to my sternum")
DRUG = phrases_bounded("CARE_EN_OWN_DRUGS")

OWN_DRUG = re.compile(
    rf"\b(my|her|his|our|being on|while on) (\S+ ){{0,3}}{DRUG}"
    rf"|\b(i|we|she|he|they) {BE} (\S+ ){{0,2}}on (\S+ ){{0,4}}{DRUG}|\b(me|her|him|us) on (\S+ ){{0,5}}{DRUG}"
    rf"|\b(i|we|me|she|he|mum|mom|dad|my \S+|her \S+)( ('m|m|am|is|'s|s|are|have|has|'ve|ve|was|been))*( \S+){{0,2}} (get|"
    r"gets|getting|got|have|has|having|had|take|takes|taking|receive|receives|receiving|due|started|starting|start|"
    rf"prescribed|given|on) (\S+ ){{0,2}}{DRUG}"
    rf"|\b(since|after|before) (i |she |he |we )?(\S+ )?(starting|started|start|began|beginning) (on )?(\S+ ){{0,2}}{DRUG}"
    rf"|{DRUG} (to|on|in|for) (my|her|his|our)\b|\b(alongside|with|on top of|about) (the |my |her |his )?(\S+ )?{DRUG}"
    rf"|\b(was|were|been|got) (given|prescribed|started on|put on) (\S+ ){{0,2}}{DRUG}"
    rf"|\b(the|my|her|his) {DRUG} (\S+ )?(was|is|were|got) (given|due|booked|scheduled|moved|delayed|late|pushed)\b"
    rf"|\b(and|also|but) (\S+ )?(get|gets|getting|have|has|having|take|takes|taking|receive|receives) (\S+ ){{0,2}}{DRUG}"
    rf"|\b(me|her|him|us) (to )?(go|switch|change|move|stay|start|stop|keep) (\S+ ){{0,3}}{DRUG}"
)

IN_GENERAL = LISTS["CARE_EN_IN_GENERAL"]
