"""The ticket store's tables (SQLAlchemy 1.4 Core) and how they are created.

`tickets` holds one row per ticket; `ticket_outbox` one row per (ticket, destination) notification,
written in the same transaction as its ticket and leased by the delivery workers (bot.tickets.store).
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

metadata = sa.MetaData()

tickets = sa.Table(
    "tickets",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("reference", sa.String(16), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    sa.Column("tier", sa.String(16), nullable=False),
    sa.Column("category", sa.String(100), nullable=False),
    sa.Column("channel", sa.String(50), nullable=False),
    sa.Column("conversation_id", sa.String(255), nullable=False),
    sa.Column("contact", sa.Text, nullable=True),  # JSON, only as consented
    sa.Column("trigger_message", sa.Text, nullable=False),
    sa.Column("recent_messages", sa.Text, nullable=False),  # JSON list, at most 5
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("acknowledged_by", sa.String(100), nullable=True),
    sa.Column("acknowledged_at", sa.DateTime, nullable=True),
    sa.Column("closed_by", sa.String(100), nullable=True),
    sa.Column("closed_at", sa.DateTime, nullable=True),
    sa.Column("language", sa.String(8), nullable=True),  # "en", "es": the care team calls back in it
)

outbox = sa.Table(
    "ticket_outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ticket_id", sa.String(32), sa.ForeignKey("tickets.id"), nullable=False),
    sa.Column("destination", sa.String(32), nullable=False),
    sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
    sa.Column("payload", sa.Text, nullable=True),  # cleared once delivered
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", sa.DateTime, nullable=False, index=True),
    sa.Column("locked_until", sa.DateTime, nullable=True),
    sa.Column("lock_token", sa.String(32), nullable=True),
    sa.Column("delivered_at", sa.DateTime, nullable=True, index=True),
    sa.Column("last_error", sa.String(200), nullable=True),
    sa.UniqueConstraint("ticket_id", "destination", name="uq_outbox_ticket_destination"),
)


def idempotency_key(ticket_id: str, destination: str) -> str:
    """Stable per (ticket, destination): every retry of one notification carries the same key."""
    return f"{ticket_id}-{destination}"


def create_schema(engine: Engine, attempts: int = 5) -> None:
    """CREATE TABLE IF missing. Two processes starting on a fresh database can race (both see no
    table, one CREATE fails with "already exists"): the loser tries again and finds the tables."""
    for attempt in range(attempts):
        try:
            metadata.create_all(engine)
            add_missing_columns(engine)
            return
        except SQLAlchemyError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


def sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=FULL",
            "PRAGMA busy_timeout=10000",
            "PRAGMA foreign_keys=ON",
        ):
            try:
                cursor.execute(pragma)
            except Exception:  # noqa: BLE001 - a read-only database refuses WAL; it still works
                pass
    finally:
        cursor.close()


# Columns added after a store was first created: (table, column, DDL type). create_all() never changes
# an existing table, so a store from before them gets them here (nullable, no default: old rows read None).
ADDED_COLUMNS = (("tickets", "language", "VARCHAR(8)"),)


def add_missing_columns(engine: Engine) -> None:
    """ALTER TABLE … ADD COLUMN for each column of ADDED_COLUMNS an existing table lacks (SQLite and
    PostgreSQL both accept it). Two processes racing: the loser's ALTER fails, and create_schema retries."""
    inspector = sa.inspect(engine)
    for table, column, ddl in ADDED_COLUMNS:
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            with engine.begin() as conn:
                conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))
