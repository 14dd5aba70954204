"""A message that names nothing ("and the other thing?", "¿y lo otro?") is never escalated on the classifier's
guess alone (bot/safety/lookalikes.py `no_subject`, SafetyNet): with ~1,100 red-flag reports among its examples,
the linear classifier leaned toward them on words it had no evidence about, and "anything else?" got 911. Short
red flags that do name something still escalate."""

from __future__ import annotations

import asyncio

import pytest

from bot.dialogue import turn
from bot.safety import lookalikes

NOTHING_NAMED = ["and the other thing?", "anything else?", "and then?", "the thing", "¿y el otro?", "la otra cosa"]
SHORT_RED_FLAGS = [
    ("cant feel my legs", "emergency"),
    ("me quiero morir", "crisis"),
    ("fiebre 39 y quimio", "emergency"),
    ("i want to end it", "crisis"),
    ("no more", None),  # "no" and "more" are never in the list: the classifier may still read it
]


@pytest.mark.unit
@pytest.mark.parametrize("text", NOTHING_NAMED + ["¿Y ESO?", "what's that one"])
def test_messages_of_words_that_name_nothing(text):
    assert lookalikes.no_subject(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [t for t, _ in SHORT_RED_FLAGS] + ["", "?!", "39", "and my legs?", "y eso duele"])
def test_a_word_that_names_something_or_no_word_at_all_is_not_nothing(text):
    assert not lookalikes.no_subject(text)


@pytest.mark.model
def test_the_whole_pipeline_escalates_no_message_that_names_nothing_and_every_short_red_flag(agent, content):
    texts = NOTHING_NAMED + [t for t, _ in SHORT_RED_FLAGS]

    async def parse_all():
        return [await agent.parse_message(t) for t in texts]

    tiers = {t: turn.decide(p, content).tier for t, p in zip(texts, asyncio.run(parse_all()))}
    assert not [t for t in NOTHING_NAMED if tiers[t]], tiers
    assert not [t for t, tier in SHORT_RED_FLAGS if tier and tiers[t] != tier], tiers
