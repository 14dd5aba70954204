"""What the messaging connectors share: the platform API client, the output channel that fits
answers to the platform, and the input side that resolves numbered replies and hands messages to Rasa.

Logging: message text, phone numbers, chat ids and tokens never appear in logs (health data and
secrets); failures are logged with the platform, the API method and the HTTP status only.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage

from bot.channels.formatting import Option, response_buttons, response_text
from bot.channels.language import LanguageChoices
from bot.channels.options import PendingOptions

logger = logging.getLogger("bone_health.channels")


def channel_limit(credentials: Dict[str, Any], platform_limit: int) -> int:
    """The platform's message length limit, or a lower one from `max_chars` (e.g. 160 for one SMS segment)."""
    try:
        wanted = int(credentials.get("max_chars") or platform_limit)
    except (TypeError, ValueError):
        wanted = platform_limit
    return max(40, min(wanted, platform_limit))


def same_secret(expected: str, given: Optional[str]) -> bool:
    """Constant-time comparison of a shared secret or signature."""
    return bool(expected) and given is not None and hmac.compare_digest(expected.encode(), given.encode())


class PlatformApi:
    """POSTs to a platform's HTTP API with a timeout and a few retries (429 and 5xx only)."""

    def __init__(self, platform: str, timeout: float = 10.0, attempts: int = 3) -> None:
        self.platform = platform
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.attempts = attempts

    async def post(self, method: str, url: str, **kwargs: Any) -> Optional[Any]:
        """`method` names the call for the log (the URL may hold a token and is never logged)."""
        status: Any = None
        for attempt in range(self.attempts):
            try:
                async with aiohttp.ClientSession(timeout=self.timeout) as session:
                    async with session.post(url, **kwargs) as response:
                        status = response.status
                        if status < 300:
                            try:
                                return await response.json(content_type=None)
                            except ValueError:
                                return {}
                        if status != 429 and status < 500:
                            logger.warning("%s: %s refused (HTTP %s)", self.platform, method, status)
                            return None
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                status = type(error).__name__
            if attempt + 1 < self.attempts:
                await asyncio.sleep(0.5 * 2**attempt)
        logger.error("%s: %s failed after %d attempts (%s)", self.platform, method, self.attempts, status)
        return None


class MessagingOutput(OutputChannel):
    """Turns each Rasa response into the platform's messages (see `deliver`)."""

    def __init__(self, channel: str, options: PendingOptions) -> None:
        self.channel = channel
        self.options = options

    @classmethod
    def name(cls) -> str:
        return "messaging"

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        text = response_text(message)
        buttons = response_buttons(message)
        if not text and not buttons:
            return
        numbered = self.options.add(self.channel, recipient_id, buttons) if buttons else []
        await self.deliver(recipient_id, text, numbered)

    async def deliver(self, recipient_id: str, text: str, options: List[Option]) -> None:
        raise NotImplementedError

    # Rasa's other entry points all go through send_response, so every path is formatted the same.
    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": quick_replies})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"image": image})

    async def send_custom_json(self, recipient_id: str, json_message: Any, **kwargs: Any) -> None:
        logger.debug("%s: custom JSON responses are not sent on this channel", self.channel)


class RecentIds:
    """Platforms retry a webhook they think failed; remember recent message ids to answer once."""

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self.ids: "OrderedDict[str, None]" = OrderedDict()

    def seen(self, message_id: Optional[str]) -> bool:
        if not message_id:
            return False
        if message_id in self.ids:
            return True
        self.ids[message_id] = None
        while len(self.ids) > self.size:
            self.ids.popitem(last=False)
        return False


def tracker_store(request: Any) -> Any:
    """Rasa's tracker store, from the agent Rasa keeps on the Sanic app (None outside `rasa run`)."""
    agent = getattr(getattr(getattr(request, "app", None), "ctx", None), "agent", None)
    return getattr(agent, "tracker_store", None)


class MessagingInput(InputChannel):
    """Input side: numbered replies resolved to the option's payload, a language word ("español")
    remembered and sent as metadata with every later message (bot/channels/language.py), errors contained."""

    def __init__(self) -> None:
        self.options = PendingOptions()
        self.recent = RecentIds()
        self.languages = LanguageChoices()

    async def forward(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender: str,
        output: OutputChannel,
        metadata: Optional[Dict[str, Any]] = None,
        request: Any = None,
    ) -> None:
        """`request`: the webhook's, whose app holds Rasa's agent (its tracker store keeps the language)."""
        channel = self.name()
        payload = self.options.resolve(channel, sender, text)
        self.options.start_turn(channel, sender)
        text, chosen = await self.languages.message(channel, sender, payload or text, tracker_store(request))
        metadata = {**(metadata or {}), **chosen} or metadata
        try:
            await on_new_message(UserMessage(text, output, sender, input_channel=channel, metadata=metadata))
        except Exception as error:  # noqa: BLE001 (a webhook must answer the platform anyway)
            logger.error("%s: handling a message failed (%s)", channel, type(error).__name__)
            logger.debug("%s: handling a message failed", channel, exc_info=True)
