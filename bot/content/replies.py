"""The answer dialogue's own replies in English and Spanish (content/replies.yml), so the actions hold no
patient-facing text and a reviewer reads both languages side by side (issue 12)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Dict, List

import yaml

from bot.content import vocabulary
from bot.names import FEEDBACK_INTENT, HELPFUL_ENTITY, TOPIC_ENTITY

REPLIES_FILE = Path(__file__).resolve().parents[2] / "content" / "replies.yml"
KEYS = {
    "did_you_mean",
    "none_of_these",
    "rephrase",
    "no_checked_answer",
    "feedback_yes",
    "feedback_no",
    "feedback_thanks",
    "feedback_sorry",
    "feedback_care_team",
}


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


def feedback_payload(topic_id: str, helpful: bool) -> str:
    """`/feedback{"helpful":true,"topic":"<id>"}`: what a "Was this helpful?" button sends."""
    entities = json.dumps({HELPFUL_ENTITY: helpful, TOPIC_ENTITY: topic_id}, separators=(",", ":"))
    return f"/{FEEDBACK_INTENT}{entities}"


def feedback_buttons(topic_id: str, language: str = "en", for_domain: bool = False) -> List[Dict[str, str]]:
    """The two "Was this helpful?" buttons under a curated answer (after its related topics). Domain
    responses are templated by Rasa, which reads `{…}` as a slot: there the braces are doubled."""
    buttons = []
    for helpful, key in ((True, "feedback_yes"), (False, "feedback_no")):
        payload = feedback_payload(topic_id, helpful)
        if for_domain:
            payload = payload.replace("{", "{{").replace("}", "}}")
        buttons.append({"title": text(key, language), "payload": payload})
    return buttons
