"""Long conversations (issues 11 and 13): a session holds at most MAX_SESSION_TURNS messages, the new
session carries what the next turn needs, nothing is lost from the store, and the store reads one
session from its indexes (bot/serve/sessions.py, bot/serve/tracker_indexes.py).

The unit tests build Rasa's own trackers and run Rasa's own action_session_start (patched as the Rasa
server patches it); the server test sends 320 messages of one conversation through the REST channel.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import uuid
from typing import Any, Dict, List

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from actions.escalation import user_texts
from bot.names import SESSION_CARRY_KEY
from bot.serve import conversation_guard, sessions, tracker_indexes
from bot.settings import ROOT
from tests.conftest import start_bot, texts

N = sessions.MAX_SESSION_TURNS
BUTTON = {"title": "Yes", "payload": "/affirm"}


@pytest.fixture(scope="module")
def rasa_domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


def turn(i: int, now: float) -> List[Any]:
    return [
        UserUttered(f"question {i}", {"name": "faq_pain"}, timestamp=now),
        ActionExecuted("utter_faq_pain", timestamp=now),
        BotUttered(f"answer {i}", metadata={"utter_action": "utter_faq_pain/pain_relievers"}, timestamp=now),
        ActionExecuted("action_listen", timestamp=now),
    ]


def tracker_of(events: List[Any], domain) -> Any:
    from rasa.shared.core.trackers import DialogueStateTracker

    return DialogueStateTracker.from_events("someone", events, domain.slots)


def conversation(turns: int, now: float) -> List[Any]:
    events: List[Any] = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    for i in range(turns):
        events += turn(i, now)
    return events


def test_a_session_is_full_after_max_turns_but_never_inside_a_form(rasa_domain):
    now = time.time()
    assert not sessions.session_full(tracker_of(conversation(N - 1, now), rasa_domain))
    assert sessions.session_full(tracker_of(conversation(N, now), rasa_domain))
    in_form = conversation(N, now) + [ActiveLoop("care_team_form")]
    assert not sessions.session_full(tracker_of(in_form, rasa_domain))
    # Only the latest session counts (an in-memory store keeps the sessions before it).
    two = conversation(N, now) + conversation(3, now)
    assert not sessions.session_full(tracker_of(two, rasa_domain))


def test_the_new_session_carries_one_value_per_slot_the_last_topic_buttons_tickets_and_texts(rasa_domain):
    from rasa.core.actions.action import ActionSessionStart

    sessions.install()
    now = time.time()
    events = conversation(N, now)
    events[3:3] = [SlotSet("drug", "zoledronic_acid"), SlotSet("last_topic", "onj_what")]
    events += [SlotSet("drug", "denosumab"), SlotSet("language", "es")]
    events += [ActionExecuted("action_escalate_urgent", timestamp=now - 60)]
    events += [BotUttered("Your reference is BH-ABC123.", timestamp=now)]
    events += [
        UserUttered("/affirm"),
        BotUttered("Shall we?", data={"buttons": [BUTTON]}),
        ActionExecuted("action_listen"),
    ]
    tracker = tracker_of(events, rasa_domain)
    new = asyncio.run(ActionSessionStart().run(None, None, tracker, rasa_domain))
    slots = [(e.key, e.value) for e in new if isinstance(e, SlotSet)]
    # One SlotSet per slot, its last value; the last answer shown (a domain response) as last_topic.
    assert slots == [("drug", "denosumab"), ("language", "es"), ("last_topic", "pain_relievers")]
    (started,) = [e for e in new if isinstance(e, SessionStarted)]
    carry = started.metadata[SESSION_CARRY_KEY]
    assert carry["offered"] == [{"buttons": [BUTTON]}]
    assert carry["reference"] == "BH-ABC123"
    assert carry["tickets"] == [now - 60]
    assert carry["recent_texts"] == [f"question {i}" for i in range(N - 5, N)]  # never a payload

    # What the next turn reads from the new session, as Rasa loads it from the store.
    following = tracker_of(new, rasa_domain).events
    assert conversation_guard.offered_payloads(list(following)) == {"/affirm"}
    assert conversation_guard.recent_escalations(list(following), now) == 1
    assert conversation_guard.recent_escalations(list(following), now + 600) == 0
    assert conversation_guard.last_reference(list(following)) == "BH-ABC123"
    sdk_events = [e.as_dict() for e in following]
    assert user_texts(type("T", (), {"events": sdk_events})()) == carry["recent_texts"]
    # Session after session, the carried slots do not pile up (Rasa copies every SlotSet).
    again = asyncio.run(
        ActionSessionStart().run(None, None, tracker_of(new + conversation(N, now)[3:], rasa_domain), rasa_domain)
    )
    assert len([e for e in again if isinstance(e, SlotSet)]) == 3


def test_the_store_reads_one_session_from_its_indexes(tmp_path, rasa_domain):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker_indexes.install()
    db = tmp_path / "tracker.db"
    store = SQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(db))
    events = conversation(N, time.time()) + conversation(2, time.time() + 1)
    asyncio.run(store.save(DialogueStateTracker.from_events("someone", events, rasa_domain.slots)))
    loaded = asyncio.run(store.retrieve("someone"))
    # Only the latest session (Rasa leaves out its action_session_start, timestamped before the start).
    assert sessions.user_turns(loaded.events) == 2 and len(loaded.events) == len(conversation(2, 0)) - 1
    with sqlite3.connect(db) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {name for name, _ in tracker_indexes.INDEXES} <= names
        plan = " ".join(
            str(row)
            for row in connection.execute(
                "EXPLAIN QUERY PLAN SELECT max(timestamp) FROM events WHERE sender_id = ? AND type_name = ?",
                ("someone", "session_started"),
            )
        )
    assert "COVERING INDEX ix_events_sender_type_time" in plan
    # An existing database gets them when Rasa opens it again; a second call creates nothing.
    assert tracker_indexes.ensure_indexes(store.engine) == []


# -- one conversation of 320 messages through the real servers (REST channel, SQLite store) ---------

TURNS = 320
QUESTIONS = ["what is osteonecrosis of the jaw?", "how is bone pain treated?", "what are bone metastases?"]


@pytest.fixture(scope="module")
def long_bot(tmp_path_factory):
    bot = start_bot(tmp_path_factory.mktemp("long-var"), extra_env={"BOT_RATE_PER_SENDER": "100000"})
    yield bot
    bot.supervisor.stop()


def stored(bot, sender: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(bot.settings.var_dir / "tracker.db") as connection:
        rows = connection.execute("SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)).fetchall()
    return [json.loads(data) for (data,) in rows]


def test_a_long_conversation_keeps_every_message_its_drug_and_its_form(long_bot, content):
    sender = uuid.uuid4().hex
    sent: List[str] = []

    def say(text: str) -> str:
        sent.append(text)
        return texts(long_bot.say(text, sender))

    while len(sent) < N - 1:
        say(QUESTIONS[len(sent) % len(QUESTIONS)])
    # The drug is named in the last message of the first session and remembered in the second.
    assert content.topics["denosumab_what"].answer in say("what is Xgeva?")
    assert content.topics["denosumab_what"].answer in say("how often do I get it?")
    while len(sent) < 2 * N - 2:
        say(QUESTIONS[len(sent) % len(QUESTIONS)])
    # The care-team form starts 2 messages before the session is full and goes on past it.
    say("I want to talk to someone from my care team")
    for answer in ["yes", "Joe", "555-123-4567", "after 3pm", "About my pain medicine"]:
        say(answer)
    assert "BH-" in say("yes")
    while len(sent) < TURNS:
        say(QUESTIONS[len(sent) % len(QUESTIONS)])

    events = stored(long_bot, sender)
    # Every message is in the store, once and in order.
    assert [e["text"] for e in events if e["event"] == "user"] == sent
    starts = [i for i, e in enumerate(events) if e["event"] == "session_started"]
    bounds = list(zip(starts, starts[1:] + [len(events)]))
    per_session = [sum(e["event"] == "user" for e in events[a:b]) for a, b in bounds]
    assert len(starts) >= TURNS // (N + 6) and max(per_session) <= N + 6, per_session
    # What Rasa loads, replays, featurises and sends to the action server is one session (the form's,
    # with its slots, is the largest), not the conversation's ~1,800 events.
    assert max(b - a for a, b in bounds) <= 10 * (N + 6) < len(events) / 10
    # No session started inside the form (which did open).
    opened, forms = False, 0
    for e in events:
        if e["event"] == "active_loop":
            opened = e.get("name") == "care_team_form"
            forms += opened
        assert not (opened and e["event"] == "session_started"), "a session started inside the form"
    assert forms == 1
