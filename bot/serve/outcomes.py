"""Record what each turn tells the content team, in the Rasa server, after the bot has replied (issue 15).

Why here and not in the actions: most curated answers are sent by Rasa itself from the generated
responses (they work with the action server down), so only the Rasa server sees every turn. After
`MessageProcessor._run_prediction_loop` (the bot's actions for one message) the turn is read by
bot.feedback.turns and written to the feedback store (FEEDBACK_DB_URL):

- always: the outcome (answered / fallback / escalated) and a "Was this helpful?" vote, as counts with a
  topic id, language, channel and day; no text, no sender;
- only when UNANSWERED_CAPTURE is on: the question's text, scrubbed (bot/feedback/scrub.py).

A store that is down never breaks a conversation: the error's type is logged, never its text.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
from typing import Any, List, Optional

from bot.feedback import turns
from bot.feedback.scrub import scrub
from bot.feedback.store import FeedbackStore
from bot.settings import Settings

logger = logging.getLogger("bone_health.feedback")

RECENT_EVENTS = 300  # enough to find the answer a vote is about; older events are not read


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def record(store: FeedbackStore, observation: turns.Observation, capture: bool, day: Optional[dt.date] = None) -> None:
    """Write one turn's observation; the question's text only when `capture` is on, and scrubbed."""
    day = day or today()
    language, channel = observation.language, observation.channel
    if observation.outcome:
        store.record_outcome(observation.outcome, language, channel, day)
    if observation.vote:
        store.record_vote(observation.vote[0], language, channel, observation.vote[1], day)
    if capture and observation.unanswered:
        text, reason, topic = observation.unanswered
        store.record_unanswered(scrub(text), reason, topic, language, channel, day)


def recent(events: Any) -> List[dict]:
    items = list(events)[-RECENT_EVENTS:]
    return [e.as_dict() for e in items]


def install(settings: Settings, store: Optional[FeedbackStore] = None) -> FeedbackStore:
    """Wrap MessageProcessor._run_prediction_loop once (idempotent); returns the store in use."""
    from rasa.core.processor import MessageProcessor

    current = getattr(MessageProcessor._run_prediction_loop, "_bone_health_feedback", None)
    if current is not None:
        return current
    store = store or FeedbackStore(settings.feedback_db_url)
    capture = settings.unanswered_capture
    original = MessageProcessor._run_prediction_loop

    @functools.wraps(original)
    async def _run_prediction_loop(self, output_channel, tracker):  # type: ignore[no-untyped-def]
        await original(self, output_channel, tracker)
        try:
            observation = turns.observe(recent(tracker.events))
            if observation.outcome or observation.vote or observation.unanswered:
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, record, store, observation, capture)
        except Exception as error:  # noqa: BLE001 - feedback must never break a conversation
            logger.error("Feedback not recorded (%s).", type(error).__name__)

    _run_prediction_loop._bone_health_feedback = store  # type: ignore[attr-defined]
    MessageProcessor._run_prediction_loop = _run_prediction_loop
    logger.info(
        "Feedback: votes and outcome counts recorded; unanswered questions %s.",
        "kept, scrubbed" if capture else "not kept",
    )
    return store
