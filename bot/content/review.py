"""Review dates of the content (issue 15, part 4): when each answer was last checked, and how old its
sources are.

Why: an answer is only as current as its sources and its last review. Each topic (content/topics/*.yml
and content/es/topics.yml) records `reviewed: {date: YYYY-MM-DD, by: "..."}`; each source in
content/sources.yml its publisher's `review_date` (YYYY-MM-DD, YYYY when the document gives only a
year, null when it is undated). A missing or invalid date stops the load with the file and topic
named. `ages` ranks topics by the age of their review for the staff book and the editors' page;
`due` lists those past CONTENT_REVIEW_INTERVAL_DAYS (printed, not failed, by bot.tools.validate); an
answer whose sources are all older than SOURCE_MAX_AGE_YEARS is flagged (undated sources are not
known to be old, so they never make an answer "old only").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, List, Mapping, Optional, Tuple

import yaml

from bot import settings

DEFAULT_INTERVAL_DAYS = 365
DEFAULT_MAX_SOURCE_AGE_YEARS = 5
_SOURCE_DATE = re.compile(r"^(\d{4})(?:-(\d{2})-(\d{2}))?$")


class DatesAsText(yaml.SafeLoader):
    """yaml.SafeLoader that leaves dates as written: PyYAML turns `2026-13-01` into its own error
    naming neither file nor topic; as text, `parse_reviewed` names both."""


DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Reviewed:
    date: dt.date
    by: str


def interval_days(env: Optional[Mapping[str, str]] = None) -> int:
    """CONTENT_REVIEW_INTERVAL_DAYS: a topic not reviewed for longer is due for review."""
    return settings.integer("CONTENT_REVIEW_INTERVAL_DAYS", DEFAULT_INTERVAL_DAYS, env)


def max_source_age_years(env: Optional[Mapping[str, str]] = None) -> int:
    """SOURCE_MAX_AGE_YEARS: a source whose publisher's review is older counts as old."""
    return settings.integer("SOURCE_MAX_AGE_YEARS", DEFAULT_MAX_SOURCE_AGE_YEARS, env)


def parse_reviewed(raw: Any, where: str) -> Reviewed:
    """A topic's `reviewed: {date, by}`; ValueError naming `where` (file and topic) when it is wrong."""
    example = 'reviewed: {date: YYYY-MM-DD, by: "Name, role"}'
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: missing or malformed review record; write {example}")
    unknown = set(raw) - {"date", "by"}
    if unknown:
        raise ValueError(f"{where}: unknown reviewed fields {sorted(unknown)}; write {example}")
    date = raw.get("date")
    if isinstance(date, dt.datetime) or not isinstance(date, dt.date | str):
        raise ValueError(f"{where}: reviewed date must be YYYY-MM-DD, not {date!r}")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise ValueError(f"{where}: reviewed date must be YYYY-MM-DD, not {date!r}") from None
    by = raw.get("by")
    if not isinstance(by, str) or not by.strip():
        raise ValueError(f"{where}: reviewed `by` must name who reviewed it")
    return Reviewed(date=date, by=" ".join(by.split()))


def parse_source_date(raw: Any, where: str) -> Optional[str]:
    """A source's `review_date` as written (`YYYY-MM-DD`, `YYYY`) or None for an undated source."""
    if raw is None:
        return None
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw.isoformat()
    text = str(raw).strip() if isinstance(raw, int | str) and not isinstance(raw, bool) else ""
    match = _SOURCE_DATE.match(text)
    try:
        if match:
            oldest(text)
            return text
    except ValueError:
        pass
    raise ValueError(f"{where}: review_date must be YYYY-MM-DD, YYYY or null (undated), not {raw!r}")


def oldest(review_date: str) -> dt.date:
    """The earliest day a `review_date` can mean (`2024` -> 2024-01-01): ages are never understated."""
    year, month, day = _SOURCE_DATE.match(review_date).groups()
    return dt.date(int(year), int(month or 1), int(day or 1))


def years_between(earlier: dt.date, later: dt.date) -> int:
    """Whole years from `earlier` to `later`."""
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


@dataclass(frozen=True)
class SourceAge:
    id: str
    label: str  # publisher and the date as written, e.g. "American Cancer Society, 2012-05-03"
    review_date: Optional[str]
    years: Optional[int]  # None: undated
    old: bool


@dataclass(frozen=True)
class TopicAge:
    id: str
    title: str
    area: str
    language: str  # "en" or "es"
    reviewed: Reviewed
    days: int
    due: bool  # older than CONTENT_REVIEW_INTERVAL_DAYS
    sources: Tuple[SourceAge, ...]

    @property
    def old_sources_only(self) -> bool:
        """Every source of the answer is older than SOURCE_MAX_AGE_YEARS (and there is at least one)."""
        return bool(self.sources) and all(s.old for s in self.sources)


def source_ages(content, today: dt.date, max_years: int) -> dict:
    found = {}
    for source in content.sources.values():
        date = source.review_date
        years = years_between(oldest(date), today) if date else None
        label = f"{source.publisher}, {date or 'undated'}"
        found[source.id] = SourceAge(source.id, label, date, years, years is not None and years >= max_years)
    return found


def ages(content, today: Optional[dt.date] = None, env: Optional[Mapping[str, str]] = None) -> List[TopicAge]:
    """Every topic's English review and, when it has one, its Spanish one: oldest review first."""
    today = today or dt.date.today()
    interval = interval_days(env)
    by_source = source_ages(content, today, max_source_age_years(env))
    rows = []
    for topic in content.topics.values():
        sources = tuple(by_source[s] for s in topic.sources if s in by_source)
        area = content.groups.get(topic.retrieval_intent, topic.retrieval_intent)
        reviews = [("en", topic.title, topic.reviewed)]
        spanish = content.spanish.get(topic.id)
        if spanish is not None:
            reviews.append(("es", spanish.title, spanish.reviewed))
        for language, title, reviewed in reviews:
            if reviewed is None:
                continue
            days = (today - reviewed.date).days
            rows.append(TopicAge(topic.id, title, area, language, reviewed, days, days > interval, sources))
    return sorted(rows, key=lambda r: (-r.days, r.id, r.language))


def due(content, today: Optional[dt.date] = None, env: Optional[Mapping[str, str]] = None) -> List[str]:
    """One line per topic past its review interval (what `make test` prints through bot.tools.validate)."""
    interval = interval_days(env)
    return [
        f"REVIEW DUE: topic {row.id!r} ({row.language}) last reviewed {row.reviewed.date} by {row.reviewed.by}: "
        f"{row.days} days ago, interval {interval} days"
        for row in ages(content, today, env)
        if row.due
    ]


def old_only(content, today: Optional[dt.date] = None, env: Optional[Mapping[str, str]] = None) -> List[str]:
    """Topic ids whose answer rests only on sources older than SOURCE_MAX_AGE_YEARS."""
    return sorted({row.id for row in ages(content, today, env) if row.language == "en" and row.old_sources_only})
