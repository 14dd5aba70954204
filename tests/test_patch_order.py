"""The patches of Rasa apply in the one order bot/serve/patches.py gives, and that order is behaviour.

The first test applies every patch as the Rasa server does (`install_all`, in a child process: the patches
are global, and this test session loads the model in-process elsewhere) and reads which wrapper calls which
(`__wrapped__`). The second shows why one order matters, with the real wrappers around a stub of Rasa's
prediction loop: a turn answered without its conversation (database down) is not counted as an outcome."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from types import SimpleNamespace

import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from bot.serve import outcomes, patches, tracker_store

pytestmark = pytest.mark.unit


def test_the_server_applies_every_patch_in_the_documented_order(tmp_path):
    script = (
        "import json; from bot.serve import patches; patches.install_all(); print(json.dumps(patches.live_chains()))"
    )
    env = {**settings.child_environment(), "PYTHONPATH": str(settings.ROOT), "BONE_HEALTH_VAR_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=settings.ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    chains = json.loads(done.stdout.strip().splitlines()[-1])
    for method, wrappers in patches.CHAINS.items():
        assert tuple(chains[method][:-1]) == wrappers, method
        assert chains[method][-1].startswith("rasa."), f"{method} ends in Rasa's own function"


def test_every_wrapping_module_is_a_step_and_the_steps_keep_their_order():
    modules = [module for module, _ in patches.steps(settings.Settings.from_env({}))]
    for wrappers in patches.CHAINS.values():
        assert set(wrappers) <= set(modules)
        # outermost last: each wrapper was installed after the ones it wraps
        assert [modules.index(m) for m in wrappers] == sorted((modules.index(m) for m in wrappers), reverse=True)


@pytest.fixture
def prediction_chain(monkeypatch):
    """outcomes and tracker_store wrapped, in the order of patches.steps, around a stub of Rasa's loop;
    every attribute they set is put back afterwards."""
    predicted, recorded = [], []

    async def rasa_loop(self, output_channel, tracker):
        predicted.append(tracker.sender_id)

    monkeypatch.setattr(MessageProcessor, "_run_prediction_loop", rasa_loop)
    monkeypatch.setattr(MessageProcessor, "handle_message", MessageProcessor.handle_message)
    monkeypatch.setattr(MessageProcessor, "_bone_health_outage", False, raising=False)
    monkeypatch.setattr(
        outcomes.turns, "observe", lambda events: SimpleNamespace(outcome="answered", vote=None, unanswered=None)
    )
    monkeypatch.setattr(outcomes, "record", lambda store, observation, capture: recorded.append(observation.outcome))
    common = settings.Settings.from_env({})
    installs = {
        "bot.serve.outcomes": lambda: outcomes.install(common, store=object()),
        "bot.serve.tracker_store": tracker_store.install,
    }
    for module, _ in patches.steps(common):
        if module in installs:
            installs.pop(module)()
    assert not installs
    return predicted, recorded


def turn(database_down: bool):
    async def run():
        tracker_store.UNREACHABLE.set(database_down)
        channel = CollectingOutputChannel()
        tracker = DialogueStateTracker.from_events("patch-order", [UserUttered("what is xgeva", {"name": "faq"})])
        await MessageProcessor._run_prediction_loop(None, channel, tracker)
        return channel.messages

    return asyncio.run(run())


def test_a_turn_without_its_conversation_gets_the_clear_reply_and_is_not_counted(prediction_chain):
    predicted, recorded = prediction_chain
    sent = turn(database_down=True)
    assert predicted == [] and recorded == [], "tracker_store must wrap outcomes: no prediction, no outcome"
    assert len(sent) == 1 and sent[0]["text"]  # the `unavailable` message (helpline, emergency number)


def test_a_normal_turn_is_predicted_and_counted_once(prediction_chain):
    predicted, recorded = prediction_chain
    assert turn(database_down=False) == []
    assert predicted == ["patch-order"] and recorded == ["answered"]
