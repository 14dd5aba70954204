"""Care-team tickets: the minimal store behind the shared contract (issue 4).

PLACEHOLDER written by the safety branch so the escalation actions can be built and tested; the
tickets branch replaces this module with the full store (outbox, webhook and email delivery, CLI,
JSON endpoint). Keep to the contract:

    from bot.tickets import TicketService, TicketRequest, Ticket, TicketStoreError
    service = TicketService.from_env()     # TICKET_DB_URL, default sqlite:///$BONE_HEALTH_VAR_DIR/tickets.db
    ticket = service.file(TicketRequest(tier=..., category=..., channel=..., conversation_id=...,
                                        contact=None or {...}, trigger_message=..., recent_messages=[...]))
    ticket.reference                        # "BH-7K3QX9"
    # TicketStoreError when the store cannot be written
"""
from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read out over the phone
TIERS = ("emergency", "urgent", "crisis", "care_team")
MAX_RECENT = 5


class TicketStoreError(RuntimeError):
    """The ticket could not be written (the message never contains the person's text)."""


@dataclass
class TicketRequest:
    tier: str
    category: str
    channel: str
    conversation_id: str
    contact: Optional[Dict[str, Any]] = None
    trigger_message: str = ""
    recent_messages: List[str] = field(default_factory=list)


@dataclass
class Ticket:
    id: int
    reference: str
    created_at: datetime
    tier: str
    category: str
    channel: str
    conversation_id: str
    contact: Optional[Dict[str, Any]]
    trigger_message: str
    recent_messages: List[str]
    status: str = "open"


metadata = sa.MetaData()
tickets = sa.Table(
    "tickets", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("reference", sa.String(16), unique=True, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("tier", sa.String(16), nullable=False),
    sa.Column("category", sa.String(64), nullable=False),
    sa.Column("channel", sa.String(32), nullable=False),
    sa.Column("conversation_id", sa.String(255), nullable=False),
    sa.Column("contact", sa.Text),
    sa.Column("trigger_message", sa.Text, nullable=False),
    sa.Column("recent_messages", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, default="open"),
)


def default_url(env) -> str:
    var_dir = Path(env.get("BONE_HEALTH_VAR_DIR") or ROOT / "var")
    return env.get("TICKET_DB_URL") or f"sqlite:///{var_dir / 'tickets.db'}"


def new_reference() -> str:
    return "BH-" + "".join(secrets.choice(ALPHABET) for _ in range(6))


class TicketService:
    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine = sa.create_engine(url, future=True)
            metadata.create_all(self.engine)
        except (sa.exc.SQLAlchemyError, OSError) as error:
            raise TicketStoreError(f"ticket store unavailable ({type(error).__name__})") from None

    @classmethod
    def from_env(cls, env=None) -> "TicketService":
        return cls(default_url(os.environ if env is None else env))

    def file(self, request: TicketRequest) -> Ticket:
        if request.tier not in TIERS:
            raise ValueError(f"unknown tier {request.tier!r}")
        recent = [str(m) for m in request.recent_messages][-MAX_RECENT:]
        row = dict(reference=new_reference(), created_at=datetime.now(timezone.utc), tier=request.tier,
                   category=request.category, channel=request.channel or "unknown",
                   conversation_id=request.conversation_id, trigger_message=request.trigger_message or "",
                   contact=json.dumps(request.contact) if request.contact else None,
                   recent_messages=json.dumps(recent), status="open")
        try:
            with self.engine.begin() as connection:
                result = connection.execute(tickets.insert().values(**row))
                ticket_id = result.inserted_primary_key[0]
        except (sa.exc.SQLAlchemyError, OSError) as error:
            raise TicketStoreError(f"ticket not stored ({type(error).__name__})") from None
        return Ticket(id=ticket_id, contact=request.contact, **{k: v for k, v in row.items()
                                                                if k not in {"contact", "recent_messages"}},
                      recent_messages=recent)

    def list(self, status: Optional[str] = None, limit: int = 100) -> List[Ticket]:
        """Newest first."""
        query = tickets.select().order_by(tickets.c.id.desc()).limit(limit)
        if status:
            query = query.where(tickets.c.status == status)
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [Ticket(id=r["id"], reference=r["reference"], created_at=r["created_at"], tier=r["tier"],
                       category=r["category"], channel=r["channel"], conversation_id=r["conversation_id"],
                       contact=json.loads(r["contact"]) if r["contact"] else None,
                       trigger_message=r["trigger_message"], recent_messages=json.loads(r["recent_messages"]),
                       status=r["status"]) for r in rows]
