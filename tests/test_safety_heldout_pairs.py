"""Kinds of red flag the held-back pairs showed on their one run: Spanish 14 / English 9 (2026-12-07 08:48) and
Spanish 15 / English 10 (2026-12-07 11:10) and Spanish 16 / English 11 (2026-12-07 15:00), fixed by kind in content/safety.yml, tested here in other words (the sets'
own texts are never copied). Look-alikes with the same words stay unescalated."""

from __future__ import annotations

import pytest

from bot.safety import engine

REACHED = [
    ("emergency", "grandad keeps asking what day it is and is gulping down glass after glass of water"),
    ("emergency", "my aunt can't stop being thirsty and every meal she brings it straight back up"),
    ("crisis", "my brother says he has a plan to make it all stop"),
    ("crisis", "this time i have the means, i know what i'm doing"),
    ("crisis", "hugged my kids tonight and said a proper goodbye to them"),
    ("crisis", "mi abuelo ya no quiere comer, dice que asi se muere mas pronto y eso es lo que desea"),
    ("urgent", "the clinic rang, my calcium result is below where they want it"),
    ("urgent", "portal shows my calcium flagged high at 11.6"),
    # Spanish 15 / English 10
    ("crisis", "my dad keeps saying he wishes he could simply die in his sleep tonight"),
    ("crisis", "she said she might just walk out and never come back, she has bone mets"),
    ("crisis", "me despedí de mis hijos por si ya no despierto mañana"),
    ("crisis", "mi tío nos mandó su despedida por mensaje y ya no contesta"),
    ("crisis", "la verdad ya no le veo salida a esto"),
    ("urgent", "high calcium in my bloods from tuesday, the nurse just phoned"),
    # Spanish 16 / English 11
    ("crisis", "i've sorted my will and cancelled my phone contract, just getting ready"),
    ("urgent", "dad's calcium on the ward bloods was 3.2 this morning"),
    ("urgent", "my calcium came back at 1.9 yesterday"),
]

NOT_ESCALATED = [
    "what happens when calcium is over the normal range?",
    "we have the means to pay for parking at the clinic",
    "said goodbye to the infusion nurses today, they were lovely",
    "si no come se muere antes, que le puedo dar?",
    "my mum wishes she could travel again, is flying ok on zometa in general",
    "we go to my sister's and not come back until sunday, does a missed xgeva week matter in general",
    "can high calcium on a blood test come from the bone drugs?",
    "is a calcium of 2.9 high for someone on xgeva?",
    "my calcium tablet is 600 mg, is that a usual amount",
]


@pytest.mark.unit
@pytest.mark.parametrize("tier,text", REACHED)
def test_the_kind_reaches_its_tier(tier, text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == tier, engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", NOT_ESCALATED)
def test_the_same_words_in_everyday_use_are_not_red_flags(text):
    hit = engine.classify(text)
    assert hit is None or hit.tier not in ("emergency", "crisis", "urgent"), engine.explain(text)
