"""A broken bone already in a cast, and a young child's fever, when nothing in the message is about cancer care or
a new break (bot/safety/lookalikes.py): the dev FAQ sets sent three such everyday questions to emergency triage
(2026-12-07). Texts written for this file; each kind has look-alikes that must stay emergencies. (A Spanish break
in a cast, "se quebró el brazo… ya tiene yeso", is still read as a fracture: its hit comes another way.)"""

from __future__ import annotations

import pytest

from bot.safety import engine

NOT_EMERGENCIES = [
    "my grandson fractured his ankle skateboarding, the plaster comes off next week, will it be weak after?",
    "my daughter broke her arm at netball and it's in a cast, how long till it heals",
    "my nephew has his leg in a cast after a trampoline accident, can he go swimming",
    "my son fractured his wrist at rugby and it's in plaster, how many weeks do children wear one",
    "my toddler has a temperature, what can i give him",
    "mi bebé tiene calentura, ¿qué le doy?",
]

STILL_EMERGENCIES = [
    "mum broke her hip this morning and can't stand",
    "her arm is in plaster but now she has broken her other wrist",
    "my mum has mets in her spine, she broke her arm and it's in a cast",
    "my child is on chemo and has a temperature of 38.5",
    "mi niña está en quimio y tiene fiebre",
    "i have a fever after my infusion and my kids are worried",
]


@pytest.mark.unit
@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_an_everyday_break_in_a_cast_or_a_childs_fever_is_not_an_emergency(text):
    hit = engine.classify(text)
    assert hit is None or hit.tier != "emergency", engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", STILL_EMERGENCIES)
def test_a_break_or_fever_with_cancer_care_or_a_new_break_stays_an_emergency(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "emergency", engine.explain(text)
