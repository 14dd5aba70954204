"""bot/feedback/store.py on SQLite: votes, outcome counts, scrubbed unanswered questions, purge; and
that no row can hold a sender, an address or a time of day."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import sqlalchemy as sa

from bot import settings
from bot.feedback import store as store_mod
from bot.feedback.store import FeedbackStore, FeedbackStoreError, UnansweredRow, week_start

pytestmark = pytest.mark.unit

DAY = dt.date(2026, 12, 2)  # a Wednesday


@pytest.fixture
def store(tmp_path):
    s = FeedbackStore(f"sqlite:///{tmp_path / 'sub' / 'feedback.db'}")
    yield s
    s.dispose()


def test_votes_count_by_topic_most_voted_first(store):
    for helpful in (True, True, False):
        store.record_vote("faq_jaw/onj_risk", "en", "socketio", helpful, DAY)
    store.record_vote("faq_bma/what_is_xgeva", "es", "telegram", False, DAY)
    assert store.helpfulness_by_topic() == [("faq_jaw/onj_risk", 2, 1), ("faq_bma/what_is_xgeva", 0, 1)]


def test_weekly_rates_group_outcomes_by_monday(store):
    monday = week_start(DAY)
    assert monday == dt.date(2026, 11, 30) and monday.weekday() == 0
    for kind, day in [
        ("answered", DAY),
        ("answered", monday),
        ("fallback", DAY + dt.timedelta(days=4)),  # Sunday: same week
        ("escalated", DAY + dt.timedelta(days=5)),  # next Monday
    ]:
        store.record_outcome(kind, "en", "rest", day)
    assert store.weekly_rates() == [(monday, 2, 1, 0), (monday + dt.timedelta(days=7), 0, 0, 1)]
    with pytest.raises(ValueError):
        store.record_outcome("maybe", "en", "rest", DAY)


def test_unanswered_text_is_scrubbed_again_by_the_store(store):
    store.record_unanswered(
        "my name is Maria Lopez, 555-123-4567, is Zometa ok?", "none_of_these", None, "en", "rest", DAY
    )
    store.record_unanswered("  ", "did_you_mean", "faq_jaw/onj_risk", "en", "rest", DAY)  # nothing left: no row
    [row] = store.unanswered()
    assert isinstance(row, UnansweredRow)
    assert row.text == "my name is [NAME], [PHONE], is Zometa ok?"
    assert (row.reason, row.topic, row.language, row.channel, row.day) == ("none_of_these", None, "en", "rest", DAY)
    with pytest.raises(ValueError):
        store.record_unanswered("text", "bored", None, "en", "rest", DAY)


def test_unanswered_newest_first_and_limited(store):
    for offset in range(5):
        store.record_unanswered(
            f"question about jaw {offset}", "not_helpful", "faq_jaw/x", "en", "rest", DAY + dt.timedelta(days=offset)
        )
    rows = store.unanswered(limit=2)
    assert [r.day for r in rows] == [DAY + dt.timedelta(days=4), DAY + dt.timedelta(days=3)]
    assert rows[0].text == "question about jaw [NUMBER]"


def test_purge_deletes_only_old_questions_and_keeps_the_counts(store):
    today = dt.date(2026, 12, 6)
    store.record_unanswered("old question", "did_you_mean", None, "en", "rest", today - dt.timedelta(days=31))
    store.record_unanswered("edge question", "did_you_mean", None, "en", "rest", today - dt.timedelta(days=30))
    store.record_unanswered("new question", "did_you_mean", None, "en", "rest", today)
    store.record_vote("faq_jaw/x", "en", "rest", True, today - dt.timedelta(days=90))
    store.record_outcome("fallback", "en", "rest", today - dt.timedelta(days=90))
    assert store.purge(30, today=today) == 1
    assert sorted(r.text for r in store.unanswered()) == ["edge question", "new question"]
    assert store.helpfulness_by_topic() == [("faq_jaw/x", 1, 0)]
    assert store.weekly_rates()[0][2] == 1
    assert store.purge(0, today=today) == 1
    with pytest.raises(ValueError):
        store.purge(-1)


def test_rows_hold_a_day_and_labels_only(store, tmp_path):
    """The schema itself has nowhere to put a sender, an address or a time of day."""
    store.record_vote("faq_jaw/x", "en", "rest", True, dt.datetime(2026, 12, 2, 17, 45, 12))
    columns = {t.name: {c.name for c in t.columns} for t in store_mod.metadata.sorted_tables}
    assert columns == {
        "feedback_votes": {"id", "day", "topic", "language", "channel", "helpful"},
        "feedback_outcomes": {"id", "day", "kind", "language", "channel"},
        "feedback_unanswered": {"id", "day", "text", "reason", "topic", "language", "channel"},
    }
    raw = sqlite3.connect(tmp_path / "sub" / "feedback.db").execute("SELECT day FROM feedback_votes").fetchall()
    assert raw == [("2026-12-02",)]  # the time of day was dropped before it was written


def test_errors_never_carry_the_text(tmp_path):
    (tmp_path / "ro").mkdir()
    broken = FeedbackStore(f"sqlite:///{tmp_path / 'ro' / 'feedback.db'}")
    broken.engine()
    with broken.engine().begin() as conn:
        conn.execute(sa.text("DROP TABLE feedback_unanswered"))
    with pytest.raises(FeedbackStoreError) as caught:
        broken.record_unanswered("secret words about my jaw", "did_you_mean", None, "en", "rest", DAY)
    assert "secret" not in str(caught.value) and "secret" not in repr(caught.value.__cause__)
    broken.dispose()


def test_default_url_is_under_the_var_dir(tmp_path):
    conf = settings.Settings.from_env({"BONE_HEALTH_VAR_DIR": str(tmp_path)})
    assert conf.feedback_db_url == f"sqlite:///{tmp_path.resolve() / 'feedback.db'}"
    assert conf.feedback_db_url == store_mod.default_url(tmp_path)
    assert conf.unanswered_capture is False and conf.unanswered_retention_days == 30
    on = settings.Settings.from_env({"UNANSWERED_CAPTURE": "true", "UNANSWERED_RETENTION_DAYS": "7"})
    assert on.unanswered_capture is True and on.unanswered_retention_days == 7
