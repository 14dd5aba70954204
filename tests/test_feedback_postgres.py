"""The feedback store's tests (tests/test_feedback_store.py) again on PostgreSQL, the store of `make
cluster` and of the container deployment: a private PostgreSQL started for this module with the cluster's
own code (bot/serve/engines.py), Unix socket only."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

import pytest

from bot.feedback.store import FeedbackStore
from bot.serve import engines
from tests.conftest import ROOT
from tests.test_feedback_store import (  # noqa: F401 - collected here, on this module's `store`
    DAY,
    test_purge_deletes_only_old_questions_and_keeps_the_counts,
    test_unanswered_newest_first_and_limited,
    test_unanswered_text_is_scrubbed_again_by_the_store,
    test_votes_count_by_topic_most_voted_first,
    test_weekly_rates_group_outcomes_by_monday,
)

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def postgres():
    done = subprocess.run([str(ROOT / "scripts" / "install_cluster.sh")], capture_output=True, text=True, timeout=600)
    if done.returncode or engines.missing():
        pytest.skip(f"apt could not install PostgreSQL ({engines.missing()})")
    server = engines.Postgres(Path(tempfile.mkdtemp(prefix="bh-feedback-pg-")))
    server.prepare()
    with open(server.base / "postgres.log", "ab") as log:
        proc = subprocess.Popen(server.cmd(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        server.wait(proc)
        server.create_database()
        yield server
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def empty(s: FeedbackStore) -> None:
    with s.engine().begin() as conn:
        for table in ("feedback_votes", "feedback_outcomes", "feedback_unanswered"):
            conn.exec_driver_sql(f"DELETE FROM {table}")


@pytest.fixture
def store(postgres):
    s = FeedbackStore(postgres.url)
    empty(s)  # each test starts from empty tables
    yield s
    empty(s)
    s.dispose()


def test_two_processes_opening_a_fresh_store_both_work(postgres):
    """Replicas start at once: both create the tables; neither fails."""
    first, second = FeedbackStore(postgres.url), FeedbackStore(postgres.url)
    first.record_vote("onj_what", "en", "rest", True, DAY)
    second.record_vote("onj_what", "es", "socketio", False, DAY)
    assert ("onj_what", 1, 1) in first.helpfulness_by_topic()
    second.record_unanswered("a question", "did_you_mean", None, "en", "rest", DAY)
    assert [(r.text, r.day) for r in first.unanswered()] == [("a question", DAY)]  # a DATE column: a date back
    assert isinstance(first.unanswered()[0].day, dt.date)
    empty(first)
    first.dispose()
    second.dispose()
