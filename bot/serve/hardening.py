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
  safety net flags). The message's metadata gets a keyed hash of the client address
  (guard.CLIENT_KEY) for the ticket limit per address (bot/serve/conversation_guard.py).
- `ApiGuard`: 429 for an address after AUTH_FAILURES_PER_ADDRESS wrong tokens (401s) in 10 minutes
  (the chat channels excepted), and HSTS when served over TLS.
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
from bot.settings import Settings

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


def client_address(request: Any, hops: int) -> str:
    """The client's address: the socket peer, or behind TRUSTED_PROXY_HOPS proxies what they saw."""
    return guard.client_address(request.ip or "", request.headers.getall("x-forwarded-for", []), hops)


class RestGuard:
    """The REST webhook's checks and rates, as a Sanic request middleware."""

    def __init__(self, common: Settings, rate_reply: str) -> None:
        self.common = common
        self.per_sender = guard.TokenBuckets(common.rate_per_sender)
        self.per_address = guard.TokenBuckets(common.rate_per_address)
        self.rate_reply = rate_reply

    def check(self, body: bytes, address: str) -> Tuple[Optional[int], Any]:
        """(None, cleaned body) to go on, or (status, JSON body) to answer now. The cleaned body's
        metadata carries the keyed hash of the address (guard.CLIENT_KEY), never the address."""
        try:
            cleaned = guard.parse_rest_body(body, self.common)
        except guard.Refused as refused:
            return refused.status, refused.body
        sender = cleaned["sender"]
        allowed = self.per_sender.allow(f"s:{sender}")
        key = guard.client_key(address)  # None on loopback: a proxy on this machine limits per address
        if key:
            allowed = self.per_address.allow(f"a:{key}") and allowed
        if not allowed and not guard.flagged_by_safety_net(cleaned["message"]):
            logger.warning("REST rate limit reached (a sender or address over its limit): 429.")
            return 429, [{"recipient_id": sender, "text": self.rate_reply}]
        metadata = guard.with_client_key(cleaned.get("metadata"), key)
        if metadata or "metadata" in cleaned:
            cleaned["metadata"] = metadata
        return None, cleaned

    async def middleware(self, request: Any) -> Any:
        if request.method != "POST" or request.path.rstrip("/") != REST_WEBHOOK:
            return None
        from sanic import response

        if too_large(request, self.common.max_request_bytes):
            # Sanic 21.12 stops reading at REQUEST_MAX_SIZE but still runs the middleware on what it
            # read; refuse here so a cut body is never parsed.
            body = {"error": "request_too_large", "detail": f"At most {self.common.max_request_bytes} bytes."}
            return response.json(body, status=413, headers={"Connection": "close"})
        status, payload = self.check(request.body, client_address(request, self.common.trusted_proxy_hops))
        if status is not None:
            headers = {"Retry-After": "10"} if status == 429 else None
            return response.json(payload, status=status, headers=headers)
        request.parsed_json = payload
        return None


CHAT_PATHS = ("/webhooks/", "/socket.io")  # the patients' way in: never refused for someone's wrong tokens


class ApiGuard:
    """Slows token guessing on Rasa's HTTP API (BOT_API_TOKEN): an address with
    AUTH_FAILURES_PER_ADDRESS 401s in 10 minutes gets 429 on everything but the chat channels until
    they age out. And HSTS on every response served over TLS (WEB_TLS, or https per a trusted proxy)."""

    def __init__(self, common: Settings) -> None:
        self.common = common
        self.failures = guard.SlidingWindow(common.auth_failures_per_address, guard.AUTH_WINDOW_SECONDS)

    def key(self, request: Any) -> Optional[str]:
        return guard.client_key(client_address(request, self.common.trusted_proxy_hops))

    async def on_request(self, request: Any) -> Any:
        key = self.key(request)
        if key and not request.path.startswith(CHAT_PATHS) and self.failures.full(key):
            from sanic import response

            logger.warning("Rasa API: too many wrong tokens from one address: 429.")
            headers = {"Retry-After": str(guard.AUTH_WINDOW_SECONDS)}
            return response.json(guard.AUTH_REFUSED, status=429, headers=headers)
        return None

    async def on_response(self, request: Any, response: Any) -> None:
        if response is None:
            return
        if response.status == 401 and (key := self.key(request)):
            self.failures.add(key)
        hops = self.common.trusted_proxy_hops
        if self.common.web_tls or guard.forwarded_https(request.headers.get("x-forwarded-proto"), hops):
            response.headers["Strict-Transport-Security"] = guard.HSTS


def too_large(request: Any, max_bytes: int) -> bool:
    try:
        announced = int(request.headers.get("content-length") or 0)
    except ValueError:
        announced = 0
    return announced > max_bytes or len(request.body or b"") >= max_bytes


def install_http_guard(common: Settings) -> None:
    import rasa.core.run as rasa_run

    if getattr(rasa_run.configure_app, "_bone_health_guard", False):
        return
    original = rasa_run.configure_app
    rest_guard = RestGuard(common, guard.rate_reply())
    api_guard = ApiGuard(common)

    @functools.wraps(original)
    def configure_app(*args: Any, **kwargs: Any) -> Any:
        app = original(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = common.max_request_bytes
        app.config.FALLBACK_ERROR_FORMAT = "json"
        app.register_middleware(api_guard.on_request, "request")
        app.register_middleware(rest_guard.middleware, "request")
        app.register_middleware(api_guard.on_response, "response")
        return app

    configure_app._bone_health_guard = True  # type: ignore[attr-defined]
    rasa_run.configure_app = configure_app


def install(common: Optional[Settings] = None) -> Settings:
    common = common or Settings.from_env()
    install_bounded_messages(common.max_message_chars)
    install_quiet_rest_errors()
    install_http_guard(common)
    return common
