"""Users cannot type intents; a conversation cannot file tickets in bulk (issue 14; docs/security.md).

**Typed intents.** Rasa 3.6 reads any message that starts with `/` as an intent with entities
(`/report_emergency`, `/inform{"x": 1}`: RegexMessageHandler in the NLU graph, run by
`MessageProcessor.parse_message`), whoever typed it. `install_typed_intents` wraps `parse_message`:
when a conversation's tracker is given (every channel's message: `_handle_message_with_tracker`), a
`/…` message is honoured only when it is the payload of a button or quick reply the bot sent since
the person's last message, or an intent in HARMLESS (greeting, a curated topic: nothing is filed or
remembered about the person). Otherwise the slash form is turned into words (`/report_emergency` ->
`report emergency`) and NLU reads it as text, the safety net included. The `/model/parse` API (no
tracker, token-protected) is unchanged.

**Tickets.** `install_ticket_limit` wraps `RemoteAction.run`: when a conversation has run
TICKETS_PER_CONVERSATION escalation actions (`action_escalate_…`) in the last 10 minutes, the next one
is not sent to the action server (no new ticket); the person is told the reference already given.
Across conversations, one client address files at most TICKETS_PER_ADDRESS tickets in 10 minutes
(counted in this process by the keyed hash of the address that bot.serve.hardening and the socket.io
channel put in the message's metadata, guard.CLIENT_KEY; loopback is not counted); past it the person
is told to call the helpline or the emergency number (`ticket_failed`), as when the ticket store is
down. The red-flag reply itself is a static response sent before the action (data/rules.yml), so it
always goes out.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from typing import Any, Iterable, List, Optional, Set

from bot.settings import Settings

logger = logging.getLogger("bone_health.rasa_server")

HARMLESS = frozenset({"greet", "goodbye", "thank", "what_can_you_do", "bot_challenge", "ask_topic"})
TICKET_WINDOW_SECONDS = 600
ESCALATE_PREFIX = "action_escalate_"
REFERENCE = re.compile(r"\bBH-[A-Z0-9]{6}\b")
INTENT_NAME = re.compile(r"/+([A-Za-z0-9_]+)")


def _normal(text: str) -> str:
    return " ".join(text.split())


def payloads(messages: Iterable[dict]) -> Set[str]:
    """The payloads of the buttons and quick replies in bot messages' `data`."""
    found: Set[str] = set()
    for data in messages:
        for key in ("buttons", "quick_replies"):
            for button in (data or {}).get(key) or []:
                if isinstance(button, dict) and isinstance(button.get("payload"), str):
                    found.add(_normal(button["payload"]))
    return found


def offered_payloads(events: List[Any]) -> Set[str]:
    """Payloads the bot offered since the person's last message (tracker events, newest last); a
    session that started since carries the last reply's buttons (bot/serve/sessions.py)."""
    from rasa.shared.core.events import BotUttered, SessionStarted, UserUttered

    data = []
    for event in reversed(events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            data.append(event.data or {})
        if isinstance(event, SessionStarted):
            data += _carry(event).get("offered") or []
            break
    return payloads(data)


def as_words(text: str) -> str:
    """`/report_emergency{"a": "b"}` -> `report emergency a b`: the words, no intent syntax."""
    words = re.sub(r"[/{}\[\]\":_,]+", " ", text)
    return " ".join(words.split())


def honoured(text: str, offered: Set[str]) -> bool:
    if _normal(text) in offered:
        return True
    match = INTENT_NAME.match(text.strip())
    return bool(match) and match.group(1) in HARMLESS


def install_typed_intents() -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.shared.constants import INTENT_MESSAGE_PREFIX

    if getattr(MessageProcessor.parse_message, "_bone_health_typed", False):
        return
    original = MessageProcessor.parse_message

    @functools.wraps(original)
    async def parse_message(self, message, tracker=None, only_output_properties=True):  # type: ignore[no-untyped-def]
        text = message.text
        if tracker is not None and isinstance(text, str) and text.lstrip().startswith(INTENT_MESSAGE_PREFIX):
            if not honoured(text, offered_payloads(list(tracker.events))):
                logger.info("A typed intent that was not offered is read as text.")
                message.text = as_words(text)
        return await original(self, message, tracker, only_output_properties)

    parse_message._bone_health_typed = True  # type: ignore[attr-defined]
    MessageProcessor.parse_message = parse_message


# -- tickets ------------------------------------------------------------------------------------


def _carry(event: Any) -> dict:
    """What a `session_started` event carries from the session before (bot/serve/sessions.py)."""
    from bot.names import SESSION_CARRY_KEY

    return ((getattr(event, "metadata", None) or {}).get(SESSION_CARRY_KEY)) or {}


def escalation_times(events: List[Any], now: float, window: float = TICKET_WINDOW_SECONDS) -> List[float]:
    """When the escalation actions of the last `window` seconds ran, those carried by a new session
    included."""
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    times: List[float] = []
    for e in events:
        if isinstance(e, SessionStarted):
            times = [float(t) for t in _carry(e).get("tickets") or []]
        elif isinstance(e, ActionExecuted) and (e.action_name or "").startswith(ESCALATE_PREFIX):
            times.append(e.timestamp or 0)
    return [t for t in times if now - t <= window]


def recent_escalations(events: List[Any], now: float, window: float = TICKET_WINDOW_SECONDS) -> int:
    return len(escalation_times(events, now, window))


def last_reference(events: List[Any]) -> Optional[str]:
    from rasa.shared.core.events import BotUttered, SessionStarted

    for event in reversed(events):
        if isinstance(event, BotUttered) and event.text:
            found = REFERENCE.search(event.text)
            if found:
                return found.group(0)
        if isinstance(event, SessionStarted):
            return _carry(event).get("reference")
    return None


def client_of(tracker: Any) -> Optional[str]:
    """The keyed hash of the client address of the conversation's latest message, if any."""
    from bot.serve.guard import CLIENT_KEY

    metadata = getattr(tracker.latest_message, "metadata", None) if tracker.latest_message else None
    key = (metadata or {}).get(CLIENT_KEY) if isinstance(metadata, dict) else None
    return key if isinstance(key, str) else None


def not_filed(tracker: Any) -> List[Any]:
    """What the person reads when the address limit holds the ticket back: call the helpline or the
    emergency number (content/safety.yml `ticket_failed`), in this message's language (SafetyNet's),
    else the conversation's (as actions/escalation.py picks it)."""
    from rasa.shared.core.events import BotUttered

    from bot.safety import content as safety_content

    text = safety_content.load().message("ticket_failed", reply_language(tracker))
    return [BotUttered(text=text, data={}, metadata={"bone_health_ticket_limit": True})]


def reply_language(tracker: Any) -> str:
    """This message's language (SafetyNet's), else the conversation's (as actions/escalation.py picks it)."""
    from bot.names import LANGUAGE_ENTITY, SAFETY_KEY
    from bot.safety import content as safety_content

    parse = getattr(tracker.latest_message, "parse_data", None) or {}
    safety = parse.get(SAFETY_KEY) or {}
    return safety_content.language_of_reply(safety.get("language") or tracker.get_slot(LANGUAGE_ENTITY))


def install_ticket_limit(per_conversation: int, per_address: int) -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import BotUttered

    from bot.serve.guard import SlidingWindow

    if getattr(RemoteAction.run, "_bone_health_ticket_limit", False):
        return
    original = RemoteAction.run
    per_client = SlidingWindow(per_address, TICKET_WINDOW_SECONDS)

    @functools.wraps(original)
    async def run(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
        name = self.name()
        if name.startswith(ESCALATE_PREFIX):
            events = list(tracker.events)
            if recent_escalations(events, time.time()) >= per_conversation:
                logger.warning("Ticket limit of a conversation reached: %s not run (no new ticket).", name)
                reference = last_reference(events)
                if not reference:
                    return []
                from bot.safety import content as safety_content

                text = safety_content.load().message("ticket_filed", reply_language(tracker), reference=reference)
                return [BotUttered(text=text, data={}, metadata={"bone_health_ticket_limit": True})]
            client = client_of(tracker)
            if client and per_client.full(client):
                logger.warning("Ticket limit of a client address reached: %s not run (no new ticket).", name)
                return not_filed(tracker)
            if client:
                per_client.add(client)
        return await original(self, output_channel, nlg, tracker, domain)

    run._bone_health_ticket_limit = True  # type: ignore[attr-defined]
    RemoteAction.run = run


def install(common: Settings) -> None:
    install_typed_intents()
    install_ticket_limit(common.tickets_per_conversation, common.tickets_per_address)
