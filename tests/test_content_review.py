"""Review dates (issue 15, part 4): every topic says when and by whom it was last reviewed, every
source its publisher's review date; the loader refuses a missing or invalid date naming file and topic;
`make test` (through bot.tools.validate) warns about topics past CONTENT_REVIEW_INTERVAL_DAYS without
failing; answers resting only on sources older than SOURCE_MAX_AGE_YEARS are flagged."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from bot import content as content_mod
from bot.content import review
from bot.settings import ROOT
from bot.tools import validate

pytestmark = pytest.mark.unit
TODAY = dt.date(2026, 12, 6)


def test_every_topic_and_spanish_entry_has_a_review_date_and_reviewer(content):
    for topic in content.topics.values():
        assert topic.reviewed and topic.reviewed.by and topic.reviewed.date <= dt.date.today(), topic.id
    for translation in content.spanish.values():
        assert translation.reviewed and translation.reviewed.by, translation.topic_id


def test_source_review_dates_are_the_publishers_dates_in_the_source_documents(content):
    expected = {
        "acs_bone_directed_2016": "2014-09-25",
        "acs_systemic_2012": "2012-05-03",
        "komen_factsheet": None,
        "ago_2024": "2024",
        "guideline_summary_2025": "2025-11-22",
    }
    assert {sid: s.review_date for sid, s in content.sources.items()} == expected
    # Each date is the one the document states (MM/DD/YYYY in the ACS pages), and the human text agrees.
    sources_dir = ROOT.parent / "shared" / "sources"
    for sid, date in expected.items():
        if date is None or len(date) == 4:
            continue
        source = content.sources[sid]
        year, month, day = date.split("-")
        assert f"{month}/{day}/{year}" in source.reviewed or year in source.reviewed, sid
        if (sources_dir / source.file).exists():
            text = (sources_dir / source.file).read_text(encoding="utf-8")
            written = dt.date(int(year), int(month), int(day))
            assert f"{month}/{day}/{year}" in text or written.strftime("%B %-d, %Y") in text, sid


def test_dates_of_the_topics_come_from_the_git_history_of_the_content():
    """No topic claims a review after the content it describes last changed in git (or today)."""
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("no git checkout")
    log = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "content/topics"], cwd=ROOT, capture_output=True, text=True
    )
    if log.returncode or not log.stdout.strip():
        pytest.skip("no git history of content/topics")
    first = subprocess.run(
        ["git", "log", "--reverse", "--format=%as", "--", "content/topics"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()[0]
    dates = {t.reviewed.date for t in content_mod.load().topics.values()}
    assert min(dates) >= dt.date.fromisoformat(first)


def copy_content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


@pytest.mark.parametrize(
    "old, new, problem",
    [
        ("    reviewed: {date: 2026-11-22, by:", "    reviewd: {date: 2026-11-22, by:", "missing or malformed review"),
        ("{date: 2026-11-22, by:", "{date: 22/11/2026, by:", "reviewed date must be YYYY-MM-DD"),
        ("{date: 2026-11-22, by:", "{date: 2026-13-01, by:", "reviewed date must be YYYY-MM-DD"),
        ("{date: 2026-11-22, by:", "{by:", "reviewed date must be YYYY-MM-DD"),
    ],
)
def test_a_missing_or_invalid_topic_date_stops_the_load_naming_file_and_topic(tmp_path, old, new, problem):
    content_dir = copy_content(tmp_path)
    path = content_dir / "topics" / "faq_jaw.yml"
    text = path.read_text(encoding="utf-8")
    first_topic = re.search(r"- id: (\w+)", text).group(1)
    start = text.index(f"- id: {first_topic}")
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    with pytest.raises(ValueError) as error:
        content_mod.load(content_dir)
    message = str(error.value)
    assert problem in message and "faq_jaw.yml" in message and repr(first_topic) in message


@pytest.mark.parametrize("value", ["09/25/2014", "2014-9-25", "recent", "true"])
def test_an_invalid_source_date_stops_the_load_naming_the_source(tmp_path, value):
    content_dir = copy_content(tmp_path)
    path = content_dir / "sources.yml"
    text = path.read_text(encoding="utf-8").replace("review_date: 2012-05-03", f"review_date: {value}")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"sources\.yml: source 'acs_systemic_2012': review_date"):
        content_mod.load(content_dir)


def test_ages_rank_topics_oldest_first_and_mark_those_past_the_interval(content):
    rows = review.ages(content, TODAY + dt.timedelta(days=400))
    assert [r.days for r in rows] == sorted((r.days for r in rows), reverse=True)
    assert {r.language for r in rows} == {"en", "es"}
    assert len([r for r in rows if r.language == "en"]) == len(content.topics)
    assert all(r.due for r in rows), "400 days after today every topic is past 365 days"
    assert not any(r.due for r in review.ages(content, TODAY))
    shorter = review.ages(content, TODAY, env={"CONTENT_REVIEW_INTERVAL_DAYS": "10"})
    assert {r.due for r in shorter if r.reviewed.date == dt.date(2026, 11, 22)} == {True}


def test_answers_resting_only_on_old_sources_are_flagged(content):
    old = review.old_only(content, TODAY)
    # The ACS pages (2012, 2014) are older than 5 years; Komen is undated, so a Komen answer is not "old only".
    assert "onj_what" in old and "bisphosphonates_what" in old
    for topic_id in old:
        assert set(content.topics[topic_id].sources) <= {"acs_systemic_2012", "acs_bone_directed_2016"}
    assert "onj_prevention" not in old  # also rests on AGO 2024 and the 2025 summary
    assert review.old_only(content, TODAY, env={"SOURCE_MAX_AGE_YEARS": "20"}) == []
    # A year-only date counts from 1 January (never younger than it may be).
    assert review.oldest("2024") == dt.date(2024, 1, 1)
    assert review.years_between(dt.date(2014, 9, 25), dt.date(2019, 9, 24)) == 4


def test_validate_prints_review_reminders_without_failing(content):
    env = {"CONTENT_REVIEW_INTERVAL_DAYS": "7"}
    lines = validate.review_reminders(content, TODAY, env)
    due = [line for line in lines if line.startswith("REVIEW DUE: ")]
    assert due and any("'onj_what' (en)" in line for line in due)
    assert lines[-1].startswith("NOTE: ") and "onj_what" in lines[-1]
    assert not [line for line in validate.review_reminders(content, TODAY) if line.startswith("REVIEW DUE")]
    # A reminder, not a failure: main() prints them before `rasa data validate` decides the exit code.
    source = (ROOT / "bot" / "tools" / "validate.py").read_text(encoding="utf-8")
    assert "for line in review_reminders():\n        print(line)" in source


def test_staff_book_lists_topics_by_review_age_and_flags_old_only_answers(tmp_path, content):
    from bot.reference import book

    page = book.build(tmp_path, content).read_text(encoding="utf-8")
    section = page[page.index('<section id="review-age"') :]
    rows = re.findall(r'<tr class="[^"]*"><th scope="row"><a href="#topic-(\w+)">.*?<td>(\d+)</td>', section)
    assert len(rows) == len(review.ages(content))
    days = [int(d) for _, d in rows]
    assert days == sorted(days, reverse=True)
    for topic_id, flagged in (("onj_what", True), ("onj_prevention", False)):
        article = re.search(rf'<article class="topic" id="topic-{topic_id}".*?</article>', page, re.S).group(0)
        assert "Last reviewed 2026-" in article and "content team" in article
        assert ('class="flag old-sources"' in article) is flagged, topic_id
    assert "American Cancer Society, 2012-05-03" in section
