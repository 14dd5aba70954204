"""PostgreSQL, Redis and nginx for `make cluster` (bot/serve/cluster.py): their files and commands.

Each runs in the foreground as a child of the cluster supervisor, with all its data under
var/cluster/. No passwords: PostgreSQL and Redis listen only on Unix sockets in var/cluster/
(PostgreSQL's `peer` login maps this system user to the role of the same name; Redis's socket is
0700), so only this user on this machine reaches them. PostgreSQL refuses to run as root: as root
it runs as the `postgres` system user (setpriv), owning its data and socket folders, and the folders
above them get the search bit (o+x, never read) so it can reach them. nginx runs its workers as
www-data and never writes a temporary file (bodies and answers stay in memory).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence

DATABASE = "bone_health"


def binary(name: str) -> Optional[str]:
    """`name` on PATH, else from Debian's versioned PostgreSQL folder (newest first), else /usr/sbin."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    return found or shutil.which(name, path="/usr/sbin:/sbin")


def missing() -> List[str]:
    """The engines scripts/install_cluster.sh still has to install."""
    return [name for name in ("initdb", "postgres", "redis-server", "nginx") if not binary(name)]


def make_reachable(path: Path) -> None:
    """Give `path` and the folders above it the search bit for others (o+x: pass through, not list),
    so the postgres user reaches its data folder inside a private (umask 077) var/ tree."""
    for folder in [path, *path.parents]:
        mode = folder.stat().st_mode
        if not mode & stat.S_IXOTH and folder.stat().st_uid == os.geteuid():
            folder.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)


@dataclass(frozen=True)
class Postgres:
    """A private PostgreSQL cluster in `base` (data in base/pg, socket in base/pg-run)."""

    base: Path

    @property
    def data(self) -> Path:
        return self.base / "pg"

    @property
    def socket_dir(self) -> Path:
        return self.base / "pg-run"

    @property
    def role(self) -> str:
        return pwd.getpwuid(os.geteuid()).pw_name

    @property
    def as_user(self) -> List[str]:
        """The postgres system user when root (PostgreSQL refuses root). setpriv execs in place (runuser
        forks and, on SIGTERM, kills its child 2 s later): the postmaster is the supervised process
        itself and shuts down cleanly."""
        return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"] if os.geteuid() == 0 else []

    @property
    def superuser(self) -> str:
        return "postgres" if os.geteuid() == 0 else self.role

    @property
    def url(self) -> str:
        """SQLAlchemy URL over the Unix socket with peer login: no password anywhere."""
        return f"postgresql://{self.role}@/{DATABASE}?host={self.socket_dir}"

    def dsn(self, database: str = DATABASE) -> str:
        return f"dbname={database} user={self.role} host={self.socket_dir}"

    def prepare(self) -> None:
        """initdb on the first start; the folders owned by the user PostgreSQL runs as."""
        owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            make_reachable(self.base)
            os.chown(self.socket_dir, owner.pw_uid, owner.pw_gid)
        if (self.data / "PG_VERSION").exists():
            return
        self.data.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            os.chown(self.data, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            [*self.as_user, binary("initdb"), "-D", str(self.data), "-U", self.superuser, "-E", "UTF8"]
            + ["--auth-local=peer", "--auth-host=reject", "--no-instructions"],
            check=True,
            capture_output=True,
            timeout=180,
        )

    def cmd(self) -> List[str]:
        """The postmaster in the foreground: Unix socket only, no TCP listener."""
        return [
            *self.as_user,
            binary("postgres"),
            "-D",
            str(self.data),
            "-k",
            str(self.socket_dir),
            "-c",
            "listen_addresses=",
            "-c",
            "max_connections=200",
        ]

    def wait(self, proc: subprocess.Popen, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"PostgreSQL exited with {proc.returncode} (see its log)")
            done = subprocess.run(
                [binary("pg_isready"), "-q", "-h", str(self.socket_dir), "-U", self.superuser, "-d", "postgres"],
                capture_output=True,
                timeout=10,
            )
            if done.returncode == 0:
                return
            time.sleep(0.3)
        raise TimeoutError("PostgreSQL did not accept connections")

    def create_database(self) -> None:
        """The role of this system user and its database, once (the postgres superuser creates them)."""
        if os.geteuid() != 0:
            self._psql(
                "postgres",
                f"SELECT 'CREATE DATABASE {DATABASE}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{DATABASE}')\\gexec",
            )
            return
        self._psql(
            "postgres",
            f"SELECT 'CREATE ROLE \"{self.role}\" LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{self.role}')\\gexec",
            f"SELECT 'CREATE DATABASE {DATABASE} OWNER \"{self.role}\"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{DATABASE}')\\gexec",
        )

    def _psql(self, database: str, *commands: str) -> None:
        args = [
            *self.as_user,
            binary("psql"),
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            str(self.socket_dir),
            "-d",
            database,
        ]
        for command in commands:
            subprocess.run(args, input=command, text=True, check=True, capture_output=True, timeout=60)


@dataclass(frozen=True)
class Redis:
    """Redis for the lock store only: in memory (no snapshot, no append-only file), a Unix socket."""

    base: Path

    @property
    def socket(self) -> Path:
        return self.base / "redis.sock"

    def write_config(self) -> Path:
        config = self.base / "redis.conf"
        config.write_text(
            "\n".join(
                [
                    "port 0",
                    f"unixsocket {self.socket}",
                    "unixsocketperm 700",
                    'save ""',
                    "appendonly no",
                    "daemonize no",
                    f"dir {self.base}",
                    f"pidfile {self.base / 'redis.pid'}",
                    "loglevel warning",
                    "",
                ]
            )
        )
        return config

    def cmd(self) -> List[str]:
        return [binary("redis-server"), str(self.write_config())]

    def wait(self, proc: subprocess.Popen, timeout: float = 30) -> None:
        import redis

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"Redis exited with {proc.returncode} (see its log)")
            try:
                if redis.StrictRedis(unix_socket_path=str(self.socket), socket_timeout=2).ping():
                    return
            except redis.RedisError:
                time.sleep(0.2)
        raise TimeoutError("Redis did not answer")


@dataclass(frozen=True)
class Nginx:
    """The proxy on BOT_PORT and WEB_PORT (docs/cluster.md explains each routing choice)."""

    base: Path
    bot_port: int
    web_host: str
    web_port: int
    replicas: Sequence[int]  # the Rasa replicas' loopback ports
    web_backend: int
    max_body: int
    fail_timeout: int = 5

    def config(self) -> str:
        servers = "".join(
            f"    server 127.0.0.1:{port} max_fails=1 fail_timeout={self.fail_timeout}s;\n" for port in self.replicas
        )
        temp = self.base / "nginx"
        web_listen = f"{self.web_host}:{self.web_port}" if self.web_host not in ("0.0.0.0", "") else str(self.web_port)
        proxy_common = f"""
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries {len(self.replicas)};
      proxy_max_temp_file_size 0;"""
        return f"""{"user www-data www-data;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {self.base / "nginx.pid"};
error_log {self.base / "logs" / "nginx-error.log"} warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  server_tokens off;
  client_max_body_size {self.max_body};
  client_body_buffer_size {self.max_body};
  client_body_temp_path {temp}/body;
  proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi;
  uwsgi_temp_path {temp}/uwsgi;
  scgi_temp_path {temp}/scgi;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  # REST, the HTTP API, messaging webhooks: any replica (the lock store orders one conversation's turns).
  upstream rasa {{
    least_conn;
{servers}    keepalive 32;
  }}
  # socket.io: an engine.io session (long-polling, then the websocket upgrade) lives in one process.
  upstream rasa_socketio {{
    hash $remote_addr consistent;
{servers}  }}
  upstream web {{
    server 127.0.0.1:{self.web_backend};
  }}
  server {{
    listen {self.bot_port};
    location /socket.io/ {{
      proxy_pass http://rasa_socketio;{proxy_common}
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
    }}
    location / {{
      proxy_pass http://rasa;{proxy_common}
      proxy_set_header Connection "";
      proxy_read_timeout 120s;
    }}
  }}
  server {{
    listen {web_listen};
    location / {{
      proxy_pass http://web;{proxy_common}
      proxy_read_timeout 60s;
    }}
  }}
}}
"""

    def cmd(self) -> List[str]:
        path = self.base / "nginx.conf"
        path.write_text(self.config())
        (self.base / "nginx").mkdir(exist_ok=True)
        return [
            binary("nginx"),
            "-p",
            str(self.base / "nginx"),
            "-c",
            str(path),
            "-e",
            str(self.base / "logs" / "nginx-error.log"),
        ]
