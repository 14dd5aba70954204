"""The language a person chose, as the NLU reads it (issue 12).

The widget's English / Español button and a messaging channel's "español" / "english" word are sent
with every message as metadata (`{"language": "es"}`; bot/channels/ bounds it to "en" or "es"). The
conversation's language is that choice when given, else the language detected in the message:

- chose Spanish: every message is read as Spanish and answered in Spanish, also one the detector would
  call English or leaves undecided ("y el xgeva?", "what is xgeva"). The person picked the language of
  the replies; the classifier is trained on both languages, so an English question is still understood.
- chose English (the widget's default) or chose nothing: the message's own language decides, as before
  the button existed, so a Spanish question typed in the English widget still gets a Spanish answer.

A red flag is never held back by this: SafetyNet triages first and only the reply's language follows.
"""

from __future__ import annotations

from typing import Any, Optional

from bot.names import CHOSEN_LANGUAGE_KEY, LANGUAGES

METADATA = "metadata"  # where Rasa's NLU message converter puts UserMessage.metadata


def chosen(message: Any) -> Optional[str]:
    """ "en" or "es" when the person chose a language (the message's metadata), else None."""
    metadata = message.get(METADATA) if hasattr(message, "get") else None
    value = metadata.get(CHOSEN_LANGUAGE_KEY) if isinstance(metadata, dict) else None
    return value if value in LANGUAGES else None


def chose_spanish(message: Any) -> bool:
    return chosen(message) == "es"
