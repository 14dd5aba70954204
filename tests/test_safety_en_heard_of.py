"""General English questions that share words with a red flag, by KIND (the fourth English dev FAQ set's first run,
2026-12-07: 12 of 436 general questions were sent to triage). Texts written for this file in other words, never
copied from tests/data; each kind has look-alikes that must stay escalated.

Kinds: an urgent sign of someone the writer only heard of ("a woman in my group", "my friend's mum") told before a
general question; a search-like sentence ending "is that a thing"; "what does it mean when <sign>" asked of
nobody; asking how to reach Komen's line (the helpline's number is an answer, not a care-team request)."""

from __future__ import annotations

import pytest

from bot.safety import engine

GENERAL = [
    "a lady at my support group told me her eyes went red and sore after her bone drip. do these drugs affect eyes?",
    "my neighbour's sister had a painful red eye after zometa. how often do bone drugs cause eye trouble?",
    "inflamed eyes after a bisphosphonate infusion is that a thing",
    "twitchy muscles from denosumab, is that common",
    "what does it mean when calcium drops after the xgeva jab",
    "what happens when calcium gets too high from cancer in the bones?",
    "what's the best way to contact the komen helpline",
    "how do i get in touch with komen's breast care helpline by email",
]

STILL_ESCALATED = [
    # the person is in one's care, or the sign is one's own
    ("my mum's eyes went red and sore after her bone drip. do these drugs affect eyes?", "urgent"),
    ("my eyes are sore and red since the zometa, is that a thing?", "urgent"),
    ("my calcium came back high, what does it mean when calcium is high?", "urgent"),
    # an emergency sign of someone heard of still counts
    ("a woman in my group said her legs went numb and she can't walk. what is cord compression?", "emergency"),
    # someone heard of, but the question is about what to do now
    ("my friend's mum has a red painful eye since her infusion, what should she do?", "urgent"),
    # a person wanted, the helpline only mentioned
    ("i need to talk to a real person, not the helpline", "care_team"),
    ("can i speak to a nurse", "care_team"),
]


@pytest.mark.unit
@pytest.mark.parametrize("text", GENERAL)
def test_a_general_question_sharing_a_red_flags_words_is_not_escalated(text):
    assert engine.classify(text) is None, engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text,tier", STILL_ESCALATED)
def test_the_look_alike_report_still_escalates(text, tier):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == tier, engine.explain(text)
