"""Telegram connector (replaces Rasa's, which calls Telegram's setWebhook while starting and so
cannot start without internet, and trusts any POST to its webhook).

- Inbound: POST /webhooks/telegram/webhook with Telegram's Update JSON. Refused (403) unless the
  header X-Telegram-Bot-Api-Secret-Token carries the webhook secret (TELEGRAM_WEBHOOK_SECRET, or
  one derived from the bot token), which Telegram sends once the webhook is registered with it.
- The webhook is registered with Telegram only when TELEGRAM_SET_WEBHOOK=true, in the background
  after the server has started; a failure is logged and the server keeps running.
- Outbound: sendMessage with plain text (no parse mode: bot text is never read as markup), links as
  plain URLs, answers over 4096 characters split at sentence boundaries, buttons as an inline
  keyboard (one button per row) under the last part. Typing the option number works as well.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.base import MessagingInput, MessagingOutput, PlatformApi, channel_limit, same_secret
from bot.channels.formatting import TELEGRAM_LIMIT, Option, compose
from bot.channels.options import PendingOptions

logger = logging.getLogger("bone_health.channels.telegram")

DEFAULT_API_BASE = "https://api.telegram.org"
CALLBACK_DATA_LIMIT = 64  # bytes Telegram keeps for a button
COMMANDS = {"/start": "/greet", "/help": "/what_can_you_do"}


def derived_secret(token: str) -> str:
    """A webhook secret derived from the bot token (allowed characters: A-Z a-z 0-9 _ -)."""
    return hashlib.sha256(f"bone-health-telegram-webhook|{token}".encode()).hexdigest()


class TelegramApi:
    def __init__(self, token: str, base: str) -> None:
        self.token = token
        self.base = base.rstrip("/")
        self.http = PlatformApi("telegram")

    async def call(self, method: str, body: Dict[str, Any]) -> Optional[Any]:
        result = await self.http.post(method, f"{self.base}/bot{self.token}/{method}", json=body)
        if isinstance(result, dict) and result.get("ok") is False:
            logger.warning("telegram: %s answered ok=false (%s)", method, result.get("error_code"))
            return None
        return result


def callback_data(option: Option) -> str:
    return option.payload if len(option.payload.encode()) <= CALLBACK_DATA_LIMIT else f"#{option.number}"


class TelegramOutput(MessagingOutput):
    def __init__(self, api: TelegramApi, options: PendingOptions, limit: int = TELEGRAM_LIMIT) -> None:
        super().__init__("telegram", options)
        self.api = api
        self.limit = limit

    @classmethod
    def name(cls) -> str:
        return "telegram"

    async def deliver(self, recipient_id: str, text: str, options: List[Option]) -> None:
        chunks = compose(text, self.limit, options, numbered=False) or ["Please choose:"]
        for index, chunk in enumerate(chunks):
            body: Dict[str, Any] = {"chat_id": recipient_id, "text": chunk}
            if options and index == len(chunks) - 1:
                body["reply_markup"] = {
                    "inline_keyboard": [[{"text": o.title, "callback_data": callback_data(o)}] for o in options]
                }
            await self.api.call("sendMessage", body)


class TelegramInput(MessagingInput):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "TelegramInput":
        credentials = credentials or {}
        if not credentials.get("access_token"):
            cls.raise_missing_credentials_exception()
        return cls(
            access_token=str(credentials["access_token"]),
            webhook_secret=credentials.get("webhook_secret"),
            webhook_url=credentials.get("webhook_url"),
            set_webhook=str(credentials.get("set_webhook", "false")).lower() == "true",
            api_base=credentials.get("api_base") or DEFAULT_API_BASE,
            limit=channel_limit(credentials, TELEGRAM_LIMIT),
        )

    def __init__(
        self,
        access_token: str,
        webhook_secret: Optional[str] = None,
        webhook_url: Optional[str] = None,
        set_webhook: bool = False,
        api_base: str = DEFAULT_API_BASE,
        limit: int = TELEGRAM_LIMIT,
    ) -> None:
        super().__init__()
        self.limit = limit
        self.api = TelegramApi(access_token, api_base)
        self.secret = str(webhook_secret) if webhook_secret else derived_secret(access_token)
        self.webhook_url = webhook_url
        self.set_webhook = set_webhook

    def get_output_channel(self) -> TelegramOutput:
        return TelegramOutput(self.api, self.options, self.limit)

    async def register_webhook(self) -> bool:
        if not self.webhook_url:
            logger.error("telegram: TELEGRAM_SET_WEBHOOK is true but TELEGRAM_WEBHOOK_URL is not set")
            return False
        result = await self.api.call(
            "setWebhook",
            {"url": self.webhook_url, "secret_token": self.secret, "allowed_updates": ["message", "callback_query"]},
        )
        if result:
            logger.info("telegram: webhook registered with Telegram")
        else:
            logger.error(
                "telegram: could not register the webhook with Telegram; the server keeps running "
                "(register it later with TELEGRAM_SET_WEBHOOK=true and a restart)"
            )
        return bool(result)

    def blueprint(self, on_new_message: Callable[[Any], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("bone_health_telegram", __name__)
        output = self.get_output_channel()

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        if self.set_webhook:

            @bp.listener("after_server_start")
            async def register(_app: Any, _loop: Any) -> None:
                asyncio.ensure_future(self.register_webhook())

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not same_secret(self.secret, request.headers.get("X-Telegram-Bot-Api-Secret-Token")):
                logger.warning("telegram: refused a webhook call without the right secret token")
                return response.text("forbidden", status=403)
            try:
                update = request.json
            except Exception:  # noqa: BLE001 (malformed body)
                update = None
            if not isinstance(update, dict):
                return response.text("bad request", status=400)
            if self.recent.seen(f"update:{update.get('update_id')}"):
                return response.text("ok")
            parsed = self.parse(update)
            if parsed is None:
                return response.text("ok")  # edits, joins, channel posts…: nothing to answer
            chat_id, text, callback_id = parsed
            if callback_id:
                await self.api.call("answerCallbackQuery", {"callback_query_id": callback_id})
            await self.forward(on_new_message, text, chat_id, output, request=request)
            return response.text("ok")

        return bp

    @staticmethod
    def parse(update: Dict[str, Any]) -> Optional[tuple]:  # tests/test_fuzz.py feeds it any JSON
        """(chat id, text, callback query id) of an update worth answering, else None."""
        query = update.get("callback_query")
        if isinstance(query, dict):
            chat = _obj(_obj(query.get("message")).get("chat")).get("id") or _obj(query.get("from")).get("id")
            if chat is None:
                return None
            return str(chat), str(query.get("data") or ""), str(query.get("id") or "") or None
        message = update.get("message")
        if not isinstance(message, dict) or not isinstance(message.get("chat"), dict):
            return None
        chat = message["chat"].get("id")
        if chat is None:
            return None
        text = message.get("text")
        if not isinstance(text, str):
            text = ""  # a photo, sticker or voice note: the bot says it could not understand
        words = text.split()
        command = words[0].split("@", 1)[0].lower() if words and words[0].startswith("/") else ""
        if command in COMMANDS:
            text = COMMANDS[command]
        return str(chat), text, None


def _obj(value: Any) -> Dict[str, Any]:
    """`value` when it is a JSON object, else an empty one (a malformed update is not a crash)."""
    return value if isinstance(value, dict) else {}
