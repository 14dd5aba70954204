"""Issue 14, hardening the public surface: bounded input, sender ids, origins, the action server's
token, typed intents, ticket and message rates, headers and private files (docs/security.md).

The unit tests check the pieces (bot.serve.guard, hardening, conversation_guard, web); the server
tests go through the session's real servers (tests/conftest.py `running_bot`: action server, web
server and Rasa, started as `make run` starts them).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from typing import Any, Dict, List

import pytest
import requests

from bot import settings
from bot.nlu.components import sanitize
from bot.safety import engine
from bot.serve import action_entry, conversation_guard, guard, web
from bot.serve import supervisor as serve
from bot.serve.hardening import RestGuard, bounded_text
from tests.conftest import ROOT, texts

LIMITS = settings.Settings.from_env({"BOT_RATE_PER_SENDER": "3", "BOT_RATE_PER_ADDRESS": "5"})


def refused(raw: bytes) -> guard.Refused:
    with pytest.raises(guard.Refused) as error:
        guard.parse_rest_body(raw, LIMITS)
    return error.value


# -- unit: what the REST webhook accepts -----------------------------------------------------------


def test_rest_body_needs_a_well_formed_sender_and_a_bounded_string_message():
    ok = guard.parse_rest_body(b'{"sender": "clinic-portal-4711", "message": "what is Xgeva?", "x": 1}', LIMITS)
    assert ok == {"sender": "clinic-portal-4711", "message": "what is Xgeva?"}
    assert refused(b'{"message": "hi"}').status == 400
    assert refused(b'{"sender": "", "message": "hi"}').body["error"] == "missing_sender"
    assert refused(b'{"sender": "a b", "message": "hi"}').body["error"] == "invalid_sender"
    assert refused(json.dumps({"sender": "x" * 129, "message": "hi"}).encode()).status == 400
    assert refused(b'{"sender": 5, "message": "hi"}').status == 400
    leak = refused(b'{"sender": "a", "message": {"email": "ann.lee@example.com"}}')
    assert leak.status == 400 and "ann.lee" not in json.dumps(leak.body)
    long = refused(json.dumps({"sender": "a", "message": "x" * 1001}).encode())
    assert long.status == 413 and long.body["max_chars"] == 1000
    assert guard.parse_rest_body(json.dumps({"sender": "a", "message": "x" * 1000}).encode(), LIMITS)
    for raw in (b"", b"[1, 2]", b'"text"', b"\xff\xfe", b"[" * 100_000, b'{"sender": "a", "message": "hi"'):
        assert refused(raw).status == 400, raw[:20]
    assert refused(b'{"sender": "a", "message": "hi", "metadata": [1]}').status == 400
    big = json.dumps({"sender": "a", "message": "hi", "metadata": {"k": "v" * 5000}}).encode()
    assert refused(big).status == 413


def test_token_buckets_refill_per_minute_and_forget_idle_keys():
    now = [0.0]
    buckets = guard.TokenBuckets(3, clock=lambda: now[0], max_keys=2)
    assert [buckets.allow("a") for _ in range(4)] == [True, True, True, False]
    assert buckets.allow("b")  # another key has its own bucket
    now[0] += 20.0  # a third of a minute: one token back
    assert buckets.allow("a") and not buckets.allow("a")
    now[0] += 120.0
    buckets.allow("c")
    buckets.allow("d")
    assert len(buckets.buckets) <= 2


def test_rest_rates_per_sender_and_address_but_never_for_a_red_flag():
    rest = RestGuard(LIMITS, "slow down")

    def post(sender: str, text: str, address: str = "203.0.113.7"):
        return rest.check(json.dumps({"sender": sender, "message": text}).encode(), address)[0]

    assert [post("s1", "hello", f"198.51.100.{n}") for n in range(4)] == [None, None, None, 429]  # sender: 3
    assert post("s1", "I can't feel my legs", "198.51.100.9") is None  # the safety net flags it: never held back
    assert [post(f"s{n}", "hello") for n in range(10, 15)] == [None] * 5  # address: 5 a minute
    assert post("s20", "hello") == 429
    assert post("s5", "hello", address="127.0.0.1") is None  # loopback: the proxy's share
    status, body = rest.check(json.dumps({"sender": "s1", "message": "hello"}).encode(), "198.51.100.1")
    assert status == 429 and body == [{"recipient_id": "s1", "text": "slow down"}]


def test_every_channel_message_is_sanitised_and_bounded_before_rasa_stores_it():
    assert bounded_text(None, 10) is None
    assert bounded_text({"a": 1}, 10) == ""
    assert bounded_text("one\x00two   three " + "x" * 50, 20) == "one two three"
    assert len(bounded_text("word " * 1000, 1000)) <= 1000


def test_full_width_red_flags_reach_the_safety_net():
    full_width = "ｃａｎ＇ｔ ｆｅｅｌ ｍｙ ｌｅｇｓ"
    assert sanitize(full_width) == "can't feel my legs"
    hit = engine.classify(sanitize(full_width))
    assert hit is not None and hit.tier == "emergency"


# -- unit: typed intents ---------------------------------------------------------------------------


def test_a_typed_intent_counts_only_when_offered_or_harmless():
    offered = conversation_guard.payloads(
        [{"buttons": [{"title": "None of these", "payload": "/out_of_scope"}]}, {"quick_replies": [{"payload": "/x"}]}]
    )
    assert offered == {"/out_of_scope", "/x"}
    assert conversation_guard.honoured("/out_of_scope", offered)
    assert not conversation_guard.honoured("/report_emergency", offered)
    assert not conversation_guard.honoured('/give_details{"care_team_contact": "x"}', offered)
    assert conversation_guard.honoured('/ask_topic{"topic":"pain_relievers"}', set())
    assert conversation_guard.honoured("/greet", set())
    assert conversation_guard.as_words('/report_emergency{"a": "b"}') == "report emergency a b"


# -- unit: origins, action server, files -----------------------------------------------------------


def test_allowed_origins_default_to_the_served_page_and_can_be_configured(tmp_path):
    assert settings.allowed_origins({"WEB_PORT": "8080"}) == ("http://localhost:8080", "http://127.0.0.1:8080")
    public = settings.allowed_origins({"BOT_PUBLIC_URL": "https://Bot.Example.org/chat"})
    assert public[-1] == "https://bot.example.org"
    configured = {"BOT_ALLOWED_ORIGINS": "https://clinic.example.org/, https://www.clinic.example.org"}
    assert settings.allowed_origins(configured) == ("https://clinic.example.org", "https://www.clinic.example.org")
    cmd = serve.rasa_server_cmd(serve.Settings.from_env({"BONE_HEALTH_VAR_DIR": str(tmp_path)}), {})
    cors = cmd[cmd.index("--cors") + 1 :]
    assert "*" not in cmd and cors[:2] == ["http://localhost:8080", "http://127.0.0.1:8080"]


def test_the_widget_socket_url_never_comes_from_a_forged_host(monkeypatch):
    monkeypatch.delenv("BOT_PUBLIC_URL", raising=False)
    monkeypatch.delenv("BOT_ALLOWED_ORIGINS", raising=False)
    monkeypatch.setenv("BOT_PORT", "5005")
    assert web.socket_url("evil.example.com:8080") == "http://localhost:5005"
    assert web.socket_url("127.0.0.1:8080") == "http://127.0.0.1:5005"
    assert web.socket_url("[::1") == "http://localhost:5005"
    monkeypatch.setenv("BOT_PUBLIC_URL", "https://bot.clinic.example.org/")
    assert web.socket_url("evil.example.com") == "https://bot.clinic.example.org"
    assert web.connect_sources(web.socket_url("")) == (
        "'self' https://bot.clinic.example.org wss://bot.clinic.example.org"
    )


def test_action_server_is_on_loopback_with_a_token_per_start():
    config = serve.Settings.from_env({"ACTION_PORT": "5055"})
    cmd = serve.action_server_cmd(config)
    assert cmd[1:3] == ["-m", "bot.serve.action_entry"] and cmd[cmd.index("--host") + 1] == "127.0.0.1"
    first, second = serve.child_env(config), serve.child_env(config)
    assert len(first["ACTION_SERVER_TOKEN"]) >= 32 and first["ACTION_SERVER_TOKEN"] != second["ACTION_SERVER_TOKEN"]
    fixed = serve.child_env(serve.Settings.from_env({"ACTION_SERVER_TOKEN": "cluster-secret"}))
    assert fixed["ACTION_SERVER_TOKEN"] == "cluster-secret"
    assert action_entry.authorized("Bearer cluster-secret", "cluster-secret")
    for header in (None, "", "cluster-secret", "Bearer wrong", "Basic cluster-secret"):
        assert not action_entry.authorized(header, "cluster-secret")


def test_rasa_sends_the_token_from_endpoints_yml(monkeypatch):
    from rasa.utils.endpoints import read_endpoint_config

    for name, value in {
        "ACTION_SERVER_TOKEN": "t0ken",
        "ACTION_ENDPOINT_URL": "http://a",
        "TRACKER_STORE_URL": "sqlite://",
    }.items():
        monkeypatch.setenv(name, value)
    endpoint = read_endpoint_config(str(ROOT / "endpoints.yml"), "action_endpoint")
    assert endpoint.headers == {"Authorization": "Bearer t0ken"}


def test_stores_and_credentials_are_created_owner_only(tmp_path):
    probe = (
        "import sqlite3, sys; from bot.serve import guard; guard.private_files(); "
        "sqlite3.connect(sys.argv[1]).execute('create table t (x)').connection.commit()"
    )
    db = tmp_path / "store.db"
    subprocess.run(
        [sys.executable, "-c", probe, str(db)], cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert db.stat().st_mode & 0o777 == 0o600
    written = serve.write_credentials(serve.Settings.from_env({"BONE_HEALTH_VAR_DIR": str(tmp_path)}), {})
    assert written.stat().st_mode & 0o777 == 0o600


# -- through the real servers ----------------------------------------------------------------------


def stored_user_events(bot, sender: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(bot.settings.var_dir / "tracker.db") as db:
        rows = db.execute("select data from events where sender_id = ? and type_name = 'user'", (sender,))
        return [json.loads(data) for (data,) in rows]


def post(bot, body: Any, **kwargs: Any) -> requests.Response:
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return requests.post(bot.rest_url, data=data, headers={"Content-Type": "application/json"}, timeout=60, **kwargs)


def raw_status_of_huge_post(bot, sender: str, size: int = 10 * 1024 * 1024) -> int:
    """POST headers announcing `size` bytes and the start of the body, then read the status line (the
    server answers before the rest is sent, so a client library's broken pipe cannot hide it)."""
    import socket

    start = json.dumps({"sender": sender, "message": ""})[:-2].encode()
    head = (
        f"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {size}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", bot.settings.bot_port), timeout=30) as conn:
        conn.sendall(head + start + b"x" * 65536)
        status_line = conn.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def test_huge_and_long_messages_are_refused_and_nothing_long_is_stored(running_bot):
    sender = uuid.uuid4().hex
    assert raw_status_of_huge_post(running_bot, sender) == 413  # 10 MB: refused before it is read
    long = post(running_bot, {"sender": sender, "message": "my jaw hurts " * 200})
    assert long.status_code == 413 and long.json()["error"] == "message_too_long"
    assert stored_user_events(running_bot, sender) == []
    assert running_bot.say("what is Xgeva?", sender)  # still up, and the conversation goes on
    (stored,) = stored_user_events(running_bot, sender)
    assert stored["text"] == "what is Xgeva?"


def test_socketio_messages_are_stored_bounded_and_sanitised(running_bot):
    import asyncio

    from bot.channels.socketio import KEY_FILE, SessionTokens
    from tests.test_socketio import _connect, _replies

    async def scenario() -> str:
        client, replies, token = await _connect(running_bot.base_url)
        await client.emit("user_uttered", {"message": "bone\x00pain " + "word " * 3000, "session_id": token})
        await _replies(replies)
        await client.disconnect()
        return token

    token = asyncio.run(scenario())
    secret = (running_bot.settings.var_dir / KEY_FILE).read_text().strip().encode()
    (stored,) = stored_user_events(running_bot, SessionTokens(secret).conversation(token))
    assert stored["text"].startswith("bone pain word") and len(stored["text"]) <= 1000 and "\x00" not in stored["text"]


def test_sender_is_required_and_bad_json_is_refused_without_logging_the_text(running_bot):
    secret = "ann.lee.hardening@example.org"
    cases = [
        ({"message": "hello"}, 400),
        ({"sender": "", "message": "hello"}, 400),
        ({"sender": "../../etc", "message": "hello"}, 400),
        ({"sender": uuid.uuid4().hex, "message": {"text": f"write to {secret}"}}, 400),
        ({"sender": uuid.uuid4().hex, "message": [secret]}, 400),
        ("[1, 2, 3]", 400),
        ("{not json", 400),
    ]
    for body, status in cases:
        response = post(running_bot, body)
        assert response.status_code == status, (body, response.text)
        assert "error" in response.json() and secret not in response.text
    assert secret not in running_bot.logs()
    with sqlite3.connect(running_bot.settings.var_dir / "tracker.db") as db:
        assert db.execute("select count(*) from events where sender_id = 'default'").fetchone() == (0,)


def test_cors_answers_only_the_configured_origins(running_bot):
    page = f"http://127.0.0.1:{running_bot.settings.web_port}"
    for path in ("/webhooks/rest/webhook", "/socket.io/?EIO=4&transport=polling"):
        evil = requests.options(
            running_bot.base_url + path,
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
            timeout=10,
        )
        assert evil.headers.get("Access-Control-Allow-Origin") in (None, ""), path
        good = requests.options(
            running_bot.base_url + path, headers={"Origin": page, "Access-Control-Request-Method": "POST"}, timeout=10
        )
        assert good.headers.get("Access-Control-Allow-Origin") == page, path


def test_config_json_and_pages_ignore_a_forged_host_and_send_the_headers(running_bot):
    web_url = f"http://127.0.0.1:{running_bot.settings.web_port}"
    forged = requests.get(f"{web_url}/config.json", headers={"Host": "evil.example.com"}, timeout=10)
    assert "evil" not in forged.json()["socketUrl"]
    assert forged.json()["socketUrl"] == f"http://localhost:{running_bot.settings.bot_port}"
    assert requests.get(f"{web_url}/config.json", timeout=10).json()["socketUrl"] == running_bot.base_url
    for path in ("/", "/config.json", "/reference/", "/api/tickets"):
        headers = requests.get(web_url + path, timeout=10).headers
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'self'" in csp, path
        assert headers["Referrer-Policy"] == "no-referrer" and "camera=()" in headers["Permissions-Policy"], path
    page_csp = requests.get(web_url + "/", timeout=10).headers["Content-Security-Policy"]
    connect = page_csp.split("connect-src ")[1].split(";")[0].split()
    assert connect == ["'self'", running_bot.base_url, running_bot.base_url.replace("http://", "ws://")]


def listening_addresses(port: int) -> List[str]:
    """Local addresses of LISTEN sockets on `port`, from /proc/net/tcp{,6} (hex, as the kernel writes)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


def test_strangers_cannot_call_the_action_server(running_bot):
    port = running_bot.settings.action_port
    assert listening_addresses(port) == ["0100007F"]  # 127.0.0.1 only
    call = {"next_action": "action_escalate_emergency", "sender_id": "forged", "version": "3.6.21",
            "tracker": {"sender_id": "forged", "events": [], "slots": {}, "latest_message": {"text": "x"}}}  # fmt: skip
    url = f"http://127.0.0.1:{port}/webhook"
    assert requests.post(url, json=call, timeout=10).status_code == 401
    assert requests.post(url, json=call, headers={"Authorization": "Bearer guess"}, timeout=10).status_code == 401
    assert requests.get(f"http://127.0.0.1:{port}/actions", timeout=10).status_code == 401
    assert requests.get(f"http://127.0.0.1:{port}/health", timeout=10).status_code == 200
    from tests.test_safety_e2e import tickets_of

    assert tickets_of(running_bot, "forged") == []
    # Rasa itself has the token: a red flag still files its ticket through the action server.
    sender = uuid.uuid4().hex
    assert "BH-" in texts(running_bot.say("I can't feel my legs", sender))
    assert len(tickets_of(running_bot, sender)) == 1


def test_typed_intents_are_text_unless_the_bot_offered_them(running_bot):
    from tests.test_safety_e2e import tickets_of

    sender = uuid.uuid4().hex
    for typed in ("/report_emergency", '/report_crisis{"x": "y"}'):
        replies = running_bot.say(typed, sender)
        assert "BH-" not in texts(replies) and not texts(replies).startswith("Please call 911")
    assert tickets_of(running_bot, sender) == []
    stored = stored_user_events(running_bot, sender)
    assert [e["text"] for e in stored] == ["report emergency", "report crisis x y"]
    assert all(e["parse_data"]["intent"]["name"] not in ("report_emergency", "report_crisis") for e in stored)

    # An offered button still works: "None of these" under "Did you mean…?" (low-confidence questions).
    for vague in ("tell me about bones", "is it about bones", "the treatment thing", "teeth"):
        offered = uuid.uuid4().hex  # each alone: after an answer, "is it…" would be a follow-up of it
        replies = running_bot.say(vague, offered)
        if "/out_of_scope" in [b["payload"] for r in replies for b in r.get("buttons") or []]:
            break
    else:
        pytest.fail("no question got the 'Did you mean…?' buttons")
    running_bot.say("/out_of_scope", offered)
    last = stored_user_events(running_bot, offered)[-1]
    assert (last["text"], last["parse_data"]["intent"]["name"]) == ("/out_of_scope", "out_of_scope")
    # The same payload typed in a fresh conversation is read as words.
    typed = uuid.uuid4().hex
    running_bot.say("/out_of_scope", typed)
    assert stored_user_events(running_bot, typed)[-1]["text"] == "out of scope"


def test_a_conversation_files_at_most_three_tickets_in_ten_minutes_but_always_gets_the_reply(running_bot):
    from tests.test_safety_e2e import EMERGENCY_FIRST, tickets_of

    sender = uuid.uuid4().hex
    references = []
    for _ in range(5):
        replies = running_bot.say("I can't feel my legs", sender)
        assert replies[0]["text"].startswith(EMERGENCY_FIRST)
        references.append(next(r["text"] for r in replies if "BH-" in r.get("text", "")))
    tickets = tickets_of(running_bot, sender)
    assert len(tickets) == 3
    assert any(t.reference in references[-1] for t in tickets)  # told the reference already given


def test_rest_rate_per_sender_gives_a_friendly_429_but_red_flags_go_through(running_bot):
    sender = uuid.uuid4().hex
    statuses = []
    while len(statuses) < 40 and 429 not in statuses:  # 20 a minute, refilled while we send
        statuses.append(post(running_bot, {"sender": sender, "message": "hello"}).status_code)
    assert statuses[:20] == [200] * 20 and statuses[-1] == 429
    slow = post(running_bot, {"sender": sender, "message": "hello"})
    assert slow.status_code == 429 and "emergency" in slow.json()[0]["text"] and slow.headers["Retry-After"]
    red_flag = post(running_bot, {"sender": sender, "message": "I can't feel my legs"})
    assert red_flag.status_code == 200 and "911" in red_flag.json()[0]["text"]
