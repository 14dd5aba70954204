"""Which messaging channels are on, from the environment, and the effective credentials file.

A channel is on when all its required variables are set, off (with a clear log line) otherwise; a
channel set up half-way is off with a warning naming what is missing. The file Rasa reads is
credentials.yml (REST and socket.io) plus the channels that are on. Secrets are written as ${VAR}
references that Rasa resolves from its own environment, so they never land on disk; plain settings
(URLs, flags) are written as values.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple

from bot import settings

logger = logging.getLogger("bone_health.channels")


@dataclass(frozen=True)
class ChannelSpec:
    name: str  # URL prefix: /webhooks/<name>/webhook
    title: str
    connector: str  # module path of the Rasa InputChannel
    secrets: Dict[str, str]  # credential key -> env variable (required)
    settings: Dict[str, str] = field(default_factory=dict)  # credential key -> env variable (required)
    optional_secrets: Dict[str, str] = field(default_factory=dict)
    optional_settings: Dict[str, str] = field(default_factory=dict)

    @property
    def required(self) -> Tuple[str, ...]:
        return tuple(self.secrets.values()) + tuple(self.settings.values())

    @property
    def webhook(self) -> str:
        return f"/webhooks/{self.name}/webhook"


CHANNELS: Tuple[ChannelSpec, ...] = (
    ChannelSpec(
        name="telegram",
        title="Telegram",
        connector="bot.channels.telegram.TelegramInput",
        secrets={"access_token": "TELEGRAM_ACCESS_TOKEN"},
        optional_secrets={"webhook_secret": "TELEGRAM_WEBHOOK_SECRET"},
        optional_settings={
            "webhook_url": "TELEGRAM_WEBHOOK_URL",
            "set_webhook": "TELEGRAM_SET_WEBHOOK",
            "api_base": "TELEGRAM_API_BASE",
            "max_chars": "TELEGRAM_MAX_CHARS",
        },
    ),
    ChannelSpec(
        name="sms",
        title="SMS (Twilio)",
        connector="bot.channels.twilio.SmsInput",
        secrets={"account_sid": "TWILIO_ACCOUNT_SID", "auth_token": "TWILIO_AUTH_TOKEN"},
        settings={"number": "TWILIO_SMS_NUMBER"},
        optional_settings={"public_url": "BOT_PUBLIC_URL", "api_base": "TWILIO_API_BASE", "max_chars": "SMS_MAX_CHARS"},
    ),
    ChannelSpec(
        name="whatsapp",
        title="WhatsApp (Twilio)",
        connector="bot.channels.twilio.WhatsAppInput",
        secrets={"account_sid": "TWILIO_ACCOUNT_SID", "auth_token": "TWILIO_AUTH_TOKEN"},
        settings={"number": "TWILIO_WHATSAPP_NUMBER"},
        optional_settings={
            "public_url": "BOT_PUBLIC_URL",
            "api_base": "TWILIO_API_BASE",
            "max_chars": "WHATSAPP_MAX_CHARS",
        },
    ),
    ChannelSpec(
        name="facebook",
        title="Facebook Messenger",
        connector="bot.channels.messenger.MessengerInput",
        secrets={
            "page_access_token": "MESSENGER_PAGE_ACCESS_TOKEN",
            "app_secret": "MESSENGER_APP_SECRET",
            "verify_token": "MESSENGER_VERIFY_TOKEN",
        },
        optional_settings={"api_base": "MESSENGER_API_BASE", "max_chars": "MESSENGER_MAX_CHARS"},
    ),
)


def enabled(env: Optional[Mapping[str, str]] = None) -> List[ChannelSpec]:
    """The channels whose variables are all set (bot.settings: empty is unset; `env` defaults to
    os.environ); logs one line per channel saying why."""
    on: List[ChannelSpec] = []
    for spec in CHANNELS:
        missing = [var for var in spec.required if settings.get(var, env) is None]
        # Variables shared with another channel (Twilio's account) do not mean this one is wanted.
        own = [var for var in spec.required if sum(var in other.required for other in CHANNELS) == 1]
        if not missing:
            on.append(spec)
            logger.info("Channel %s: on, webhook %s", spec.title, spec.webhook)
        elif any(settings.get(var, env) is not None for var in own):
            logger.warning(
                "Channel %s: off, %s not set (needs %s)", spec.title, ", ".join(missing), ", ".join(spec.required)
            )
        else:
            logger.info("Channel %s: off (set %s to switch it on)", spec.title, ", ".join(spec.required))
    return on


def credentials_yaml(base: str, env: Optional[Mapping[str, str]] = None) -> str:
    """`base` (credentials.yml text) plus a section for every channel that is on."""
    lines = [
        base.rstrip("\n"),
        "",
        "# Messaging channels switched on by environment variables (bot/channels/config.py).",
    ]
    for spec in enabled(env):
        lines.append(f"{spec.connector}:")
        for key, var in {
            **spec.secrets,
            **{k: v for k, v in spec.optional_secrets.items() if settings.get(v, env)},
        }.items():
            lines.append(f"  {key}: ${{{var}}}")  # resolved by Rasa from its environment
        for key, var in {**spec.settings, **spec.optional_settings}.items():
            value = settings.get(var, env)
            if value is not None:
                lines.append(f"  {key}: {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def write_credentials(base: Path, out: Path, env: Optional[Mapping[str, str]] = None) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(credentials_yaml(base.read_text(encoding="utf-8"), env), encoding="utf-8")
    return out
