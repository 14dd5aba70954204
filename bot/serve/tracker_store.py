"""The SQL tracker store, made to outlive a database restart (issue 13: PostgreSQL restart).

Rasa 3.6's SQLTrackerStore (rasa/core/tracker_store.py) builds its engine without `pool_pre_ping`:
after PostgreSQL restarts, every pooled connection is dead and each fails once before the pool
notices. And Rasa wraps every tracker store in FailSafeTrackerStore (rasa/core/agent.py): a failed
retrieve returns None, so the message is processed as the first of a brand-new conversation (a
follow-up or a care-team form answer read without its context, silently), and a failed save goes to
an in-memory store that nothing reads again (the turn is lost, and the memory kept).

`ResilientSQLTrackerStore` (endpoints.yml `tracker_store: type:`) pings a connection before using it,
so after a restart the next message reconnects without an error and without restarting Rasa. A
retrieve that cannot reach the database marks the turn (a context variable: one asyncio task per
message), and `install()` (bot/serve/rasa_entry.py) makes such a turn give a clear reply instead of
an answer without context: a red flag still gets its own static reply first (the safety net runs in
NLU, which needs no database; the ticket action then says when the ticket could not be filed),
anything else the `unavailable` message (helpline, emergency number, crisis line). The marked turn is
not saved. A save that fails after a good retrieve (the database died mid-turn) is logged: the person
already has the reply, only that turn is missing from the record. Logs name the error type, never the
conversation.
"""

from __future__ import annotations

import contextvars
import functools
import logging
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from sqlalchemy.exc import SQLAlchemyError

logger = logging.getLogger("bone_health.tracker_store")

# True while the current message's turn runs without its conversation (the database was unreachable).
UNREACHABLE: contextvars.ContextVar[bool] = contextvars.ContextVar("bone_health_store_unreachable", default=False)


class ResilientSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store with connections checked before use and outages marked per turn."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        import sqlalchemy as sa

        super().__init__(*args, **kwargs)  # waits for the database at start-up, creates the tables
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _unreachable(self, error: Exception, what: str) -> None:
        UNREACHABLE.set(True)
        logger.error("Tracker store unreachable (%s) %s.", type(error).__name__, what)

    async def retrieve(self, sender_id: str) -> Optional[Any]:
        try:
            return await super().retrieve(sender_id)
        except SQLAlchemyError as error:
            self._unreachable(error, "reading a conversation: answering without it")
            raise

    async def retrieve_full_tracker(self, conversation_id: str) -> Optional[Any]:
        try:
            return await super().retrieve_full_tracker(conversation_id)
        except SQLAlchemyError as error:
            self._unreachable(error, "reading a whole conversation")
            raise

    async def save(self, tracker: Any) -> None:
        if UNREACHABLE.get():
            return  # a turn without its conversation: storing it would start a false new one
        try:
            await super().save(tracker)
        except SQLAlchemyError as error:
            why = type(error).__name__
            logger.error("Tracker store unreachable (%s) saving a turn: replied, the turn is not stored.", why)


def _red_flag(tracker: Any) -> bool:
    from bot.names import RED_FLAG_TIERS, SAFETY_KEY

    parse = tracker.latest_message.parse_data if tracker.latest_message else {}
    return (parse.get(SAFETY_KEY) or {}).get("tier") in RED_FLAG_TIERS


def install() -> None:
    """Patch MessageProcessor: each message starts unmarked; a marked turn that is not a red flag gets
    the `unavailable` message instead of a prediction made without its conversation. Idempotent."""
    from rasa.core.processor import MessageProcessor

    if getattr(MessageProcessor, "_bone_health_outage", False):
        return
    handle_message, prediction_loop = MessageProcessor.handle_message, MessageProcessor._run_prediction_loop

    @functools.wraps(handle_message)
    async def handle(self: Any, message: Any) -> Any:
        UNREACHABLE.set(False)
        return await handle_message(self, message)

    @functools.wraps(prediction_loop)
    async def predict(self: Any, output_channel: Any, tracker: Any) -> None:
        if UNREACHABLE.get() and not _red_flag(tracker):
            from bot.names import LANGUAGE_ENTITY
            from bot.serve.rasa_entry import fallback_text

            text = fallback_text("", tracker.get_slot(LANGUAGE_ENTITY) or "en")
            await output_channel.send_text_message(tracker.sender_id, text)
            return
        await prediction_loop(self, output_channel, tracker)

    MessageProcessor._bone_health_outage = True  # type: ignore[attr-defined]
    MessageProcessor.handle_message = handle
    MessageProcessor._run_prediction_loop = predict
