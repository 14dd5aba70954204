"""The one SQLAlchemy engine factory of the project's own stores (tickets, feedback), and their lazy holder.

Both stores open SQLite by default and PostgreSQL in a cluster; building the engine in one place keeps
them alike: a lost database makes both fail in 10 s (`connect_timeout`, SQLite's `timeout`) instead of
hanging a turn, and both hide bound parameters from exception messages (`hide_parameters=True`), so a
database error never carries a message's text or contact details into a log line.

Like bot.settings and bot.names it imports nothing of the project: every room that stores may use it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url

CONNECT_TIMEOUT_SECONDS = 10
POOL_SIZE, MAX_OVERFLOW = 2, 3


def engine_for(url: str) -> Engine:
    """An engine for `url`: SQLite (its folder made, usable from any thread) or a small pre-pinged pool.

    Raises what SQLAlchemy, the file system or a missing driver raise; each store wraps that in its own error.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    kwargs: Dict[str, Any] = {"hide_parameters": True, "future": True}
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not parsed.query.get("uri"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": CONNECT_TIMEOUT_SECONDS, "check_same_thread": False}
    else:
        kwargs.update(pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW)
        if backend.startswith("postgres"):
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    return sa.create_engine(parsed, **kwargs)


class LazyEngine:
    """A store's engine, made by `open` (engine and schema) on first use by one thread, and made again
    after `dispose`: importing or building a store never touches its database."""

    def __init__(self, open_engine: Callable[[], Engine]) -> None:
        self._open = open_engine
        self._engine: Optional[Engine] = None
        self._lock = threading.Lock()

    def get(self) -> Engine:
        if self._engine is not None:
            return self._engine
        with self._lock:
            if self._engine is None:
                self._engine = self._open()
        return self._engine

    def dispose(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
