"""The SQL tracker store reads one session without reading the whole conversation, and reads it fast.

Rasa 3.6's `events` table has one index, on `sender_id`. `SQLTrackerStore.retrieve` (and `save`, which
counts the stored events of the session) asks for the events after the latest `session_started` of a
sender: with only that index, SQLite and PostgreSQL fetch every row of the conversation, user events of
~11 KB of parse data included, to find the latest session start and to compare timestamps. At turn 500
that was 20-30 ms per query on SQLite, twice a turn; with these two indexes it is 0.4 ms whatever the
length (docs/cluster.md "Long conversations"):
- (sender_id, type_name, timestamp): the latest `session_started` of a sender, from the index alone;
- (sender_id, timestamp): the session's events; also the retention purge's last-event-per-sender.
`install` adds them when Rasa opens the store (new or existing database, SQLite or PostgreSQL); several
replicas starting at once may race to create them, the loser logs and goes on.

`install` also caches `Event.resolve_by_type`: Rasa looks every stored event's class up by walking all
subclasses of Event (`all_subclasses`, with an `inspect.isabstract` check per class), about half the
time of turning a session's rows back into a tracker (profile of turn 500). The cache keeps what the
walk found for each type name; a name it has not seen goes through Rasa's own walk.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Dict, List

import sqlalchemy as sa

logger = logging.getLogger("bone_health.rasa_server")

INDEXES = (
    ("ix_events_sender_type_time", ("sender_id", "type_name", "timestamp")),
    ("ix_events_sender_time", ("sender_id", "timestamp")),
)


def ensure_indexes(engine: Any) -> List[str]:
    """Create the missing indexes on an existing `events` table; the names created."""
    created: List[str] = []
    with engine.begin() as connection:
        inspector = sa.inspect(connection)
        if not inspector.has_table("events"):
            return created
        present = {index["name"] for index in inspector.get_indexes("events")}
    table = sa.Table("events", sa.MetaData(), autoload_with=engine)
    for name, columns in INDEXES:
        if name in present:
            continue
        try:
            sa.Index(name, *(table.c[c] for c in columns)).create(engine)
            created.append(name)
        except sa.exc.SQLAlchemyError as error:  # another replica created it first
            logger.warning("Index %s not created (%s)", name, type(error).__name__)
    if created:
        logger.info("Tracker store: created indexes %s", ", ".join(created))
    return created


def cache_event_types() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    if getattr(original, "_bone_health_cache", False):
        return
    found: Dict[str, Any] = {}

    def resolve_by_type(type_name, default=None):  # type: ignore[no-untyped-def]
        cls = found.get(type_name)
        if cls is None:
            cls = original(type_name, default)
            if cls is not None and cls is not default:
                found[type_name] = cls
        return cls

    resolve_by_type._bone_health_cache = True  # type: ignore[attr-defined]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]


def install() -> None:
    """Every SQLTrackerStore this process opens gets the indexes; event types are cached (idempotent)."""
    from rasa.core.tracker_store import SQLTrackerStore

    cache_event_types()
    if getattr(SQLTrackerStore.__init__, "_bone_health_indexes", False):
        return
    original = SQLTrackerStore.__init__

    @functools.wraps(original)
    def init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        ensure_indexes(self.engine)

    init._bone_health_indexes = True  # type: ignore[attr-defined]
    SQLTrackerStore.__init__ = init
