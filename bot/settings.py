"""Every environment variable the project reads, typed, with one rule for empty strings.

The rule: a variable that is unset, empty or only whitespace is *unset* and gets its default.
Nothing else in bot/ or actions/ reads the environment: code asks this module, either through
`Settings.from_env()` (the serving settings, one frozen object) or through the small typed readers
(`get`, `text`, `integer`, `number`, `flag`, `path`, `items`) for groups that keep their own
config objects (bot/tickets/notify.py, bot/channels/config.py). Every reader takes an optional `env`
mapping (default `os.environ`) so tests pass a dict, and refuses a name that is not declared in
`VARIABLES` below: the registry is the list README's tables must match (tests/test_settings.py).

Not in the registry: variables the project only *sets* for its child processes and never reads
(RASA_TELEMETRY_ENABLED, TF_CPP_MIN_LOG_LEVEL, SQLALCHEMY_SILENCE_UBER_WARNING, PYTHONPATH in
bot/serve/supervisor.py and the Makefile; ACTION_ENDPOINT_URL, which the supervisor sets for Rasa's
endpoints.yml). PYTHON310 is read by scripts/install.sh (a shell script), so it is declared here with
`where="scripts/install.sh"` to keep README and code in step.

The deployment numbers (EMERGENCY_NUMBER, CRISIS_LINE, HELPLINE_NUMBER, …) override the defaults in
content/safety.yml `settings:`; bot.safety.content merges them (`deployment_overrides` below).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent

Env = Mapping[str, str]


@dataclass(frozen=True)
class Variable:
    name: str
    group: str
    where: str = "python"  # who reads it: "python" (through this module) or the script that does


def _declare(group: str, *names: str, where: str = "python") -> Tuple[Variable, ...]:
    return tuple(Variable(name, group, where) for name in names)


VARIABLES: Dict[str, Variable] = {
    v.name: v
    for v in (
        *_declare(
            "serving",
            "BOT_PORT",
            "ACTION_PORT",
            "WEB_PORT",
            "WEB_HOST",
            "BOT_API_TOKEN",
            "TRACKER_STORE_URL",
            "TRACKER_RETENTION_DAYS",
            "BONE_HEALTH_VAR_DIR",
            "BOT_PUBLIC_URL",
            "BOT_INTERNAL_URL",
            "BOT_MODEL",
            "STAFF_API_TOKEN",
            "LOG_LEVEL",
        ),
        *_declare(
            "security",
            "BOT_ALLOWED_ORIGINS",
            "BOT_MAX_MESSAGE_CHARS",
            "BOT_MAX_REQUEST_BYTES",
            "BOT_RATE_PER_SENDER",
            "BOT_RATE_PER_ADDRESS",
            "ACTION_HOST",
            "ACTION_SERVER_TOKEN",
            "SOCKET_SESSION_SECRET",
            "TICKETS_PER_CONVERSATION",
            "TICKETS_PER_ADDRESS",
            "AUTH_FAILURES_PER_ADDRESS",
            "TRUSTED_PROXY_HOPS",
            "WEB_FRAME_ANCESTORS",
            "WEB_TLS",
        ),
        *_declare(
            "deployment",
            "EMERGENCY_NUMBER",
            "EMERGENCY_WORDING",
            "CRISIS_LINE",
            "CRISIS_LINE_NAME",
            "HELPLINE_NAME",
            "HELPLINE_NUMBER",
            "HELPLINE_HOURS",
        ),
        *_declare(
            "channels",
            "TELEGRAM_ACCESS_TOKEN",
            "TELEGRAM_WEBHOOK_SECRET",
            "TELEGRAM_WEBHOOK_URL",
            "TELEGRAM_SET_WEBHOOK",
            "TELEGRAM_API_BASE",
            "TELEGRAM_MAX_CHARS",
            "TWILIO_ACCOUNT_SID",
            "TWILIO_AUTH_TOKEN",
            "TWILIO_SMS_NUMBER",
            "TWILIO_WHATSAPP_NUMBER",
            "TWILIO_API_BASE",
            "SMS_MAX_CHARS",
            "WHATSAPP_MAX_CHARS",
            "MESSENGER_PAGE_ACCESS_TOKEN",
            "MESSENGER_APP_SECRET",
            "MESSENGER_VERIFY_TOKEN",
            "MESSENGER_API_BASE",
            "MESSENGER_MAX_CHARS",
        ),
        *_declare(
            "tickets",
            "TICKET_DB_URL",
            "TICKET_POLL_SECONDS",
            "TICKET_NOTIFY_TIMEOUT",
            "TICKET_RETRY_BASE_SECONDS",
            "TICKET_RETRY_MAX_SECONDS",
            "CARE_TEAM_WEBHOOK_URL",
            "CARE_TEAM_WEBHOOK_SECRET",
            "SMTP_HOST",
            "SMTP_PORT",
            "SMTP_USER",
            "SMTP_PASSWORD",
            "SMTP_STARTTLS",
            "SMTP_SSL",
            "CARE_TEAM_EMAIL_TO",
            "CARE_TEAM_EMAIL_FROM",
            "CARE_TEAM_API_TOKEN",
        ),
        *_declare("feedback", "FEEDBACK_DB_URL", "UNANSWERED_CAPTURE", "UNANSWERED_RETENTION_DAYS"),
        *_declare("cluster", "REPLICAS"),
        *_declare("content review", "CONTENT_REVIEW_INTERVAL_DAYS", "SOURCE_MAX_AGE_YEARS", "EDITORS_TOKEN"),
        *_declare("development", "BONE_HEALTH_SOURCES"),
        *_declare("development", "PYTHON310", where="scripts/install.sh"),
    )
}

# Set by the project for its child processes (bot/serve/supervisor.py, bot/tools/bench.py, the
# Makefile), never read as a setting: Rasa, TensorFlow, SQLAlchemy and Python read them.
CHILD_ONLY: Tuple[str, ...] = (
    "RASA_TELEMETRY_ENABLED",
    "TF_CPP_MIN_LOG_LEVEL",
    "SQLALCHEMY_SILENCE_UBER_WARNING",
    "PYTHONPATH",
    "ACTION_ENDPOINT_URL",
    "SANIC_REAL_IP_HEADER",  # bot/serve/cluster.py: replicas behind nginx read the client's address from X-Real-IP
)

# Environment variable -> key in content/safety.yml `settings:` (bot.safety.content fills them in).
DEPLOYMENT_KEYS: Dict[str, str] = {
    "EMERGENCY_NUMBER": "emergency_number",
    "EMERGENCY_WORDING": "emergency_wording",
    "CRISIS_LINE": "crisis_line",
    "CRISIS_LINE_NAME": "crisis_line_name",
    "HELPLINE_NAME": "helpline_name",
    "HELPLINE_NUMBER": "helpline_number",
    "HELPLINE_HOURS": "helpline_hours",
}


# -- typed readers (one empty-string rule) ---------------------------------------------------------


def get(name: str, env: Optional[Env] = None) -> Optional[str]:
    """The variable's value, or None when it is unset, empty or only whitespace."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not a declared setting (add it to bot.settings.VARIABLES and README)")
    value = (os.environ if env is None else env).get(name)
    if value is None or not str(value).strip():
        return None
    return str(value)


def text(name: str, default: str, env: Optional[Env] = None) -> str:
    value = get(name, env)
    return default if value is None else value


def integer(name: str, default: int, env: Optional[Env] = None) -> int:
    value = get(name, env)
    if value is None:
        return default
    try:
        return int(value.strip())
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None


def number(name: str, default: float, env: Optional[Env] = None) -> float:
    value = get(name, env)
    if value is None:
        return default
    try:
        return float(value.strip())
    except ValueError:
        raise ValueError(f"{name} must be a number, not {value!r}") from None


def flag(name: str, default: bool = False, env: Optional[Env] = None) -> bool:
    """true/1/yes/on (any case) is True; any other set value is False; unset is `default`."""
    value = get(name, env)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def path(name: str, default: Path, env: Optional[Env] = None) -> Path:
    value = get(name, env)
    return Path(default if value is None else value)


def items(name: str, env: Optional[Env] = None) -> Tuple[str, ...]:
    """A comma-separated list, blanks dropped."""
    return tuple(part.strip() for part in (get(name, env) or "").split(",") if part.strip())


def child_environment() -> Dict[str, str]:
    """A copy of this process's environment, to hand on to a child process (plus CHILD_ONLY names)."""
    return dict(os.environ)


# -- the settings the serving code uses ------------------------------------------------------------


def var_dir(env: Optional[Env] = None) -> Path:
    """Where run-time files live (SQLite files, the script book, credentials): BONE_HEALTH_VAR_DIR,
    default var/ in the repository; always absolute."""
    return path("BONE_HEALTH_VAR_DIR", ROOT / "var", env).resolve()


def deployment_overrides(env: Optional[Env] = None) -> Dict[str, str]:
    """The deployment numbers and wording set in the environment, as content/safety.yml keys."""
    return {key: value for name, key in DEPLOYMENT_KEYS.items() if (value := get(name, env)) is not None}


@dataclass(frozen=True)
class Settings:
    var_dir: Path
    bot_port: int
    action_port: int
    web_port: int
    web_host: str
    bot_model: Path
    tracker_store_url: str
    tracker_retention_days: Optional[float]  # None: conversations are kept (bot/serve/retention.py)
    bot_api_token: Optional[str]
    bot_public_url: Optional[str]
    bot_internal_url: str
    staff_api_token: Optional[str]
    care_team_api_token: Optional[str]
    ticket_db_url: Optional[str]  # None: SQLite under var_dir (bot.tickets.store.default_url)
    ticket_poll_seconds: float
    log_level: Optional[str]  # None: each tool's own default
    sources_dir: Path
    deployment: Tuple[Tuple[str, str], ...]  # deployment_overrides(), hashable
    # issue 14 (docs/security.md): what the public surface accepts
    allowed_origins: Tuple[str, ...]  # CORS origins of Rasa's server: the widget pages
    max_message_chars: int
    max_request_bytes: int
    rate_per_sender: int  # REST and socket.io messages per minute per conversation
    rate_per_address: int  # ... per client address (loopback exempt)
    action_host: str
    action_server_token: Optional[str]  # None: bot.serve.supervisor makes one per start
    tickets_per_conversation: int  # care-team tickets per conversation per 10 minutes
    tickets_per_address: int  # ... per client address per 10 minutes
    auth_failures_per_address: int  # wrong tokens per client address per 10 minutes, then 429
    trusted_proxy_hops: int  # proxies in front whose X-Forwarded-For / -Proto are believed (0: none)
    web_frame_ancestors: str
    web_tls: bool  # browsers reach the pages and the bot over https only: send HSTS
    # issue 15 (docs/feedback.md): votes, outcome counts and, when switched on, scrubbed unanswered questions
    feedback_db_url: str
    unanswered_capture: bool  # off by default: no question text is kept until the deployer says so
    unanswered_retention_days: int

    @classmethod
    def from_env(cls, env: Optional[Env] = None) -> "Settings":
        env = os.environ if env is None else env
        var = var_dir(env)
        bot_port = integer("BOT_PORT", 5005, env)
        return cls(
            var_dir=var,
            bot_port=bot_port,
            action_port=integer("ACTION_PORT", 5055, env),
            web_port=integer("WEB_PORT", 8080, env),
            web_host=text("WEB_HOST", "0.0.0.0", env),
            bot_model=path("BOT_MODEL", ROOT / "models" / "bone-health.tar.gz", env),
            tracker_store_url=text("TRACKER_STORE_URL", f"sqlite:///{var / 'tracker.db'}", env),
            tracker_retention_days=number("TRACKER_RETENTION_DAYS", 0, env)
            if get("TRACKER_RETENTION_DAYS", env)
            else None,
            bot_api_token=get("BOT_API_TOKEN", env),
            bot_public_url=get("BOT_PUBLIC_URL", env),
            bot_internal_url=text("BOT_INTERNAL_URL", f"http://127.0.0.1:{bot_port}", env),
            staff_api_token=get("STAFF_API_TOKEN", env),
            care_team_api_token=get("CARE_TEAM_API_TOKEN", env),
            ticket_db_url=get("TICKET_DB_URL", env),
            ticket_poll_seconds=number("TICKET_POLL_SECONDS", 30.0, env),
            log_level=get("LOG_LEVEL", env),
            sources_dir=path("BONE_HEALTH_SOURCES", ROOT.parent / "shared" / "sources", env),
            deployment=tuple(sorted(deployment_overrides(env).items())),
            allowed_origins=allowed_origins(env),
            max_message_chars=integer("BOT_MAX_MESSAGE_CHARS", 1000, env),
            max_request_bytes=integer("BOT_MAX_REQUEST_BYTES", 256 * 1024, env),
            rate_per_sender=integer("BOT_RATE_PER_SENDER", 20, env),
            rate_per_address=integer("BOT_RATE_PER_ADDRESS", 120, env),
            action_host=text("ACTION_HOST", "127.0.0.1", env),
            action_server_token=get("ACTION_SERVER_TOKEN", env),
            tickets_per_conversation=integer("TICKETS_PER_CONVERSATION", 3, env),
            tickets_per_address=integer("TICKETS_PER_ADDRESS", 10, env),
            auth_failures_per_address=integer("AUTH_FAILURES_PER_ADDRESS", 10, env),
            trusted_proxy_hops=integer("TRUSTED_PROXY_HOPS", 0, env),
            web_frame_ancestors=text("WEB_FRAME_ANCESTORS", "'self'", env),
            web_tls=flag("WEB_TLS", False, env),
            feedback_db_url=text("FEEDBACK_DB_URL", f"sqlite:///{var / 'feedback.db'}", env),
            unanswered_capture=flag("UNANSWERED_CAPTURE", False, env),
            unanswered_retention_days=integer("UNANSWERED_RETENTION_DAYS", 30, env),
        )


def web_origin(url: Optional[str]) -> Optional[str]:
    """`scheme://host[:port]` of a URL (None for None or a URL without scheme and host)."""
    from urllib.parse import urlsplit

    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def allowed_origins(env: Optional[Env] = None) -> Tuple[str, ...]:
    """BOT_ALLOWED_ORIGINS (comma-separated), else the page `make run` serves (localhost and
    127.0.0.1 on WEB_PORT) plus BOT_PUBLIC_URL's origin when it is set."""
    configured = tuple(o for o in (web_origin(item) for item in items("BOT_ALLOWED_ORIGINS", env)) if o)
    if configured:
        return configured
    web_port = integer("WEB_PORT", 8080, env)
    origins = [f"http://localhost:{web_port}", f"http://127.0.0.1:{web_port}"]
    public = web_origin(get("BOT_PUBLIC_URL", env))
    if public and public not in origins:
        origins.append(public)
    return tuple(origins)
