"""Temperatures written beside "chemo" with no fever word ("38.2 chemo", "on chemo and she's 100.8"), and
temperatures written in words ("thirty nine point two", "one hundred and one", "37 y medio", "treinta y ocho").

A bare number there may be an age ("I'm 39 and on chemo"), so it counts only when it cannot be one: a decimal,
a unit, or a Fahrenheit value. bot/safety/engine.py `temperature_hit` reads the thresholds as for any temperature,
on the text with the numbers in words turned into digits (`in_digits`).
"""

from __future__ import annotations

import re

# chemo and the chemotherapy drugs people name instead ("on xeloda and the thermometer reads 100.8")
CHEMO_ONLY = re.compile(
    r"\b(?:chemo\w*|quimio\w*|taxol|paclitaxel|docetaxel|taxotere|xeloda|capecitabin\w*|carboplatin\w*|"
    r"cisplatin\w*|abraxane|eribulin|halaven|gemcitabin\w*|gemzar|doxorubicin\w*|adriamycin|cyclophosphamide|"
    r"cytoxan|vinorelbin\w*|navelbine|enhertu|trodelvy)\b",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"[.,]\d")
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_UNITS |= {"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
_UNITS |= {"zero": 0, "oh": 0, "cero": 0}
_TENS = {"thirty": 30, "forty": 40, "ninety": 90, "treinta": 30, "cuarenta": 40}
_UNIT = "|".join(_UNITS)
_POINT = rf"(?:\s+(?:point|punto|coma|con)\s+(?P<tenth>{_UNIT}|\d))?(?P<half>\s+(?:y|and)\s+(?:medio|media|a\s+half))?"
# "thirty nine point two", "treinta y ocho punto cinco", "ninety nine", "one hundred and one point four"
_WORDS = re.compile(
    rf"\b(?:(?P<hundred>(?:one|a)\s+hundred)(?:\s+and)?(?:\s+(?P<hunit>{_UNIT}))?|(?P<tens>{'|'.join(_TENS)})"
    rf"(?:[\s-]+(?:y\s+)?(?P<unit>{_UNIT}))?){_POINT}\b",
    re.IGNORECASE,
)
_HALF = re.compile(r"\b(\d{2,3})\s+(?:y|and)\s+(?:medio|media|a\s+half)\b", re.IGNORECASE)


def _number(match: re.Match) -> str:
    if match.group("hundred"):
        whole = 100 + _UNITS.get((match.group("hunit") or "").lower(), 0)
    else:
        whole = _TENS[match.group("tens").lower()] + _UNITS.get((match.group("unit") or "").lower(), 0)
    tenth = match.group("tenth")
    if tenth:
        return f"{whole}.{tenth if tenth.isdigit() else _UNITS[tenth.lower()]}"
    return f"{whole}.5" if match.group("half") else str(whole)


def in_digits(text: str) -> str:
    """The text with temperatures in words as digits ("thirty nine point two" -> "39.2", "37 y medio" -> "37.5")."""
    text = _HALF.sub(lambda m: f"{m.group(1)}.5", text)
    return _WORDS.sub(_number, text)


def may_be_an_age(match: re.Match, value: float) -> bool:
    """`match` is engine._TEMP's: group 1 the number, 2 a degree sign or word, 3 a unit."""
    return not (_DECIMAL.search(match.group(1)) or match.group(2) or match.group(3) or value >= 99)
