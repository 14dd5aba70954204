"""Rasa's socket.io channel as the widget uses it, with session_persistence on.

Guards RasaHQ/rasa#13027: Rasa 3.6 calls python-socketio's `enter_room` without `await`; from
python-socketio 5.10 on that coroutine never runs, the socket never joins the session's room and
no reply ever arrives. requirements pin 5.9.0; these tests fail if that pin is lost.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from importlib.metadata import version
from typing import Any, Dict, List, Optional

import pytest
import socketio

TOKEN = re.compile(r"[0-9a-f]{32}\.[0-9a-f]{32}")


async def _connect(
    url: str, session_id: Optional[str] = None, headers: Optional[Dict[str, str]] = None, request: bool = True
):
    """A socket as the widget opens it: (client, its reply queue, the session token the server confirmed)."""
    client = socketio.AsyncClient(reconnection=False)
    replies: "asyncio.Queue[Dict[str, Any]]" = asyncio.Queue()
    confirmed = asyncio.get_running_loop().create_future()

    @client.on("session_confirm")
    async def on_confirm(data: Any) -> None:
        if not confirmed.done():
            confirmed.set_result(data)

    @client.on("bot_uttered")
    async def on_bot(data: Dict[str, Any]) -> None:
        await replies.put(data)

    # Long-polling: engineio's websocket client needs a newer aiohttp than Rasa 3.6 pins (the browser
    # tests cover websockets).
    await client.connect(url, socketio_path="/socket.io", transports=["polling"], headers=headers or {})
    if not request:
        return client, replies, None
    await client.emit("session_request", {"session_id": session_id})
    token = await asyncio.wait_for(confirmed, 20)
    assert TOKEN.fullmatch(token), token
    return client, replies, token


async def _replies(queue: "asyncio.Queue[Dict[str, Any]]", timeout: float = 30) -> List[Dict[str, Any]]:
    """The first reply (waited for), then whatever follows within a moment."""
    got = [await asyncio.wait_for(queue.get(), timeout)]
    while True:
        try:
            got.append(await asyncio.wait_for(queue.get(), 1.5))
        except asyncio.TimeoutError:
            return got


def test_python_socketio_is_pinned_below_5_10():
    major, minor = (int(x) for x in version("python-socketio").split(".")[:2])
    assert (major, minor) < (5, 10), "python-socketio >= 5.10 breaks Rasa 3.6 replies (RasaHQ/rasa#13027)"


def test_replies_reach_the_session_and_a_reloaded_page(running_bot, content):
    async def scenario():
        first, first_replies, session = await _connect(running_bot.base_url)
        await first.emit("user_uttered", {"message": "/greet", "session_id": session})
        greeting = await _replies(first_replies)
        assert "not medical advice" in greeting[0]["text"]
        assert [q["title"] for q in greeting[-1]["quick_replies"]]
        await first.disconnect()

        # The page is reloaded: a new socket, the same session id, and the conversation goes on.
        second, second_replies, resumed = await _connect(running_bot.base_url, session)
        assert resumed == session  # a token the server signed resumes its conversation
        await second.emit("user_uttered", {"message": "what is Xgeva?", "session_id": session})
        answer = await _replies(second_replies)
        texts = " ".join(r.get("text", "") for r in answer)
        assert content.topics["denosumab_what"].answer.split(".")[0] in texts
        assert any(r.get("text", "").startswith("Source:") for r in answer)
        await second.disconnect()

    asyncio.run(scenario())


async def _nothing(queue: "asyncio.Queue[Dict[str, Any]]", wait: float = 6.0) -> bool:
    try:
        await asyncio.wait_for(queue.get(), wait)
    except asyncio.TimeoutError:
        return True
    return False


def test_a_known_conversation_id_is_not_a_key_to_the_conversation(running_bot):
    """Issue 14: ids the server did not sign (a REST-style sender, a bare hex id, another session's
    conversation id) get a new session of their own, and a socket that never joined cannot post."""

    async def scenario():
        owner, owner_replies, token = await _connect(running_bot.base_url)
        await owner.emit("user_uttered", {"message": "/greet", "session_id": token})
        assert await _replies(owner_replies)

        unsigned = token.split(".")[0]
        for guess in (
            unsigned,
            uuid.uuid4().hex,
            "clinic-portal-4711",
            token[:-1] + ("1" if token.endswith("0") else "0"),
        ):
            other, other_replies, minted = await _connect(running_bot.base_url, guess)
            assert minted not in (token, guess)
            # The stranger's own message is answered in its own new conversation, not the owner's.
            await other.emit("user_uttered", {"message": "what is Xgeva?", "session_id": token})
            assert await _replies(other_replies)
            await other.disconnect()

        # A socket that never asked for a session posts with the owner's token: nothing happens.
        lurker, lurker_replies, _ = await _connect(running_bot.base_url, request=False)
        await lurker.emit("user_uttered", {"message": "what is Xgeva?", "session_id": token})
        assert await _nothing(lurker_replies) and await _nothing(owner_replies, 1.0)
        await lurker.disconnect()
        await owner.disconnect()

    asyncio.run(scenario())


def test_a_page_from_another_origin_cannot_open_a_socket(running_bot):
    async def scenario():
        with pytest.raises(socketio.exceptions.ConnectionError):
            await _connect(running_bot.base_url, headers={"Origin": "https://evil.example"})

    asyncio.run(scenario())
