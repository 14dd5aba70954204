"""The Spanish care-team kinds of round 4 (bot/safety/spanish_care_own.py `_fourth`, and a claim heard from someone
asked in general in bot/safety/spanish_context.py): a choice of drug for a real person, a trouble of one's own while on
one's treatment ("¿es normal que me…?"), another medicine affecting the person, their treatment stopped for something
ahead.

Messages written for this file in other words than any set, both ways: each personal ask must reach the care team
through the deterministic net alone, and the same words asked in general (nobody real in them) must get nothing."""

from __future__ import annotations

import pytest

from bot.safety import engine

CARE_TEAM = [
    # a choice of drug for a real person
    "¿cuál le conviene más a mi papá, el prolia o el ácido zoledrónico?",
    "para mi esposo que tiene diabetes, ¿es mejor el denosumab o el zometa?",
    # a trouble of one's own while on one's treatment
    "¿será normal que me duelan los dedos desde que empecé el anastrozol?",
    "¿es normal que a mi mamá le dé fiebrita al otro día del zometa?",
    # another medicine affecting the person
    "mi suegra está tomando dexametasona por la quimio, ¿le debilita los huesos?",
    "me recetaron omeprazol hace un año, ¿eso me perjudica con el xgeva?",
    # the treatment stopped for something ahead
    "a mi papá lo van a operar de la próstata, ¿le tienen que suspender el denosumab?",
    "me van a hacer una colonoscopia, ¿tengo que dejar de tomar el letrozol?",
]

GENERAL = [
    "¿cuál es mejor en general, el prolia o el zometa?",
    "¿es normal que duelan las articulaciones con los inhibidores de aromatasa?",
    "¿los corticoides debilitan los huesos?",
    "¿hay que suspender el denosumab antes de una cirugía?",
    "mi cuñada dice que el zometa es mejor que el xgeva, ¿es cierto en general?",
    "en la sala de espera una señora dijo que la supervivencia es mayor si es solo hueso, ¿es así en general?",
]


@pytest.mark.parametrize("text", CARE_TEAM)
def test_own_asks_reach_the_care_team(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier in ("care_team", "urgent", "emergency"), (text, hit)


@pytest.mark.parametrize("text", GENERAL)
def test_the_same_words_asked_in_general_stay_general(text):
    assert engine.classify(text) is None, text
