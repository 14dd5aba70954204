"""A word switches a messaging conversation's language (issue 12): "español" (also "espanol",
"spanish", "castellano") or "english" ("inglés") alone. The word becomes the greeting in that language
(`/greet{"language": "es", "chosen_language": "es"}`: the `language` slot picks the greeting's wording,
the `chosen_language` slot keeps the choice), and every later message of that sender on that channel
carries the choice as metadata (`{"language": "es"}`), which the NLU honours as the widget's button
(bot/nlu/language_choice.py).

Where the choice is kept: in the conversation's tracker (the `chosen_language` slot, in the tracker store
every replica shares, carried over into new sessions), so it survives a restart and holds on every
replica of `make cluster`. Each later message reads it from there. This process also remembers the most
recent senders' choices (bounded), for two cases only: the first seconds after the word (its greeting may
still be on its way into the tracker when the next message arrives), and a tracker store that cannot be
read (then the last choice this process saw, as before).
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections import OrderedDict
from typing import Any, Dict, Optional, Tuple

from bot.names import CHOSEN_LANGUAGE_KEY, CHOSEN_LANGUAGE_SLOT, LANGUAGE_WORDS, LANGUAGES

logger = logging.getLogger(__name__)

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# How long this process's own memory of a word outranks the tracker: a greeting is in the tracker well
# within it (one turn), while a later switch on another replica is seen once it has passed.
BRIDGE_SECONDS = 30.0


def switch_word(text: str) -> Optional[str]:
    """ "es" or "en" when the message is only a language word ("Español", "english!"), else None."""
    folded = unicodedata.normalize("NFKD", (text or "").strip().lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return LANGUAGE_WORDS.get(_EDGES.sub("", folded))


def greeting(language: str) -> str:
    """The greeting payload in `language`; it also sets the slot that keeps the choice in the tracker."""
    return (
        '/greet{"' + CHOSEN_LANGUAGE_KEY + '": "' + language + '", "' + CHOSEN_LANGUAGE_SLOT + '": "' + language + '"}'
    )


async def stored_choice(tracker_store: Any, sender: str) -> Tuple[bool, Optional[str]]:
    """(read, language): the `chosen_language` slot of the sender's tracker; read is False when there
    is no tracker store or it failed (the caller falls back to this process's memory)."""
    if tracker_store is None:
        return False, None
    try:
        tracker = await tracker_store.retrieve(sender)
    except Exception as error:  # noqa: BLE001 - the message must still be answered
        logger.warning("language choice: the tracker store could not be read (%s)", type(error).__name__)
        return False, None
    value = tracker.get_slot(CHOSEN_LANGUAGE_SLOT) if tracker is not None else None
    return True, value if value in LANGUAGES else None


class LanguageChoices:
    """The language each (channel, sender) chose: the tracker's slot, bridged by this process's memory."""

    def __init__(self, size: int = 10000, clock=time.monotonic) -> None:
        self.size = size
        self.clock = clock
        self.chosen: "OrderedDict[Tuple[str, str], Tuple[str, float]]" = OrderedDict()

    async def message(
        self, channel: str, sender: str, text: str, tracker_store: Any = None
    ) -> Tuple[str, Dict[str, Any]]:
        """The text to hand to Rasa (a language word becomes the greeting in it) and its metadata."""
        key = (channel, sender)
        language = switch_word(text)
        if language:
            self._remember(key, language)
            return greeting(language), {CHOSEN_LANGUAGE_KEY: language}
        remembered = self.chosen.get(key)
        if remembered and self.clock() - remembered[1] < BRIDGE_SECONDS:
            chosen: Optional[str] = remembered[0]
        else:
            read, chosen = await stored_choice(tracker_store, sender)
            if not read:
                chosen = remembered[0] if remembered else None
        return text, ({CHOSEN_LANGUAGE_KEY: chosen} if chosen else {})

    def _remember(self, key: Tuple[str, str], language: str) -> None:
        self.chosen[key] = (language, self.clock())
        self.chosen.move_to_end(key)
        while len(self.chosen) > self.size:
            self.chosen.popitem(last=False)
