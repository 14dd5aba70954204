"""Review age of the scripts, as HTML (issue 15, part 4): for the staff book and the editors' page.

Why: staff read an answer aloud as written; they should see when it was last checked and when its
only backing is a publisher page older than SOURCE_MAX_AGE_YEARS. The numbers come from
bot.content.review (one computation for the book, the editors' page and `make validate`).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Iterable, Mapping, Optional

from bot.content import Content, Topic, review
from bot.content.review import TopicAge


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def status(row: TopicAge, interval: int) -> str:
    return f"due (over {interval} days)" if row.due else "current"


def old_sources_note(row: TopicAge, max_years: int) -> str:
    """The flag under an answer that rests only on old sources ('' when it does not)."""
    if not row.old_sources_only:
        return ""
    labels = "; ".join(s.label for s in row.sources)
    return (
        f'<p class="flag old-sources"><strong>Old sources only:</strong> every source of this answer '
        f"was last reviewed by its publisher {max_years} or more years ago ({_esc(labels)}). "
        "Check it against current guidance before relying on it.</p>"
    )


def topic_note(content: Content, topic: Topic, today: Optional[dt.date] = None, env=None) -> str:
    """Under a script in the book: when and by whom it was reviewed, and the old-sources flag."""
    rows = [r for r in review.ages(content, today, env) if r.id == topic.id and r.language == "en"]
    if not rows:
        return ""
    row = rows[0]
    due = ' <strong class="flag">Review due.</strong>' if row.due else ""
    return (
        f'<p class="reviewed">Last reviewed {_esc(row.reviewed.date)} by {_esc(row.reviewed.by)} '
        f"({row.days} days ago).{due}</p>" + old_sources_note(row, review.max_source_age_years(env))
    )


def table(
    rows: Iterable[TopicAge],
    env: Optional[Mapping[str, str]] = None,
    anchors: bool = True,
    caption: str = "Topics by review age, oldest first.",
) -> str:
    """Topics by review age, oldest first: one row per topic and language."""
    interval, max_years = review.interval_days(env), review.max_source_age_years(env)
    body = []
    for row in rows:
        title = _esc(row.title)
        if anchors:
            title = f'<a href="#topic-{_esc(row.id)}">{title}</a>'
        old = f"yes: {_esc('; '.join(s.label for s in row.sources))}" if row.old_sources_only else "no"
        body.append(
            f'<tr class="{"due" if row.due else "current"}{" old-only" if row.old_sources_only else ""}">'
            f"<th scope=\"row\">{title}<br><code>{_esc(row.id)}</code></th><td>{_esc(row.language)}</td>"
            f"<td>{_esc(row.area)}</td><td><time datetime=\"{row.reviewed.date}\">{row.reviewed.date}</time></td>"
            f"<td>{row.days}</td><td>{_esc(status(row, interval))}</td><td>{_esc(row.reviewed.by)}</td>"
            f"<td>{old}</td></tr>"
        )
    return (
        f'<table class="review-age"><caption>{_esc(caption)} Review interval: '
        f"{interval} days (CONTENT_REVIEW_INTERVAL_DAYS); old sources: {max_years} years or more "
        "since the publisher's review (SOURCE_MAX_AGE_YEARS).</caption><thead><tr>"
        '<th scope="col">Topic</th><th scope="col">Language</th><th scope="col">Area</th>'
        '<th scope="col">Last reviewed</th><th scope="col">Age (days)</th><th scope="col">Status</th>'
        '<th scope="col">Reviewed by</th><th scope="col">Rests only on old sources</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def book_section(content: Content, today: Optional[dt.date] = None, env=None) -> str:
    """The staff book's folded section listing every script by review age."""
    rows = review.ages(content, today, env)
    due = sum(r.due for r in rows)
    old = len(review.old_only(content, today, env))
    return (
        '<section id="review-age" aria-labelledby="review-age-h"><h2 id="review-age-h">Review dates</h2>'
        f"<p>{due} script(s) past their review interval; {old} answer(s) rest only on sources older than "
        f"{review.max_source_age_years(env)} years.</p>"
        "<details><summary>Topics by review age (oldest first)</summary>" + table(rows, env) + "</details></section>"
    )
