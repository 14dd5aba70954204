"""Notifying the care team: a signed webhook POST and an email over SMTP.

Both destinations are optional and only used when configured (see README, "Care team"):

- webhook: `CARE_TEAM_WEBHOOK_URL` (+ `CARE_TEAM_WEBHOOK_SECRET`). The body is the JSON document
  stored in the outbox, sent byte for byte on every retry, with headers
  `X-BoneHealth-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>` and
  `X-Idempotency-Key: <key>` (the same key on every retry: receivers drop duplicates by it).
  Any 2xx, or 409 (the receiver already has this key), counts as delivered.
- email: `SMTP_HOST`, `SMTP_PORT`, `SMTP_USER`/`SMTP_PASSWORD` (optional), `SMTP_STARTTLS`,
  `SMTP_SSL`, `CARE_TEAM_EMAIL_TO` (comma-separated), `CARE_TEAM_EMAIL_FROM`. The Message-ID is
  derived from the idempotency key so mail systems can drop duplicates too; the subject carries only
  the tier and reference (subjects show up on lock screens), the body what the care team needs.

Every network call has a timeout (`TICKET_NOTIFY_TIMEOUT`, default 10 s). Errors become a
`DeliveryError` whose text is log-safe (no message text, no contact details, no secrets).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Dict, List, Mapping, Optional, Tuple

import requests

from bot import settings
from bot.tickets.records import language_note

logger = logging.getLogger("bone_health.tickets")

WEBHOOK = "webhook"
EMAIL = "email"
SIGNATURE_HEADER = "X-BoneHealth-Signature"
IDEMPOTENCY_HEADER = "X-Idempotency-Key"

# {placeholders}: the deployment settings the person was given (content/safety.yml `settings:` with
# EMERGENCY_NUMBER, CRISIS_LINE, … on top), read by the process that files the ticket.
TIER_LINES = {
    "emergency": "EMERGENCY: the person was told to call {emergency_number} (or the local emergency number) now.",
    "urgent": "URGENT: the person was told to contact their care team today.",
    "crisis": "CRISIS: thoughts of suicide or self-harm. The person was given {crisis_line} and {emergency_number}.",
    "care_team": "Care-team follow-up requested (a clinical or personal question).",
}


def tier_line(tier: str, numbers: Optional[Mapping[str, str]] = None) -> str:
    """The summary line of a tier for the care team, with this deployment's numbers."""
    from bot.safety import content as safety_content

    numbers = safety_content.load().settings if numbers is None else numbers
    return TIER_LINES[tier].format_map(numbers) if tier in TIER_LINES else tier


class DeliveryError(Exception):
    """A failed delivery. str() is safe to log and to store."""


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret: Optional[str]
    timeout: float


@dataclass(frozen=True)
class EmailConfig:
    host: str
    port: int
    user: Optional[str]
    password: Optional[str]
    starttls: bool
    use_ssl: bool
    sender: str
    recipients: Tuple[str, ...]
    timeout: float


@dataclass(frozen=True)
class NotifyConfig:
    webhook: Optional[WebhookConfig]
    email: Optional[EmailConfig]
    retry_base: float = 5.0  # seconds before the first retry
    retry_max: float = 300.0  # backoff cap
    timeout: float = 10.0

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "NotifyConfig":
        """From bot.settings (empty is unset); `env` defaults to os.environ."""
        timeout = settings.number("TICKET_NOTIFY_TIMEOUT", 10.0, env)
        webhook = None
        url = settings.get("CARE_TEAM_WEBHOOK_URL", env)
        if url:
            webhook = WebhookConfig(url=url, secret=settings.get("CARE_TEAM_WEBHOOK_SECRET", env), timeout=timeout)
        email = None
        recipients = settings.items("CARE_TEAM_EMAIL_TO", env)
        host = settings.get("SMTP_HOST", env)
        if host and recipients:
            use_ssl = settings.flag("SMTP_SSL", False, env)
            email = EmailConfig(
                host=host,
                port=settings.integer("SMTP_PORT", 465 if use_ssl else 25, env),
                user=settings.get("SMTP_USER", env),
                password=settings.get("SMTP_PASSWORD", env),
                starttls=settings.flag("SMTP_STARTTLS", False, env),
                use_ssl=use_ssl,
                sender=settings.text("CARE_TEAM_EMAIL_FROM", "bone-health-companion@localhost", env),
                recipients=recipients,
                timeout=timeout,
            )
        return cls(
            webhook=webhook,
            email=email,
            retry_base=settings.number("TICKET_RETRY_BASE_SECONDS", 5.0, env),
            retry_max=settings.number("TICKET_RETRY_MAX_SECONDS", 300.0, env),
            timeout=timeout,
        )

    @property
    def destinations(self) -> List[str]:
        return [name for name, cfg in ((WEBHOOK, self.webhook), (EMAIL, self.email)) if cfg is not None]

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the `attempts`-th failure: base·2^(n-1), capped."""
        return min(self.retry_max, self.retry_base * (2 ** max(0, min(attempts - 1, 30))))

    def send(self, destination: str, payload: str, key: str) -> None:
        if destination == WEBHOOK and self.webhook:
            send_webhook(self.webhook, payload.encode("utf-8"), key)
        elif destination == EMAIL and self.email:
            send_email(self.email, json.loads(payload), key)
        else:
            raise DeliveryError(f"{destination} is not configured")


# -- the document both destinations carry -------------------------------------------------------


def payload(
    ticket_dict: Dict[str, Any], destination: str, key: str, numbers: Optional[Mapping[str, str]] = None
) -> str:
    """The notification document, serialised once at filing time (retries send the same bytes)."""
    return json.dumps(
        {
            "event": "ticket.created",
            "destination": destination,
            "idempotency_key": key,
            "summary": tier_line(ticket_dict["tier"], numbers),
            "language_note": language_note(ticket_dict.get("language")),
            "ticket": ticket_dict,
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: Optional[str]) -> bool:
    """For receivers (and tests): constant-time check of the signature header."""
    return bool(header) and hmac.compare_digest(sign(body, secret), header or "")


# -- webhook -------------------------------------------------------------------------------------


def send_webhook(cfg: WebhookConfig, body: bytes, key: str) -> None:
    if not cfg.secret:
        raise DeliveryError("CARE_TEAM_WEBHOOK_SECRET is not set: refusing to send unsigned")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        SIGNATURE_HEADER: sign(body, cfg.secret),
        IDEMPOTENCY_HEADER: key,
        "User-Agent": "BoneHealthCompanion-tickets/1",
    }
    try:
        response = requests.post(
            cfg.url, data=body, headers=headers, timeout=(cfg.timeout, cfg.timeout), allow_redirects=False
        )
    except requests.Timeout:
        raise DeliveryError("webhook timed out") from None
    except requests.ConnectionError:
        raise DeliveryError("webhook unreachable (connection failed)") from None
    except requests.RequestException as error:
        raise DeliveryError(f"webhook request failed ({type(error).__name__})") from None
    status = response.status_code
    response.close()
    if 200 <= status < 300 or status == 409:
        return
    raise DeliveryError(f"webhook answered HTTP {status}")


# -- email ---------------------------------------------------------------------------------------


def render_email(cfg: EmailConfig, document: Dict[str, Any], key: str) -> EmailMessage:
    ticket = document["ticket"]
    message = EmailMessage()
    message["Subject"] = f"[Bone Health] {ticket['tier'].replace('_', ' ').upper()} ticket {ticket['reference']}"
    message["From"] = cfg.sender
    message["To"] = ", ".join(cfg.recipients)
    message["Date"] = formatdate(localtime=False)
    domain = cfg.sender.rsplit("@", 1)[-1] if "@" in cfg.sender else "bone-health-companion"
    message["Message-ID"] = f"<{key}@{domain}>"
    message[IDEMPOTENCY_HEADER] = key
    message["X-BoneHealth-Reference"] = ticket["reference"]
    message.set_content(email_text(document))
    return message


def email_text(document: Dict[str, Any]) -> str:
    ticket = document["ticket"]
    contact = ticket.get("contact")
    lines = [
        "A person using Bone Health Companion needs follow-up from the care team.",
        # The language first (before the details): a callback in the wrong language helps nobody.
        *(["", document["language_note"]] if document.get("language_note") else []),
        "",
        f"Reference:     {ticket['reference']}",
        f"Tier:          {document.get('summary') or ticket['tier']}",
        f"Category:      {ticket['category'].replace('_', ' ')}",
        f"Filed (UTC):   {ticket['created_at']}",
        f"Channel:       {ticket['channel']} (conversation {ticket['conversation_id']})",
        "",
    ]
    if contact:
        lines.append("Contact details (given with consent):")
        for name in ("name", "method", "value", "best_time"):
            if contact.get(name):
                lines.append(f"  {name.replace('_', ' ')}: {contact[name]}")
        for name, value in sorted(contact.items()):
            if name not in ("name", "method", "value", "best_time"):
                lines.append(f"  {name.replace('_', ' ')}: {value}")
    else:
        lines.append("No contact details: the person did not give any (or was not asked).")
    lines += ["", "Message that raised this ticket:", _indent(ticket.get("trigger_message") or "(none)"), ""]
    recent = ticket.get("recent_messages") or []
    if recent:
        lines.append(f"Their last {len(recent)} message(s) in this conversation, oldest first:")
        lines += [_indent(f"{n}. {text}") for n, text in enumerate(recent, 1)]
        lines.append("")
    lines += [
        f"Acknowledge when someone takes it: python -m bot.tickets ack {ticket['reference']} --by YOUR_NAME",
        "",
        "This email contains health information. Do not forward it outside the care team.",
    ]
    return "\n".join(lines) + "\n"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in str(text).splitlines() or [""])


def send_email(cfg: EmailConfig, document: Dict[str, Any], key: str) -> None:
    message = render_email(cfg, document, key)
    try:
        if cfg.use_ssl:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                cfg.host, cfg.port, timeout=cfg.timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        with client:
            if cfg.starttls and not cfg.use_ssl:
                client.starttls(context=ssl.create_default_context())
            if cfg.user:
                client.login(cfg.user, cfg.password or "")
            refused = client.send_message(message, from_addr=cfg.sender, to_addrs=list(cfg.recipients))
    except smtplib.SMTPRecipientsRefused:
        raise DeliveryError("SMTP server refused every recipient") from None
    except smtplib.SMTPAuthenticationError:
        raise DeliveryError("SMTP login failed") from None
    except smtplib.SMTPResponseException as error:
        raise DeliveryError(f"SMTP error {error.smtp_code}") from None
    except (TimeoutError, smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"SMTP unreachable ({type(error).__name__})") from None
    if refused:
        # Delivered to the others; sending again would duplicate it for them. Addresses not logged.
        logger.warning(
            "SMTP refused %d of %d care-team recipients for %s",
            len(refused),
            len(cfg.recipients),
            message["X-BoneHealth-Reference"],
        )
