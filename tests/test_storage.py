"""bot/storage.py: both stores open their database through one factory, so both get the same limits.

No PostgreSQL server is needed: a `do_connect` listener on every engine records the arguments the driver
would get and stops there, before any network call."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.feedback.store import FeedbackStore
from bot.storage import CONNECT_TIMEOUT_SECONDS, LazyEngine, engine_for
from bot.tickets.store import TicketStore

pytestmark = pytest.mark.unit

STORES = {"feedback": FeedbackStore, "tickets": TicketStore}


class Stopped(Exception):
    """Raised by the listener instead of reaching a server."""


@pytest.fixture
def driver_arguments():
    seen = []

    def record(dialect, _record, cargs, cparams):
        seen.append((dialect.name, dict(cparams)))
        raise Stopped

    sa.event.listen(Engine, "do_connect", record)
    yield seen
    sa.event.remove(Engine, "do_connect", record)


@pytest.mark.parametrize("name", sorted(STORES))
def test_each_store_gives_postgresql_a_connect_timeout(name, driver_arguments):
    store = STORES[name]("postgresql://bone@127.0.0.1:1/bone_health")
    with pytest.raises(Stopped):
        store.engine()  # opening makes the schema, which connects: the listener stops it
    assert driver_arguments and driver_arguments[0][0] == "postgresql"
    assert driver_arguments[0][1]["connect_timeout"] == CONNECT_TIMEOUT_SECONDS == 10
    store.dispose()


def test_postgresql_engines_ping_a_small_pool_and_hide_parameters():
    engine = engine_for("postgresql://bone@127.0.0.1:1/bone_health")
    assert engine.pool._pre_ping and engine.pool.size() == 2 and engine.pool._max_overflow == 3
    assert engine.hide_parameters
    engine.dispose()


@pytest.mark.parametrize("name", sorted(STORES))
def test_each_store_on_sqlite_makes_its_folder_and_waits_for_locks(name, tmp_path, driver_arguments):
    store = STORES[name](f"sqlite:///{tmp_path / 'new' / 'store.db'}")
    with pytest.raises(Stopped):
        store.engine()
    assert (tmp_path / "new").is_dir()
    assert driver_arguments[0] == ("sqlite", {"timeout": 10, "check_same_thread": False})
    store.dispose()


def test_the_ticket_store_still_sets_its_sqlite_pragmas(tmp_path):
    store = TicketStore(f"sqlite:///{tmp_path / 'tickets.db'}")
    with store.engine().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    store.dispose()


def test_the_lazy_engine_is_made_once_under_concurrency_and_again_after_dispose(tmp_path):
    made = []

    def open_engine():
        made.append(1)
        return engine_for(f"sqlite:///{tmp_path / 'lazy.db'}")

    lazy = LazyEngine(open_engine)
    assert made == []  # nothing is opened before first use
    start = threading.Barrier(8)
    seen = []

    def use():
        start.wait()
        seen.append(lazy.get())

    threads = [threading.Thread(target=use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and len({id(e) for e in seen}) == 1
    lazy.dispose()
    assert lazy.get() is not seen[0] and len(made) == 2
    lazy.dispose()
