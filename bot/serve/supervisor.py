"""Start the whole assistant in the foreground: action server, Rasa server and the web page.

One supervisor so `make run` is one command, Ctrl-C/SIGTERM stops every child, and a child that dies
takes the others down instead of leaving a half-working bot. Settings come from the environment
(see README); embedded defaults need no external service.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

from bot import settings as settings_mod
from bot.serve import guard, retention
from bot.settings import ROOT
from bot.tickets.notify import NotifyConfig

VENV_BIN = Path(sys.executable).parent
logger = logging.getLogger("bone_health.serve")


# The serving settings are bot.settings' own (one reader, one empty-string rule, one set of names).
Settings = settings_mod.Settings


def action_base_url(settings: Settings) -> str:
    """Where this machine reaches the action server (loopback when it listens on every interface)."""
    host = "127.0.0.1" if settings.action_host in ("0.0.0.0", "::", "") else settings.action_host
    return f"http://{host}:{settings.action_port}"


def child_env(settings: Settings) -> Dict[str, str]:
    env = settings_mod.child_environment()
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["ACTION_ENDPOINT_URL"] = f"{action_base_url(settings)}/webhook"
    # Rasa sends it (endpoints.yml `headers:`), the action server requires it (bot/serve/action_entry.py):
    # the deployer's ACTION_SERVER_TOKEN, else a new random one for this start.
    env["ACTION_SERVER_TOKEN"] = settings.action_server_token or secrets.token_urlsafe(32)
    env["TRACKER_STORE_URL"] = settings.tracker_store_url
    env["BONE_HEALTH_VAR_DIR"] = str(settings.var_dir)
    return env


def action_server_cmd(settings: Settings) -> List[str]:
    """rasa_sdk's action server behind a token check, on ACTION_HOST (bot/serve/action_entry.py)."""
    return [
        str(VENV_BIN / "python"),
        "-m",
        "bot.serve.action_entry",
        "--actions",
        "actions",
        "--port",
        str(settings.action_port),
        "--host",
        settings.action_host,
    ]


def write_credentials(settings: Settings, env: Optional[Dict[str, str]] = None) -> Path:
    """The credentials file Rasa reads: credentials.yml plus the messaging channels switched on by
    `env` (see bot/channels/config.py; secrets stay ${VAR} references, never written out)."""
    from bot.channels import config as channels

    written = channels.write_credentials(ROOT / "credentials.yml", settings.var_dir / "credentials.yml", env)
    written.chmod(0o600)  # names no secret, but tells which channels are on: owner only
    return written


def rasa_server_cmd(
    settings: Settings,
    env: Optional[Dict[str, str]] = None,
    endpoints: Optional[Path] = None,
    interface: Optional[str] = None,
) -> List[str]:
    """Writes the effective credentials file for `env` (default: this process's environment).

    `rasa run` goes through bot.serve.rasa_entry: the same command line, plus the safety fallback when a
    custom action fails (helpline and emergency numbers instead of silence). `endpoints` and
    `interface` are for replicas behind a proxy (bot/serve/cluster.py): their own endpoints file
    (SQL tracker store, Redis lock store) and a loopback-only listener."""
    credentials = write_credentials(settings, env)
    cmd = [
        str(VENV_BIN / "python"),
        "-m",
        "bot.serve.rasa_entry",
        "run",
        "--model",
        str(settings.bot_model),
        "--port",
        str(settings.bot_port),
        "--endpoints",
        str(endpoints or ROOT / "endpoints.yml"),
        "--credentials",
        str(credentials),
        # Only the widget's pages may call Rasa from a browser (BOT_ALLOWED_ORIGINS; bot.settings).
        "--cors",
        *settings.allowed_origins,
    ]
    if interface:
        cmd += ["--interface", interface]
    if settings.bot_api_token:
        # The HTTP API (trackers, model, …) only when a token protects it.
        cmd += ["--enable-api", "--auth-token", settings.bot_api_token]
    return cmd


def web_server_cmd(settings: Settings) -> List[str]:
    return [sys.executable, "-m", "bot.serve.web", "--port", str(settings.web_port), "--host", settings.web_host]


def reference_build_cmd(settings: Settings) -> List[str]:
    """Builds the staff script book with this start's deployment numbers (EMERGENCY_NUMBER, …)."""
    return [sys.executable, "-m", "bot.reference", "build"]


def ticket_delivery_cmd(settings: Settings) -> List[str]:
    """Delivers care-team notifications left in the outbox (e.g. from before a restart)."""
    return [sys.executable, "-m", "bot.tickets", "deliver", "--loop"]


def retention_cmd(settings: Settings) -> List[str]:
    """Purges conversations idle longer than TRACKER_RETENTION_DAYS and unanswered questions older than
    UNANSWERED_RETENTION_DAYS, hourly (bot/serve/retention.py)."""
    return [sys.executable, "-m", "bot.serve.retention", "purge", "--loop"]


def wait_http(url: str, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


class Supervisor:
    """Starts children in order and stops them all together."""

    def __init__(self) -> None:
        self.children: List[subprocess.Popen] = []
        self.stopping = False

    def start(self, cmd: List[str], env: Dict[str, str], log: Optional[Path] = None) -> subprocess.Popen:
        """Start a child in its own process group; `log` captures its output (tests read it)."""
        out = open(log, "ab") if log else None
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, start_new_session=True, stdout=out, stderr=subprocess.STDOUT if out else None
        )
        self.children.append(proc)
        return proc

    def stop(self, *_args) -> None:
        if self.stopping:
            return
        self.stopping = True
        for proc in reversed(self.children):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in self.children:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    def wait_any(self) -> int:
        while True:
            for proc in self.children:
                code = proc.poll()
                if code is not None:
                    return code
            time.sleep(0.5)


def main() -> int:
    guard.private_files()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = Settings.from_env()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    if not settings.bot_model.exists():
        logger.error("No trained model at %s: run `make train` (or `make run`, which trains).", settings.bot_model)
        return 1
    env = child_env(settings)
    supervisor = Supervisor()
    signal.signal(signal.SIGTERM, supervisor.stop)
    signal.signal(signal.SIGINT, supervisor.stop)
    built = subprocess.run(reference_build_cmd(settings), cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    if built.returncode:
        logger.error(
            "The staff script book could not be built (exit %s): /reference/ may be out of date.", built.returncode
        )
    try:
        actions = supervisor.start(action_server_cmd(settings), env)
        wait_http(f"{action_base_url(settings)}/health", 120, actions)
        supervisor.start(web_server_cmd(settings), env)
        if NotifyConfig.from_env(env).destinations:
            supervisor.start(ticket_delivery_cmd(settings), env)
        if retention.needed(settings):
            supervisor.start(retention_cmd(settings), env)
        bot = supervisor.start(rasa_server_cmd(settings, env), env)
        wait_http(f"http://127.0.0.1:{settings.bot_port}/", 300, bot)
        logger.info(
            "Ready: chat at http://localhost:%s/ , REST at http://localhost:%s/webhooks/rest/webhook",
            settings.web_port,
            settings.bot_port,
        )
        code = supervisor.wait_any()
        if not supervisor.stopping:
            logger.error("A server exited (code %s); stopping the others.", code)
        return 0 if supervisor.stopping else (code or 1)
    except (RuntimeError, TimeoutError) as error:
        logger.error("Start-up failed: %s", error)
        return 1
    finally:
        supervisor.stop()


if __name__ == "__main__":
    sys.exit(main())
