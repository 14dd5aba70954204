"""`make cluster` on the real engines (issue 13): PostgreSQL, Redis, nginx and two Rasa replicas.

The lock store is checked on its own first (two stores on one Redis, as two replicas are): the ticket
lock never lets two holders in, where Rasa's open-source RedisLockStore does (RasaHQ/rasa#9213), and a
killed holder's ticket stops blocking within seconds. Then the whole cluster, started as `make
cluster` starts it: 20 concurrent REST conversations through nginx with one replica `kill -9`ed
halfway (every message stored once, in order, in PostgreSQL; requests succeed again within 10 s),
and two messages of one conversation sent at the same moment to the two replicas directly.
Skipped, with the reason, only when scripts/install_cluster.sh cannot install the engines.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

import pytest
import requests

from bot.serve import engines, supervisor
from tests.conftest import ARTIFACTS, ROOT, free_port, wait_until

CONVERSATION = [
    "hello",
    "what is Xgeva?",
    "how often do I get it?",
    "what are the side effects of zoledronic acid?",
    "does denosumab affect my teeth?",
    "thank you",
]
# A person reads the answer before the next message; with none, 20 conversations are a flood that
# queues on the surviving replica (measured: resends then took up to 12.9 s on this shared machine).
THINK_SECONDS = 0.5


def install_engines() -> None:
    done = subprocess.run([str(ROOT / "scripts" / "install_cluster.sh")], capture_output=True, text=True, timeout=600)
    if done.returncode or engines.missing():
        pytest.skip(f"apt could not install the cluster engines ({engines.missing()}): {done.stderr[-300:]}")


@pytest.fixture(scope="module")
def redis_socket():
    """A bare Redis on a Unix socket (the lock store's tests need nothing else)."""
    install_engines()
    base = Path(tempfile.mkdtemp(prefix="bh-redis-"))
    proc = subprocess.Popen(engines.Redis(base).cmd(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        engines.Redis(base).wait(proc)
        yield str(base / "redis.sock")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(base, ignore_errors=True)


def concurrent_tickets(stores, rounds: int = 20) -> List[List[int]]:
    """Each round, every store (one per "replica", its own connection and thread, as in separate
    processes) asks for a ticket of one conversation at the same moment; the numbers each round got."""
    barrier = threading.Barrier(len(stores))
    got: List[List[int]] = [[] for _ in range(rounds)]

    def run(store) -> None:
        for n in range(rounds):
            barrier.wait()
            got[n].append(store.issue_ticket(f"conversation-{n}"))

    threads = [threading.Thread(target=run, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return got


def test_atomic_lock_store_never_issues_one_ticket_twice_where_rasas_does(redis_socket):
    import redis
    from rasa.core.lock_store import RedisLockStore

    from bot.serve.locks import AtomicRedisLockStore

    ours = [AtomicRedisLockStore(unix_socket_path=redis_socket, key_prefix="ours") for _ in range(6)]
    assert all(sorted(numbers) == [1, 2, 3, 4, 5, 6] for numbers in concurrent_tickets(ours))
    for store in ours:
        store.close()
    theirs = []
    for _ in range(6):
        store = RedisLockStore(key_prefix="theirs")
        store.red = redis.StrictRedis(unix_socket_path=redis_socket, db=1)
        theirs.append(store)
    # The trap the custom store closes (RasaHQ/rasa#9213): get, append, set from Python lets two
    # replicas draw the same ticket, and both then hold the conversation.
    assert any(len(set(numbers)) < len(numbers) for numbers in concurrent_tickets(theirs))


def test_atomic_lock_store_serves_one_holder_at_a_time(redis_socket):
    from bot.serve.locks import AtomicRedisLockStore

    stores = [AtomicRedisLockStore(unix_socket_path=redis_socket, key_prefix="mutex") for _ in range(3)]
    inside, most = [0], [0]

    async def hold(store) -> None:
        for _ in range(10):
            async with store.lock("shared"):
                inside[0] += 1
                most[0] = max(most[0], inside[0])
                await asyncio.sleep(0.005)
                inside[0] -= 1

    threads = [threading.Thread(target=asyncio.run, args=(hold(store),)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert most[0] == 1
    assert not stores[0].red.keys("mutex:lock:*")  # the last release removed the queue and its counter
    for store in stores:
        store.close()


def test_a_killed_replicas_ticket_stops_blocking_within_seconds(redis_socket):
    from bot.serve.locks import ALIVE_MS, AtomicRedisLockStore

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from bot.serve.locks import AtomicRedisLockStore as S; "
            f"s = S(unix_socket_path={redis_socket!r}, key_prefix='dead'); s.issue_ticket('c', 600); print('held', flush=True); time.sleep(600)",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    store = AtomicRedisLockStore(unix_socket_path=redis_socket, key_prefix="dead")
    ticket = store.issue_ticket("c")
    assert store.serving("c", ticket) == (1, True)  # the other process holds the conversation
    holder.kill()
    holder.wait()
    started = time.monotonic()
    assert wait_until(lambda: store.serving("c", ticket)[0] == ticket, timeout=10, interval=0.1)
    assert time.monotonic() - started <= ALIVE_MS / 1000 + 1.5
    store.cleanup("c", ticket)
    store.close()


# -- the whole cluster -----------------------------------------------------------------------------


@dataclass
class Cluster:
    proc: subprocess.Popen
    base: Path  # var/cluster
    bot_port: int
    web_port: int
    token: str
    log: Path

    @property
    def rest(self) -> str:
        return f"http://127.0.0.1:{self.bot_port}/webhooks/rest/webhook"

    def replica_ports(self) -> List[int]:
        """The replicas behind nginx, from its configuration (the `rasa` upstream)."""
        config = (self.base / "nginx.conf").read_text()
        upstream = config.split("upstream rasa {", 1)[1].split("}", 1)[0]
        return [int(port) for port in re.findall(r"server 127\.0\.0\.1:(\d+)", upstream)]

    def child_pids(self) -> List[int]:
        """Rasa replicas, Redis, nginx and the PostgreSQL postmaster, from their pid files."""
        files = [
            *self.base.glob("rasa-*.pid"),
            self.base / "redis.pid",
            self.base / "nginx.pid",
            self.base / "pg" / "postmaster.pid",
        ]
        return [int(f.read_text().split()[0]) for f in files if f.exists()]

    def pid(self, replica: int) -> int:
        return int((self.base / f"rasa-{replica}.pid").read_text())

    def user_texts(self) -> Dict[str, List[str]]:
        """Every stored user message per conversation, in the order of the events table."""
        import json

        import psycopg2

        with psycopg2.connect(engines.Postgres(self.base).dsn()) as db, db.cursor() as cursor:
            cursor.execute("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id")
            rows = cursor.fetchall()
        stored: Dict[str, List[str]] = {}
        for sender, data in rows:
            stored.setdefault(sender, []).append(json.loads(data)["text"])
        return stored


@pytest.fixture(scope="module")
def cluster():
    install_engines()
    var = Path(tempfile.mkdtemp(prefix="bh-cluster-"))
    token = secrets.token_urlsafe(16)
    settings = supervisor.Settings.from_env()
    if not settings.bot_model.exists():
        pytest.fail(f"no trained model at {settings.bot_model}: run `make train` first")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "BONE_HEALTH_VAR_DIR": str(var),
        "BOT_PORT": str(free_port()),
        "WEB_PORT": str(free_port()),
        "REPLICAS": "2",
        "BOT_API_TOKEN": token,
    }
    log = var / "cluster.log"
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.serve.cluster"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    running = Cluster(proc, var / "cluster", int(env["BOT_PORT"]), int(env["WEB_PORT"]), token, log)
    try:
        assert wait_until(lambda: "Ready:" in log.read_text() or proc.poll() is not None, timeout=300, interval=1)
        assert proc.poll() is None, log.read_text()[-3000:]
        yield running
    finally:
        children = running.child_pids()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
        alive = [pid for pid in children if _alive(pid)]
        # The servers' logs stay for a failed run's post-mortem (CI keeps test-artifacts/).
        shutil.copytree(var / "cluster" / "logs", ARTIFACTS / "cluster-logs", dirs_exist_ok=True)
        shutil.rmtree(var, ignore_errors=True)
    assert proc.returncode == 0 and not alive, f"SIGTERM left processes running: {alive}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def say(url: str, sender: str, text: str, timeout: float = 30) -> List[dict]:
    response = requests.post(url, json={"sender": sender, "message": text}, timeout=timeout)
    response.raise_for_status()
    return response.json()


def test_cluster_serves_make_runs_contract(cluster):
    sender = f"contract-{uuid.uuid4().hex[:8]}"
    assert say(cluster.rest, sender, "what is Xgeva?")
    tracker = requests.get(
        f"http://127.0.0.1:{cluster.bot_port}/conversations/{sender}/tracker",
        params={"token": cluster.token},
        timeout=10,
    )
    assert tracker.status_code == 200 and tracker.json()["sender_id"] == sender
    assert (
        requests.get(f"http://127.0.0.1:{cluster.bot_port}/conversations/{sender}/tracker", timeout=10).status_code
        == 401
    )
    page = requests.get(f"http://127.0.0.1:{cluster.web_port}/config.json", timeout=10).json()
    assert page["socketUrl"].endswith(f":{cluster.bot_port}")
    assert requests.get(f"http://127.0.0.1:{cluster.web_port}/reference/", timeout=10).status_code == 200
    handshake = requests.get(
        f"http://127.0.0.1:{cluster.bot_port}/socket.io/",
        params={"EIO": "4", "transport": "polling"},
        headers={"Origin": f"http://localhost:{cluster.web_port}"},
        timeout=10,
    )
    assert handshake.status_code == 200 and '"sid"' in handshake.text
    # A red flag: the static reply first, then the ticket filed by an action server in PostgreSQL.
    flagged = say(cluster.rest, f"flag-{uuid.uuid4().hex[:8]}", "I suddenly can't move my legs since lunch")
    assert flagged[0]["text"].startswith("Please call 911")
    reference = re.search(r"BH-[0-9A-Z-]+", " ".join(m.get("text", "") for m in flagged))
    assert reference, flagged
    import psycopg2

    with psycopg2.connect(engines.Postgres(cluster.base).dsn()) as db, db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM tickets WHERE reference = %s", (reference.group(0),))
        assert cursor.fetchone()[0] == 1
    assert sorted(p.name for p in cluster.base.glob("rasa-*.pid")) == ["rasa-1.pid", "rasa-2.pid"]
    assert "bot.serve.locks.AtomicRedisLockStore" in (cluster.base / "endpoints.yml").read_text()


def test_widget_socket_through_the_proxy_and_its_session_on_every_replica(cluster):
    """Long-polling socket.io through nginx (an engine.io session needs every poll on one replica),
    then the same widget session resumed on each replica directly (one session key for all)."""
    from tests.test_socketio import _connect, _replies

    async def scenario():
        client, replies, token = await _connect(f"http://127.0.0.1:{cluster.bot_port}")
        await client.emit("user_uttered", {"message": "/greet", "session_id": token})
        assert "not medical advice" in (await _replies(replies))[0]["text"]
        await client.disconnect()
        for port in cluster.replica_ports():
            again, again_replies, resumed = await _connect(f"http://127.0.0.1:{port}", token)
            assert resumed == token
            await again.emit("user_uttered", {"message": "what is Xgeva?", "session_id": token})
            assert await _replies(again_replies)
            await again.disconnect()

    asyncio.run(scenario())


def test_two_messages_of_one_conversation_at_two_replicas_at_once_are_both_stored_in_turn(cluster):
    ports = cluster.replica_ports()
    assert len(ports) == 2
    sender = f"dual-{uuid.uuid4().hex[:8]}"
    texts = ["what is Xgeva?", "what is zoledronic acid?"]
    barrier = threading.Barrier(2)
    replies: Dict[int, List[dict]] = {}

    def send(index: int) -> None:
        barrier.wait()
        replies[index] = say(f"http://127.0.0.1:{ports[index]}/webhooks/rest/webhook", sender, texts[index])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert replies.get(0) and replies.get(1), replies
    assert sorted(cluster.user_texts()[sender]) == sorted(texts)
    tracker = requests.get(
        f"http://127.0.0.1:{cluster.bot_port}/conversations/{sender}/tracker",
        params={"token": cluster.token},
        timeout=10,
    ).json()
    kinds = [e["event"] if e["event"] != "action" else e["name"] for e in tracker["events"]]
    second = [i for i, kind in enumerate(kinds) if kind == "user"][1]
    # One turn finished (the bot listened again) before the other began: not interleaved.
    before = [k for k in kinds[:second] if k not in ("slot", "session_started", "user_featurization")]
    assert before[-1] == "action_listen", kinds


def test_retention_purges_idle_conversations_on_postgresql(cluster):
    from bot.serve import retention
    from tests.test_retention import conversation, save, senders

    url = engines.Postgres(cluster.base).url
    save(url, conversation("retention-idle", 60, 45))
    before = set(senders(url))
    assert "retention-idle" in before and len(before) > 1
    assert retention.purge(url, days=30) == (1, 6)
    assert set(senders(url)) == before - {"retention-idle"}  # the served conversations stay


def test_a_redis_outage_still_answers_and_the_lock_store_comes_back(cluster):
    """Redis `kill -9`ed: every message still gets its answer (each replica orders locally), the
    cluster starts Redis again and the replicas' lock store is back in use within seconds."""
    import redis

    pid_file = cluster.base / "redis.pid"
    killed = int(pid_file.read_text())
    os.kill(killed, signal.SIGKILL)
    for n in range(3):
        assert say(cluster.rest, f"outage-{n}-{uuid.uuid4().hex[:6]}", "what is Xgeva?")
    client = redis.StrictRedis(unix_socket_path=str(cluster.base / "redis.sock"), db=1, socket_timeout=2)

    def back() -> bool:
        try:
            return int(pid_file.read_text()) != killed and len(client.keys("bonehealth:alive:*")) == 2
        except (OSError, ValueError, redis.RedisError):
            return False

    assert wait_until(back, timeout=20, interval=0.3), "Redis or the replicas' heartbeats did not come back"
    sender = f"after-outage-{uuid.uuid4().hex[:6]}"
    assert say(cluster.rest, sender, "what is Xgeva?")
    assert cluster.user_texts()[sender] == ["what is Xgeva?"]
    logs = "".join(p.read_text(errors="replace") for p in (cluster.base / "logs").glob("rasa-*.log"))
    assert "Lock store unreachable" in logs and "what is Xgeva" not in logs.split("Lock store unreachable")[1][:200]


def _running(pid: int) -> bool:
    """Alive and not a zombie (a killed child stays one until its parent reaps it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_postgresql_restart_gets_a_clear_reply_then_recovers_without_restarting_rasa(cluster):
    """PostgreSQL `kill -9`ed and held down (the cluster's supervisor paused meanwhile): a message gets
    the `unavailable` reply, not an answer without its conversation; a red flag its static emergency
    reply first. Then the supervisor starts PostgreSQL again and the same Rasa processes carry the
    conversation on where it was (nothing stored from the outage)."""
    from bot.safety import content as safety_content

    sender, flag = f"pg-{uuid.uuid4().hex[:8]}", f"pg-flag-{uuid.uuid4().hex[:8]}"
    assert say(cluster.rest, sender, "what is Xgeva?")
    rasa_pids = [cluster.pid(n) for n in (1, 2)]
    postmaster = int((cluster.base / "pg" / "postmaster.pid").read_text().split()[0])
    backends = [int(p) for p in Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()]
    os.kill(cluster.proc.pid, signal.SIGSTOP)
    try:
        os.kill(postmaster, signal.SIGKILL)
        assert wait_until(lambda: not any(map(_running, [postmaster, *backends])), timeout=15)
        down = say(cluster.rest, sender, "how often do I get it?")
        assert [m.get("text") for m in down] == [safety_content.load().message("unavailable")]
        flagged = say(cluster.rest, flag, "I suddenly can't move my legs since lunch")
        assert flagged[0]["text"].startswith("Please call 911"), flagged
    finally:
        os.kill(cluster.proc.pid, signal.SIGCONT)
    import psycopg2

    def accepting() -> bool:
        try:
            psycopg2.connect(engines.Postgres(cluster.base).dsn()).close()
            return True
        except psycopg2.Error:
            return False

    assert wait_until(accepting, timeout=60, interval=0.5), "PostgreSQL did not come back"
    # The first message after the restart is answered in its conversation (pooled connections are
    # checked before use), by the same Rasa processes.
    back = say(cluster.rest, sender, "what is zoledronic acid?")
    assert back and back[0]["text"] != safety_content.load().message("unavailable"), back
    assert cluster.user_texts()[sender] == ["what is Xgeva?", "what is zoledronic acid?"]
    assert flag not in cluster.user_texts()
    assert [cluster.pid(n) for n in (1, 2)] == rasa_pids and all(map(_running, rasa_pids))
    assert cluster.proc.poll() is None
    logs = "".join(p.read_text(errors="replace") for p in (cluster.base / "logs").glob("rasa-*.log"))
    assert "Tracker store unreachable" in logs and "Traceback" not in logs.split("Tracker store unreachable")[1][:300]


def test_kill_minus_9_of_a_replica_under_load_loses_and_reorders_nothing(cluster):
    senders = [f"load-{n}-{uuid.uuid4().hex[:6]}" for n in range(20)]
    sent: Dict[str, List[str]] = {s: [] for s in senders}
    done, killed_at, recovered, latency = [0], [0.0], [], {"before": [], "after": []}
    lock = threading.Lock()

    def converse(sender: str) -> None:
        for text in CONVERSATION:
            time.sleep(THINK_SECONDS)
            failed_at, why = None, ""
            while True:
                try:
                    asked = time.monotonic()
                    if say(cluster.rest, sender, text):
                        latency["after" if killed_at[0] else "before"].append(time.monotonic() - asked)
                        break
                    why = "empty reply"
                except requests.RequestException as error:
                    why = type(error).__name__ + str(getattr(error.response, "status_code", ""))
                failed_at = failed_at or time.monotonic()
                assert time.monotonic() - failed_at < 30, f"{sender}: {text!r} never went through"
                time.sleep(0.3)
            with lock:
                sent[sender].append(text)
                done[0] += 1
                if failed_at:
                    recovered.append((round(time.monotonic() - max(failed_at, killed_at[0]), 1), why))

    def killer() -> None:
        wait_until(lambda: done[0] >= len(senders) * len(CONVERSATION) // 2, timeout=120, interval=0.05)
        killed_at[0] = time.monotonic()
        os.kill(cluster.pid(1), signal.SIGKILL)

    with ThreadPoolExecutor(max_workers=len(senders) + 1) as pool:
        kill = pool.submit(killer)
        for future in [pool.submit(converse, s) for s in senders]:
            future.result()
        kill.result()
    assert killed_at[0], "the replica was never killed"
    for when, seconds in latency.items():  # figures for docs/cluster.md (pytest -s shows them)
        seconds.sort()
        print(f"latency {when} the kill: n={len(seconds)} p50={seconds[len(seconds) // 2]:.2f}s max={seconds[-1]:.2f}s")
    print(f"recovery of the failed requests (s, first error): {sorted(recovered)}")
    assert all(len(texts) == len(CONVERSATION) for texts in sent.values())
    stored = cluster.user_texts()
    for sender in senders:
        assert stored.get(sender) == sent[sender], sender  # each message once, in the order sent
    assert max((seconds for seconds, _why in recovered), default=0) <= 10, recovered


def test_postgresql_reads_one_session_from_its_indexes(cluster):
    """Long conversations (bot/serve/sessions.py, bot/serve/tracker_indexes.py) on the cluster's PostgreSQL:
    the replicas created the indexes, Rasa loads only the latest session of a long conversation, and
    the planner finds that session's start from the index."""
    import psycopg2
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.serve import tracker_indexes
    from tests.test_long_conversation import conversation

    domain = Domain.load(str(ROOT / "domain.yml"))
    store = SQLTrackerStore(domain=domain, host=engines.Postgres(cluster.base).url)
    sender, now = f"long-{uuid.uuid4().hex}", time.time()
    events = conversation(400, now) + conversation(2, now + 1)
    try:
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events, domain.slots)))
        loaded = asyncio.run(store.retrieve(sender))
        assert sum(isinstance(e, UserUttered) for e in loaded.events) == 2
        full = asyncio.run(store.retrieve_full_tracker(sender))
        assert sum(isinstance(e, UserUttered) for e in full.events) == 402  # nothing lost
    finally:
        store.engine.dispose()  # PostgreSQL stops only when its clients are gone (fixture teardown)
    db = psycopg2.connect(engines.Postgres(cluster.base).dsn())
    try:
        with db, db.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'events'")
            assert {name for name, _ in tracker_indexes.INDEXES} <= {row[0] for row in cursor.fetchall()}
            cursor.execute("ANALYZE events")
            cursor.execute(
                "EXPLAIN SELECT max(timestamp) FROM events WHERE sender_id = %s AND type_name = %s",
                (sender, "session_started"),
            )
            assert "ix_events_sender_type_time" in " ".join(row[0] for row in cursor.fetchall())
    finally:
        db.close()
