"""Rasa's public surface, bounded (issue 14; docs/security.md). Installed by bot.serve.rasa_entry.

Rasa 3.6.21 builds its Sanic app in `rasa.core.run.configure_app` (called by `serve_application` by
its module-level name), registers the channels' blueprints there, and gives every channel's message
to the processor as a `rasa.core.channels.channel.UserMessage`, whose `text` becomes the stored
`UserUttered` event (rasa/core/processor.py `_handle_message_with_tracker`). So:

- `install_http_guard` wraps `configure_app`: Sanic's REQUEST_MAX_SIZE (BOT_MAX_REQUEST_BYTES: 413
  before the body is read), JSON error pages, and a request middleware on the REST webhook that
  checks the body (bot.serve.guard: object, `sender` required and well-formed, `message` a string of
  at most BOT_MAX_MESSAGE_CHARS, else 400/413 with a JSON error) before Rasa's `RestInput` sees it,
  then the per-sender and per-address rates (429 with a friendly message; never for a message the
  safety net flags).
- `install_bounded_messages` wraps `UserMessage.__init__`: on every channel (socket.io and the
  messaging connectors included) the text is NFKC-normalised, cleaned of control characters and cut
  at BOT_MAX_MESSAGE_CHARS (at a word) by `bot.nlu.components.sanitize` before anything stores it,
  so the tracker store and tickets only ever hold the bounded, sanitised text.
- `install_quiet_rest_errors`: RestInput's error path logs the message text at ERROR
  (`rest.message.received.failure`, text=…); its logger is wrapped to drop the text.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Optional, Tuple

from bot.serve import guard

logger = logging.getLogger("bone_health.rasa_server")
REST_WEBHOOK = "/webhooks/rest/webhook"


def bounded_text(text: Any, max_chars: int) -> Optional[str]:
    """What a channel's message may carry into Rasa: None stays None (no text), anything that is not
    a string is empty, a string is sanitised and bounded."""
    from bot.nlu.components import sanitize

    if text is None:
        return None
    if not isinstance(text, str):
        return ""
    return sanitize(text, max_chars)


def install_bounded_messages(max_chars: int) -> None:
    from rasa.core.channels.channel import UserMessage

    if getattr(UserMessage.__init__, "_bone_health_bounded", False):
        return
    original = UserMessage.__init__

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.text = bounded_text(self.text, max_chars)

    init._bone_health_bounded = True  # type: ignore[attr-defined]
    UserMessage.__init__ = init


class _WithoutText:
    """A structlog logger that drops the `text` key (Rasa's REST error path passes the message)."""

    def __init__(self, wrapped: Any) -> None:
        self._wrapped = wrapped

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._wrapped, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            kwargs.pop("text", None)
            return method(*args, **kwargs)

        return call


def install_quiet_rest_errors() -> None:
    from rasa.core.channels import rest

    if not isinstance(rest.structlogger, _WithoutText):
        rest.structlogger = _WithoutText(rest.structlogger)


def client_address(request: Any) -> str:
    """The peer address (Sanic's `remote_addr` when a proxy is configured, else the socket's)."""
    return getattr(request, "remote_addr", "") or request.ip or "unknown"


def is_loopback(address: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def flagged_by_safety_net(text: str) -> bool:
    from bot.nlu.components import sanitize
    from bot.safety import engine

    try:
        return engine.classify(sanitize(text)) is not None
    except Exception:  # noqa: BLE001 - if in doubt, let the message through
        return True


class RestGuard:
    """The REST webhook's checks and rates, as a Sanic request middleware."""

    def __init__(self, limits: guard.Limits, rate_reply: str) -> None:
        self.limits = limits
        self.per_sender = guard.TokenBuckets(limits.per_sender_per_minute)
        self.per_address = guard.TokenBuckets(limits.per_address_per_minute)
        self.rate_reply = rate_reply

    def check(self, body: bytes, address: str) -> Tuple[Optional[int], Any]:
        """(None, cleaned body) to go on, or (status, JSON body) to answer now."""
        try:
            cleaned = guard.parse_rest_body(body, self.limits)
        except guard.Refused as refused:
            return refused.status, refused.body
        sender = cleaned["sender"]
        allowed = self.per_sender.allow(f"s:{sender}")
        if not is_loopback(address):  # a proxy on this machine limits per address itself (docs/security.md)
            allowed = self.per_address.allow(f"a:{address}") and allowed
        if not allowed and not flagged_by_safety_net(cleaned["message"]):
            logger.warning("REST rate limit reached (a sender or address over its limit): 429.")
            return 429, [{"recipient_id": sender, "text": self.rate_reply}]
        return None, cleaned

    async def middleware(self, request: Any) -> Any:
        if request.method != "POST" or request.path.rstrip("/") != REST_WEBHOOK:
            return None
        from sanic import response

        if too_large(request, self.limits.max_request_bytes):
            # Sanic 21.12 stops reading at REQUEST_MAX_SIZE but still runs the middleware on what it
            # read; refuse here so a cut body is never parsed.
            body = {"error": "request_too_large", "detail": f"At most {self.limits.max_request_bytes} bytes."}
            return response.json(body, status=413, headers={"Connection": "close"})
        status, payload = self.check(request.body, client_address(request))
        if status is not None:
            headers = {"Retry-After": "10"} if status == 429 else None
            return response.json(payload, status=status, headers=headers)
        request.parsed_json = payload
        return None


def too_large(request: Any, max_bytes: int) -> bool:
    try:
        announced = int(request.headers.get("content-length") or 0)
    except ValueError:
        announced = 0
    return announced > max_bytes or len(request.body or b"") >= max_bytes


def rate_reply() -> str:
    from bot.safety import content as safety_content

    numbers = safety_content.load().settings
    return guard.RATE_REPLY.format(emergency_number=numbers.get("emergency_number", "your emergency number"))


def install_http_guard(limits: guard.Limits) -> None:
    import rasa.core.run as rasa_run

    if getattr(rasa_run.configure_app, "_bone_health_guard", False):
        return
    original = rasa_run.configure_app
    rest_guard = RestGuard(limits, rate_reply())

    @functools.wraps(original)
    def configure_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = limits.max_request_bytes
        app.config.FALLBACK_ERROR_FORMAT = "json"
        app.register_middleware(rest_guard.middleware, "request")
        return app

    configure_app._bone_health_guard = True  # type: ignore[attr-defined]
    rasa_run.configure_app = configure_app


def install(limits: Optional[guard.Limits] = None) -> guard.Limits:
    limits = limits or guard.Limits.from_env()
    install_bounded_messages(limits.max_message_chars)
    install_quiet_rest_errors()
    install_http_guard(limits)
    return limits
