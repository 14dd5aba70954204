"""Pain said to be easing is no urgent report (bot/safety/lookalikes.py `_easing`): a dev FAQ question told how a
mother's back pain got better on new chemo and asked whether treatment alone eases bone pain, and was triaged as
new back pain (2026-12-07). Texts written for this file; new, sudden or worsening pain stays urgent."""

from __future__ import annotations

import pytest

from bot.safety import engine

EASING = [
    "since she began the new tablets her back pain is a lot better, can hormone pills help bone pain?",
    "dad's back pain has eased since the radiotherapy, is that usual",
    "el dolor de espalda de mi mamá ya está mucho mejor con la radioterapia, eso es normal?",
]

STILL_URGENT = [
    "new back pain, a little better when i lie flat",
    "my new back pain is much better today",
    "her back pain is worse, not better",
    "the pain meds aren't working and the back pain is no better",
]


@pytest.mark.unit
@pytest.mark.parametrize("text", EASING)
def test_back_pain_said_to_be_easing_is_not_urgent(text):
    hit = engine.classify(text)
    assert hit is None or hit.tier not in ("urgent", "emergency"), engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", STILL_URGENT)
def test_new_or_worse_or_not_better_back_pain_stays_urgent(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier in ("urgent", "emergency"), engine.explain(text)
