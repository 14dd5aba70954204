"""A word switches a messaging conversation's language (issue 12): "español" (also "espanol",
"spanish", "castellano") or "english" ("inglés") alone. The word becomes the greeting in that language
(`/greet{"language": "es"}`: the `language` slot picks the greeting's wording), and every later message
of that sender on that channel carries the choice as metadata (`{"language": "es"}`), which the NLU
honours as the widget's button (bot/nlu/language_choice.py).

The choice is kept in this process, for the most recent senders (bounded): after a restart, or on
another replica of `make cluster`, the conversation goes back to the language of each message (a
Spanish message is still answered in Spanish) until the word is sent again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from typing import Any, Dict, Optional, Tuple

from bot.names import CHOSEN_LANGUAGE_KEY, LANGUAGE_WORDS

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def switch_word(text: str) -> Optional[str]:
    """ "es" or "en" when the message is only a language word ("Español", "english!"), else None."""
    folded = unicodedata.normalize("NFKD", (text or "").strip().lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return LANGUAGE_WORDS.get(_EDGES.sub("", folded))


def greeting(language: str) -> str:
    return '/greet{"' + CHOSEN_LANGUAGE_KEY + '": "' + language + '"}'


class LanguageChoices:
    """The language each (channel, sender) chose, for the `size` most recent senders."""

    def __init__(self, size: int = 10000) -> None:
        self.size = size
        self.chosen: "OrderedDict[Tuple[str, str], str]" = OrderedDict()

    def message(self, channel: str, sender: str, text: str) -> Tuple[str, Dict[str, Any]]:
        """The text to hand to Rasa (a language word becomes the greeting in it) and its metadata."""
        key = (channel, sender)
        language = switch_word(text)
        if language:
            self.chosen[key] = language
            text = greeting(language)
        chosen = self.chosen.get(key)
        if chosen:
            self.chosen.move_to_end(key)
            while len(self.chosen) > self.size:
                self.chosen.popitem(last=False)
            return text, {CHOSEN_LANGUAGE_KEY: chosen}
        return text, {}
