"""What the public surface accepts: REST bodies, sender ids, message length, rates (issue 14).

Pure and Rasa-free (unit-tested without a server); `bot.serve.hardening` wires it into Rasa's Sanic
app. A refused request never echoes the message text, and nothing here logs it.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Tuple

from bot import settings
from bot.names import WIDGET_CONVERSATIONS

SENDER = re.compile(r"[A-Za-z0-9._:@-]{1,128}")
REST_KEYS = ("sender", "message", "metadata", "input_channel")
MAX_METADATA_BYTES = 2048  # the REST channel's metadata is stored with the message: keep it small


@dataclass(frozen=True)
class Limits:
    max_message_chars: int
    max_request_bytes: int
    per_sender_per_minute: int
    per_address_per_minute: int

    @classmethod
    def from_env(cls, env: Optional[settings.Env] = None) -> "Limits":
        common = settings.Settings.from_env(env)
        return cls(
            max_message_chars=common.max_message_chars,
            max_request_bytes=common.max_request_bytes,
            per_sender_per_minute=common.rate_per_sender,
            per_address_per_minute=common.rate_per_address,
        )


class Refused(Exception):
    """A request the REST channel answers itself: `status` and a JSON body without the message."""

    def __init__(self, status: int, error: str, detail: str, **extra: Any) -> None:
        super().__init__(error)
        self.status = status
        self.body = {"error": error, "detail": detail, **extra}


def parse_rest_body(raw: bytes, limits: Limits) -> Dict[str, Any]:
    """The REST webhook's JSON, checked before Rasa sees it: an object with a valid `sender`, a string
    `message` of at most `max_message_chars` characters, optional small `metadata` (an object) and
    `input_channel` (a string). Raises Refused (400, or 413 for a long message)."""
    try:
        body = json.loads(raw or b"")
    except (ValueError, RecursionError):
        raise Refused(400, "invalid_json", "The body must be a JSON object.") from None
    if not isinstance(body, dict):
        raise Refused(400, "invalid_json", "The body must be a JSON object.")
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender:
        raise Refused(400, "missing_sender", "Give a non-empty `sender` (one per conversation).")
    if not SENDER.fullmatch(sender):
        raise Refused(400, "invalid_sender", "`sender` must be 1-128 of A-Z a-z 0-9 . _ : @ -")
    if sender.startswith(WIDGET_CONVERSATIONS):
        raise Refused(400, "invalid_sender", f"`sender` may not start with {WIDGET_CONVERSATIONS!r}")
    message = body.get("message")
    if not isinstance(message, str):
        raise Refused(400, "invalid_message", "`message` must be a string.")
    if len(message) > limits.max_message_chars:
        raise Refused(
            413,
            "message_too_long",
            f"Messages are limited to {limits.max_message_chars} characters.",
            max_chars=limits.max_message_chars,
        )
    metadata = body.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, dict):
            raise Refused(400, "invalid_metadata", "`metadata` must be an object.")
        if len(json.dumps(metadata)) > MAX_METADATA_BYTES:
            raise Refused(413, "metadata_too_large", f"`metadata` is limited to {MAX_METADATA_BYTES} bytes.")
    channel = body.get("input_channel")
    if channel is not None and not isinstance(channel, str):
        raise Refused(400, "invalid_input_channel", "`input_channel` must be a string.")
    return {key: body[key] for key in REST_KEYS if key in body}


class TokenBuckets:
    """One token bucket per key (sender or client address), in memory: `rate` requests per minute,
    bursts up to `rate`. Idle buckets are forgotten so memory stays bounded."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000):
        self.capacity = float(max(per_minute, 1))
        self.refill = self.capacity / 60.0
        self.clock = clock
        self.max_keys = max_keys
        self.buckets: Dict[str, Tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self.lock:
            tokens, last = self.buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.refill)
            allowed = tokens >= 1.0
            self.buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            if len(self.buckets) > self.max_keys:
                self._forget_full(now)
            return allowed

    def _forget_full(self, now: float) -> None:
        full_after = self.capacity / self.refill
        for key, (_, last) in list(self.buckets.items()):
            if now - last >= full_after:
                del self.buckets[key]
        while len(self.buckets) > self.max_keys:  # still too many: drop the oldest
            del self.buckets[min(self.buckets, key=lambda k: self.buckets[k][1])]


RATE_REPLY = (
    "You are sending messages faster than I can answer. Please wait a moment and try again. "
    "If this is an emergency, call {emergency_number} now."
)


def private_files() -> None:
    """Files this process creates (SQLite stores and their journals, credentials) are readable by
    their owner only: umask 077. Called first by every server entry point."""
    import os

    os.umask(0o077)
