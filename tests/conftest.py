"""Shared fixtures: the content, saved trackers for offline action tests, and the real servers.

Servers are started once per test session on free ports with the same commands `make run` uses
(bot.serve.supervisor), against a throw-away SQLite tracker store.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import requests
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import content as content_mod
from bot.serve import supervisor as serve

ROOT = Path(__file__).resolve().parent.parent
TRACKERS = Path(__file__).parent / "data" / "trackers"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/install_chromium.sh); no browser download
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# -- markers (registered in pyproject.toml): `pytest -m unit` runs without a trained model or servers --
# Applied by the fixtures a test uses (directly or through other fixtures). A new fixture that loads
# the model, starts a server or drives a browser belongs in these sets.
# The servers with Rasa load the model too.
MODEL_FIXTURES = {"agent", "running_bot", "channel_bot", "served", "proxied_bot", "cluster"}
SERVER_FIXTURES = {
    "running_bot",
    "channel_bot",
    "proxied_bot",
    "served_book",
    "served",
    "action_server",
    "postgres_url",
    "cluster",
}
BROWSER_FIXTURES = {"browser"}
CLUSTER_FIXTURES = {"cluster", "redis_socket"}  # `make cluster`'s engines (PostgreSQL, Redis, nginx)
KIND_FIXTURES = {
    "model": MODEL_FIXTURES,
    "server": SERVER_FIXTURES,
    "browser": BROWSER_FIXTURES,
    "cluster": CLUSTER_FIXTURES,
}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        kinds = {kind for kind, fixtures in KIND_FIXTURES.items() if used & fixtures}
        kinds |= {mark.name for mark in item.iter_markers() if mark.name in KIND_FIXTURES}
        for kind in sorted(kinds) or ["unit"]:
            item.add_marker(kind)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def content() -> content_mod.Content:
    return content_mod.load()


@pytest.fixture(scope="session")
def agent():
    """The trained model loaded in-process (NLU + dialogue, no servers), shared by the NLU tests."""
    from bot.tools import evaluate

    return evaluate.load_agent()


# -- offline action tests: replay saved trackers (financial-demo style) -------------------------


def load_tracker(name: str, **overrides: Any) -> Tracker:
    data = json.loads((TRACKERS / f"{name}.json").read_text())
    data.update(overrides)
    return Tracker.from_dict(data)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def domain() -> Dict[str, Any]:
    import yaml

    return yaml.safe_load((ROOT / "domain.yml").read_text())


# -- the real servers --------------------------------------------------------------------------


@dataclass
class RunningBot:
    settings: serve.Settings
    supervisor: serve.Supervisor
    env: Dict[str, str]
    web: bool = False
    action_proc: Optional[subprocess.Popen] = None

    def launch(self) -> None:
        """Start the action server, the web server (if asked) and Rasa, as `make run` does."""
        self.start_actions()
        if self.web:
            web = self.supervisor.start(
                serve.web_server_cmd(self.settings), self.env, self.settings.var_dir / "web.log"
            )
            serve.wait_http(f"http://127.0.0.1:{self.settings.web_port}/", 30, web)
        rasa = self.supervisor.start(
            serve.rasa_server_cmd(self.settings, self.env), self.env, self.settings.var_dir / "rasa.log"
        )
        serve.wait_http(f"http://127.0.0.1:{self.settings.bot_port}/", 300, rasa)

    def restart(self) -> None:
        """Stop every server and start them again on the same ports and the same var dir."""
        self.supervisor.stop()
        self.supervisor = serve.Supervisor()
        self.launch()

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.bot_port}/webhooks/rest/webhook"

    def logs(self) -> str:
        """Everything the servers printed so far (INFO level, as `make run` runs them)."""
        return "".join(p.read_text(errors="replace") for p in sorted(self.settings.var_dir.glob("*.log")))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.bot_port}"

    def say(self, text: str, sender: Optional[str] = None, timeout: float = 30) -> List[Dict[str, Any]]:
        response = requests.post(
            self.rest_url, json={"sender": sender or uuid.uuid4().hex, "message": text}, timeout=timeout
        )
        response.raise_for_status()
        return response.json()

    def stop_actions(self) -> None:
        assert self.action_proc is not None
        os.killpg(self.action_proc.pid, 15)
        self.action_proc.wait(timeout=20)

    def start_actions(self) -> None:
        self.action_proc = self.supervisor.start(
            serve.action_server_cmd(self.settings), self.env, self.settings.var_dir / "actions.log"
        )
        serve.wait_http(f"http://127.0.0.1:{self.settings.action_port}/health", 120, self.action_proc)


def start_bot(tmp_dir: Path, extra_env: Optional[Dict[str, str]] = None, web: bool = False) -> RunningBot:
    env_in = {
        **os.environ,
        **(extra_env or {}),
        "BOT_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "WEB_PORT": str(free_port()),
        "BONE_HEALTH_VAR_DIR": str(tmp_dir),
    }
    settings = serve.Settings.from_env(env_in)
    if not settings.bot_model.exists():
        pytest.fail(f"no trained model at {settings.bot_model}: run `make train` first")
    env = {
        **serve.child_env(settings),
        **(extra_env or {}),
        "BOT_PORT": str(settings.bot_port),
        "WEB_PORT": str(settings.web_port),
    }
    bot = RunningBot(settings=settings, supervisor=serve.Supervisor(), env=env, web=web)
    bot.launch()
    return bot


@pytest.fixture(scope="session")
def running_bot(tmp_path_factory) -> RunningBot:
    bot = start_bot(tmp_path_factory.mktemp("bot-var"), web=True)
    yield bot
    bot.supervisor.stop()


# Behind one trusted proxy (X-Forwarded-For gives the client address), with small limits and tokens set:
# the per-address limits of issue 14 through the real servers (tests/test_hardening_limits.py). Tests read
# the tokens from `proxied_bot.env`: pytest may import this file twice (conftest, tests.conftest).
PROXIED_ENV = {
    "TRUSTED_PROXY_HOPS": "1",
    "TICKETS_PER_ADDRESS": "2",
    "AUTH_FAILURES_PER_ADDRESS": "3",
    "BOT_RATE_PER_SENDER": "5",
    "BOT_RATE_PER_ADDRESS": "8",
    "BOT_API_TOKEN": "bot-api-" + uuid.uuid4().hex,
    "CARE_TEAM_API_TOKEN": "care-team-" + uuid.uuid4().hex,
    "STAFF_API_TOKEN": "staff-" + uuid.uuid4().hex,
}


@pytest.fixture(scope="session")
def proxied_bot(tmp_path_factory) -> RunningBot:
    bot = start_bot(tmp_path_factory.mktemp("proxied-var"), extra_env=PROXIED_ENV, web=True)
    yield bot
    bot.supervisor.stop()


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install_chromium.sh (Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
