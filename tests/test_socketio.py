"""Rasa's socket.io channel as the widget uses it, with session_persistence on.

Guards RasaHQ/rasa#13027: Rasa 3.6 calls python-socketio's `enter_room` without `await`; from
python-socketio 5.10 on that coroutine never runs, the socket never joins the session's room and
no reply ever arrives. requirements pin 5.9.0; these tests fail if that pin is lost.
"""

from __future__ import annotations

import asyncio
import uuid
from importlib.metadata import version
from typing import Any, Dict, List

import socketio


async def _connect(url: str, session_id: str):
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
    await client.connect(url, socketio_path="/socket.io", transports=["polling"])
    await client.emit("session_request", {"session_id": session_id})
    assert await asyncio.wait_for(confirmed, 20) == session_id
    return client, replies


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
        session = uuid.uuid4().hex
        first, first_replies = await _connect(running_bot.base_url, session)
        await first.emit("user_uttered", {"message": "/greet", "session_id": session})
        greeting = await _replies(first_replies)
        assert "not medical advice" in greeting[0]["text"]
        assert [q["title"] for q in greeting[-1]["quick_replies"]]
        await first.disconnect()

        # The page is reloaded: a new socket, the same session id, and the conversation goes on.
        second, second_replies = await _connect(running_bot.base_url, session)
        await second.emit("user_uttered", {"message": "what is Xgeva?", "session_id": session})
        answer = await _replies(second_replies)
        texts = " ".join(r.get("text", "") for r in answer)
        assert content.topics["denosumab_what"].answer.split(".")[0] in texts
        assert any(r.get("text", "").startswith("Source:") for r in answer)
        await second.disconnect()

    asyncio.run(scenario())
