"""The feedback store: votes, outcome counts and scrubbed unanswered questions (SQLAlchemy 1.4 Core).

SQLite file by default (`$BONE_HEALTH_VAR_DIR/feedback.db`), PostgreSQL (or any SQLAlchemy URL) from
`FEEDBACK_DB_URL` (`make cluster` points it at its own PostgreSQL).

What a row holds, by design: a day (a date, never a time of day), a topic id, a language, a channel
name and a vote, a kind of outcome or a *scrubbed* text. Never a sender id, a conversation id, an
address or a timestamp: a row cannot be joined back to a conversation. The text is scrubbed by the
caller and again here (`scrub`), so a caller that forgets cannot store an identifier.

The engine hides bound parameters from exception messages (`hide_parameters=True`): a database error
never carries a question's text into a log line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.feedback.scrub import scrub
from bot.storage import LazyEngine, engine_for

OUTCOMES = ("answered", "fallback", "escalated")
REASONS = ("did_you_mean", "none_of_these", "not_helpful")
MAX_TEXT_CHARS = 1000
MAX_TOPIC_CHARS = 200

metadata = sa.MetaData()

votes = sa.Table(
    "feedback_votes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("day", sa.Date, nullable=False, index=True),
    sa.Column("topic", sa.String(MAX_TOPIC_CHARS), nullable=False, index=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("channel", sa.String(50), nullable=False),
    sa.Column("helpful", sa.Boolean, nullable=False),
)

outcomes = sa.Table(
    "feedback_outcomes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("day", sa.Date, nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("channel", sa.String(50), nullable=False),
)

unanswered_table = sa.Table(
    "feedback_unanswered",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("day", sa.Date, nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("reason", sa.String(16), nullable=False),
    sa.Column("topic", sa.String(MAX_TOPIC_CHARS), nullable=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("channel", sa.String(50), nullable=False),
)


class FeedbackStoreError(RuntimeError):
    """The feedback store could not be written or read. The message never contains a question's text."""


class UnansweredRow(NamedTuple):
    id: int
    text: str
    reason: str
    topic: Optional[str]
    language: str
    channel: str
    day: dt.date


def default_url(var_dir: Path) -> str:
    return f"sqlite:///{Path(var_dir).resolve() / 'feedback.db'}"


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week `day` is in."""
    return day - dt.timedelta(days=day.weekday())


def _short(error: BaseException) -> str:
    """A log-safe summary of a database error: its type only, never statements or parameters."""
    orig = getattr(error, "orig", None)
    return type(error).__name__ + (f"/{type(orig).__name__}" if orig is not None else "")


def _label(value: Optional[str], limit: int) -> str:
    """A short label (language, channel, topic id): stripped and clipped; never free text."""
    return (value or "").strip()[:limit] or "unknown"


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


class FeedbackStore:
    """All SQL of the feedback store. Thread-safe; the engine and tables are made on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engines = LazyEngine(self._create_engine)

    # -- engine ------------------------------------------------------------------------------
    def engine(self) -> Engine:
        return self._engines.get()

    def _create_engine(self) -> Engine:
        try:
            engine = engine_for(self.url)
            _create_schema(engine)
            return engine
        except (SQLAlchemyError, OSError, ValueError, ImportError) as error:
            raise FeedbackStoreError(f"the feedback store cannot be opened ({_short(error)})") from error

    def dispose(self) -> None:
        self._engines.dispose()

    def _write(self, table: sa.Table, **values: Any) -> None:
        try:
            with self.engine().begin() as conn:
                conn.execute(table.insert().values(**values))
        except SQLAlchemyError as error:
            raise FeedbackStoreError(f"feedback could not be stored ({_short(error)})") from error

    def _read(self, query) -> List[Any]:
        try:
            with self.engine().connect() as conn:
                return list(conn.execute(query))
        except SQLAlchemyError as error:
            raise FeedbackStoreError(f"the feedback store cannot be read ({_short(error)})") from error

    # -- writing -------------------------------------------------------------------------------
    def record_vote(self, topic: str, language: str, channel: str, helpful: bool, day: dt.date) -> None:
        """One "Was this helpful?" answer: the topic it was about, yes or no; no text, no sender."""
        self._write(
            votes,
            day=_day(day),
            topic=_label(topic, MAX_TOPIC_CHARS),
            language=_label(language, 8),
            channel=_label(channel, 50),
            helpful=bool(helpful),
        )

    def record_outcome(self, kind: str, language: str, channel: str, day: dt.date) -> None:
        """One turn's outcome, counted for the weekly rates: answered, fallback or escalated."""
        if kind not in OUTCOMES:
            raise ValueError(f"kind must be one of {OUTCOMES}")
        self._write(outcomes, day=_day(day), kind=kind, language=_label(language, 8), channel=_label(channel, 50))

    def record_unanswered(
        self, text: str, reason: str, topic: Optional[str], language: str, channel: str, day: dt.date
    ) -> None:
        """A question the bot did not answer well, scrubbed (again: the caller scrubbed it already)."""
        if reason not in REASONS:
            raise ValueError(f"reason must be one of {REASONS}")
        clean = scrub(text or "")[:MAX_TEXT_CHARS].strip()
        if not clean:
            return
        self._write(
            unanswered_table,
            day=_day(day),
            text=clean,
            reason=reason,
            topic=topic.strip()[:MAX_TOPIC_CHARS] if topic and topic.strip() else None,
            language=_label(language, 8),
            channel=_label(channel, 50),
        )

    # -- reading -------------------------------------------------------------------------------
    def helpfulness_by_topic(self) -> List[Tuple[str, int, int]]:
        """(topic, yes, no) for every topic with a vote, most votes first."""
        yes = sa.func.sum(sa.case((votes.c.helpful.is_(True), 1), else_=0))
        no = sa.func.sum(sa.case((votes.c.helpful.is_(True), 0), else_=1))
        rows = self._read(sa.select(votes.c.topic, yes, no).group_by(votes.c.topic))
        result = [(topic, int(y or 0), int(n or 0)) for topic, y, n in rows]
        return sorted(result, key=lambda r: (-(r[1] + r[2]), r[0]))

    def unanswered(self, limit: int = 1000) -> List[UnansweredRow]:
        """The newest scrubbed unanswered questions first."""
        t = unanswered_table
        query = (
            sa.select(t.c.id, t.c.text, t.c.reason, t.c.topic, t.c.language, t.c.channel, t.c.day)
            .order_by(t.c.day.desc(), t.c.id.desc())
            .limit(limit)
        )
        return [UnansweredRow(r[0], r[1], r[2], r[3], r[4], r[5], _day(r[6])) for r in self._read(query)]

    def weekly_rates(self) -> List[Tuple[dt.date, int, int, int]]:
        """(Monday of the week, answered, fallback, escalated) per week with any outcome, oldest first."""
        rows = self._read(
            sa.select(outcomes.c.day, outcomes.c.kind, sa.func.count()).group_by(outcomes.c.day, outcomes.c.kind)
        )
        weeks: Dict[dt.date, Dict[str, int]] = {}
        for day, kind, count in rows:
            counts = weeks.setdefault(week_start(_day(day)), dict.fromkeys(OUTCOMES, 0))
            if kind in counts:
                counts[kind] += int(count)
        return [(week, c["answered"], c["fallback"], c["escalated"]) for week, c in sorted(weeks.items())]

    # -- retention -----------------------------------------------------------------------------
    def purge(self, older_than_days: int, today: Optional[dt.date] = None) -> int:
        """Delete unanswered questions older than `older_than_days` days; returns how many.

        Votes and outcome counts hold no text and are kept (they make the weekly charts)."""
        if older_than_days < 0:
            raise ValueError("older_than_days must be 0 or more")
        cutoff = (today or dt.date.today()) - dt.timedelta(days=older_than_days)
        try:
            with self.engine().begin() as conn:
                return conn.execute(unanswered_table.delete().where(unanswered_table.c.day < cutoff)).rowcount or 0
        except SQLAlchemyError as error:
            raise FeedbackStoreError(f"the feedback store cannot be purged ({_short(error)})") from error


def _create_schema(engine: Engine, attempts: int = 5) -> None:
    """CREATE TABLE IF missing; two processes racing on a fresh database: the loser tries again."""
    import time

    for attempt in range(attempts):
        try:
            metadata.create_all(engine)
            return
        except SQLAlchemyError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))
