"""What the public surface accepts: REST bodies, sender ids, message length, rates, client
addresses, failed tokens (issue 14; docs/security.md).

Pure and Rasa-free (unit-tested without a server); `bot.serve.hardening` wires it into Rasa's Sanic
app, `bot.channels.socketio` into the widget's channel, `bot.serve.web` into the web server. Limits
come from `bot.settings.Settings` itself. A refused request never echoes the message text, and
nothing here logs it or a client address.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import re
import secrets
import threading
import time
from collections import deque
from typing import Any, Callable, Deque, Dict, Iterable, Optional, Tuple

from bot import settings
from bot.names import WIDGET_CONVERSATIONS

SENDER = re.compile(r"[A-Za-z0-9._:@-]{1,128}")
REST_KEYS = ("sender", "message", "metadata", "input_channel")
MAX_METADATA_BYTES = 2048  # the REST channel's metadata is stored with the message: keep it small


class Refused(Exception):
    """A request the REST channel answers itself: `status` and a JSON body without the message."""

    def __init__(self, status: int, error: str, detail: str, **extra: Any) -> None:
        super().__init__(error)
        self.status = status
        self.body = {"error": error, "detail": detail, **extra}


def parse_rest_body(raw: bytes, common: settings.Settings) -> Dict[str, Any]:
    """The REST webhook's JSON, checked before Rasa sees it: an object with a valid `sender`, a string
    `message` of at most BOT_MAX_MESSAGE_CHARS characters, optional small `metadata` (an object) and
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
    if len(message) > common.max_message_chars:
        raise Refused(
            413,
            "message_too_long",
            f"Messages are limited to {common.max_message_chars} characters.",
            max_chars=common.max_message_chars,
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


class SlidingWindow:
    """At most `limit` events per key in the last `window` seconds, in memory (tickets or failed
    tokens per client address). Keys whose events all expired are forgotten."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000):
        self.limit, self.window, self.clock, self.max_keys = limit, window, clock, max_keys
        self.events: Dict[str, Deque[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> Deque[float]:
        times = self.events.get(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def full(self, key: str) -> bool:
        with self.lock:
            return len(self._recent(key, self.clock())) >= self.limit

    def add(self, key: str) -> None:
        now = self.clock()
        with self.lock:
            times = self._recent(key, now)
            times.append(now)
            self.events[key] = times
            if len(self.events) > self.max_keys:
                for old in [k for k, t in self.events.items() if not self._recent(k, now)]:
                    del self.events[old]
                while len(self.events) > self.max_keys:  # still too many: drop the longest idle
                    del self.events[min(self.events, key=lambda k: self.events[k][-1])]


# -- client addresses ------------------------------------------------------------------------------


def client_address(peer: str, forwarded_for: Iterable[str] = (), hops: int = 0) -> str:
    """The client's address: the socket peer, or with TRUSTED_PROXY_HOPS = n > 0 the n-th address
    from the right of X-Forwarded-For (what the n-th proxy saw; entries further left are the
    client's own claims). Too few entries: the peer."""
    if hops > 0:
        entries = [e.strip() for value in forwarded_for for e in (value or "").split(",") if e.strip()]
        if len(entries) >= hops:
            return entries[-hops]
    return peer or "unknown"


def forwarded_https(forwarded_proto: Optional[str], hops: int) -> bool:
    """The request reached the trusted proxy over https (X-Forwarded-Proto, only with proxies trusted)."""
    return hops > 0 and (forwarded_proto or "").split(",")[0].strip().lower() == "https"


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


CLIENT_KEY = "bone_health_client"  # message metadata: a keyed hash of the client address
_CLIENT_SECRET = secrets.token_bytes(32)  # per start: hashes cannot be linked across restarts


def client_key(address: str) -> Optional[str]:
    """What a message may carry about its client address: an HMAC of it with a key made at start
    (never the address itself), or None for loopback (a proxy on this machine: it limits per address)."""
    if not address or address == "unknown" or is_loopback(address):
        return None
    return hmac.new(_CLIENT_SECRET, address.encode(), hashlib.sha256).hexdigest()[:24]


def with_client_key(metadata: Any, key: Optional[str]) -> Dict[str, Any]:
    """The message's metadata with CLIENT_KEY set by the server (a client's own value is dropped)."""
    cleaned = {k: v for k, v in metadata.items() if k != CLIENT_KEY} if isinstance(metadata, dict) else {}
    if key:
        cleaned[CLIENT_KEY] = key
    return cleaned


# -- replies and headers ---------------------------------------------------------------------------

RATE_REPLY = (
    "You are sending messages faster than I can answer. Please wait a moment and try again. "
    "If this is an emergency, call {emergency_number} now."
)
AUTH_WINDOW_SECONDS = 600  # AUTH_FAILURES_PER_ADDRESS wrong tokens in this window: 429 until they age out
AUTH_REFUSED = {"error": "too_many_failed_tokens", "detail": "Too many wrong tokens from this address; try later."}
HSTS = "max-age=31536000"  # one year; no includeSubDomains: the deployer's other hosts are not ours to pin


def rate_reply() -> str:
    from bot.safety import content as safety_content

    numbers = safety_content.load().settings
    return RATE_REPLY.format(emergency_number=numbers.get("emergency_number", "your emergency number"))


def flagged_by_safety_net(text: str) -> bool:
    from bot.nlu.components import sanitize
    from bot.safety import engine

    try:
        return engine.classify(sanitize(text)) is not None
    except Exception:  # noqa: BLE001 - if in doubt, let the message through
        return True


def private_files() -> None:
    """Files this process creates (SQLite stores and their journals, credentials) are readable by
    their owner only: umask 077. Called first by every server entry point."""
    import os

    os.umask(0o077)
