"""A message sent again is answered once (issue 13: a resend after a replica died mid-turn).

Rasa saves a turn's events at its end and only then answers. A replica killed between the two leaves
the turn stored while the client saw a 502 and sends the message again: without this, it would be
stored and answered twice (a second ticket for a red flag, a form answer read twice).

A client may name each message with `metadata.message_id` (REST body or socket.io `user_uttered`;
8-100 letters, digits or `._:-`, the same on every resend; the web widget sends one). It becomes the
message's Rasa `message_id`, which the UserUttered event stores. Before a message is parsed, the
conversation's tracker (already loaded under the conversation's lock, so no extra read and no race
between replicas) is searched for a user event with that id: if there is one, the message is not
processed or stored again; the replies stored for that turn are sent instead. Messages without an id
are handled as before. Logs say that a resend happened, never the conversation or the text.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any, Dict, List, Optional

logger = logging.getLogger("bone_health.idempotency")

METADATA_KEY = "message_id"
VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,100}")


class AlreadyHandled(Exception):
    """Raised inside Rasa's turn when the message's id is already in the tracker; carries the replies."""

    def __init__(self, replies: List[Dict[str, Any]]) -> None:
        super().__init__("message already handled")
        self.replies = replies


def client_message_id(metadata: Any) -> Optional[str]:
    value = metadata.get(METADATA_KEY) if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and VALID_ID.fullmatch(value) else None


def stored_replies(events: List[Any], message_id: str) -> Optional[List[Dict[str, Any]]]:
    """The bot replies of the turn that began with the user event `message_id`, or None if no such
    event is stored. Rasa event objects (UserUttered, BotUttered) or their dicts."""
    replies: Optional[List[Dict[str, Any]]] = None
    for event in events:
        data = event if isinstance(event, dict) else event.as_dict()
        if data.get("event") == "user":
            if replies is not None:
                break  # the next message: that turn is over
            if data.get("message_id") == message_id:
                replies = []
        elif data.get("event") == "bot" and replies is not None:
            extra = {k: v for k, v in (data.get("data") or {}).items() if v is not None}
            replies.append({"text": data.get("text"), **extra} if data.get("text") else extra)
    return replies


def install() -> None:
    """Patch MessageProcessor: adopt the client's message id, and answer a known one from the tracker.
    Idempotent."""
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.processor import MessageProcessor

    if getattr(MessageProcessor, "_bone_health_idempotent", False):
        return
    handle_message, with_tracker = MessageProcessor.handle_message, MessageProcessor._handle_message_with_tracker

    @functools.wraps(handle_message)
    async def handle(self: Any, message: Any) -> Any:
        message_id = client_message_id(message.metadata)
        if message_id:
            message.message_id = message_id
        try:
            return await handle_message(self, message)
        except AlreadyHandled as done:
            logger.info("A message was sent again with the same id: its stored replies were sent, not a new turn.")
            for reply in done.replies:
                await message.output_channel.send_response(message.sender_id, dict(reply))
            if isinstance(message.output_channel, CollectingOutputChannel):
                return message.output_channel.messages
            return None

    @functools.wraps(with_tracker)
    async def check_then_log(self: Any, message: Any, tracker: Any) -> None:
        if client_message_id(message.metadata) == message.message_id:
            replies = stored_replies(list(tracker.events), message.message_id)
            if replies is not None:
                raise AlreadyHandled(replies)
        await with_tracker(self, message, tracker)

    MessageProcessor._bone_health_idempotent = True  # type: ignore[attr-defined]
    MessageProcessor.handle_message = handle
    MessageProcessor._handle_message_with_tracker = check_then_log
