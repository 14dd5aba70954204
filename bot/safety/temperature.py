"""Temperatures written beside "chemo" with no fever word ("38.2 chemo", "on chemo and she's 100.8").

A bare number there may be an age ("I'm 39 and on chemo"), so it counts only when it cannot be one: a decimal,
a unit, or a Fahrenheit value. bot/safety/engine.py `temperature_hit` reads the thresholds as for any temperature.
"""

from __future__ import annotations

import re

CHEMO_ONLY = re.compile(r"\bchemo\w*", re.IGNORECASE)
_DECIMAL = re.compile(r"[.,]\d")


def may_be_an_age(match: re.Match, value: float) -> bool:
    """`match` is engine._TEMP's: group 1 the number, 2 a degree sign or word, 3 a unit."""
    return not (_DECIMAL.search(match.group(1)) or match.group(2) or match.group(3) or value >= 99)
