"""Health data is not kept for ever: purge conversations idle for TRACKER_RETENTION_DAYS, and scrubbed
unanswered questions older than UNANSWERED_RETENTION_DAYS (the feedback store, docs/feedback.md).

    python -m bot.serve.retention purge [--days N]   # once (default: TRACKER_RETENTION_DAYS)
    python -m bot.serve.retention purge --loop        # every hour until stopped (started by
                                                      # `make run` / `make cluster` when
                                                      # TRACKER_RETENTION_DAYS is set or
                                                      # UNANSWERED_CAPTURE is on: `needed`)

A conversation goes whole, all its events, once its *last* event is older than the cut-off: deleting
only old rows of a live conversation would leave Rasa a tracker starting mid-session. Works on any
SQL tracker store (TRACKER_STORE_URL: the SQLite file of `make run`, PostgreSQL of `make cluster`)
through Rasa's own `events` table (sender_id, timestamp); one statement, so it is safe while replicas
serve: a conversation that gets a new message is no longer idle and is not touched. Logs count
conversations and rows, never ids or text.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from typing import List, Optional, Tuple

import sqlalchemy as sa

from bot import settings as settings_mod
from bot.feedback.store import FeedbackStore, FeedbackStoreError

logger = logging.getLogger("bone_health.retention")

DAY = 86400.0
INTERVAL_SECONDS = 3600.0

_PURGE = sa.text(
    "DELETE FROM events WHERE sender_id IN "
    "(SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff)"
)
_COUNT = sa.text(
    "SELECT COUNT(*) FROM (SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff) old"
)


def purge(url: str, days: float, now: Optional[float] = None) -> Tuple[int, int]:
    """Delete every conversation whose last event is more than `days` old: (conversations, rows)."""
    if days < 0:
        raise ValueError("TRACKER_RETENTION_DAYS must be 0 or more")
    cutoff = (time.time() if now is None else now) - days * DAY
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table("events"):
                return 0, 0
            conversations = connection.execute(_COUNT, {"cutoff": cutoff}).scalar() or 0
            rows = connection.execute(_PURGE, {"cutoff": cutoff}).rowcount
    finally:
        engine.dispose()
    logger.info("Retention (%s days): purged %s conversations (%s events).", days, conversations, rows)
    return conversations, rows


def needed(settings: settings_mod.Settings) -> bool:
    """Whether `make run` / `make cluster` start the hourly purge."""
    return settings.tracker_retention_days is not None or settings.unanswered_capture


def purge_feedback(settings: settings_mod.Settings) -> int:
    """Delete scrubbed unanswered questions older than UNANSWERED_RETENTION_DAYS (also when capture was
    switched off since: what it kept still goes); votes and counts hold no text and stay."""
    store = FeedbackStore(settings.feedback_db_url)
    try:
        removed = store.purge(settings.unanswered_retention_days)
    finally:
        store.dispose()
    logger.info("Retention (%s days): purged %s unanswered questions.", settings.unanswered_retention_days, removed)
    return removed


def main(argv: Optional[List[str]] = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    parser = argparse.ArgumentParser(prog="python -m bot.serve.retention", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("purge", help="delete conversations idle longer than the retention period")
    run.add_argument("--days", type=float, default=None, help="default: TRACKER_RETENTION_DAYS")
    run.add_argument("--loop", action="store_true", help="purge every hour until stopped (SIGTERM/Ctrl-C)")
    args = parser.parse_args(argv)
    settings = settings_mod.Settings.from_env()
    days = args.days if args.days is not None else settings.tracker_retention_days
    if days is None and not args.loop:
        logger.info("No TRACKER_RETENTION_DAYS: conversations are kept; only unanswered questions are purged.")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while True:
        failed = False
        try:
            if days is not None:
                purge(settings.tracker_store_url, days)
        except sa.exc.SQLAlchemyError as error:  # the store is down: say so, try again next round
            logger.error("Retention purge failed (%s)", type(error).__name__)
            failed = True
        try:
            purge_feedback(settings)
        except (FeedbackStoreError, ValueError) as error:
            logger.error("Unanswered questions purge failed (%s)", type(error).__name__)
            failed = True
        if not args.loop:
            return 1 if failed else 0
        if stop.wait(INTERVAL_SECONDS):
            return 0


if __name__ == "__main__":
    sys.exit(main())
