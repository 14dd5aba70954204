"""What a care-team ticket is: the request an escalation files, the stored ticket, its deliveries.

Plain data and the rules for it (tiers, statuses, references read out over the phone, size limits);
no SQL here (bot.tickets.store) and nothing sent (bot.tickets.notify).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence

from bot.names import TIERS

STATUSES = ("open", "acknowledged", "closed")
#: References use no 0/O, 1/I/L or U: easy to read out over the phone and to type back.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "BH-"
REFERENCE_LENGTH = 6
MAX_RECENT_MESSAGES = 5
MAX_MESSAGE_CHARS = 2000
MAX_CONTACT_FIELD_CHARS = 300
MAX_LANGUAGE_CHARS = 8
#: What the care team is told about a person's language (notifications, the CLI).
LANGUAGE_NOTES = {
    "es": (
        "Language: Spanish — call back in Spanish. The person wrote in Spanish and got the bot's replies in"
        " Spanish: call with a Spanish-speaking colleague or an interpreter."
    ),
    "en": "Language: English.",
}


def language_note(language: Optional[str]) -> Optional[str]:
    if not language:
        return None
    return LANGUAGE_NOTES.get(language, f"Language: {language}.")


class TicketStoreError(RuntimeError):
    """The ticket could not be written (or read). The message never contains the person's text."""


class TicketNotFound(LookupError):
    pass


def utcnow() -> dt.datetime:
    """Naive UTC (what both SQLite and PostgreSQL `timestamp` columns round-trip unchanged)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def iso(value: Optional[dt.datetime]) -> Optional[str]:
    if value is None:
        return None
    return value.replace(tzinfo=dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def new_reference() -> str:
    return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_reference(text: str) -> str:
    """What a person reads back ("bh 7k3qx9", "7K3QX9") → "BH-7K3QX9"."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if cleaned.startswith("BH") and len(cleaned) == REFERENCE_LENGTH + 2:
        cleaned = cleaned[2:]
    return REFERENCE_PREFIX + cleaned


# -- the request and the ticket ----------------------------------------------------------------


@dataclass
class TicketRequest:
    """What an escalation action files. `contact` only with the person's consent, else None."""

    tier: str
    category: str
    channel: str
    conversation_id: str
    contact: Optional[Mapping[str, Any]] = None
    trigger_message: str = ""
    recent_messages: Sequence[str] = field(default_factory=list)
    language: Optional[str] = None  # the person's language ("en", "es"): the care team calls back in it

    def cleaned(self) -> "TicketRequest":
        if self.tier not in TIERS:
            raise ValueError(f"tier must be one of {TIERS}, not {self.tier!r}")
        if not self.category or not str(self.category).strip():
            raise ValueError("category is required")
        contact = None
        if self.contact:
            contact = {
                str(k): clip(str(v), MAX_CONTACT_FIELD_CHARS)
                for k, v in self.contact.items()
                if v is not None and str(v).strip()
            }
            contact = contact or None
        recent = [clip(str(m), MAX_MESSAGE_CHARS) for m in (self.recent_messages or []) if m is not None]
        return TicketRequest(
            tier=self.tier,
            category=clip(str(self.category).strip(), 100),
            channel=clip(str(self.channel or "unknown"), 50),
            conversation_id=clip(str(self.conversation_id or ""), 255),
            contact=contact,
            trigger_message=clip(str(self.trigger_message or ""), MAX_MESSAGE_CHARS),
            recent_messages=recent[-MAX_RECENT_MESSAGES:],
            language=clip(str(self.language).strip().lower(), MAX_LANGUAGE_CHARS) if self.language else None,
        )


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Ticket:
    id: str
    reference: str
    created_at: dt.datetime  # naive UTC
    tier: str
    category: str
    channel: str
    conversation_id: str
    contact: Optional[Dict[str, str]]
    trigger_message: str
    recent_messages: List[str]
    status: str
    acknowledged_by: Optional[str] = None
    acknowledged_at: Optional[dt.datetime] = None
    closed_by: Optional[str] = None
    closed_at: Optional[dt.datetime] = None
    language: Optional[str] = None  # None: filed before tickets recorded it

    def to_dict(self) -> Dict[str, Any]:
        return {
            "id": self.id,
            "reference": self.reference,
            "created_at": iso(self.created_at),
            "tier": self.tier,
            "category": self.category,
            "channel": self.channel,
            "conversation_id": self.conversation_id,
            "contact": self.contact,
            "trigger_message": self.trigger_message,
            "recent_messages": list(self.recent_messages),
            "status": self.status,
            "acknowledged_by": self.acknowledged_by,
            "acknowledged_at": iso(self.acknowledged_at),
            "closed_by": self.closed_by,
            "closed_at": iso(self.closed_at),
            "language": self.language,
        }


@dataclass(frozen=True)
class Delivery:
    """One outbox row as the care team sees it (`show`)."""

    destination: str
    idempotency_key: str
    attempts: int
    delivered_at: Optional[dt.datetime]
    next_attempt_at: Optional[dt.datetime]
    last_error: Optional[str]


@dataclass(frozen=True)
class ClaimedDelivery:
    outbox_id: int
    lock_token: str
    reference: str
    tier: str
    destination: str
    idempotency_key: str
    payload: str
    attempts: int
