"""English care-team questions by KIND (the care-team misses of the dev set English 4, 2026-12-07 morning): a
relative's chances said as "beat this" / "pull through", a vaccine or an operation with one's own treatment, holding
a drug before surgery, an activity with "the spot" on a bone, moving a dose to a named day. Texts written for this
file in other words, never copied from tests/data; the same words asked in general stay general."""

from __future__ import annotations

import pytest

from bot.safety import engine

PERSONAL = [
    "is my dad gonna beat this thing",
    "will my wife pull through this, be honest",
    "can i have my covid booster the week of my zometa",
    "my mum has a biopsy on thursday, does she need to pause her denosumab",
    "could i keep doing zumba with the spots on my spine",
    "her xgeva is due wednesday but she's in hospital, can we move it to next week",
]

GENERAL = [
    "can people beat cancer that has spread to bone",
    "are vaccines safe with bisphosphonates in general",
    "is aerobics ok for people with bone mets, in general terms",
    "on which day of the cycle is zometa usually given",
]


@pytest.mark.unit
@pytest.mark.parametrize("text", PERSONAL)
def test_a_personal_question_of_these_kinds_goes_to_the_care_team(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "care_team", engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", GENERAL)
def test_the_same_words_asked_in_general_are_not_escalated(text):
    assert engine.classify(text) is None, engine.explain(text)
