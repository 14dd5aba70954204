"""The content editors' page, as HTML: what the bot failed to answer and how its answers fare.

Why one server-rendered page: editors get everything at one address without a build step; the web
server's Content-Security-Policy allows only this server's files, so style and script are
static/editors.css and static/editors.js (the page works without the script: the snippet form is
a plain GET form that reloads the page with the snippet shown). Every text from the store is
escaped: unanswered questions are typed by strangers.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from bot.content import Content, review
from bot.editors import charts
from bot.editors.groups import Group
from bot.reference.review_age import table as review_table

BASE = "/editors/"
MAX_GROUPS = 200  # groups shown; the rest are counted
OLDEST_SHOWN = 10  # review ages shown unfolded


def esc(text) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Summary:
    groups: Sequence[Group]
    helpfulness: Sequence[Tuple[str, int, int]]
    weekly: Sequence[Tuple[dt.date, int, int, int]]
    ages: Sequence[review.TopicAge]
    capture_on: bool
    retention_days: int
    generated: str  # "YYYY-MM-DD HH:MM UTC"


def _head(title: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title>"
        f'<link rel="stylesheet" href="{BASE}static/editors.css"></head>'
    )


def login_page(message: str = "") -> str:
    """The login form: the token goes in a POST body, never in a URL."""
    alert = f'<p class="error" role="alert">{esc(message)}</p>' if message else ""
    return (
        _head("Content editors: log in") + '<body><main class="login" id="main"><h1>Content editors</h1>'
        "<p>Unanswered questions, helpfulness votes and review dates of the Bone Health Companion.</p>"
        f'{alert}<form method="post" action="{BASE}login">'
        '<label for="token">Editors\' token</label>'
        '<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>'
        '<button type="submit">Log in</button></form>'
        '<p class="meta">The deployer sets the token (EDITORS_TOKEN). You stay logged in for 8 hours '
        "in this browser.</p></main></body></html>"
    )


def _pairs(pairs: Sequence[Tuple[str, int]]) -> str:
    return ", ".join(f"{esc(name)} ({count})" for name, count in pairs) or "none"


def topic_options(content: Content, selected: Optional[str]) -> str:
    """A <select>'s options: every topic id, grouped by area."""
    by_area: Dict[str, List] = {}
    for topic in content.topics.values():
        by_area.setdefault(topic.retrieval_intent, []).append(topic)
    parts = [] if selected else ['<option value="" selected>Choose a topic…</option>']
    for area, topics in by_area.items():
        options = "".join(
            f'<option value="{esc(t.id)}"{" selected" if t.id == selected else ""}>{esc(t.id)}: {esc(t.title)}</option>'
            for t in topics
        )
        parts.append(f'<optgroup label="{esc(content.groups.get(area, area))}">{options}</optgroup>')
    return "".join(parts)


def _group_article(group: Group, content: Content, shown: Optional[Tuple[str, str, str]]) -> str:
    """One group: its questions with counts, and the form that shows the YAML snippet."""
    gid = esc(group.id)
    questions = "".join(f'<li>{esc(text)} <span class="count">×{count}</span></li>' for text, count in group.questions)
    selected = shown[1] if shown and shown[0] == group.id else group.suggested_topic
    snippet_text = shown[2] if shown and shown[0] == group.id else ""
    language = "Spanish" if group.language == "es" else "English"
    return (
        f'<article class="group" id="{gid}" aria-labelledby="{gid}-h">'
        f'<h3 id="{gid}-h"><span class="badge" aria-label="{group.count} questions">{group.count}×</span> '
        f"{esc(group.label)}</h3>"
        f'<ul class="questions">{questions}</ul>'
        f'<p class="meta">{language} · last {esc(group.last_day)} · why kept: {_pairs(group.reasons)} · '
        f"channels: {_pairs(group.channels)} · topics offered or voted down: {_pairs(group.topics)}</p>"
        f'<form class="snippet-form" method="get" action="{BASE}#{gid}" data-group="{gid}">'
        f'<input type="hidden" name="group" value="{gid}">'
        f'<label for="topic-{gid}">Add these questions as examples to</label> '
        f'<select id="topic-{gid}" name="topic">{topic_options(content, selected)}</select> '
        '<button type="submit">Show YAML snippet</button></form>'
        f'<div class="snippet" id="snippet-{gid}"{"" if snippet_text else " hidden"}>'
        f'<pre id="snippet-{gid}-pre" tabindex="0" aria-label="YAML snippet for {gid}">{esc(snippet_text)}</pre>'
        f'<button type="button" class="copy" data-copy="snippet-{gid}-pre">Copy snippet</button>'
        f'<span class="status" role="status" aria-live="polite"></span></div></article>'
    )


def _unanswered(summary: Summary, content: Content, shown) -> str:
    if not summary.groups:
        empty = "No unanswered questions kept yet."
        if not summary.capture_on:
            empty += " Keeping them is off: the deployer switches it on with UNANSWERED_CAPTURE=true."
        return f'<p class="empty">{empty}</p>'
    total = sum(g.count for g in summary.groups)
    groups = list(summary.groups)[:MAX_GROUPS]
    more = len(summary.groups) - len(groups)
    return (
        f"<p>{total} question(s) in {len(summary.groups)} group(s), largest first"
        + (f" ({more} smaller groups not shown)" if more else "")
        + ". Similar questions are grouped as the bot's classifier reads them.</p>"
        + "".join(_group_article(g, content, shown) for g in groups)
    )


def _helpfulness(summary: Summary, content: Content) -> str:
    if not summary.helpfulness:
        return '<p class="empty">No votes yet.</p>'
    rows = sorted(summary.helpfulness, key=lambda r: (-r[2], -(r[1] + r[2]), r[0]))
    body = "".join(
        f'<tr id="votes-{esc(topic)}"><th scope="row">{esc(topic)}'
        + (f'<br><span class="meta">{esc(content.topics[topic].title)}</span>' if topic in content.topics else "")
        + f'</th><td class="yes">{yes}</td><td class="no">{no}</td><td>{charts.percent(yes, yes + no):.0f}%</td></tr>'
        for topic, yes, no in rows
    )
    return (
        charts.helpfulness(rows[:40])
        + '<table class="data" id="helpfulness-table"><caption>Votes by topic, most "not helpful" first</caption>'
        '<thead><tr><th scope="col">Topic</th><th scope="col">Helpful</th><th scope="col">Not helpful</th>'
        f'<th scope="col">Helpful share</th></tr></thead><tbody>{body}</tbody></table>'
    )


def _weekly(summary: Summary) -> str:
    if not summary.weekly:
        return '<p class="empty">No conversations counted yet.</p>'
    body = ""
    for week, answered, fallback, escalated in summary.weekly:
        total = answered + fallback + escalated
        body += (
            f'<tr><th scope="row">{week}</th><td>{answered}</td><td>{fallback}</td><td>{escalated}</td>'
            f"<td>{charts.percent(fallback, total):.1f}%</td><td>{charts.percent(escalated, total):.1f}%</td></tr>"
        )
    return (
        charts.weekly_rates(summary.weekly)
        + '<table class="data" id="rates-table"><caption>Turns per week (weeks start on Monday)</caption><thead><tr>'
        '<th scope="col">Week of</th><th scope="col">Answered</th><th scope="col">Fallback</th>'
        '<th scope="col">Escalated</th><th scope="col">Fallback rate</th><th scope="col">Escalation rate</th>'
        f"</tr></thead><tbody>{body}</tbody></table>"
    )


def _review(summary: Summary) -> str:
    due = sum(r.due for r in summary.ages)
    old = sorted({r.id for r in summary.ages if r.old_sources_only and r.language == "en"})
    return (
        f"<p>{due} topic(s) past the review interval. {len(old)} answer(s) rest only on sources older than "
        f"{review.max_source_age_years()} years: {esc(', '.join(old)) or 'none'}.</p>"
        + review_table(summary.ages[:OLDEST_SHOWN], anchors=False, caption=f"The {OLDEST_SHOWN} oldest reviews.")
        + f"<details><summary>All {len(summary.ages)} topic reviews (English and Spanish), oldest first</summary>"
        + review_table(summary.ages, anchors=False)
        + "</details>"
    )


SECTIONS = (
    ("unanswered", "Unanswered questions"),
    ("helpfulness", "Helpfulness by topic"),
    ("rates", "Fallback and escalation rates per week"),
    ("review", "Topics by review age"),
)


def render(summary: Summary, content: Content, shown: Optional[Tuple[str, str, str]] = None) -> str:
    """The whole page. `shown`: (group id, topic id, snippet) to show without the script."""
    bodies = {
        "unanswered": _unanswered(summary, content, shown),
        "helpfulness": _helpfulness(summary, content),
        "rates": _weekly(summary),
        "review": _review(summary),
    }
    nav = "".join(f'<li><a href="#{key}">{esc(title)}</a></li>' for key, title in SECTIONS)
    sections = "".join(
        f'<section id="{key}" aria-labelledby="{key}-h"><h2 id="{key}-h">{esc(title)}</h2>{bodies[key]}</section>'
        for key, title in SECTIONS
    )
    capture = (
        f"on; questions are deleted after {summary.retention_days} days"
        if summary.capture_on
        else "off (UNANSWERED_CAPTURE)"
    )
    return (
        _head("Content editors: Bone Health Companion")
        + '<body><a class="skip-link" href="#main">Skip to the content</a>'
        '<header class="top">'
        f'<form method="post" action="{BASE}logout" class="logout"><button type="submit">Log out</button></form>'
        "<h1>Content editors</h1>"
        f'<p class="meta">Built <time id="generated">{esc(summary.generated)}</time>; reload for new data. '
        f"Keeping unanswered questions: {capture}. Questions are shown after names, numbers, dates, "
        "contacts and addresses were replaced by tags such as [NAME].</p>"
        f'<nav aria-label="Sections"><ul>{nav}</ul></nav></header>'
        f'<main id="main" tabindex="-1">{sections}</main>'
        f'<script src="{BASE}static/editors.js"></script></body></html>'
    )
