"""The ticket store: tickets and their notification outbox, through SQLAlchemy 1.4 Core.

SQLite file by default (`$BONE_HEALTH_VAR_DIR/tickets.db`, WAL journal, `synchronous=FULL` so a
committed ticket survives a power cut), PostgreSQL (or any SQLAlchemy URL) from `TICKET_DB_URL`.

A ticket and one outbox row per configured destination are written in ONE transaction, before
anyone is notified: a notifier that is down can only delay a notification, never lose a ticket.
Outbox rows are claimed with a lease (an atomic conditional UPDATE) so several workers (the action
server's thread, `python -m bot.tickets deliver --loop`) never send the same row at the same time,
and are marked delivered in the database so a restarted worker does not send them again.

Privacy: the engine hides bound parameters from exception messages (`hide_parameters=True`), so a
database error never carries message text or contact details into a log line.

The tables are in bot.tickets.schema; tickets, requests and deliveries (plain data) in bot.tickets.records.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any, List, Mapping, Optional, Sequence, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.storage import LazyEngine, engine_for
from bot.tickets.records import (
    STATUSES,
    ClaimedDelivery,
    Delivery,
    Ticket,
    TicketNotFound,
    TicketRequest,
    TicketStoreError,
    clip,
    new_reference,
    normalise_reference,
    utcnow,
)
from bot.tickets.schema import create_schema, idempotency_key, outbox, sqlite_pragmas, tickets


def default_url(var_dir: Path) -> str:
    return f"sqlite:///{Path(var_dir).resolve() / 'tickets.db'}"


def _short(error: BaseException) -> str:
    """A log-safe summary of a database error: never statements or parameters.

    sqlite3's messages are fixed phrases ("unable to open database file", "attempt to write a
    readonly database", "database is locked") and are kept; other drivers' messages can quote
    values, so only their type is given."""
    orig = getattr(error, "orig", None)
    summary = type(error).__name__ + (f"/{type(orig).__name__}" if orig is not None else "")
    if orig is not None and type(orig).__module__.startswith("sqlite3") and orig.args:
        summary += f": {str(orig.args[0]).splitlines()[0][:80]}"
    return summary


class TicketStore:
    """All SQL lives here. Thread-safe; the engine is created and the schema made on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engines = LazyEngine(self._create_engine)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    # -- engine ------------------------------------------------------------------------------
    def engine(self) -> Engine:
        return self._engines.get()

    def _create_engine(self) -> Engine:
        try:
            engine = engine_for(self.url)
            if engine.dialect.name == "sqlite":
                sa.event.listen(engine, "connect", sqlite_pragmas)
            create_schema(engine)
            return engine
        except (SQLAlchemyError, OSError, ValueError, ImportError) as error:
            raise TicketStoreError(f"the ticket store cannot be opened ({_short(error)})") from error

    def dispose(self) -> None:
        self._engines.dispose()

    # -- writing a ticket ----------------------------------------------------------------------
    def insert(self, request: TicketRequest, destinations: Sequence[str], payload_for: "PayloadBuilder") -> Ticket:
        """Ticket + outbox rows in one transaction; a fresh reference if one ever collides."""
        engine = self.engine()
        for _attempt in range(5):
            now = utcnow().replace(microsecond=0)
            ticket = Ticket(
                id=uuid.uuid4().hex,
                reference=new_reference(),
                created_at=now,
                tier=request.tier,
                category=request.category,
                channel=request.channel,
                conversation_id=request.conversation_id,
                contact=dict(request.contact) if request.contact else None,
                trigger_message=request.trigger_message,
                recent_messages=list(request.recent_messages),
                status="open",
                language=request.language,
            )
            try:
                with engine.begin() as conn:
                    conn.execute(
                        tickets.insert().values(
                            id=ticket.id,
                            reference=ticket.reference,
                            created_at=ticket.created_at,
                            tier=ticket.tier,
                            category=ticket.category,
                            channel=ticket.channel,
                            conversation_id=ticket.conversation_id,
                            contact=json.dumps(ticket.contact) if ticket.contact else None,
                            trigger_message=ticket.trigger_message,
                            recent_messages=json.dumps(ticket.recent_messages),
                            status="open",
                            language=ticket.language,
                        )
                    )
                    for destination in destinations:
                        key = idempotency_key(ticket.id, destination)
                        conn.execute(
                            outbox.insert().values(
                                ticket_id=ticket.id,
                                destination=destination,
                                idempotency_key=key,
                                payload=payload_for(ticket, destination, key),
                                created_at=now,
                                attempts=0,
                                next_attempt_at=now,
                            )
                        )
                return ticket
            except IntegrityError:
                continue  # a reference collision (1 in ~6e8): try another reference
            except SQLAlchemyError as error:
                raise TicketStoreError(f"the ticket could not be stored ({_short(error)})") from error
        raise TicketStoreError("the ticket could not be stored (no free reference)")

    # -- reading -------------------------------------------------------------------------------
    def get(self, reference: str) -> Ticket:
        ref = normalise_reference(reference)
        try:
            with self.engine().connect() as conn:
                row = conn.execute(sa.select(tickets).where(tickets.c.reference == ref)).mappings().first()
        except SQLAlchemyError as error:
            raise TicketStoreError(f"the ticket store cannot be read ({_short(error)})") from error
        if row is None:
            raise TicketNotFound(ref)
        return _ticket(row)

    def list(self, status: Optional[str] = None, limit: int = 100) -> List[Ticket]:
        if status is not None and status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        query = sa.select(tickets).order_by(tickets.c.created_at.desc(), tickets.c.reference).limit(limit)
        if status:
            query = query.where(tickets.c.status == status)
        try:
            with self.engine().connect() as conn:
                return [_ticket(row) for row in conn.execute(query).mappings()]
        except SQLAlchemyError as error:
            raise TicketStoreError(f"the ticket store cannot be read ({_short(error)})") from error

    def deliveries(self, ticket_id: str) -> List[Delivery]:
        query = sa.select(outbox).where(outbox.c.ticket_id == ticket_id).order_by(outbox.c.destination)
        try:
            with self.engine().connect() as conn:
                return [
                    Delivery(
                        destination=r["destination"],
                        idempotency_key=r["idempotency_key"],
                        attempts=r["attempts"],
                        delivered_at=r["delivered_at"],
                        next_attempt_at=None if r["delivered_at"] else r["next_attempt_at"],
                        last_error=r["last_error"],
                    )
                    for r in conn.execute(query).mappings()
                ]
        except SQLAlchemyError as error:
            raise TicketStoreError(f"the ticket store cannot be read ({_short(error)})") from error

    def pending_count(self) -> int:
        try:
            with self.engine().connect() as conn:
                return conn.execute(
                    sa.select(sa.func.count()).select_from(outbox).where(outbox.c.delivered_at.is_(None))
                ).scalar_one()
        except SQLAlchemyError as error:
            raise TicketStoreError(f"the ticket store cannot be read ({_short(error)})") from error

    # -- status --------------------------------------------------------------------------------
    def set_status(self, reference: str, status: str, by: str) -> Tuple[Ticket, bool]:
        """Acknowledge or close. Returns (ticket, changed). Acknowledging twice changes nothing."""
        if status not in ("acknowledged", "closed"):
            raise ValueError("status must be acknowledged or closed")
        by = clip(by.strip(), 100)
        if not by:
            raise ValueError("say who you are (--by NAME)")
        ticket = self.get(reference)
        now = utcnow().replace(microsecond=0)
        if status == "acknowledged":
            allowed_from = ("open",)
            values = {"status": "acknowledged", "acknowledged_by": by, "acknowledged_at": now}
        else:
            allowed_from = ("open", "acknowledged")
            values = {"status": "closed", "closed_by": by, "closed_at": now}
        if ticket.status not in allowed_from:
            return ticket, False
        try:
            with self.engine().begin() as conn:
                result = conn.execute(
                    tickets.update()
                    .where(tickets.c.id == ticket.id)
                    .where(tickets.c.status.in_(allowed_from))
                    .values(**values)
                )
        except SQLAlchemyError as error:
            raise TicketStoreError(f"the ticket could not be updated ({_short(error)})") from error
        return self.get(ticket.reference), result.rowcount == 1

    # -- the outbox ----------------------------------------------------------------------------
    def claim_due(self, destinations: Sequence[str], lease: dt.timedelta, limit: int = 20) -> List[ClaimedDelivery]:
        """Lease up to `limit` due, undelivered rows for these destinations to this caller."""
        if not destinations:
            return []
        now = utcnow()
        free = sa.or_(outbox.c.locked_until.is_(None), outbox.c.locked_until < now)
        due = sa.and_(
            outbox.c.delivered_at.is_(None),
            outbox.c.next_attempt_at <= now,
            outbox.c.destination.in_(list(destinations)),
            free,
        )
        claimed: List[ClaimedDelivery] = []
        try:
            with self.engine().connect() as conn:
                candidates = (
                    conn.execute(
                        sa.select(outbox.c.id).where(due).order_by(outbox.c.next_attempt_at, outbox.c.id).limit(limit)
                    )
                    .scalars()
                    .all()
                )
            for outbox_id in candidates:
                token = uuid.uuid4().hex
                with self.engine().begin() as conn:
                    result = conn.execute(
                        outbox.update()
                        .where(outbox.c.id == outbox_id)
                        .where(due)
                        .values(locked_until=now + lease, lock_token=token)
                    )
                    if result.rowcount != 1:
                        continue  # another worker got it first
                    row = (
                        conn.execute(
                            sa.select(outbox, tickets.c.reference, tickets.c.tier)
                            .join(tickets, tickets.c.id == outbox.c.ticket_id)
                            .where(outbox.c.id == outbox_id)
                        )
                        .mappings()
                        .one()
                    )
                claimed.append(
                    ClaimedDelivery(
                        outbox_id=outbox_id,
                        lock_token=token,
                        reference=row["reference"],
                        tier=row["tier"],
                        destination=row["destination"],
                        idempotency_key=row["idempotency_key"],
                        payload=row["payload"] or "",
                        attempts=row["attempts"],
                    )
                )
        except SQLAlchemyError as error:
            raise TicketStoreError(f"the outbox cannot be read ({_short(error)})") from error
        return claimed

    def mark_delivered(self, claim: ClaimedDelivery) -> bool:
        with self.engine().begin() as conn:
            result = conn.execute(
                outbox.update()
                .where(outbox.c.id == claim.outbox_id)
                .where(outbox.c.lock_token == claim.lock_token)
                .values(
                    delivered_at=utcnow(),
                    attempts=claim.attempts + 1,
                    payload=None,
                    locked_until=None,
                    lock_token=None,
                    last_error=None,
                )
            )
        return result.rowcount == 1

    def mark_failed(self, claim: ClaimedDelivery, error: str, retry_in: dt.timedelta) -> None:
        with self.engine().begin() as conn:
            conn.execute(
                outbox.update()
                .where(outbox.c.id == claim.outbox_id)
                .where(outbox.c.lock_token == claim.lock_token)
                .values(
                    attempts=claim.attempts + 1,
                    next_attempt_at=utcnow() + retry_in,
                    locked_until=None,
                    lock_token=None,
                    last_error=clip(error, 200),
                )
            )

    def next_due_in(self, destinations: Sequence[str]) -> Optional[float]:
        """Seconds until the earliest undelivered row is due (0 if overdue), None if none."""
        if not destinations:
            return None
        with self.engine().connect() as conn:
            earliest = conn.execute(
                sa.select(sa.func.min(outbox.c.next_attempt_at))
                .where(outbox.c.delivered_at.is_(None))
                .where(outbox.c.destination.in_(list(destinations)))
            ).scalar()
        if earliest is None:
            return None
        if isinstance(earliest, str):  # SQLite aggregate returns the raw text
            earliest = dt.datetime.fromisoformat(earliest)
        return max(0.0, (earliest - utcnow()).total_seconds())


class PayloadBuilder:  # pragma: no cover - typing only
    def __call__(self, ticket: Ticket, destination: str, key: str) -> str: ...


def _ticket(row: Mapping[str, Any]) -> Ticket:
    return Ticket(
        id=row["id"],
        reference=row["reference"],
        created_at=row["created_at"],
        tier=row["tier"],
        category=row["category"],
        channel=row["channel"],
        conversation_id=row["conversation_id"],
        contact=json.loads(row["contact"]) if row["contact"] else None,
        trigger_message=row["trigger_message"],
        recent_messages=json.loads(row["recent_messages"] or "[]"),
        status=row["status"],
        acknowledged_by=row["acknowledged_by"],
        acknowledged_at=row["acknowledged_at"],
        closed_by=row["closed_by"],
        closed_at=row["closed_at"],
        language=row.get("language"),
    )
