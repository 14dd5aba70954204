"""Long conversations stay fast: a conversation session holds at most MAX_SESSION_TURNS messages.

Rasa 3.6 works on the whole current session at every turn: the SQL tracker store loads and replays
every event of it (`SQLTrackerStore.retrieve` already stops at the latest `session_started`),
RulePolicy featurises all of it (`tracker.past_states`), `tracker.copy()` replays it before each
action, and the action server is sent all of it (RasaHQ/rasa#6334). So latency grew with the
conversation (6.7x at turn 200). The domain's `session_expiration_time` (60 idle minutes) never ends
a session of someone who keeps writing, so `install` adds a second end: once the session holds
MAX_SESSION_TURNS messages, the next message starts a new session first, through Rasa's own
`action_session_start` (nothing is deleted: every event stays in the store, `retrieve_full_tracker`
and the retention purge see whole conversations).

What the next turn needs from the ended session is carried over:
- the slots (drug, aspect, language, …): Rasa's `carry_over_slots_to_new_session`, but one `SlotSet`
  per slot (its last value) instead of every `SlotSet` of the session, which Rasa copies and which
  would pile up session after session;
- the last curated answer (`last_topic`, read by actions.last_answered_topic: an answer Rasa sent
  from the domain is only in its bot event, so its topic is written into the slot);
- in the `session_started` event's metadata (CARRY_KEY): the button payloads of the last bot reply
  (a click right after the new session is still an offered button), the times of the tickets of the
  last 10 minutes and the last ticket reference (the per-conversation ticket limit,
  bot/serve/conversation_guard.py), and the person's last messages (actions/escalation.py puts them
  in a ticket for context).
A session never ends inside a form: the care-team form goes on.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any, Dict, Iterable, List, Optional

from bot.names import SESSION_CARRY_KEY as CARRY_KEY

logger = logging.getLogger("bone_health.rasa_server")

MAX_SESSION_TURNS = 10  # messages per session; docs/cluster.md "Long conversations" (measured there)
RECENT_TEXTS = 5  # actions/escalation.py MAX_RECENT: what a ticket shows of the conversation
LAST_TOPIC_SLOT = "last_topic"


def user_turns(events: Iterable[Any]) -> int:
    """Messages of the person since the latest session start (the SQL store loads only that session;
    an in-memory store keeps them all)."""
    from rasa.shared.core.events import SessionStarted, UserUttered

    count = 0
    for event in reversed(list(events)):
        if isinstance(event, SessionStarted):
            break
        count += isinstance(event, UserUttered)
    return count


def session_full(tracker: Any) -> bool:
    """The session holds MAX_SESSION_TURNS messages and can end here (not inside a form)."""
    return not tracker.active_loop_name and user_turns(tracker.events) >= MAX_SESSION_TURNS


def last_slot_values(events: Iterable[Any]) -> List[Any]:
    """One SlotSet per slot with its last value, in the order the values were last set."""
    from rasa.shared.core.events import SlotSet

    last: Dict[str, Any] = {}
    for event in events:
        if isinstance(event, SlotSet):
            last.pop(event.key, None)  # re-inserted: dicts keep the order of the last setting
            last[event.key] = SlotSet(key=event.key, value=event.value, metadata=event.metadata)
    return list(last.values())


def last_topic(events: List[Any]) -> Optional[str]:
    """The last curated answer shown, as actions.last_answered_topic reads it (same order of checks)."""
    from rasa.shared.core.events import BotUttered, SlotSet

    for event in reversed(events):
        if isinstance(event, SlotSet) and event.key == LAST_TOPIC_SLOT and event.value:
            return event.value
        if isinstance(event, BotUttered):
            action = (event.metadata or {}).get("utter_action") or ""
            if action.startswith("utter_faq_") and "/" in action:
                return action.split("/", 1)[1]
    return None


def carried(events: List[Any], now: Optional[float] = None) -> Dict[str, Any]:
    """What the new session's `session_started` metadata carries: the last reply's buttons, the
    tickets of the last 10 minutes and the last reference, the last messages of the person (texts
    only, never button payloads)."""
    from rasa.shared.core.events import BotUttered, SessionStarted, UserUttered

    from bot.serve import conversation_guard as guard

    offered: List[Dict[str, Any]] = []
    for event in reversed(events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, SessionStarted):  # no message since: what that session start carried
            offered = list(((event.metadata or {}).get(CARRY_KEY) or {}).get("offered", [])) + offered
            break
        if isinstance(event, BotUttered) and event.data:
            offered.insert(0, {k: event.data[k] for k in ("buttons", "quick_replies") if event.data.get(k)})
    texts = [e.text for e in events if isinstance(e, UserUttered) and e.text and not e.text.startswith("/")]
    previous = next((e for e in reversed(events) if isinstance(e, SessionStarted)), None)
    earlier = ((previous.metadata or {}).get(CARRY_KEY) or {}).get("recent_texts", []) if previous else []
    return {
        "offered": [o for o in offered if o],
        "tickets": guard.escalation_times(events, time.time() if now is None else now),
        "reference": guard.last_reference(events),
        "recent_texts": (list(earlier) + texts)[-RECENT_TEXTS:],
    }


def install() -> None:
    """Patch Rasa's session check and action_session_start once (idempotent; Rasa server only)."""
    from rasa.core.actions.action import ActionSessionStart
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.events import SessionStarted, SlotSet

    if getattr(MessageProcessor._has_session_expired, "_bone_health_sessions", False):
        return
    expired = MessageProcessor._has_session_expired

    @functools.wraps(expired)
    def has_session_expired(self, tracker):  # type: ignore[no-untyped-def]
        if expired(self, tracker):
            return True
        if self.domain.session_config.are_sessions_enabled() and session_full(tracker):
            logger.debug("Session full (%s messages): a new session starts.", MAX_SESSION_TURNS)
            return True
        return False

    @staticmethod  # type: ignore[misc]
    def slot_set_events_from_tracker(tracker):  # type: ignore[no-untyped-def]
        slots = last_slot_values(tracker.applied_events())
        topic = last_topic(list(tracker.events))
        if topic:
            slots = [s for s in slots if s.key != LAST_TOPIC_SLOT] + [SlotSet(LAST_TOPIC_SLOT, topic)]
        return slots

    original_run = ActionSessionStart.run

    @functools.wraps(original_run)
    async def run(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
        events = await original_run(self, output_channel, nlg, tracker, domain)
        carry = carried(list(tracker.events))
        for event in events:
            if isinstance(event, SessionStarted):
                event.metadata = {**(event.metadata or {}), CARRY_KEY: carry}
        return events

    has_session_expired._bone_health_sessions = True  # type: ignore[attr-defined]
    MessageProcessor._has_session_expired = has_session_expired
    ActionSessionStart._slot_set_events_from_tracker = slot_set_events_from_tracker
    ActionSessionStart.run = run
