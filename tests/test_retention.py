"""TRACKER_RETENTION_DAYS (bot/serve/retention.py): conversations idle longer than the period are
purged whole from Rasa's own SQL tracker store; live ones, with all their history, stay. SQLite here
(what `make run` uses); tests/test_cluster.py runs the same purge on the cluster's PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from bot.serve import retention
from tests.conftest import ROOT

DAY = 86400


def conversation(sender: str, *ages_in_days: float) -> DialogueStateTracker:
    """A conversation with one user message and bot answer per age (days before now)."""
    now, events = time.time(), []
    for age in ages_in_days:
        at = now - age * DAY
        events += [
            UserUttered(f"question {age}", timestamp=at),
            BotUttered(f"answer {age}", timestamp=at + 1),
            ActionExecuted("action_listen", timestamp=at + 2),
        ]
    return DialogueStateTracker.from_events(sender, events)


def store_of(url: str) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), host=url)


def save(url: str, *trackers: DialogueStateTracker) -> None:
    store = store_of(url)
    for tracker in trackers:
        asyncio.run(store.save(tracker))
    store.engine.dispose()


def senders(url: str):
    store = store_of(url)
    try:
        return sorted(asyncio.run(store.keys()))
    finally:
        store.engine.dispose()


def test_purge_removes_idle_conversations_whole_and_keeps_live_ones_whole(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    save(url, conversation("idle", 45, 40), conversation("live", 45, 0.1), conversation("recent", 2))
    assert retention.purge(url, days=30) == (1, 6)
    assert senders(url) == ["live", "recent"]
    store = store_of(url)
    live = asyncio.run(store.retrieve_full_tracker("live"))
    store.engine.dispose()
    assert [e.text for e in live.events if isinstance(e, UserUttered)] == ["question 45", "question 0.1"]
    assert retention.purge(url, days=1) == (1, 3)
    assert senders(url) == ["live"]


def test_purge_of_a_store_without_conversations_yet(tmp_path):
    assert retention.purge(f"sqlite:///{tmp_path / 'none.db'}", days=30) == (0, 0)
    with pytest.raises(ValueError):
        retention.purge(f"sqlite:///{tmp_path / 'none.db'}", days=-1)


def test_setting_is_unset_by_default_and_read_as_days():
    assert settings.Settings.from_env({}).tracker_retention_days is None
    assert settings.Settings.from_env({"TRACKER_RETENTION_DAYS": " "}).tracker_retention_days is None
    assert settings.Settings.from_env({"TRACKER_RETENTION_DAYS": "30"}).tracker_retention_days == 30.0


def test_command_purges_with_the_setting_and_keeps_conversations_without_a_period(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    save(url, conversation("idle", 100), conversation("recent", 1))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRACKER_STORE_URL": url, "BONE_HEALTH_VAR_DIR": str(tmp_path)}
    for name in ("TRACKER_RETENTION_DAYS", "FEEDBACK_DB_URL", "UNANSWERED_RETENTION_DAYS"):
        env.pop(name, None)
    command = [sys.executable, "-m", "bot.serve.retention", "purge"]
    kept = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert kept.returncode == 0, kept.stderr
    assert "conversations are kept" in kept.stderr and "purged 0 unanswered questions" in kept.stderr
    assert senders(url) == ["idle", "recent"]
    done = subprocess.run(
        command, cwd=ROOT, env={**env, "TRACKER_RETENTION_DAYS": "90"}, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "purged 1 conversations" in done.stderr and "idle" not in done.stderr  # counts, never ids
    assert senders(url) == ["recent"]


def test_old_unanswered_questions_are_purged_and_the_purge_runs_when_capture_is_on(tmp_path):
    import datetime as dt

    from bot.feedback.store import FeedbackStore

    env = {"BONE_HEALTH_VAR_DIR": str(tmp_path), "UNANSWERED_RETENTION_DAYS": "10"}
    conf = settings.Settings.from_env(env)
    assert not retention.needed(conf)  # nothing kept, nothing to purge: no extra process
    assert retention.needed(settings.Settings.from_env({**env, "UNANSWERED_CAPTURE": "true"}))
    assert retention.needed(settings.Settings.from_env({"TRACKER_RETENTION_DAYS": "30"}))
    store = FeedbackStore(conf.feedback_db_url)
    today = dt.date.today()
    store.record_unanswered("old question", "did_you_mean", None, "en", "rest", today - dt.timedelta(days=11))
    store.record_unanswered("new question", "did_you_mean", None, "en", "rest", today - dt.timedelta(days=9))
    store.record_vote("onj_prevention", "en", "rest", False, today - dt.timedelta(days=400))
    assert retention.purge_feedback(conf) == 1
    assert [r.text for r in store.unanswered()] == ["new question"]
    assert store.helpfulness_by_topic() == [("onj_prevention", 0, 1)]  # counts hold no text: kept
    store.dispose()
