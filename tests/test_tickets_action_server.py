"""Tickets filed from inside a real action server process (rasa_sdk), as escalation actions do.

This module is also the action package the test server loads: it holds one probe action that files
a ticket through the shared contract and tells the person the reference, or to call the helpline.
The delivery worker is the action server's own background thread (started by the first `file()`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.tickets import TicketRequest, TicketService, TicketStoreError
from bot.tickets.store import TicketStore


class ActionFileProbeTicket(Action):
    def name(self) -> Text:
        return "action_file_probe_ticket"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        text = tracker.latest_message.get("text") or ""
        try:
            ticket = TicketService.from_env().file(
                TicketRequest(
                    tier="urgent",
                    category="probe",
                    channel="rest",
                    conversation_id=tracker.sender_id,
                    contact=None,
                    trigger_message=text,
                    recent_messages=[text],
                )
            )
        except TicketStoreError:
            dispatcher.utter_message(text="Please call the helpline now.")
            return []
        dispatcher.utter_message(text=f"Your reference is {ticket.reference}.")
        return []


# -- the test -------------------------------------------------------------------------------------

import pytest  # noqa: E402  (below the action: the action server imports this module too)
import requests  # noqa: E402

from bot.serve import supervisor as serve  # noqa: E402
from tests.conftest import ROOT, free_port, wait_until  # noqa: E402
from tests.test_tickets import SECRET, WebhookReceiver  # noqa: E402


def call_action(port: int, text: str) -> str:
    sender = uuid.uuid4().hex
    body = {
        "next_action": "action_file_probe_ticket",
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": {"text": text},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }
    response = requests.post(f"http://127.0.0.1:{port}/webhook", json=body, timeout=30)
    response.raise_for_status()
    return response.json()["responses"][0]["text"]


@pytest.fixture
def action_server(tmp_path):
    receiver = WebhookReceiver(free_port(), SECRET)
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TICKET_DB_URL": f"sqlite:///{tmp_path / 'tickets.db'}",
        "CARE_TEAM_WEBHOOK_URL": receiver.url,
        "CARE_TEAM_WEBHOOK_SECRET": SECRET,
        "TICKET_RETRY_BASE_SECONDS": "0.2",
        "TICKET_RETRY_MAX_SECONDS": "1",
        "TICKET_POLL_SECONDS": "1",
    }
    store = TicketStore(env["TICKET_DB_URL"])
    proc = subprocess.Popen(
        [sys.executable, "-m", "rasa_sdk", "--actions", "tests.test_tickets_action_server", "--port", str(port)],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        serve.wait_http(f"http://127.0.0.1:{port}/health", 120, proc)
        yield port, receiver, proc, store
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.communicate(timeout=30)
        store.dispose()
        try:
            receiver.stop()
        except Exception:  # noqa: BLE001 - never started or already stopped
            pass


def test_action_server_files_at_once_and_delivers_in_the_background(action_server):
    port, receiver, proc, store = action_server
    # The care team's system is down: the person still gets a reference; delivery fails and waits.
    first = call_action(port, "my jaw hurts and a tooth is loose")
    assert first.startswith("Your reference is BH-")
    ticket = store.get(first.split()[-1].rstrip("."))
    assert wait_until(lambda: store.deliveries(ticket.id)[0].attempts >= 1, timeout=60)
    assert store.deliveries(ticket.id)[0].delivered_at is None
    # It comes back: the action server's worker delivers the waiting ticket, and the next at once.
    receiver.start()
    second = call_action(port, "exposed bone in my mouth")
    assert wait_until(lambda: len(receiver.accepted) >= 2, timeout=60)
    references = sorted(r["json"]["ticket"]["reference"] for r in receiver.accepted)
    assert references == sorted([first.split()[-1].rstrip("."), second.split()[-1].rstrip(".")])
    assert all(r["signature_ok"] for r in receiver.accepted)
    assert sorted(r["json"]["ticket"]["trigger_message"] for r in receiver.accepted) == [
        "exposed bone in my mouth",
        "my jaw hurts and a tooth is loose",
    ]
    proc.terminate()
    log, _ = proc.communicate(timeout=30)
    assert proc.returncode is not None
    assert "delivered to webhook" in log and "webhook delivery failed" in log, log  # it logs (INFO/WARNING)
    assert "jaw hurts" not in log and "exposed bone" not in log  # but never the text
