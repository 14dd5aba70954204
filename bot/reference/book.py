"""The helpline staff script book: one self-contained HTML page built from content/.

    python -m bot.reference build            # var/reference/index.html (BONE_HEALTH_VAR_DIR)

The script book is GENERATED from the same content the bot serves (content/topics, sources.yml and
content/safety.yml, content/es), never edited by hand: one self-contained HTML page (inline CSS and JS,
nothing loaded from elsewhere, works from the file system) with a topic index, every answer exactly as
the bot sends it with its Spanish script and review status beside it (bot.reference.spanish), the
questions it answers, its sources and review dates (topics by review age, answers resting only on
old sources flagged: bot.reference.review_age), related topics, a search box,
the escalation scripts of every safety tier, and the content version and build date.

The page skeleton is templates/page.html, its style static/book.css and its script static/book.js
(string.Template `$placeholders`); the Content-Security-Policy allows exactly those inline blocks by
their hashes. The live-call lookup is bot.reference.lookup.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

from bot import content as content_mod
from bot import settings
from bot.content import Content, Topic
from bot.reference.review_age import book_section, topic_note
from bot.reference.spanish import spanish_patterns, spanish_patterns_html, spanish_script, spanish_search_text

ROOT = content_mod.ROOT
CONTENT_DIR = content_mod.CONTENT_DIR
SAFETY_FILE = CONTENT_DIR / "safety.yml"
HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"
EXAMPLES_SHOWN = 5


def var_dir() -> Path:
    return settings.var_dir()


def reference_dir() -> Path:
    return var_dir() / "reference"


# -- inputs: content version and safety tiers ---------------------------------------------------


def content_version(content_dir: Path = CONTENT_DIR) -> str:
    """Short hash of every file under content/ (names and bytes): changes whenever content does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(content_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    signs: Tuple[str, ...]
    says: str = ""  # what these signs can mean, in the patient's words (optional)
    reply: str = ""  # the exact reply the bot sends for this category
    patterns: Tuple[str, ...] = ()  # what the red-flag engine watches for, as written in content/safety.yml
    patterns_es: Tuple[str, ...] = ()  # the same in Spanish (content/safety.yml `es:`)


@dataclass(frozen=True)
class Tier:
    id: str
    title: str
    action: str
    reply: str
    staff_script: str
    categories: Tuple[Category, ...]


@dataclass(frozen=True)
class SafetyBook:
    path: Path
    settings: Dict[str, str]
    tiers: Tuple[Tier, ...]

    def tier(self, tier_id: str) -> Optional[Tier]:
        return next((t for t in self.tiers if t.id == tier_id), None)

    def category(self, category_id: str) -> Optional[Tuple[Tier, Category]]:
        for tier in self.tiers:
            for category in tier.categories:
                if category.id == category_id:
                    return tier, category
        return None


class _Keep(dict):
    """format_map helper: unknown {placeholders} stay as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(text: str, settings: Mapping[str, str]) -> str:
    return " ".join(str(text or "").format_map(_Keep(settings)).split())


def load_safety(path: Optional[Path] = None, env: Optional[Mapping[str, str]] = None) -> SafetyBook:
    """The safety tiers from content/safety.yml (or `path`), read by bot.safety.content as the bot reads
    them: the same deployment settings (env EMERGENCY_NUMBER, EMERGENCY_WORDING, CRISIS_LINE) and the
    exact reply the bot sends for each category."""
    from bot.safety import content as safety_content
    from bot.safety import patterns as safety_patterns

    path = Path(path) if path else SAFETY_FILE
    loaded = safety_content.load(path, env)  # env: default os.environ
    watched = safety_patterns.load(path, path.with_name("safety_vocabulary.yml"))
    readable = {
        (t.tier, t.category): [f"temperature of {t.celsius:g} °C / {t.fahrenheit:g} °F or more"]
        for t in watched.thresholds
    }
    for tier_id, categories in watched.by_category.items():
        for category_id, patterns in categories.items():
            readable.setdefault((tier_id, category_id), []).extend(patterns)
    spanish = spanish_patterns(watched)
    settings = {k: _fill(v, loaded.settings) for k, v in loaded.settings.items()}
    tiers = []
    for tier_id, value in loaded.tiers.items():
        categories = tuple(
            Category(
                id=cid,
                title=str(c.get("title", cid)),
                signs=tuple(str(s) for s in c.get("signs") or ()),
                says=_fill(c.get("says", ""), settings),
                reply=loaded.reply(tier_id, cid),
                patterns=tuple(readable.get((tier_id, cid), ())),
                patterns_es=spanish.get((tier_id, cid), ()),
            )
            for cid, c in loaded.categories(tier_id).items()
        )
        tiers.append(
            Tier(
                id=tier_id,
                title=str(value.get("title", tier_id)),
                action=str(value.get("action", "")),
                reply=loaded.reply(tier_id),
                staff_script=loaded.staff_script(tier_id),
                categories=categories,
            )
        )
    return SafetyBook(path=path, settings=settings, tiers=tuple(tiers))


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def search_text(*parts: Any) -> str:
    return " ".join(" ".join(str(p) for p in parts).lower().split())


def topic_anchor(topic_id: str, prefix: str = "topic-") -> str:
    return prefix + re.sub(r"[^A-Za-z0-9_-]", "-", topic_id)


def topic_search_text(content: Content, topic: Topic) -> str:
    drugs = [content.drugs[d] for d in topic.drugs if d in content.drugs]
    drug_names = [name for drug in drugs for name in (drug.name,) + drug.names]
    return search_text(
        content.groups[topic.retrieval_intent],
        topic.title,
        topic.id.replace("_", " "),
        content.render(topic),
        " ".join(topic.examples),
        " ".join(drug_names),
        spanish_search_text(content, topic),
    )


def _asset(path: Path) -> str:
    """A static file or template as it goes into the page (without its final newline)."""
    return path.read_text(encoding="utf-8").strip("\n")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(css: str, js: str) -> str:
    """Only this page's own inline style and script run; it may call the lookup on its own server."""
    return (
        f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def _numbers(settings: Mapping[str, str]) -> str:
    crisis = settings.get("crisis_line")
    if crisis and settings.get("crisis_line_name"):
        crisis = f"{crisis} ({settings['crisis_line_name']})"
    rows = [
        ("Emergency", settings.get("emergency_number")),
        ("Crisis line", crisis),
        (settings.get("helpline_name") or "Helpline", settings.get("helpline_number")),
        ("Helpline hours", settings.get("helpline_hours")),
    ]
    items = "".join(f"<div><dt>{esc(k)}:</dt><dd>{esc(v)}</dd></div>" for k, v in rows if v)
    return f'<dl class="numbers" aria-label="Numbers to give callers">{items}</dl>'


def _category_item(category: Category) -> str:
    item = f"<li><strong>{esc(category.title)}</strong>"
    if category.signs:
        item += ": " + esc("; ".join(category.signs))
    if category.reply:
        item += f'<br><span class="says">The bot says: <q class="bot-reply">{esc(category.reply)}</q></span>'
    return item + "</li>"


def _patterns(tier: Tier) -> str:
    """What the red-flag engine watches for in this tier, folded away: for staff who wonder why the bot
    escalated (or did not)."""
    watched = [c for c in tier.categories if c.patterns or c.patterns_es]
    if not watched:
        return ""
    items = "".join(
        f'<dt>{esc(c.title)}</dt><dd><ul class="patterns">'
        + "".join(f"<li><code>{esc(p)}</code></li>" for p in c.patterns)
        + f"</ul>{spanish_patterns_html(c.patterns_es)}</dd>"
        for c in watched
    )
    return (
        '<details class="patterns no-print"><summary>Patterns the bot watches for</summary>'
        '<p class="tag">As written in content/safety.yml: <code>a|b</code> either word, <code>x?</code> '
        "optional, <code>a_b</code> words together, <code>*N</code> up to N other words, <code>=word</code> that "
        "exact word (else any form of it), "
        "<code>@NAME</code> a word list of content/safety_vocabulary.yml. The bot also escalates "
        f"what its trained model recognises.</p><dl>{items}</dl></details>"
    )


def _tier_article(tier: Tier) -> str:
    anchor = topic_anchor(tier.id, "tier-")
    signs = "".join(_category_item(c) for c in tier.categories)
    text = search_text(
        "escalation",
        tier.title,
        tier.id,
        tier.staff_script,
        tier.reply,
        " ".join(" ".join((c.title, c.says, c.reply) + c.signs) for c in tier.categories),
    )
    return (
        f'<article class="tier" id="{anchor}" data-search="{esc(text)}" aria-labelledby="{anchor}-h">'
        f'<h3 id="{anchor}-h">{esc(tier.title)}</h3>'
        f'<h4>Say and do</h4><p class="staff-script">{esc(tier.staff_script)}</p>'
        f'<h4>If the caller reports</h4><ul class="signs">{signs}</ul>{_patterns(tier)}'
        f'<p class="tag">Bot action: {esc(tier.action)}</p></article>'
    )


def _topic_article(content: Content, topic: Topic) -> str:
    anchor = topic_anchor(topic.id)
    examples = "".join(f"<li>{esc(e)}</li>" for e in topic.examples[:EXAMPLES_SHOWN])
    sources = "".join(
        f"<li>{esc(s.publisher)}, <cite>{esc(s.title)}</cite>. Reviewed: {esc(s.reviewed)}</li>"
        for s in (content.sources[sid] for sid in topic.sources if sid in content.sources)
    )
    related = "".join(
        f'<li><a href="#{topic_anchor(r)}">{esc(content.topics[r].title)}</a></li>'
        for r in topic.related
        if r in content.topics
    )
    return (
        f'<article class="topic" id="{anchor}" data-search="{esc(topic_search_text(content, topic))}" '
        f'aria-labelledby="{anchor}-h">'
        f'<h3 id="{anchor}-h">{esc(topic.title)}</h3>'
        f'<h4>Script (exactly what the bot says)</h4><p class="script">{esc(content.render(topic))}</p>'
        + spanish_script(content, topic)
        + f'<h4>Questions it answers</h4><ul class="examples">{examples}</ul>'
        f'<h4>Source and review date</h4><ul class="sources">{sources}</ul>{topic_note(content, topic)}'
        + (f'<h4>Related topics</h4><ul class="related">{related}</ul>' if related else "")
        + f'<p class="tag">Topic id: {esc(topic.response_key)}</p></article>'
    )


def area_order(content: Content) -> List[str]:
    """FAQ areas in the order domain.yml lists their intents (basics first), then the rest."""
    try:
        intents = (yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8")) or {}).get("intents") or []
    except OSError:
        intents = []
    order = [i for i in intents if isinstance(i, str) and i in content.groups]
    return order + [g for g in content.groups if g not in order]


def render_page(content: Content, safety: SafetyBook, version: str, built: str) -> str:
    areas: Dict[str, List[Topic]] = {area: [] for area in area_order(content)}
    for topic in content.topics.values():
        areas[topic.retrieval_intent].append(topic)
    # The print footer repeats version and build date (CSS string: only safe characters).
    css = Template(_asset(STATIC_DIR / "book.css")).substitute(
        version=re.sub(r"[^\w.:-]", "", version), built=re.sub(r"[^\w.: -]", "", built)
    )
    js = _asset(STATIC_DIR / "book.js")

    index = [
        '<nav class="index" aria-labelledby="index-h"><h2 id="index-h">Topic index</h2>',
        "<div data-group><h3>Escalation</h3><ul>",
    ]
    index += [
        f'<li data-for="{topic_anchor(t.id, "tier-")}"><a href="#{topic_anchor(t.id, "tier-")}">'
        f'{esc(t.title)}</a></li>'
        for t in safety.tiers
    ]
    index.append("</ul></div>")
    for intent, topics in areas.items():
        index.append(f'<div data-group><h3><a href="#area-{esc(intent)}">{esc(content.groups[intent])}</a></h3><ul>')
        index += [
            f'<li data-for="{topic_anchor(t.id)}"><a href="#{topic_anchor(t.id)}">{esc(t.title)}</a></li>'
            for t in topics
        ]
        index.append("</ul></div>")
    index.append("</nav>")

    escalation = (
        '<section id="escalation" data-group aria-labelledby="escalation-h">'
        '<h2 id="escalation-h">Escalation scripts: red flags first</h2>'
        "<p>If the caller reports any of these, stop the topic scripts and follow the tier. "
        "Never give personal medical advice.</p>" + "".join(_tier_article(t) for t in safety.tiers) + "</section>"
    )

    sections = []
    for intent, topics in areas.items():
        sections.append(
            f'<section id="area-{esc(intent)}" data-group aria-labelledby="area-{esc(intent)}-h">'
            f'<h2 id="area-{esc(intent)}-h">{esc(content.groups[intent])}</h2>'
            + "".join(_topic_article(content, t) for t in topics)
            + "</section>"
        )

    # The CSP hashes are computed on the exact text inside the tags.
    return Template(_asset(TEMPLATES_DIR / "page.html") + "\n").substitute(
        csp=esc(content_security_policy(css, js)),
        css=css,
        js=js,
        version=esc(version),
        built=esc(built),
        numbers=_numbers(safety.settings),
        index="".join(index),
        escalation=escalation,
        sections="".join(sections),
        review=book_section(content),
        topic_count=len(content.topics),
        safety_file=esc(safety.path.name),
    )


def page_csp_from_text(page: str) -> Optional[str]:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page[:4000])
    return html.unescape(match.group(1)) if match else None


def page_csp(page: Path) -> Optional[str]:
    """The Content-Security-Policy the built page declares for itself (web.py sends it as a header)."""
    try:
        with page.open(encoding="utf-8") as handle:
            return page_csp_from_text(handle.read(4000))
    except OSError:
        return None


def build(
    out_dir: Optional[Path] = None,
    content: Optional[Content] = None,
    content_dir: Path = CONTENT_DIR,
    now: Optional[dt.datetime] = None,
) -> Path:
    """Write the script book to `out_dir`/index.html and return its path."""
    out_dir = Path(out_dir) if out_dir else reference_dir()
    content = content or content_mod.load(content_dir)
    safety = load_safety(content_dir / "safety.yml")
    built = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    page = render_page(content, safety, content_version(content_dir), built)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
