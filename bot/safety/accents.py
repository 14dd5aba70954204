"""Spanish is matched on lower-case words without accents, one character for one so token offsets stay.

One table for the net (bot/safety/engine.py) and the two-sign reading (bot/safety/combinations.py), which
import each other's neighbours and so cannot import each other.
"""

from __future__ import annotations

import functools
import re
from typing import Dict

_ACCENTS = str.maketrans("áéíóúüñàèìòùâêîôû", "aeiouunaeiouaeiou")


def strip_accents(text: str) -> str:
    return text.translate(_ACCENTS)


_WORD = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=1)
def respellings() -> Dict[str, str]:
    """content/safety_vocabulary.yml `es.respellings`: a word as older writers spell it by its sound ("ke", "kiero",
    "guesos", "empesar", "radiasion") -> the word as written, one word for one word. Read lazily (patterns imports
    this module)."""
    from bot.safety import patterns

    spanish = patterns.current().vocabulary.spanish
    return dict(spanish.respellings) if spanish else {}


def respell(word: str) -> str:
    """One Spanish word (lower case, no accents) as written: "kijada" -> "quijada"; any other word as it is."""
    return respellings().get(word, word)


def respell_text(text: str) -> str:
    """Spanish text (lower case, no accents) with every respelled word written out, for the regex readers."""
    table = respellings()
    return _WORD.sub(lambda m: table.get(m.group(0), m.group(0)), text)
