"""Spanish is matched on lower-case words without accents, one character for one so token offsets stay.

One table for the net (bot/safety/engine.py) and the two-sign reading (bot/safety/combinations.py), which
import each other's neighbours and so cannot import each other.
"""

from __future__ import annotations

_ACCENTS = str.maketrans("áéíóúüñàèìòùâêîôû", "aeiouunaeiouaeiou")


def strip_accents(text: str) -> str:
    return text.translate(_ACCENTS)
