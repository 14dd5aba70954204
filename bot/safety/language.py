"""The language of a message: "en", "es" or "other" (a language the bot does not speak).

Small and deterministic, from the word lists of content/safety_vocabulary.yml (`es.word_lists`:
spanish_words, english_hints, other_words) and the script of the letters: a safety reply must never
wait for a model, and a wrong guess must fail safe. SafetyNet (bot/nlu/safety_net.py) uses it to pick
the language of a red flag's reply and ticket; LanguageGuard (bot/nlu/language_guard.py) for messages that
are not red flags; the engine (bot/safety/engine.py) only reads a message with its Spanish patterns
when it has some Spanish in it (`has_spanish`), so English messages are read exactly as before.
"""

from __future__ import annotations

import re
import unicodedata

from bot.safety import patterns

ENGLISH, SPANISH, OTHER = "en", "es", "other"

_LISTS = patterns.current().vocabulary.spanish.word_lists
SPANISH_WORDS = _LISTS["spanish_words"]
ENGLISH_HINTS = _LISTS["english_hints"]
OTHER_WORDS = _LISTS["other_words"]
SE_QUESTION = _LISTS["SE_QUESTION"]  # "se puede…" asks; "se cayó" reports
GENERIC_PERSON = _LISTS["GENERIC_PERSON"]  # "cuando uno está en quimio": nobody in particular
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SPANISH_MARKS = re.compile(r"[ñ¿¡]|[áéíóú]")
_ACCENTS = str.maketrans("áéíóúüñàèìòùâêîôûçãõ", "aeiouunaeiouaeioucao")


def _words(text: str) -> list:
    return [w.translate(_ACCENTS) for w in _WORD.findall(text.lower())]


def _latin(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


def has_spanish(text: str) -> bool:
    """Any Spanish word or mark, or no English word at all: the engine reads the message with its
    Spanish patterns too."""
    lower = (text or "").lower()
    words = _words(lower)
    if _SPANISH_MARKS.search(lower) or any(w in SPANISH_WORDS for w in words):
        return True
    return bool(words) and not any(w in ENGLISH_HINTS for w in words)  # "he pensado en suicidarme"


def detect(text: str, spanish_hit: bool = False) -> str:
    """ "es" for Spanish, "other" for another language (another script, or French, Portuguese, Italian,
    German words), else "en". Short or mixed messages count as English unless the Spanish (or other)
    words clearly outnumber the English ones; `spanish_hit` (a Spanish red-flag pattern matched) makes a
    message without any English word Spanish ("me caí")."""
    letters = [ch for ch in text or "" if ch.isalpha()]
    if not letters:
        return ENGLISH
    if sum(not _latin(ch) for ch in letters) * 2 > len(letters):
        return OTHER  # Chinese, Arabic, Russian, …
    words = _words(text)
    spanish = sum(w in SPANISH_WORDS for w in words) + _spanish_perfects(words)
    english = sum(w in ENGLISH_HINTS for w in words) - _spanish_perfects(words)
    other = sum(w in OTHER_WORDS for w in words)
    marks = bool(_SPANISH_MARKS.search(text.lower()))
    if other >= 2 and other > spanish and other > english:
        return OTHER
    if spanish > english and (spanish >= 2 or marks or len(words) <= 2) and spanish >= other:
        return SPANISH
    if spanish_hit and not english and other < 2:
        return SPANISH
    return ENGLISH


def _spanish_perfects(words) -> int:
    """ "he perdido", "has tomado": Spanish "haber" before a participle, not the English "he" or "has"."""
    return sum(
        1
        for w, after in zip(words, words[1:])
        if w in ("he", "has") and after.endswith(("ado", "ido", "ada", "ida")) and len(after) > 4
    )


def se_asks(words) -> bool:
    """A Spanish sentence whose first word is "se" (words without accents, from there on) asks something
    ("se puede tomar…", "se le debe poner…") only with a verb of SE_QUESTION within two words; otherwise it
    is about someone left unnamed ("se cayó en el baño", "se le cierra la garganta")."""
    return bool(set(words[1:3]) & SE_QUESTION)


def names_generic_person(text: str) -> bool:
    """ "uno", "la gente", "los pacientes", or said "en general": a question about people in general, not about a
    real person."""
    words = _words(text or "")
    return (
        any(w in GENERIC_PERSON for w in words)
        or "en general" in " ".join(words)
        or "por lo general" in " ".join(words)
    )
