"""Care-team tickets with real components: a SQLite store, a real HTTP receiver that checks the HMAC
signature, a real SMTP server (aiosmtpd), the CLI and the web server run as processes."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, List

import pytest
import requests
from aiosmtpd.controller import Controller

from bot.serve import supervisor as serve
from bot.tickets import Ticket, TicketRequest, TicketService, TicketStoreError, normalise_reference
from bot.tickets.notify import NotifyConfig
from bot.tickets.records import REFERENCE_ALPHABET
from bot.tickets.store import TicketStore
from tests.conftest import ROOT, free_port, wait_until

SECRET = "test-webhook-secret-7f3a"
SECRET_WORDS = "my jaw bone is showing through the gum"  # message text that must never reach a log
PHONE = "+1 555 0100 999"


# -- the care team's systems, for real -----------------------------------------------------------


class WebhookReceiver:
    """A real HTTP server on a fixed port; can be stopped and restarted; records what it accepted."""

    def __init__(self, port: int, secret: str) -> None:
        self.port, self.secret = port, secret
        self.accepted: List[Dict[str, Any]] = []  # 2xx answers only
        self.rejected: List[Dict[str, Any]] = []  # answered with an error
        self.fail_next = 0  # answer the next N requests with HTTP 500
        self.delay = 0.0  # seconds before answering (a slow care-team system)
        self._server: ThreadingHTTPServer = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/care-team/hook"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(receiver.delay)
                expected = "sha256=" + hmac.new(receiver.secret.encode(), body, hashlib.sha256).hexdigest()
                record = {
                    "body": body,
                    "json": json.loads(body),
                    "path": self.path,
                    "key": self.headers.get("X-Idempotency-Key"),
                    "signature_ok": hmac.compare_digest(expected, self.headers.get("X-BoneHealth-Signature", "")),
                }
                with receiver._lock:
                    if receiver.fail_next > 0:
                        receiver.fail_next -= 1
                        code = 500
                    else:
                        code = 200 if record["signature_ok"] else 401
                    (receiver.accepted if code == 200 else receiver.rejected).append(record)
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def keys(self) -> Counter:
        with self._lock:
            return Counter(r["key"] for r in self.accepted)


class Mailbox:
    def __init__(self) -> None:
        self.messages: List[email.message.EmailMessage] = []
        self.recipients: List[List[str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd hook)
        self.messages.append(
            email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        )
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"

    def references(self) -> Counter:
        return Counter(m["X-BoneHealth-Reference"] for m in self.messages)


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.mailbox = Mailbox()
        self._controller: Controller = None

    def start(self) -> None:
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


@pytest.fixture
def receiver():
    rec = WebhookReceiver(free_port(), SECRET)
    rec.start()
    yield rec
    try:
        rec.stop()
    except Exception:  # noqa: BLE001 - already stopped by the test
        pass


@pytest.fixture
def smtp():
    server = SmtpServer(free_port())
    server.start()
    yield server
    try:
        server.stop()
    except Exception:  # noqa: BLE001
        pass


@pytest.fixture
def env(tmp_path, receiver, smtp) -> Dict[str, str]:
    return {
        "TICKET_DB_URL": f"sqlite:///{tmp_path / 'tickets.db'}",
        "CARE_TEAM_WEBHOOK_URL": receiver.url,
        "CARE_TEAM_WEBHOOK_SECRET": SECRET,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp.port),
        "CARE_TEAM_EMAIL_TO": "care-team@clinic.test, nurse@clinic.test",
        "CARE_TEAM_EMAIL_FROM": "bone-health@clinic.test",
        "TICKET_RETRY_BASE_SECONDS": "0.2",
        "TICKET_RETRY_MAX_SECONDS": "1",
        "TICKET_POLL_SECONDS": "0.5",
        "TICKET_NOTIFY_TIMEOUT": "3",
    }


@pytest.fixture
def services():
    """Services started by a test; stopped (worker threads joined) afterwards."""
    started: List[TicketService] = []
    yield started
    for service in started:
        service.shutdown()


def make(env: Dict[str, str], services: List[TicketService]) -> TicketService:
    service = TicketService.from_env(env)
    services.append(service)
    return service


def request(n: int = 0, tier: str = "urgent", contact: bool = True) -> TicketRequest:
    return TicketRequest(
        tier=tier,
        category="jaw_osteonecrosis",
        channel="rest",
        conversation_id=f"conv-{n}",
        contact={"name": "Ann Example", "method": "phone", "value": PHONE, "best_time": "mornings"}
        if contact
        else None,
        trigger_message=f"{SECRET_WORDS} ({n})",
        recent_messages=[f"earlier message {i}" for i in range(7)] + [f"{SECRET_WORDS} ({n})"],
    )


def run_cli(env: Dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.tickets", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
    )


# -- the request and the reference ----------------------------------------------------------------


def test_request_keeps_at_most_the_last_five_messages_and_contact_only_when_given():
    cleaned = request(1).cleaned()
    assert cleaned.recent_messages == [
        "earlier message 3",
        "earlier message 4",
        "earlier message 5",
        "earlier message 6",
        f"{SECRET_WORDS} (1)",
    ]
    assert cleaned.contact == {"name": "Ann Example", "method": "phone", "value": PHONE, "best_time": "mornings"}
    assert request(1, contact=False).cleaned().contact is None
    with pytest.raises(ValueError):
        TicketRequest(tier="whenever", category="x", channel="rest", conversation_id="c").cleaned()


def test_references_are_unambiguous_and_read_back_forgivingly(tmp_path, services):
    service = make({"TICKET_DB_URL": f"sqlite:///{tmp_path / 't.db'}"}, services)
    refs = {service.file(request(n, contact=False)).reference for n in range(30)}
    assert len(refs) == 30
    for ref in refs:
        assert re.fullmatch(rf"BH-[{REFERENCE_ALPHABET}]{{6}}", ref), ref
        assert not set(ref[3:]) & set("01OIL")
    some = sorted(refs)[0]
    assert service.get(some.lower().replace("-", " ")).reference == some
    assert normalise_reference("7k3qx9") == "BH-7K3QX9"


def test_backoff_doubles_up_to_the_cap():
    config = NotifyConfig(webhook=None, email=None, retry_base=2, retry_max=60)
    assert [config.backoff(n) for n in range(1, 8)] == [2, 4, 8, 16, 32, 60, 60]
    assert config.backoff(10_000) == 60


def test_destinations_only_when_configured():
    assert NotifyConfig.from_env({}).destinations == []
    assert NotifyConfig.from_env({"CARE_TEAM_WEBHOOK_URL": "http://x"}).destinations == ["webhook"]
    assert NotifyConfig.from_env({"SMTP_HOST": "mail"}).destinations == []  # no recipient
    assert NotifyConfig.from_env({"SMTP_HOST": "mail", "CARE_TEAM_EMAIL_TO": "a@b.c"}).destinations == ["email"]


# -- durable first, then notified; exactly once across receiver and worker restarts ------------


def test_every_ticket_delivered_exactly_once_across_outages_and_worker_restart(env, receiver, smtp, services, caplog):
    caplog.set_level(logging.DEBUG)
    service = make(env, services)

    # 1. Both systems up: three tickets go out at once (file() only wakes the worker).
    first = [service.file(request(n)) for n in range(3)]
    assert wait_until(lambda: len(receiver.accepted) == 3 and len(smtp.mailbox.messages) == 3, timeout=30)

    # 2. Both systems down: tickets are still stored and get their reference.
    receiver.stop()
    smtp.stop()
    second = [service.file(request(n, tier="emergency")) for n in range(3, 6)]
    assert all(t.reference.startswith("BH-") for t in second)
    assert all(service.get(t.reference).status == "open" for t in second)

    def failed_twice() -> bool:
        rows = [d for t in second for d in service.deliveries(t)]
        return len(rows) == 6 and all(d.attempts >= 2 and d.delivered_at is None and d.last_error for d in rows)

    assert wait_until(failed_twice, timeout=30), [service.deliveries(t) for t in second]

    # 3. The worker restarts (a new service, as after an action-server restart), the systems come back.
    service.shutdown()
    receiver.start()
    smtp.start()
    restarted = make(env, services)
    assert restarted is not service
    restarted.start_worker()  # catches up without a new ticket being filed
    assert wait_until(
        lambda: len(receiver.accepted) >= 6 and len(smtp.mailbox.messages) >= 6 and restarted.pending() == 0, timeout=30
    )

    # 4. A separate `deliver` run finds nothing left to send.
    result = run_cli(env, "deliver")
    assert result.returncode == 0, result.stderr
    assert "delivered 0; 0 notification(s) still pending" in result.stdout

    tickets = first + second
    keys = receiver.keys()
    assert sorted(keys) == sorted(f"{t.id}-webhook" for t in tickets)
    assert set(keys.values()) == {1}, keys  # exactly once each
    assert all(r["signature_ok"] for r in receiver.accepted)
    assert smtp.mailbox.references() == Counter({t.reference: 1 for t in tickets})
    assert not receiver.rejected

    # Content: what the care team needs.
    by_ref = {r["json"]["ticket"]["reference"]: r for r in receiver.accepted}
    for ticket in tickets:
        record = by_ref[ticket.reference]
        sent = record["json"]["ticket"]
        assert record["key"] == record["json"]["idempotency_key"] == f"{ticket.id}-webhook"
        assert sent["tier"] == ticket.tier and sent["category"] == "jaw_osteonecrosis"
        assert sent["trigger_message"] == ticket.trigger_message
        assert sent["contact"]["value"] == PHONE
        assert len(sent["recent_messages"]) == 5
        assert sent["conversation_id"] == ticket.conversation_id and sent["channel"] == "rest"
    for message in smtp.mailbox.messages:
        ref = message["X-BoneHealth-Reference"]
        assert ref in message["Subject"]
        assert SECRET_WORDS not in message["Subject"] and PHONE not in message["Subject"]
        body = message.get_content()
        assert ref in body and PHONE in body and SECRET_WORDS in body
        assert message["Message-ID"].startswith("<") and message["X-Idempotency-Key"].endswith("-email")
    assert all(sorted(r) == ["care-team@clinic.test", "nurse@clinic.test"] for r in smtp.mailbox.recipients)

    # Privacy: at INFO and above, references and tiers only.
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert SECRET_WORDS not in logged and PHONE not in logged and "Ann Example" not in logged
    assert first[0].reference in logged


def test_a_failed_attempt_is_retried_with_the_same_bytes_and_key(env, receiver, smtp, services):
    receiver.fail_next = 2
    service = make(env, services)
    ticket = service.file(request(7))
    assert wait_until(lambda: len(receiver.accepted) == 1 and service.pending() == 0, timeout=30)
    assert len(receiver.rejected) == 2
    bodies = {r["body"] for r in receiver.rejected + receiver.accepted}
    assert len(bodies) == 1  # identical retries
    assert {r["key"] for r in receiver.rejected + receiver.accepted} == {f"{ticket.id}-webhook"}
    delivery = next(d for d in service.deliveries(ticket) if d.destination == "webhook")
    assert delivery.delivered_at is not None and delivery.attempts == 3


def test_two_workers_on_one_store_never_send_twice(env, receiver, smtp, services, tmp_path):
    config = NotifyConfig.from_env(env)
    workers = [TicketService(TicketStore(env["TICKET_DB_URL"]), config, poll_interval=0.2) for _ in range(2)]
    services.extend(workers)
    for worker in workers:
        worker.start_worker()
    tickets = [workers[n % 2].file(request(n, contact=False)) for n in range(10)]
    assert wait_until(
        lambda: len(receiver.accepted) >= 10 and len(smtp.mailbox.messages) >= 10 and workers[0].pending() == 0,
        timeout=60,
    )
    assert receiver.keys() == Counter({f"{t.id}-webhook": 1 for t in tickets})
    assert smtp.mailbox.references() == Counter({t.reference: 1 for t in tickets})


def test_file_returns_while_the_care_team_system_is_unreachable(tmp_path, services):
    dead_port = free_port()  # nothing listens here
    env = {
        "TICKET_DB_URL": f"sqlite:///{tmp_path / 'tickets.db'}",
        "CARE_TEAM_WEBHOOK_URL": f"http://127.0.0.1:{dead_port}/hook",
        "CARE_TEAM_WEBHOOK_SECRET": SECRET,
        "TICKET_RETRY_BASE_SECONDS": "0.2",
        "TICKET_RETRY_MAX_SECONDS": "1",
        "TICKET_NOTIFY_TIMEOUT": "2",
    }
    service = make(env, services)
    ticket = service.file(request(1))
    assert service.get(ticket.reference).trigger_message == ticket.trigger_message
    assert wait_until(lambda: service.deliveries(ticket)[0].attempts >= 1, timeout=30)
    delivery = service.deliveries(ticket)[0]
    assert delivery.delivered_at is None and "unreachable" in delivery.last_error
    assert service.pending() == 1


def test_a_webhook_without_a_secret_is_never_sent_unsigned(tmp_path, receiver, services):
    env = {
        "TICKET_DB_URL": f"sqlite:///{tmp_path / 'tickets.db'}",
        "CARE_TEAM_WEBHOOK_URL": receiver.url,
        "TICKET_RETRY_BASE_SECONDS": "0.2",
        "TICKET_RETRY_MAX_SECONDS": "1",
    }
    service = make(env, services)
    ticket = service.file(request(1))
    assert wait_until(
        lambda: (service.deliveries(ticket)[0].last_error or "").startswith("CARE_TEAM_WEBHOOK_SECRET"), timeout=30
    )
    assert receiver.accepted == [] and receiver.rejected == []


# -- the store cannot be written ---------------------------------------------------------------


def test_unwritable_store_raises_without_the_message_in_the_log(tmp_path, services, caplog):
    caplog.set_level(logging.DEBUG)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the store's directory should be")
    service = make({"TICKET_DB_URL": f"sqlite:///{blocker / 'tickets.db'}"}, services)
    with pytest.raises(TicketStoreError) as raised:
        service.file(request(1))
    assert SECRET_WORDS not in str(raised.value) and PHONE not in str(raised.value)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and "urgent" in errors[-1].getMessage()
    assert all(SECRET_WORDS not in r.getMessage() and PHONE not in r.getMessage() for r in caplog.records)


def test_read_only_store_raises_on_write_and_logs_no_text(tmp_path, services, caplog):
    path = tmp_path / "tickets.db"
    make({"TICKET_DB_URL": f"sqlite:///{path}"}, services).file(request(0, contact=False))
    read_only = make({"TICKET_DB_URL": f"sqlite:///file:{path}?mode=ro&uri=true"}, services)
    assert len(read_only.list()) == 1  # reading still works
    caplog.set_level(logging.DEBUG)
    with pytest.raises(TicketStoreError) as raised:
        read_only.file(request(1))
    text = str(raised.value) + "".join(str(a) for a in raised.value.__cause__.args)
    assert SECRET_WORDS not in text and PHONE not in text  # the engine hides bound parameters
    assert all(SECRET_WORDS not in r.getMessage() for r in caplog.records)
    assert len(read_only.list()) == 1


# -- the care team's tools -----------------------------------------------------------------------


def test_cli_list_show_ack_close(tmp_path, services):
    env = {"TICKET_DB_URL": f"sqlite:///{tmp_path / 'tickets.db'}"}
    service = make(env, services)
    a = service.file(request(1, tier="crisis"))
    b = service.file(request(2, contact=False))

    listed = run_cli(env, "list", "--status", "open")
    assert listed.returncode == 0, listed.stderr
    assert a.reference in listed.stdout and b.reference in listed.stdout and "crisis" in listed.stdout
    assert SECRET_WORDS not in listed.stderr

    shown = run_cli(env, "show", a.reference.lower())
    assert shown.returncode == 0, shown.stderr
    assert a.reference in shown.stdout and PHONE in shown.stdout and SECRET_WORDS in shown.stdout
    assert "none configured" in shown.stdout

    acked = run_cli(env, "ack", a.reference, "--by", "Nurse Kim")
    assert acked.returncode == 0 and "acknowledged by Nurse Kim" in acked.stdout
    assert service.get(a.reference).status == "acknowledged"
    assert service.get(a.reference).acknowledged_by == "Nurse Kim"
    again = run_cli(env, "ack", a.reference, "--by", "Someone Else")
    assert again.returncode == 0 and "already acknowledged by Nurse Kim" in again.stdout

    still_open = json.loads(run_cli(env, "list", "--status", "open", "--json").stdout)
    assert [t["reference"] for t in still_open] == [b.reference]
    acked_list = json.loads(run_cli(env, "list", "--status", "acknowledged", "--json").stdout)
    assert [t["reference"] for t in acked_list] == [a.reference]

    closed = run_cli(env, "close", b.reference, "--by", "Dr Lee")
    assert closed.returncode == 0 and service.get(b.reference).status == "closed"
    assert run_cli(env, "ack", b.reference, "--by", "Nurse Kim").returncode == 1  # closed stays closed

    missing = run_cli(env, "show", "BH-ZZZZZZ")
    assert missing.returncode == 1 and "No ticket BH-ZZZZZZ" in missing.stderr
    details = json.loads(run_cli(env, "show", a.reference, "--json").stdout)
    assert details["status"] == "acknowledged" and details["deliveries"] == []


def test_cli_reports_an_unusable_store(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli({"TICKET_DB_URL": f"sqlite:///{blocker / 'tickets.db'}"}, "list")
    assert result.returncode == 3 and "Ticket store error" in result.stderr


def start_web(tmp_path: Path, env: Dict[str, str]) -> subprocess.Popen:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.serve.web", "--port", str(port), "--host", "127.0.0.1"],
        cwd=ROOT,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT), "BONE_HEALTH_VAR_DIR": str(tmp_path)},
    )
    serve.wait_http(f"http://127.0.0.1:{port}/", 30, proc)
    proc.url = f"http://127.0.0.1:{port}/api/tickets"
    return proc


def test_tickets_endpoint_needs_the_token(tmp_path, services):
    token = "care-team-token-0a9b8c"
    env = {"TICKET_DB_URL": f"sqlite:///{tmp_path / 'tickets.db'}"}
    service = make(env, services)
    a = service.file(request(1))
    b = service.file(request(2, tier="emergency"))
    service.acknowledge(a.reference, "Nurse Kim")

    web = start_web(tmp_path, {**env, "CARE_TEAM_API_TOKEN": token})
    off = start_web(tmp_path, env)  # CARE_TEAM_API_TOKEN unset: the endpoint does not exist
    try:
        assert requests.get(web.url + "?status=open", timeout=10).status_code == 401
        wrong = requests.get(web.url + "?status=open", headers={"Authorization": "Bearer nope"}, timeout=10)
        assert wrong.status_code == 401 and wrong.headers["WWW-Authenticate"].startswith("Bearer")
        assert SECRET_WORDS not in wrong.text
        auth = {"Authorization": f"Bearer {token}"}
        ok = requests.get(web.url + "?status=open", headers=auth, timeout=10)
        assert ok.status_code == 200 and ok.headers["Cache-Control"] == "no-store"
        body = ok.json()
        assert [t["reference"] for t in body["tickets"]] == [b.reference] and body["count"] == 1
        assert body["tickets"][0]["tier"] == "emergency"
        assert body["tickets"][0]["contact"]["value"] == PHONE
        assert body["tickets"][0]["trigger_message"] == b.trigger_message
        everything = requests.get(web.url + "?status=all", headers=auth, timeout=10).json()
        assert {t["reference"] for t in everything["tickets"]} == {a.reference, b.reference}
        assert requests.get(web.url + "?status=bogus", headers=auth, timeout=10).status_code == 400
        assert requests.get(off.url + "?status=open", headers=auth, timeout=10).status_code == 404
        assert requests.get(web.url.replace("/api/tickets", "/config.json"), timeout=10).status_code == 200
    finally:
        for proc in (web, off):
            proc.terminate()
            proc.wait(timeout=10)


def test_ticket_fields_round_trip(tmp_path, services):
    service = make({"TICKET_DB_URL": f"sqlite:///{tmp_path / 'tickets.db'}"}, services)
    filed = service.file(request(3, tier="care_team"))
    stored = service.get(filed.reference)
    assert isinstance(stored, Ticket) and stored == filed
    assert stored.status == "open" and stored.acknowledged_by is None
    assert stored.to_dict()["created_at"].endswith("Z")


# -- PostgreSQL (optional backend): a real server, started for this module -----------------------


def _pg_binary(name: str) -> str:
    import glob
    import shutil

    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    return found or ""


@pytest.fixture(scope="module")
def postgres_url():
    import pwd
    import shutil
    import tempfile

    initdb, pg_ctl = _pg_binary("initdb"), _pg_binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL is not installed (optional backend; SQLite is the default)")
    as_user: List[str] = []
    base = Path(tempfile.mkdtemp(prefix="bh-pg-"))
    if os.geteuid() == 0:  # postgres refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run PostgreSQL as")
        os.chown(base, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", free_port()
    subprocess.run(
        as_user + [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        as_user
        + [
            pg_ctl,
            "-D",
            str(data),
            "-l",
            str(base / "log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_user + [pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def test_postgresql_store_files_delivers_once_and_acknowledges(postgres_url, receiver, smtp, env, services):
    env = {**env, "TICKET_DB_URL": postgres_url}
    config = NotifyConfig.from_env(env)
    workers = [TicketService(TicketStore(postgres_url), config, poll_interval=0.2) for _ in range(2)]
    services.extend(workers)
    for worker in workers:
        worker.start_worker()
    tickets = [workers[n % 2].file(request(n)) for n in range(6)]
    assert wait_until(
        lambda: len(receiver.accepted) >= 6 and len(smtp.mailbox.messages) >= 6 and workers[1].pending() == 0,
        timeout=60,
    )
    assert receiver.keys() == Counter({f"{t.id}-webhook": 1 for t in tickets})
    assert all(r["signature_ok"] for r in receiver.accepted)
    stored = workers[1].get(tickets[0].reference)
    assert stored == tickets[0] and stored.contact["value"] == PHONE
    workers[0].acknowledge(tickets[0].reference, "Nurse Kim")
    assert {t.reference for t in workers[1].list(status="open")} == {t.reference for t in tickets[1:]}
    listed = run_cli(env, "list", "--status", "acknowledged", "--json")
    assert [t["reference"] for t in json.loads(listed.stdout)] == [tickets[0].reference], listed.stderr


def test_deliver_loop_process_sends_what_a_dead_process_left_in_the_outbox(env, receiver, smtp):
    # Tickets committed with their outbox rows by a process that died before sending anything.
    store = TicketStore(env["TICKET_DB_URL"])
    left = [store.insert(request(n).cleaned(), ["webhook", "email"], TicketService._payload) for n in range(3)]
    store.dispose()
    assert receiver.accepted == []

    loop = subprocess.Popen(
        [sys.executable, "-m", "bot.tickets", "deliver", "--loop"],
        cwd=ROOT,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_until(lambda: len(receiver.accepted) >= 3 and len(smtp.mailbox.messages) >= 3, timeout=60)
    finally:
        loop.terminate()
        _out, err = loop.communicate(timeout=30)
    assert loop.returncode == 0, err
    assert receiver.keys() == Counter({f"{t.id}-webhook": 1 for t in left})
    assert smtp.mailbox.references() == Counter({t.reference: 1 for t in left})
    assert SECRET_WORDS not in err and PHONE not in err  # its log: references and tiers only
    assert all(t.reference in err for t in left)


def test_two_deliver_loops_and_the_action_servers_thread_on_postgresql_send_each_once(
    postgres_url, receiver, smtp, env, services, tmp_path
):
    """Issue 13: `python -m bot.tickets deliver --loop` twice (two hosts of a cluster) and the action
    server's own delivery thread (started by `file()`), all on one PostgreSQL outbox, with a slow
    receiver: every notification is sent exactly once, and the loop processes did take a share."""
    env = {**env, "TICKET_DB_URL": postgres_url, "TICKET_POLL_SECONDS": "0.2"}
    receiver.delay = 0.05
    logs = [tmp_path / f"loop-{n}.log" for n in range(2)]
    loops = []
    for log in logs:
        with open(log, "w") as out:
            loops.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bot.tickets", "deliver", "--loop"],
                    cwd=ROOT,
                    env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        assert wait_until(lambda: all("loop started" in log.read_text() for log in logs), timeout=60)
        filing = make(env, services)  # the action server's service: its first file() starts its thread
        tickets = [filing.file(request(n, contact=False)) for n in range(30)]
        assert wait_until(
            lambda: len(receiver.accepted) >= 30 and len(smtp.mailbox.messages) >= 30 and filing.pending() == 0,
            timeout=120,
        )
        time.sleep(1.5)  # a late second send would arrive now
    finally:
        for loop in loops:
            loop.terminate()
        for loop in loops:
            loop.wait(timeout=30)
    assert receiver.keys() == Counter({f"{t.id}-webhook": 1 for t in tickets})
    assert receiver.rejected == []
    assert smtp.mailbox.references() == Counter({t.reference: 1 for t in tickets})
    by_loops = sum(log.read_text().count("delivered to") for log in logs)
    assert 0 < by_loops < 60, by_loops  # the loops and the action server's thread shared the work
