"""Fitting the bot's answers to a messaging channel: plain text, numbered options, length limits.

Pure functions, no I/O. The web widget shows buttons and links itself; messaging apps get:
- links as plain URLs ("label (https://…)"), because SMS and WhatsApp show no markup and Telegram
  and Messenger make a plain URL clickable themselves;
- long answers split at paragraph, then sentence, then word boundaries, each part within the
  channel's limit;
- buttons as a numbered list where the channel cannot show buttons (the person replies "1", "2"…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence
from urllib.parse import urlparse

# Characters per message each platform accepts.
SMS_LIMIT = 1600  # Twilio: a longer Body is refused
WHATSAPP_LIMIT = 1600  # Twilio WhatsApp: same Body limit
TELEGRAM_LIMIT = 4096  # Telegram sendMessage text
MESSENGER_LIMIT = 2000  # Messenger Send API text

OPTIONS_INTRO = "Reply with a number:"

_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(([^)\s]+)\)")
_LEVELS = (
    ("\n\n", re.compile(r"\n[ \t]*\n\s*")),  # paragraphs
    ("\n", re.compile(r"\n\s*")),  # lines
    (" ", re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”')\]]))\s+(?=[A-Z0-9\"“(\[])")),  # sentences
    (" ", re.compile(r"\s+")),  # words
)


@dataclass(frozen=True)
class Option:
    number: int
    title: str
    payload: str


def is_web_url(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def plain_links(text: str) -> str:
    """`[label](https://x)` -> `label (https://x)`; a link that is not http(s) keeps only its label."""

    def replace(match: "re.Match[str]") -> str:
        label, url = match.group(1), match.group(2)
        return f"{label} ({url})" if is_web_url(url) else label

    return _MARKDOWN_LINK.sub(replace, text)


def split_text(text: str, limit: int) -> List[str]:
    """`text` in parts of at most `limit` characters, cut at the coarsest boundary that fits."""
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    if not text:
        return []
    if len(text) <= limit:
        return [text]
    for separator, pattern in _LEVELS:
        parts = [p.strip() for p in pattern.split(text) if p.strip()]
        if len(parts) > 1:
            return _pack(parts, separator, limit)
    return [text[i : i + limit] for i in range(0, len(text), limit)]  # one huge word


def _pack(parts: Sequence[str], separator: str, limit: int) -> List[str]:
    chunks: List[str] = []
    current = ""
    for part in parts:
        if len(part) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.extend(split_text(part, limit))  # a finer boundary inside this part
            continue
        candidate = f"{current}{separator}{part}" if current else part
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = part
    if current:
        chunks.append(current)
    return chunks


def numbered_list(options: Sequence[Option]) -> str:
    return "\n".join([OPTIONS_INTRO] + [f"{o.number}. {o.title}" for o in options])


def compose(text: str, limit: int, options: Sequence[Option] = (), numbered: bool = True) -> List[str]:
    """The messages to send for one bot response: the text split to fit, and, when `numbered`,
    the options listed after it (in the last message if they fit there)."""
    chunks = split_text(plain_links(text or ""), limit)
    if numbered and options:
        listing = numbered_list(options)
        if chunks and len(chunks[-1]) + 2 + len(listing) <= limit:
            chunks[-1] = f"{chunks[-1]}\n\n{listing}"
        else:
            chunks.extend(split_text(listing, limit))
    return chunks


def response_text(message: Dict[str, Any]) -> str:
    """The text of a Rasa response for a text-only channel: text, then image/attachment URLs."""
    parts: List[str] = []
    if isinstance(message.get("text"), str):
        parts.append(message["text"])
    for key in ("image", "attachment"):
        value = message.get(key)
        url: Optional[str] = value if isinstance(value, str) else None
        if isinstance(value, dict):
            payload = value.get("payload") or {}
            url = payload.get("src") or payload.get("url") if isinstance(payload, dict) else None
        if url and is_web_url(url):
            parts.append(url)
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def response_buttons(message: Dict[str, Any]) -> List[Dict[str, str]]:
    """Buttons or quick replies of a Rasa response, as {title, payload} (others dropped)."""
    raw = message.get("buttons") or message.get("quick_replies") or []
    return [
        {"title": str(b["title"]), "payload": str(b["payload"])}
        for b in raw
        if isinstance(b, dict) and b.get("title") and b.get("payload")
    ]
