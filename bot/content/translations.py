"""Spanish answers (content/es/topics.yml), loaded beside the English topics they translate.

Each entry is written in plain Spanish from the same sources as its English topic, with the same
numbers (tests/test_content_es.py), and carries a review status: a draft until a bilingual clinician
approves it, so the staff book can show what still awaits review. A broken entry fails the load with
the file and topic named; an English topic without a Spanish entry does not (the test reports it),
so a new English answer never takes the bot down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, Mapping, Optional, Tuple

import yaml

from bot.content.review import DatesAsText, Reviewed, parse_reviewed

SPANISH = "es"
REVIEW_STATUSES = ("draft", "approved")
FIELDS = {"title", "answer", "review", "reviewed", "examples"}
NOT_ADVICE_ES = "Información educativa, no es consejo médico."


@dataclass(frozen=True)
class Review:
    status: str  # draft | approved
    reviewer: str = ""
    date: str = ""  # YYYY-MM-DD of the approval

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    @property
    def label(self) -> str:
        """Bilingual, for the staff book: staff may not read Spanish, the reviewer may not read English."""
        if self.approved:
            return f"aprobado / approved: {self.reviewer}, {self.date}"
        return "borrador / draft: awaiting clinical review"


@dataclass(frozen=True)
class Translation:
    topic_id: str
    language: str
    title: str
    answer: str
    review: Review  # clinical approval of the Spanish text
    examples: Tuple[str, ...]
    reviewed: Optional[Reviewed] = None  # last checked against its sources, and by whom (bot.content.review)


def _fail(path: Path, topic_id: str, problem: str) -> ValueError:
    return ValueError(f"{path}: topic {topic_id!r}: {problem}")


def _review(path: Path, topic_id: str, raw) -> Review:
    if not isinstance(raw, Mapping):
        raise _fail(path, topic_id, "review must be a mapping such as {status: draft}")
    unknown = set(raw) - {"status", "reviewer", "date"}
    if unknown:
        raise _fail(path, topic_id, f"unknown review fields {sorted(unknown)}")
    status = raw.get("status")
    if status not in REVIEW_STATUSES:
        raise _fail(path, topic_id, f"review status {status!r} is not one of {REVIEW_STATUSES}")
    reviewer = str(raw.get("reviewer") or "").strip()
    date = raw.get("date")
    date = date.isoformat() if isinstance(date, dt.date) else str(date or "").strip()
    if status == "approved":
        if not reviewer:
            raise _fail(path, topic_id, "an approved answer names its reviewer")
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise _fail(path, topic_id, f"an approved answer has a review date YYYY-MM-DD, not {date!r}") from None
    return Review(status=status, reviewer=reviewer, date=date)


def _entry(path: Path, topic_id: str, raw) -> Translation:
    if not isinstance(raw, Mapping):
        raise _fail(path, topic_id, "entry must be a mapping with title, answer, review, reviewed and examples")
    missing, unknown = FIELDS - set(raw), set(raw) - FIELDS
    if missing:
        raise _fail(path, topic_id, f"missing {sorted(missing)}")
    if unknown:
        raise _fail(path, topic_id, f"unknown fields {sorted(unknown)}")
    for name in ("title", "answer"):
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise _fail(path, topic_id, f"{name} must be non-empty text")
    examples = raw["examples"]
    if not isinstance(examples, list) or not examples or not all(isinstance(e, str) and e.strip() for e in examples):
        raise _fail(path, topic_id, "examples must be a non-empty list of questions")
    return Translation(
        topic_id=topic_id,
        language=SPANISH,
        title=" ".join(raw["title"].split()),
        answer=" ".join(raw["answer"].split()),
        review=_review(path, topic_id, raw["review"]),
        examples=tuple(" ".join(e.split()) for e in examples),
        reviewed=parse_reviewed(raw["reviewed"], f"{path}: topic {topic_id!r}"),
    )


def load(path: Path, topic_ids: Iterable[str]) -> Dict[str, Translation]:
    """The Spanish entries of `path` by topic id ({} when the file does not exist)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        raw = yaml.load(handle, Loader=DatesAsText) or {}  # a SafeLoader, dates as text
    if not isinstance(raw, Mapping):
        raise ValueError(f"{path}: expected a mapping of topic id -> Spanish entry")
    known = set(topic_ids)
    translations = {}
    for topic_id, value in raw.items():
        if topic_id not in known:
            raise _fail(path, topic_id, "no English topic has this id (content/topics/*.yml)")
        translations[topic_id] = _entry(path, topic_id, value)
    return translations


def render(translation: Translation, citation: str) -> str:
    """What a Spanish speaker sees: the answer, its sources (their English titles) and the reminder."""
    return f"{translation.answer}\n\nFuente (en inglés): {citation}. {NOT_ADVICE_ES}"
