"""A message sent again with the same `metadata.message_id` is answered once (bot/serve/idempotency.py).

The window it closes: a replica that stored a turn and died before answering leaves the client with a
502, and the client sends the message again. Shown here on `make run`'s servers by sending the same
message twice (what the resend does): one user event in the tracker, one ticket for a red flag, the
same replies both times. Messages without an id are handled as before.
"""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any, Dict, List

import requests

from bot.serve.idempotency import client_message_id, stored_replies
from bot.tickets import TicketService


def test_only_a_well_formed_client_id_is_adopted():
    assert client_message_id({"message_id": "web-1f3a9c2e-77"}) == "web-1f3a9c2e-77"
    for metadata in (None, {}, {"message_id": 12345678}, {"message_id": "short"}, {"message_id": "a b c d e f g h"}):
        assert client_message_id(metadata) is None


def test_stored_replies_are_the_bot_events_of_that_turn_only():
    events = [
        {"event": "user", "message_id": "first-000", "text": "hi"},
        {"event": "bot", "text": "Hello", "data": {"buttons": None}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "message_id": "second-00", "text": "what is Xgeva?"},
        {"event": "bot", "text": "Xgeva is…", "data": {"buttons": [{"title": "More", "payload": "/more"}]}},
        {"event": "bot", "text": "Source: …", "data": {}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "message_id": "third-000", "text": "thanks"},
        {"event": "bot", "text": "You're welcome"},
    ]
    assert stored_replies(events, "first-000") == [{"text": "Hello"}]
    assert stored_replies(events, "second-00") == [
        {"text": "Xgeva is…", "buttons": [{"title": "More", "payload": "/more"}]},
        {"text": "Source: …"},
    ]
    assert stored_replies(events, "never-sent") is None


def post(bot, sender: str, text: str, message_id: str = "") -> List[Dict[str, Any]]:
    body: Dict[str, Any] = {"sender": sender, "message": text}
    if message_id:
        body["metadata"] = {"message_id": message_id}
    response = requests.post(bot.rest_url, json=body, timeout=60)
    response.raise_for_status()
    return response.json()


def user_texts(bot, sender: str) -> List[str]:
    import json

    with sqlite3.connect(bot.settings.var_dir / "tracker.db") as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_a_red_flag_sent_twice_with_its_id_is_stored_once_files_one_ticket_and_gets_the_same_replies(running_bot):
    sender, message_id = f"resend-{uuid.uuid4().hex[:8]}", f"msg-{uuid.uuid4().hex}"
    text = "I suddenly can't move my legs since lunch"
    first = post(running_bot, sender, text, message_id)
    again = post(running_bot, sender, text, message_id)
    assert first[0]["text"].startswith("Please call 911") and again == first
    assert user_texts(running_bot, sender) == [text]
    store = TicketService.from_env({"TICKET_DB_URL": f"sqlite:///{running_bot.settings.var_dir / 'tickets.db'}"})
    assert len([t for t in store.list() if t.conversation_id == sender]) == 1
    # A new id is a new message; no id at all is handled as before (both stored).
    post(running_bot, sender, "what is Xgeva?", f"msg-{uuid.uuid4().hex}")
    post(running_bot, sender, "what is Xgeva?")
    post(running_bot, sender, "what is Xgeva?")
    assert user_texts(running_bot, sender) == [text] + ["what is Xgeva?"] * 3
