"""The web widget's socket.io channel, with sessions only their owner can use (issue 14).

Rasa 3.6's `SocketIOInput` trusts the client: any socket that sends `session_request` with a known
id joins that conversation's room and receives its replies, a socket that never joined can post into
any session, and any string is accepted as an id. This channel keeps Rasa's connector and wraps its
handlers:

- **Session tokens are minted by the server**: `<32 hex>.<HMAC>`, signed with SOCKET_SESSION_SECRET
  (or a key kept in BONE_HEALTH_VAR_DIR, 0600, so a restart does not end conversations). A
  `session_request` with a token that does not verify gets a new one; the widget stores what the
  server confirms, so a reload of the same browser resumes its conversation.
- **The conversation id is derived from the token** (`web-<hash>`), never the token itself: a
  conversation id seen elsewhere (a ticket, a tracker) cannot be turned back into a token.
- **Messages are bound to the socket that joined**: the sender is the conversation this socket
  confirmed, whatever `session_id` the message names; a socket that never joined is ignored.
- **Origins**: a browser connecting from a page not in BOT_ALLOWED_ORIGINS is refused.
- **Rates**, as on the REST webhook (bot.serve.guard): BOT_RATE_PER_SENDER messages a minute per
  conversation and BOT_RATE_PER_ADDRESS per client address (loopback exempt); over it the socket gets
  a friendly "please wait" reply with the emergency number, and a message the safety net flags always
  goes through. The message's metadata gets the keyed hash of the address (guard.CLIENT_KEY) for the
  ticket limit per address; the address itself is never stored.
- **Metadata from the browser is bounded**: only the widget's language choice (`{"language": "en"|"es"}`,
  issue 12: bot/nlu/language_choice.py) passes; any other key or value a client sends is dropped.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

from bot import settings
from bot.names import CHOSEN_LANGUAGE_KEY, LANGUAGES, WIDGET_CONVERSATIONS
from bot.serve import guard, idempotency

logger = logging.getLogger("bone_health.channels.socketio")

TOKEN = re.compile(r"^([0-9a-f]{32})\.([0-9a-f]{32})$")
KEY_FILE = "socket_session.key"
ORIGIN_KEY = "HTTP_ORIGIN"  # the Origin header in the socket.io handshake (WSGI-style keys)
REQUEST_KEY = "sanic.request"  # engineio's Sanic driver puts the request here (REMOTE_ADDR is always 127.0.0.1)


def handshake_address(handshake: Dict, hops: int) -> str:
    """The client address of a socket.io handshake (X-Forwarded-For only behind trusted proxies)."""
    request = handshake.get(REQUEST_KEY)
    peer = getattr(request, "ip", "") or handshake.get("REMOTE_ADDR", "")
    forwarded = [handshake.get("HTTP_X_FORWARDED_FOR", "")] if hops else []
    return guard.client_address(peer, forwarded, hops)


def widget_metadata(raw: Any) -> Dict[str, Any]:
    """What the widget may say about a message: its chosen language, "en" or "es", and the message's
    id (bot/serve/idempotency.py: a resend is answered once); nothing else."""
    value = raw.get(CHOSEN_LANGUAGE_KEY) if isinstance(raw, dict) else None
    kept = {CHOSEN_LANGUAGE_KEY: value} if isinstance(value, str) and value in LANGUAGES else {}
    message_id = idempotency.client_message_id(raw)
    return {**kept, idempotency.METADATA_KEY: message_id} if message_id else kept


class Rates:
    """Messages per conversation and per client key (guard.TokenBuckets, the REST webhook's logic)."""

    def __init__(self, common: settings.Settings) -> None:
        self.per_conversation = guard.TokenBuckets(common.rate_per_sender)
        self.per_address = guard.TokenBuckets(common.rate_per_address)

    def allow(self, conversation: str, client: Optional[str], text: Any) -> bool:
        allowed = self.per_conversation.allow(conversation)
        if client:
            allowed = self.per_address.allow(client) and allowed
        return allowed or (isinstance(text, str) and guard.flagged_by_safety_net(text))


def session_secret(env: Optional[Dict[str, str]] = None) -> bytes:
    """SOCKET_SESSION_SECRET, else a random key kept (0600) in the run-time folder."""
    configured = settings.get("SOCKET_SESSION_SECRET", env)
    if configured:
        return configured.encode()
    path: Path = settings.var_dir(env) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


class SessionTokens:
    """Mints and verifies widget session tokens; maps a token to its conversation id."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def _signature(self, session: str) -> str:
        return hmac.new(self.secret, f"session:{session}".encode(), hashlib.sha256).hexdigest()[:32]

    def mint(self) -> str:
        session = secrets.token_hex(16)
        return f"{session}.{self._signature(session)}"

    def valid(self, token: Any) -> bool:
        match = TOKEN.match(token) if isinstance(token, str) else None
        return bool(match) and hmac.compare_digest(match.group(2), self._signature(match.group(1)))

    def conversation(self, token: str) -> str:
        digest = hmac.new(self.secret, f"conversation:{token}".encode(), hashlib.sha256).hexdigest()[:32]
        return WIDGET_CONVERSATIONS + digest


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io connector (same name, path and events) with owned sessions."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        tokens = SessionTokens(session_secret())
        origins = set(settings.allowed_origins())
        common = settings.Settings.from_env()
        rates, rate_reply = Rates(common), guard.rate_reply()
        clients: Dict[str, Optional[str]] = {}  # socket id -> keyed hash of its address (None: loopback)
        namespace = self.namespace or "/"
        handlers = self.sio.handlers[namespace]
        rasa_connect, rasa_disconnect = handlers["connect"], handlers["disconnect"]
        rasa_message = handlers[self.user_message_evt]
        owners: Dict[str, str] = {}  # socket id -> the conversation it joined
        sio = self.sio

        async def connect(sid: str, handshake: Dict, auth: Optional[Dict] = None) -> bool:
            origin = handshake.get(ORIGIN_KEY)  # the handshake request's Origin header
            if origin and settings.web_origin(origin) not in origins:
                logger.warning("socket.io connection refused: origin not allowed")
                return False
            clients[sid] = guard.client_key(handshake_address(handshake, common.trusted_proxy_hops))
            return await rasa_connect(sid, handshake, auth)

        async def disconnect(sid: str) -> None:
            owners.pop(sid, None)
            clients.pop(sid, None)
            await rasa_disconnect(sid)

        async def session_request(sid: str, data: Optional[Dict]) -> None:
            token = (data or {}).get("session_id") if isinstance(data, dict) else None
            if not tokens.valid(token):
                token = tokens.mint()
            previous = owners.get(sid)
            if previous:
                sio.leave_room(sid, previous, namespace=namespace)
            owners[sid] = tokens.conversation(token)
            sio.enter_room(sid, owners[sid], namespace=namespace)
            await sio.emit("session_confirm", token, room=sid, namespace=namespace)

        async def user_message(sid: str, data: Any) -> None:
            conversation = owners.get(sid)
            if conversation is None or not isinstance(data, dict):
                logger.info("socket.io message ignored: the socket has no confirmed session")
                return
            client = clients.get(sid)
            if not rates.allow(conversation, client, data.get("message")):
                logger.warning("socket.io rate limit reached (a conversation or address over its limit).")
                await sio.emit(self.bot_message_evt, {"text": rate_reply}, room=sid, namespace=namespace)
                return
            metadata = guard.with_client_key(widget_metadata(data.get(self.metadata_key)), client)
            await rasa_message(sid, {**data, "session_id": conversation, self.metadata_key: metadata})

        handlers.update(
            {
                "connect": connect,
                "disconnect": disconnect,
                "session_request": session_request,
                self.user_message_evt: user_message,
            }
        )
        return webhook
