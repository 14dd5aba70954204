"""`make cluster` (`python -m bot.serve.cluster`): `make run`'s contract on real engines, with replicas.

In the foreground, under var/cluster/ (BONE_HEALTH_VAR_DIR/cluster): PostgreSQL (conversations and
care-team tickets), Redis (the lock store, bot/serve/locks.py), REPLICAS Rasa servers each with its
own action server, the web server, and nginx on BOT_PORT and WEB_PORT in front of them
(bot/serve/engines.py). The Rasa, action and web processes are started with the same commands as
`make run` (bot.serve.supervisor). A Rasa replica or action server that dies is started again while
the others serve its conversations, and so are Redis (it holds only live tickets) and PostgreSQL (its
data is on disk; meanwhile the replicas give a clear reply: bot/serve/tracker_store.py); nginx or the
web server dying stops everything, as in `make run`. Ctrl-C or SIGTERM stops all. Why each piece is as it is: docs/cluster.md.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

from bot import settings as settings_mod
from bot.serve import engines, guard, retention
from bot.serve import supervisor as serve
from bot.settings import ROOT
from bot.tickets.notify import NotifyConfig

logger = logging.getLogger("bone_health.cluster")

LOCK_STORE = "bot.serve.locks.AtomicRedisLockStore"
RESTART_DELAY = 2.0  # seconds before a dead replica is started again
POSTGRES_RESTARTS = 5  # failed PostgreSQL starts in a row before the cluster gives up
RESTART_NICE = 10  # a restarted replica loads its model at this priority, so the serving ones keep the CPU


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def endpoints_yaml(redis_socket: Path) -> str:
    """endpoints.yml of every replica: `make run`'s action endpoint and SQL tracker store (URL from the
    environment, never written out) plus the atomic Redis lock store on its Unix socket."""
    base = (ROOT / "endpoints.yml").read_text()
    return (
        "# Written by bot.serve.cluster at each start: do not edit.\n"
        + base
        + f"\nlock_store:\n  type: {LOCK_STORE}\n  unix_socket_path: {redis_socket}\n  key_prefix: bonehealth\n"
    )


def persistent_secret(path: Path) -> str:
    """A random secret kept 0600 in var/cluster (the widget's session key must survive restarts and be
    the same on every replica)."""
    if not path.exists():
        path.write_text(json.dumps({"socket_session_secret": secrets.token_urlsafe(32)}))
        path.chmod(0o600)
    return json.loads(path.read_text())["socket_session_secret"]


@dataclasses.dataclass
class Replica:
    number: int
    settings: serve.Settings
    env: Dict[str, str]
    actions: Optional[subprocess.Popen] = None
    rasa: Optional[subprocess.Popen] = None
    loading: bool = False  # restarted at low priority, not answering yet


class Cluster:
    """The processes of `make cluster` and the loop that keeps the replicas up."""

    def __init__(self, settings: serve.Settings, replicas: int) -> None:
        self.public = settings
        self.base = settings.var_dir / "cluster"
        self.logs = self.base / "logs"
        self.count = replicas
        self.supervisor = serve.Supervisor()
        self.postgres = engines.Postgres(self.base)
        self.redis = engines.Redis(self.base)
        self.replicas: List[Replica] = []
        self.fixed: Dict[str, subprocess.Popen] = {}  # engines, web server: one dies, all stop (not the stores)
        self.postgres_failures = 0

    def environment(self) -> Dict[str, str]:
        """What every child sees: the cluster's stores and var dir, the public origins and session key."""
        overrides = {
            "BONE_HEALTH_VAR_DIR": str(self.base),
            "TRACKER_STORE_URL": self.postgres.url,  # conversations, tickets and feedback: the cluster's own PostgreSQL
            "TICKET_DB_URL": self.postgres.url,
            "FEEDBACK_DB_URL": self.postgres.url,
            "BOT_ALLOWED_ORIGINS": ",".join(self.public.allowed_origins),
            # Replicas listen on loopback behind nginx, which sets X-Real-IP: Sanic reads the client's
            # address from it, so the per-address rate limit sees the client, not the proxy.
            "SANIC_REAL_IP_HEADER": "x-real-ip",
        }
        env = {**settings_mod.child_environment(), **overrides}
        if not settings_mod.get("SOCKET_SESSION_SECRET", env):
            env["SOCKET_SESSION_SECRET"] = persistent_secret(self.base / "secrets.json")
        return env

    def start(self, name: str, cmd: List[str], env: Dict[str, str]) -> subprocess.Popen:
        return self.supervisor.start(cmd, env, self.logs / f"{name}.log")

    def start_engines(self) -> None:
        self.postgres.prepare()
        self.fixed["postgres"] = self.start("postgres", self.postgres.cmd(), serve.child_env(self.public))
        self.postgres.wait(self.fixed["postgres"])
        self.postgres.create_database()
        self.fixed["redis"] = self.start("redis", self.redis.cmd(), serve.child_env(self.public))
        self.redis.wait(self.fixed["redis"])

    def start_replica(self, replica: Replica, nice: bool = False) -> None:
        """Its action server (if not running), then its Rasa server: `make run`'s own commands. `nice`:
        load the model at low priority (a restart while the other replicas carry the load)."""
        name = f"rasa-{replica.number}"
        if replica.actions is None or replica.actions.poll() is not None:
            replica.actions = self.start(
                f"actions-{replica.number}", serve.action_server_cmd(replica.settings), replica.env
            )
            serve.wait_http(f"{serve.action_base_url(replica.settings)}/health", 120, replica.actions)
        cmd = serve.rasa_server_cmd(replica.settings, replica.env, self.base / "endpoints.yml", "127.0.0.1")
        replica.rasa = self.start(name, ["nice", "-n", str(RESTART_NICE), *cmd] if nice else cmd, replica.env)
        replica.loading = nice
        (self.base / f"{name}.pid").write_text(f"{replica.rasa.pid}\n")  # `nice` execs Rasa: same process

    def promote(self, replica: Replica) -> None:
        """A restarted replica that answers gets normal priority back (every thread of its group)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{replica.settings.bot_port}/", timeout=1):
                pass
        except OSError:
            return
        os.setpriority(os.PRIO_PGRP, replica.rasa.pid, 0)
        replica.loading = False
        logger.info("Replica %s is serving again.", replica.number)

    def launch(self) -> None:
        for folder in (self.base, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        self.forget_pids()
        self.start_engines()
        env = self.environment()
        cluster_settings = serve.Settings.from_env(env)
        (self.base / "endpoints.yml").write_text(endpoints_yaml(self.redis.socket))
        built = subprocess.run(
            serve.reference_build_cmd(cluster_settings), cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        if built.returncode:
            logger.error("The staff script book could not be built (exit %s).", built.returncode)
        web = dataclasses.replace(cluster_settings, web_host="127.0.0.1", web_port=free_port())
        self.fixed["web"] = self.start("web", serve.web_server_cmd(web), serve.child_env(cluster_settings) | env)
        if NotifyConfig.from_env(env).destinations:
            self.fixed["delivery"] = self.start("delivery", serve.ticket_delivery_cmd(cluster_settings), env)
        if retention.needed(cluster_settings):
            self.fixed["retention"] = self.start("retention", serve.retention_cmd(cluster_settings), env)
        for number in range(1, self.count + 1):
            own = dataclasses.replace(cluster_settings, bot_port=free_port(), action_port=free_port())
            replica = Replica(number, own, {**env, **serve.child_env(own)})
            self.replicas.append(replica)
            self.start_replica(replica)
        for replica in self.replicas:
            serve.wait_http(f"http://127.0.0.1:{replica.settings.bot_port}/", 300, replica.rasa)
        serve.wait_http(f"http://127.0.0.1:{web.web_port}/", 30, self.fixed["web"])
        proxy = engines.Nginx(
            self.base,
            bot_port=self.public.bot_port,
            web_host=self.public.web_host,
            web_port=self.public.web_port,
            replicas=[r.settings.bot_port for r in self.replicas],
            web_backend=web.web_port,
            max_body=max(2 * self.public.max_request_bytes, 1024 * 1024),
        )
        self.fixed["nginx"] = self.start("nginx", proxy.cmd(), env)
        serve.wait_http(f"http://127.0.0.1:{self.public.bot_port}/", 30, self.fixed["nginx"])

    def restart_redis(self) -> None:
        """Redis holds only live tickets: start it again at once (replicas order locally meanwhile)."""
        logger.error("Redis exited (code %s): starting it again.", self.fixed["redis"].returncode)
        self.fixed["redis"] = self.start("redis", self.redis.cmd(), serve.child_env(self.public))
        self.redis.wait(self.fixed["redis"])

    def restart_postgres(self) -> bool:
        """PostgreSQL keeps its data on disk: start it again (crash recovery after a kill) while the
        replicas answer without it. A postmaster killed with -9 leaves its backends for a moment, and a
        new one refuses to start until they are gone: retried, False after POSTGRES_RESTARTS failures."""
        logger.error("PostgreSQL exited (code %s): starting it again.", self.fixed["postgres"].returncode)
        time.sleep(RESTART_DELAY)
        self.fixed["postgres"] = self.start("postgres", self.postgres.cmd(), serve.child_env(self.public))
        try:
            self.postgres.wait(self.fixed["postgres"])
        except (RuntimeError, TimeoutError) as error:
            self.postgres_failures += 1
            logger.error("PostgreSQL did not start again (%s), try %s.", error, self.postgres_failures)
            return self.postgres_failures < POSTGRES_RESTARTS
        self.postgres_failures = 0
        logger.info("PostgreSQL is back.")
        return True

    def forget_pids(self) -> None:
        """No pid file outlives its process (a start with fewer replicas, a stop)."""
        for stale in self.base.glob("rasa-*.pid"):
            stale.unlink()

    def watch(self) -> int:
        """Restart dead replicas, Redis and PostgreSQL; return when nginx or the web server exits (or on a
        signal, or when PostgreSQL does not start again)."""
        while not self.supervisor.stopping:
            if self.fixed["redis"].poll() is not None and not self.supervisor.stopping:
                self.restart_redis()
            if self.fixed["postgres"].poll() is not None and not self.supervisor.stopping:
                if not self.restart_postgres() and not self.supervisor.stopping:
                    logger.error("PostgreSQL does not start again; stopping the cluster.")
                    return 1
            for name, proc in self.fixed.items():
                if name not in ("redis", "postgres") and proc.poll() is not None:
                    if not self.supervisor.stopping:
                        logger.error("%s exited (code %s); stopping the cluster.", name, proc.returncode)
                    return proc.returncode or 1
            for replica in self.replicas:
                if any(p is not None and p.poll() is not None for p in (replica.rasa, replica.actions)):
                    logger.error("Replica %s stopped: starting it again; the others serve meanwhile.", replica.number)
                    if replica.rasa is not None and replica.rasa.poll() is None:
                        replica.rasa.terminate()
                        replica.rasa.wait(timeout=30)
                    time.sleep(RESTART_DELAY)
                    if self.supervisor.stopping:
                        break
                    self.supervisor.children = [p for p in self.supervisor.children if p.poll() is None]
                    self.start_replica(replica, nice=True)
                elif replica.loading:
                    self.promote(replica)
            time.sleep(0.5)
        return 0


def main() -> int:
    guard.private_files()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = serve.Settings.from_env()
    if not settings.bot_model.exists():
        logger.error("No trained model at %s: run `make train` (or `make cluster`, which trains).", settings.bot_model)
        return 1
    if engines.missing():
        logger.error("Not installed: %s (run scripts/install_cluster.sh).", ", ".join(engines.missing()))
        return 1
    cluster = Cluster(settings, settings_mod.integer("REPLICAS", 2))
    signal.signal(signal.SIGTERM, cluster.supervisor.stop)
    signal.signal(signal.SIGINT, cluster.supervisor.stop)
    try:
        cluster.launch()
        logger.info(
            "Ready: %s replicas; chat at http://localhost:%s/ , REST at http://localhost:%s/webhooks/rest/webhook ; logs in %s",
            cluster.count,
            settings.web_port,
            settings.bot_port,
            cluster.logs,
        )
        return cluster.watch()
    except (RuntimeError, TimeoutError, subprocess.CalledProcessError) as error:
        logger.error("Start-up failed: %s", error)
        return 1
    finally:
        cluster.supervisor.stop()
        cluster.forget_pids()


if __name__ == "__main__":
    sys.exit(main())
