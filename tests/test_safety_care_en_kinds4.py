"""English care-team questions by KIND, round 4 (bot/safety/english_care_own.py; the kinds English care DEV set 9
showed): what one's own result says about one, whether a treatment suits the person, something done or asked leave
for while on one's own treatment, wanting to stop it, when to take one's own tablets, how much treatment is left.
Texts written for this file in other words, never copied from tests/data; the same words asked in general (nobody in
them) stay general."""

from __future__ import annotations

import pytest

from bot.safety import engine

PERSONAL = [
    # what one's own result or report says about one
    ("her tumour marker went up on the letter, what does it tell us about her", "lab_results"),
    ("be honest, do my bloods look ok to you", "lab_results"),
    ("which stage is her disease at now", "lab_results"),
    # whether a treatment suits the person
    ("is my dad a suitable candidate for the new infusion", "which_drug"),
    ("might zometa help my mother with the pain", "which_drug"),
    # something done while on one's own treatment, or leave asked with it
    ("can she go swimming while she's on the zometa", "personal_decision"),
    ("my husband's on anastrozole, can he have the covid booster this week", "personal_decision"),
    # wanting to stop one's own treatment
    ("my sister is thinking of coming off the letrozole because of the joint pain", "personal_decision"),
    # when to take one's own tablets
    ("should i take my vitamin d tablets with breakfast instead", None),
    # how much treatment is left
    ("how many more infusions of zometa does she have left", "personal_decision"),
]

GENERAL = [
    "what does a high alkaline phosphatase usually mean",
    "what stage of cancer spreads to the bones",
    "who is a good candidate for radium 223",
    "can people go swimming while on chemo",
    "can you take st john's wort with tamoxifen",
    "why do some people stop letrozole early",
    "how many cycles of chemo do people usually have",
]


@pytest.mark.unit
@pytest.mark.parametrize("text, category", PERSONAL)
def test_a_personal_question_of_these_kinds_goes_to_the_care_team(text, category):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "care_team", engine.explain(text)
    if category:
        assert hit.category == category, engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", GENERAL)
def test_the_same_words_asked_in_general_are_not_escalated(text):
    assert engine.classify(text) is None, engine.explain(text)
