"""Twilio connectors for SMS and WhatsApp (replace Rasa's, which checks no request signature).

- Inbound: Twilio's form POST to /webhooks/sms/webhook or /webhooks/whatsapp/webhook. Refused (403)
  unless X-Twilio-Signature is the HMAC-SHA1 (auth token) of the public webhook URL plus the sorted
  form fields, so nobody can post as a caregiver. The URL is BOT_PUBLIC_URL + the path when set,
  else the one the request reached (X-Forwarded-Proto/Host honoured, as a proxy sets them).
- Outbound: Twilio's Messages API. Neither SMS nor WhatsApp (outside approved templates) shows
  buttons, so buttons become a numbered list ("Reply with a number: 1. …") and a reply "1", "2"…
  picks the option. Links as plain URLs; answers over 1600 characters split at sentence boundaries.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional
from urllib.parse import parse_qs

import aiohttp
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels.base import MessagingInput, MessagingOutput, PlatformApi, channel_limit
from bot.channels.formatting import SMS_LIMIT, WHATSAPP_LIMIT, Option, compose
from bot.channels.options import PendingOptions

logger = logging.getLogger("bone_health.channels.twilio")

DEFAULT_API_BASE = "https://api.twilio.com"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


class _Fields(dict):
    """Form fields as lists of values, the shape twilio's RequestValidator reads (getlist)."""

    def getlist(self, name: str) -> List[str]:
        return self[name]


def parse_form(body: bytes) -> _Fields:
    """A webhook's form body as Twilio signs it: every field, empty ones too (Sanic's request.form drops
    those), any bytes (undecodable ones replaced). tests/test_fuzz.py feeds it anything."""
    return _Fields(parse_qs((body or b"").decode("utf-8", "replace"), keep_blank_values=True))


class TwilioApi:
    def __init__(self, account_sid: str, auth_token: str, base: str) -> None:
        self.account_sid = account_sid
        self.auth = aiohttp.BasicAuth(account_sid, auth_token)
        self.url = f"{base.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self.http = PlatformApi("twilio")

    async def send(self, to: str, from_: str, body: str) -> Optional[Any]:
        return await self.http.post(
            "Messages.create", self.url, data={"To": to, "From": from_, "Body": body}, auth=self.auth
        )


class TwilioOutput(MessagingOutput):
    def __init__(self, channel: str, api: TwilioApi, from_number: str, limit: int, options: PendingOptions) -> None:
        super().__init__(channel, options)
        self.api = api
        self.from_number = from_number
        self.limit = limit

    async def deliver(self, recipient_id: str, text: str, options: List[Option]) -> None:
        for chunk in compose(text, self.limit, options, numbered=True):
            await self.api.send(recipient_id, self.from_number, chunk)


class _TwilioInput(MessagingInput):
    limit = SMS_LIMIT
    address_prefix = ""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "_TwilioInput":
        credentials = credentials or {}
        if not all(credentials.get(k) for k in ("account_sid", "auth_token", "number")):
            cls.raise_missing_credentials_exception()
        return cls(
            account_sid=str(credentials["account_sid"]),
            auth_token=str(credentials["auth_token"]),
            number=str(credentials["number"]),
            public_url=credentials.get("public_url"),
            api_base=credentials.get("api_base") or DEFAULT_API_BASE,
            limit=channel_limit(credentials, cls.limit),
        )

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        number: str,
        public_url: Optional[str] = None,
        api_base: str = DEFAULT_API_BASE,
        limit: Optional[int] = None,
    ) -> None:
        super().__init__()
        self.limit = limit or type(self).limit
        self.api = TwilioApi(account_sid, auth_token, api_base)
        self.validator = RequestValidator(auth_token)
        self.number = self.address(number)
        self.public_url = public_url.rstrip("/") if public_url else None

    @classmethod
    def address(cls, number: str) -> str:
        number = number.strip()
        return number if number.startswith(cls.address_prefix) else f"{cls.address_prefix}{number}"

    def get_output_channel(self) -> TwilioOutput:
        return TwilioOutput(self.name(), self.api, self.number, self.limit, self.options)

    def signed_url(self, request: Request) -> str:
        """The URL Twilio signed: the public one when configured, else the one this request reached."""
        path = request.path + (f"?{request.query_string}" if request.query_string else "")
        if self.public_url:
            return f"{self.public_url}{path}"
        scheme = request.headers.get("X-Forwarded-Proto", request.scheme).split(",")[0].strip()
        host = request.headers.get("X-Forwarded-Host", request.host).split(",")[0].strip()
        return f"{scheme}://{host}{path}"

    def blueprint(self, on_new_message: Callable[[Any], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint(f"bone_health_{self.name()}", __name__)
        output = self.get_output_channel()

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            signature = request.headers.get("X-Twilio-Signature")
            form = parse_form(request.body)
            if not signature or not self.validator.validate(self.signed_url(request), form, signature):
                logger.warning("%s: refused a webhook call with a missing or wrong X-Twilio-Signature", self.name())
                return response.text("forbidden", status=403)
            fields = {name: values[0] for name, values in form.items()}
            sender = fields.get("From")
            if not sender:
                return response.text("bad request", status=400)
            if sender.startswith("whatsapp:") != (self.address_prefix == "whatsapp:"):
                logger.warning(
                    "%s: a message for another Twilio channel reached this webhook; check the "
                    "number's webhook URL in Twilio",
                    self.name(),
                )
                return response.text(EMPTY_TWIML, content_type="text/xml")
            if not self.recent.seen(fields.get("MessageSid")):
                await self.forward(on_new_message, fields.get("Body") or "", sender, output, request=request)
            # Replies go through the API (they may be several); the webhook answers with empty TwiML.
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return bp


class SmsInput(_TwilioInput):
    limit = SMS_LIMIT
    address_prefix = ""

    @classmethod
    def name(cls) -> str:
        return "sms"


class WhatsAppInput(_TwilioInput):
    limit = WHATSAPP_LIMIT
    address_prefix = "whatsapp:"

    @classmethod
    def name(cls) -> str:
        return "whatsapp"
