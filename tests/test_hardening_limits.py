"""Issue 14, the limits per client address: tickets across conversations, socket.io message rates,
token guessing, and HSTS over TLS (docs/security.md).

The server tests use `proxied_bot` (tests/conftest.py): the real servers started as `make run` starts
them, behind one trusted proxy (TRUSTED_PROXY_HOPS=1), so each test names its client address in
`X-Forwarded-For` (documentation ranges, RFC 5737), with small limits: 2 tickets and 3 wrong tokens
per address, 5 messages a minute per conversation, 8 per address.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import uuid
from typing import Any, Dict, List

import requests

from bot import settings
from bot.safety import content as safety_content
from bot.serve import guard, web
from tests.conftest import texts

# -- unit: the pieces ------------------------------------------------------------------------------


def test_sliding_window_counts_per_key_and_forgets_what_aged_out():
    now = [0.0]
    window = guard.SlidingWindow(2, 600, clock=lambda: now[0], max_keys=2)
    window.add("a")
    window.add("a")
    assert window.full("a") and not window.full("b")
    now[0] += 599
    assert window.full("a")
    now[0] += 1
    assert not window.full("a")
    for key in ("b", "c", "d"):
        window.add(key)
    assert len(window.events) <= 2


def test_client_address_believes_x_forwarded_for_only_from_trusted_proxies():
    assert guard.client_address("127.0.0.1", ["203.0.113.9"], hops=0) == "127.0.0.1"
    assert guard.client_address("127.0.0.1", ["203.0.113.9"], hops=1) == "203.0.113.9"
    # A client's own claim (leftmost) is not what the trusted proxy saw (rightmost).
    assert guard.client_address("127.0.0.1", ["10.6.6.6, 203.0.113.9"], hops=1) == "203.0.113.9"
    assert guard.client_address("127.0.0.1", ["10.6.6.6", "203.0.113.9, 198.51.100.1"], hops=2) == "203.0.113.9"
    assert guard.client_address("127.0.0.1", [], hops=1) == "127.0.0.1"
    assert guard.forwarded_https("https", 1) and not guard.forwarded_https("https", 0)
    assert not guard.forwarded_https("http", 1) and not guard.forwarded_https(None, 1)


def test_only_a_keyed_hash_of_the_address_travels_with_a_message():
    key = guard.client_key("203.0.113.9")
    assert key and len(key) == 24 and "203" not in key
    assert guard.client_key("203.0.113.9") == key != guard.client_key("203.0.113.10")
    assert guard.client_key("127.0.0.1") is None and guard.client_key("[::1]") is None
    assert guard.with_client_key({"a": 1, guard.CLIENT_KEY: "forged"}, key) == {"a": 1, guard.CLIENT_KEY: key}
    assert guard.with_client_key({guard.CLIENT_KEY: "forged"}, None) == {}
    assert guard.with_client_key("not a dict", None) == {}


def test_hsts_only_over_tls_and_limits_are_settings():
    plain = settings.Settings.from_env({})
    assert (plain.tickets_per_address, plain.auth_failures_per_address, plain.trusted_proxy_hops) == (10, 10, 0)
    assert not web.wants_hsts(plain, "https")  # no trusted proxy: the header is anyone's claim
    assert web.wants_hsts(settings.Settings.from_env({"WEB_TLS": "true"}), None)
    proxied = settings.Settings.from_env({"TRUSTED_PROXY_HOPS": "1"})
    assert web.wants_hsts(proxied, "https") and not web.wants_hsts(proxied, "http")


# -- through the real servers ----------------------------------------------------------------------


def say(bot, text: str, sender: str, address: str, **extra: Any) -> requests.Response:
    body = {"sender": sender, "message": text, **extra}
    return requests.post(bot.rest_url, json=body, headers={"X-Forwarded-For": address}, timeout=60)


def stored_user_metadata(bot, sender: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(bot.settings.var_dir / "tracker.db") as db:
        rows = db.execute("select data from events where sender_id = ? and type_name = 'user'", (sender,))
        return [json.loads(data).get("metadata") or {} for (data,) in rows]


def test_one_address_files_at_most_two_tickets_across_conversations_but_every_reply_goes_out(proxied_bot):
    from tests.test_safety_e2e import EMERGENCY_FIRST, tickets_of

    not_filed = safety_content.load().message("ticket_failed", "en")
    senders = [uuid.uuid4().hex for _ in range(4)]
    for n, sender in enumerate(senders):
        response = say(proxied_bot, "I can't feel my legs", sender, "203.0.113.10")
        assert response.status_code == 200
        replies = response.json()
        assert replies[0]["text"].startswith(EMERGENCY_FIRST), n  # the emergency reply is never held back
        assert ("BH-" in texts(replies)) == (n < 2) and (not_filed in texts(replies)) == (n >= 2), texts(replies)
    assert [len(tickets_of(proxied_bot, s)) for s in senders] == [1, 1, 0, 0]
    other = uuid.uuid4().hex  # another address still files its own
    assert "BH-" in texts(say(proxied_bot, "I can't feel my legs", other, "203.0.113.11").json())
    assert len(tickets_of(proxied_bot, other)) == 1

    # What is stored is a keyed hash, never the address; a client cannot set it itself.
    (metadata,) = stored_user_metadata(proxied_bot, senders[0])
    assert len(metadata[guard.CLIENT_KEY]) == 24
    with sqlite3.connect(proxied_bot.settings.var_dir / "tracker.db") as db:
        assert db.execute("select count(*) from events where data like '%203.0.113.%'").fetchone() == (0,)
    assert "203.0.113." not in proxied_bot.logs()
    forged = uuid.uuid4().hex
    metadata = {guard.CLIENT_KEY: "forged", "page": "x"}
    assert say(proxied_bot, "hello", forged, "203.0.113.12", metadata=metadata).status_code == 200
    (stored,) = stored_user_metadata(proxied_bot, forged)
    assert stored["page"] == "x" and stored[guard.CLIENT_KEY] not in ("forged", metadata[guard.CLIENT_KEY])


async def _all_replies(queue: "asyncio.Queue[Dict[str, Any]]", idle: float = 4.0) -> List[str]:
    from tests.test_socketio import _replies

    return [r.get("text", "") for r in await _replies(queue, 60) + await _drain(queue, idle)]


async def _drain(queue: "asyncio.Queue[Dict[str, Any]]", idle: float) -> List[Dict[str, Any]]:
    got = []
    while True:
        try:
            got.append(await asyncio.wait_for(queue.get(), idle))
        except asyncio.TimeoutError:
            return got


def test_socketio_rates_per_session_and_per_address_with_a_friendly_reply_but_red_flags_pass(proxied_bot):
    from tests.test_safety_e2e import EMERGENCY_FIRST
    from tests.test_socketio import _connect

    slow_down = guard.rate_reply()

    async def burst(address: str, messages: List[str]) -> List[str]:
        client, replies, token = await _connect(proxied_bot.base_url, headers={"X-Forwarded-For": address})
        for text in messages:
            await client.emit("user_uttered", {"message": text, "session_id": token})
        got = await _all_replies(replies)
        await client.disconnect()
        return got

    async def scenario() -> None:
        # One session: 5 a minute. Over it, the friendly reply; a red flag still gets the emergency reply.
        first = await burst("203.0.113.20", ["hello"] * 7 + ["I can't feel my legs"])
        assert 1 <= first.count(slow_down) <= 2, first
        assert any(t.startswith(EMERGENCY_FIRST) for t in first), first
        # A new session from the same address: the address's 8 a minute are used up.
        second = await burst("203.0.113.20", ["hello"] * 4)
        assert slow_down in second, second
        # Another address is not affected.
        third = await burst("203.0.113.21", ["hello"])
        assert third and slow_down not in third, third

    asyncio.run(scenario())


def test_token_guessing_gets_429_per_address_but_the_chat_still_works(proxied_bot):
    token, care = proxied_bot.env["BOT_API_TOKEN"], proxied_bot.env["CARE_TEAM_API_TOKEN"]
    status_url = f"{proxied_bot.base_url}/status"

    def rasa(address: str, guess: str) -> requests.Response:
        return requests.get(status_url, params={"token": guess}, headers={"X-Forwarded-For": address}, timeout=30)

    assert [rasa("203.0.113.30", "guess").status_code for _ in range(3)] == [401] * 3
    refused = rasa("203.0.113.30", token)  # even the right token, from this address, for a while
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert rasa("203.0.113.31", token).status_code == 200  # another address
    assert say(proxied_bot, "hello", uuid.uuid4().hex, "203.0.113.30").status_code == 200  # the chat is not refused
    assert [rasa("127.0.0.1", "guess").status_code for _ in range(4)] == [401] * 4  # loopback: the proxy's share

    web_url = f"http://127.0.0.1:{proxied_bot.settings.web_port}"

    def tickets(address: str, guess: str) -> requests.Response:
        headers = {"X-Forwarded-For": address, "Authorization": f"Bearer {guess}"}
        return requests.get(f"{web_url}/api/tickets", headers=headers, timeout=30)

    assert [tickets("203.0.113.32", "guess").status_code for _ in range(3)] == [401] * 3
    blocked = tickets("203.0.113.32", care)
    assert blocked.status_code == 429 and blocked.json()["error"] == "too_many_failed_tokens"
    lookup = requests.get(f"{web_url}/reference/lookup?q=x", headers={"X-Forwarded-For": "203.0.113.32"}, timeout=30)
    assert lookup.status_code == 429
    assert tickets("203.0.113.33", care).status_code == 200
    page = requests.get(f"{web_url}/", headers={"X-Forwarded-For": "203.0.113.32"}, timeout=30)
    assert page.status_code == 200  # the patients' page is not refused


def test_hsts_is_sent_over_tls_per_the_trusted_proxy_only(proxied_bot, running_bot):
    https = {"X-Forwarded-Proto": "https"}
    for base in (f"http://127.0.0.1:{proxied_bot.settings.web_port}/", proxied_bot.base_url + "/"):
        assert requests.get(base, headers=https, timeout=30).headers.get("Strict-Transport-Security") == guard.HSTS
        assert "Strict-Transport-Security" not in requests.get(base, timeout=30).headers
    for base in (f"http://127.0.0.1:{running_bot.settings.web_port}/", running_bot.base_url + "/"):
        assert "Strict-Transport-Security" not in requests.get(base, headers=https, timeout=30).headers
