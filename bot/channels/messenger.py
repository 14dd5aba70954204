"""Facebook Messenger connector (replaces Rasa's: checks X-Hub-Signature-256, answers every event
of a batched webhook, fits answers to Messenger's limits).

- GET /webhooks/facebook/webhook: Meta's subscription check (hub.verify_token must match
  MESSENGER_VERIFY_TOKEN; the hub.challenge is echoed).
- POST: refused (403) unless X-Hub-Signature-256 ("sha256=" + HMAC-SHA256 of the raw body with the
  app secret) matches; the older X-Hub-Signature (SHA-1) is accepted only when no SHA-256 one is sent.
- Outbound: the Send API. Messenger shows at most 13 quick replies with titles of 20 characters,
  so when every button title fits they become quick replies; otherwise the options are listed with
  numbers in the text and the quick replies carry the numbers ("1", "2"…), and typing the number
  works too. Links as plain URLs; answers over 2000 characters split at sentence boundaries.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.base import MessagingInput, MessagingOutput, PlatformApi, channel_limit, same_secret
from bot.channels.formatting import MESSENGER_LIMIT, Option, compose
from bot.channels.options import PendingOptions

logger = logging.getLogger("bone_health.channels.messenger")

DEFAULT_API_BASE = "https://graph.facebook.com/v18.0"
QUICK_REPLY_TITLE_LIMIT = 20
QUICK_REPLY_COUNT_LIMIT = 13


def signature_ok(app_secret: str, body: bytes, sha256_header: Optional[str], sha1_header: Optional[str]) -> bool:
    if sha256_header:
        expected = "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
        return same_secret(expected, sha256_header.strip())
    if sha1_header:
        expected = "sha1=" + hmac.new(app_secret.encode(), body, hashlib.sha1).hexdigest()
        return same_secret(expected, sha1_header.strip())
    return False


class MessengerApi:
    def __init__(self, page_access_token: str, base: str) -> None:
        self.token = page_access_token
        self.url = f"{base.rstrip('/')}/me/messages"
        self.http = PlatformApi("messenger")

    async def send(self, body: Dict[str, Any]) -> Optional[Any]:
        return await self.http.post("me/messages", self.url, json=body, params={"access_token": self.token})


class MessengerOutput(MessagingOutput):
    def __init__(self, api: MessengerApi, options: PendingOptions, limit: int = MESSENGER_LIMIT) -> None:
        super().__init__("facebook", options)
        self.api = api
        self.limit = limit

    @classmethod
    def name(cls) -> str:
        return "facebook"

    async def deliver(self, recipient_id: str, text: str, options: List[Option]) -> None:
        titles_fit = all(len(o.title) <= QUICK_REPLY_TITLE_LIMIT for o in options)
        chunks = compose(text, self.limit, options, numbered=not titles_fit) or ["Please choose:"]
        quick = [
            {"content_type": "text", "title": o.title if titles_fit else str(o.number), "payload": o.payload}
            for o in options[:QUICK_REPLY_COUNT_LIMIT]
        ]
        for index, chunk in enumerate(chunks):
            message: Dict[str, Any] = {"text": chunk}
            if quick and index == len(chunks) - 1:
                message["quick_replies"] = quick
            await self.api.send({"recipient": {"id": recipient_id}, "messaging_type": "RESPONSE", "message": message})


class MessengerInput(MessagingInput):
    @classmethod
    def name(cls) -> str:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "MessengerInput":
        credentials = credentials or {}
        if not all(credentials.get(k) for k in ("page_access_token", "app_secret", "verify_token")):
            cls.raise_missing_credentials_exception()
        return cls(
            page_access_token=str(credentials["page_access_token"]),
            app_secret=str(credentials["app_secret"]),
            verify_token=str(credentials["verify_token"]),
            api_base=credentials.get("api_base") or DEFAULT_API_BASE,
            limit=channel_limit(credentials, MESSENGER_LIMIT),
        )

    def __init__(
        self,
        page_access_token: str,
        app_secret: str,
        verify_token: str,
        api_base: str = DEFAULT_API_BASE,
        limit: int = MESSENGER_LIMIT,
    ) -> None:
        super().__init__()
        self.limit = limit
        self.api = MessengerApi(page_access_token, api_base)
        self.app_secret = app_secret
        self.verify_token = verify_token

    def get_output_channel(self) -> MessengerOutput:
        return MessengerOutput(self.api, self.options, self.limit)

    def blueprint(self, on_new_message: Callable[[Any], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("bone_health_messenger", __name__)
        output = self.get_output_channel()

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if request.args.get("hub.mode") == "subscribe" and same_secret(
                self.verify_token, request.args.get("hub.verify_token")
            ):
                return response.text(request.args.get("hub.challenge") or "")
            logger.warning("messenger: refused a subscription check with a wrong verify token")
            return response.text("forbidden", status=403)

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not signature_ok(
                self.app_secret,
                request.body,
                request.headers.get("X-Hub-Signature-256"),
                request.headers.get("X-Hub-Signature"),
            ):
                logger.warning("messenger: refused a webhook call with a missing or wrong signature")
                return response.text("forbidden", status=403)
            try:
                payload = request.json
            except Exception:  # noqa: BLE001 (malformed body)
                payload = None
            if not isinstance(payload, dict) or payload.get("object") != "page":
                return response.text("bad request", status=400)
            for entry in _list(payload.get("entry")):
                for event in _list(_obj(entry).get("messaging")):
                    parsed = self.parse(event)
                    if parsed and not self.recent.seen(parsed[2]):
                        await self.forward(on_new_message, parsed[1], parsed[0], output, request=request)
            return response.text("EVENT_RECEIVED")

        return bp

    @staticmethod
    def parse(event: Dict[str, Any]) -> Optional[tuple]:
        """(sender id, text, event id) of a message or postback from a person, else None."""
        if not isinstance(event, dict):
            return None
        sender = _obj(event.get("sender")).get("id")
        if not sender:
            return None
        message = event.get("message")
        if isinstance(message, dict):
            if message.get("is_echo"):
                return None  # the page's own messages
            quick = _obj(message.get("quick_reply"))
            text = quick.get("payload") or message.get("text") or ""  # attachments: "couldn't understand"
            return str(sender), str(text), _text_or_none(message.get("mid"))
        postback = event.get("postback")
        if isinstance(postback, dict):
            return (
                str(sender),
                str(postback.get("payload") or postback.get("title") or ""),
                _text_or_none(postback.get("mid")),
            )
        return None  # deliveries, reads, reactions


def _obj(value: Any) -> Dict[str, Any]:
    """`value` when it is a JSON object, else an empty one (a malformed event is not a crash)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> List[Any]:
    return value if isinstance(value, list) else []


def _text_or_none(value: Any) -> Optional[str]:
    """An event id as the duplicate check keys it (a string), or None."""
    return value if isinstance(value, str) else None
