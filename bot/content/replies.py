"""The answer dialogue's own replies in English and Spanish (content/replies.yml), so the actions hold no
patient-facing text and a reviewer reads both languages side by side (issue 12)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Dict

import yaml

from bot.content import vocabulary

REPLIES_FILE = Path(__file__).resolve().parents[2] / "content" / "replies.yml"
KEYS = {"did_you_mean", "none_of_these", "rephrase", "no_checked_answer"}


@cache
def load(path: Path = REPLIES_FILE) -> Dict[str, Dict[str, Any]]:
    """{language: {key: wording}}; a missing key fails the load, with the file and language named."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for language, wording in raw.items():
        missing = KEYS - set(wording or {})
        if missing:
            raise ValueError(f"{path}: {language}: missing {sorted(missing)}")
    return raw


def text(key: str, language: str = "en", **values: Any) -> str:
    """The wording of `key` in `language` (English when that language has none), placeholders filled."""
    replies = load()
    wording = replies.get(language, replies["en"])[key]
    return " ".join(wording.format(**values).split())


def aspect_name(aspect: str, language: str = "en") -> str:
    """How a reply names an aspect: content/vocabulary.yml in English, `aspect_names` here in Spanish."""
    names = load().get(language, {}).get("aspect_names") or vocabulary.load().aspect_names
    return names.get(aspect, aspect)
