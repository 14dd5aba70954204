"""Helpline staff reference: the script book and the live-call lookup.

    python -m bot.reference build            # var/reference/index.html (BONE_HEALTH_VAR_DIR)
    python -m bot.reference "caller's words"  # the three best-matching scripts, red flags first

The script book is GENERATED from the same content the bot serves (content/topics, sources.yml and
content/safety.yml), never edited by hand: one self-contained HTML page (inline CSS and JS, nothing
loaded from elsewhere, works from the file system) with a topic index, every answer exactly as the
bot sends it, the questions it answers, its sources and review dates, related topics, a search box,
the escalation scripts of every safety tier, and the content version and build date.

The lookup parses the caller's words with the trained model (rasa.core.agent.Agent, or a running Rasa
server's /model/parse) and ranks topics by P(FAQ area) x P(answer | area) from the ResponseSelector
rankings; the answer the bot itself would show comes first. Red-flag wording is flagged before any
script: bot.safety.engine.classify (deterministic rules) when it exists, else the model's safety intents.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import hmac
import html
import json
import logging
import os
import re
import sys
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

import yaml

from bot import content as content_mod
from bot.content import Content, Topic
from bot.dialogue.turn import shown_topic  # the same decision the bot makes

ROOT = content_mod.ROOT
CONTENT_DIR = content_mod.CONTENT_DIR
SAFETY_FILE = CONTENT_DIR / "safety.yml"
MODEL = ROOT / "models" / "bone-health.tar.gz"
EXAMPLES_SHOWN = 5
TOP_N = 3
MAX_QUERY_CHARS = 1000


def var_dir() -> Path:
    return Path(os.environ.get("BONE_HEALTH_VAR_DIR", ROOT / "var"))


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
    says: str = ""   # what these signs can mean, in the patient's words (optional)
    reply: str = ""  # the exact reply the bot sends for this category


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


def load_safety(path: Optional[Path] = None, env: Optional[Mapping[str, str]] = None) -> Optional[SafetyBook]:
    """The safety tiers from content/safety.yml (or `path`), read by bot.safety.content as the bot reads
    them: the same deployment settings (env EMERGENCY_NUMBER, EMERGENCY_WORDING, CRISIS_LINE) and the
    exact reply the bot sends for each category."""
    from bot.safety import content as safety_content

    path = Path(path) if path else SAFETY_FILE
    if not path.exists():
        return None
    loaded = safety_content.load(path, os.environ if env is None else env)
    settings = {k: _fill(v, loaded.settings) for k, v in loaded.settings.items()}
    tiers = []
    for tier_id, value in loaded.tiers.items():
        categories = tuple(
            Category(id=cid, title=str(c.get("title", cid)), signs=tuple(str(s) for s in c.get("signs") or ()),
                     says=_fill(c.get("says", ""), settings), reply=loaded.reply(tier_id, cid))
            for cid, c in loaded.categories(tier_id).items())
        tiers.append(Tier(id=tier_id, title=str(value.get("title", tier_id)), action=str(value.get("action", "")),
                          reply=loaded.reply(tier_id), staff_script=loaded.staff_script(tier_id),
                          categories=categories))
    return SafetyBook(path=path, settings=settings, tiers=tuple(tiers))


# -- the script book -----------------------------------------------------------------------------

def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def search_text(*parts: Any) -> str:
    return " ".join(" ".join(str(p) for p in parts).lower().split())


def topic_anchor(topic_id: str, prefix: str = "topic-") -> str:
    return prefix + re.sub(r"[^A-Za-z0-9_-]", "-", topic_id)


def topic_search_text(content: Content, topic: Topic) -> str:
    drugs = [content.drugs[d] for d in topic.drugs if d in content.drugs]
    drug_names = [name for drug in drugs for name in (drug.name,) + drug.names]
    return search_text(content.groups[topic.retrieval_intent], topic.title, topic.id.replace("_", " "),
                       content.render(topic), " ".join(topic.examples), " ".join(drug_names))


CSS = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b5394; --alarm: #a00000; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus, input:focus, button:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.book { padding: 1rem 1.5rem; border-bottom: 1px solid var(--line); }
header.book h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
.meta { color: var(--muted); font-size: .9rem; margin: 0; }
.numbers { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .75rem 0 0; padding: .5rem .75rem; background: #fdf1f1; border-left: 4px solid var(--alarm); }
.numbers div { margin: 0; } .numbers dt { display: inline; font-weight: 600; } .numbers dd { display: inline; margin: 0 0 0 .3rem; }
.layout { display: grid; grid-template-columns: minmax(14rem, 20rem) 1fr; gap: 1.5rem; padding: 1rem 1.5rem; }
nav.index { font-size: .92rem; position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; }
nav.index h2 { font-size: 1.1rem; } nav.index h3 { font-size: .95rem; margin: .8rem 0 .2rem; }
nav.index ul { margin: 0; padding-left: 1.1rem; }
.tools { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin-bottom: 1rem; }
.tools label { font-weight: 600; display: block; }
.tools input[type=search], .tools input[type=text], .tools input[type=password] { width: 100%; max-width: 36rem; font-size: 1rem; padding: .4rem .5rem; border: 1px solid #767676; border-radius: 4px; }
.tools button { font-size: 1rem; padding: .4rem .9rem; margin-top: .4rem; }
.status { color: var(--muted); font-size: .9rem; margin: .3rem 0 0; }
main h2 { border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 1.5rem; }
article.topic, article.tier { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
article.tier { border-left: 6px solid var(--alarm); }
article h3 { margin: 0 0 .4rem; font-size: 1.15rem; }
article h4 { margin: .6rem 0 .2rem; font-size: .95rem; color: var(--muted); }
.script { white-space: pre-line; margin: .25rem 0; padding: .5rem .75rem; background: #f3f7fb; border-left: 4px solid var(--accent); }
.staff-script { white-space: pre-line; margin: .25rem 0; padding: .5rem .75rem; background: #fdf1f1; border-left: 4px solid var(--alarm); }
.tag { font-size: .8rem; color: var(--muted); }
.says { color: var(--muted); font-size: .92rem; }
ul.examples, ul.sources, ul.signs { margin: .1rem 0; padding-left: 1.2rem; }
ul.related { margin: .1rem 0; padding-left: 1.2rem; }
.result { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; }
.result.flag { border-left: 6px solid var(--alarm); background: #fdf1f1; }
.print-note { display: none; }
footer.book { border-top: 1px solid var(--line); padding: .75rem 1.5rem; color: var(--muted); font-size: .9rem; }
[hidden] { display: none !important; }
@media (max-width: 48rem) { .layout { grid-template-columns: 1fr; } nav.index { position: static; max-height: none; } }
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-left { content: "Bone Health Companion script book, content __VERSION__, built __BUILT__"; font-size: 8pt; color: #444; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 8pt; color: #444; } }
@media print {
  body { font-size: 11pt; }
  nav, .tools, .skip-link, #lookup, .no-print { display: none !important; }
  .layout { display: block; padding: 0; }
  header.book { padding: 0 0 .5rem; }
  .print-note { display: block; }
  a { color: inherit; text-decoration: none; }
  article.topic, article.tier { break-inside: avoid; page-break-inside: avoid; border-color: #999; }
  main h2 { break-after: avoid; page-break-after: avoid; }
  .script, .staff-script { background: none; }
  ul.examples { padding-left: 0; } ul.examples li { display: inline; }
  ul.examples li + li::before { content: " \\00b7  "; }
}
"""

JS = r"""
(function () {
  "use strict";
  var input = document.getElementById("search");
  var status = document.getElementById("search-status");
  var items = Array.prototype.slice.call(document.querySelectorAll("main [data-search]"));
  var mirrors = Array.prototype.slice.call(document.querySelectorAll("[data-for]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var total = document.querySelectorAll("main article.topic").length;
  function filter() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (el) {
      var hay = el.getAttribute("data-search");
      var match = terms.every(function (t) { return hay.indexOf(t) !== -1; });
      el.hidden = !match;
      if (match && el.classList.contains("topic")) { shown += 1; }
    });
    mirrors.forEach(function (el) {
      var target = document.getElementById(el.getAttribute("data-for"));
      el.hidden = target ? target.hidden : false;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-search]:not([hidden]), [data-for]:not([hidden])");
    });
    status.textContent = terms.length ? shown + " of " + total + " scripts match \u201c" + input.value.trim() + "\u201d."
                                      : "All " + total + " scripts shown.";
    document.getElementById("no-match").hidden = !(terms.length && shown === 0);
  }
  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; filter(); }
  });
  document.getElementById("search-form").addEventListener("submit", function (event) { event.preventDefault(); });
  filter();

  // Live-call lookup: only on the served page (it runs the model behind a staff token).
  var lookup = document.getElementById("lookup");
  if (!/^https?:$/.test(window.location.protocol)) { return; }
  lookup.hidden = false;
  var form = document.getElementById("lookup-form");
  var out = document.getElementById("lookup-results");
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function render(status, body) {
    out.textContent = "";
    if (status !== 200) {
      out.appendChild(el("p", "status", (body && body.error) || ("Lookup failed (HTTP " + status + ").")));
      return;
    }
    if (body.red_flag) {
      var flag = el("div", "result flag");
      var label = body.red_flag.kind === "red_flag" ? "Red flag first: " : "Question for the care team: ";
      flag.appendChild(el("h3", null, label + body.red_flag.tier_title +
        (body.red_flag.category_title ? " \u2013 " + body.red_flag.category_title : "")));
      if (body.red_flag.matched) { flag.appendChild(el("p", null, "Matched: \u201c" + body.red_flag.matched + "\u201d")); }
      if (body.red_flag.staff_script) { flag.appendChild(el("p", "staff-script", body.red_flag.staff_script)); }
      out.appendChild(flag);
    }
    if (!body.matches.length) { out.appendChild(el("p", "status", "No script matches. Search the book or take a message for the care team.")); }
    body.matches.forEach(function (m, i) {
      var box = el("div", "result");
      var h = el("h3");
      var a = el("a", null, (i + 1) + ". " + m.title);
      a.href = "#" + m.anchor;
      h.appendChild(a);
      h.appendChild(el("span", "tag", " " + Math.round(m.confidence * 100) + "% \u00b7 " + m.area));
      box.appendChild(h);
      box.appendChild(el("p", "script", m.script));
      out.appendChild(box);
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = document.getElementById("lookup-q").value.trim();
    var token = document.getElementById("lookup-token").value;
    if (!q) { return; }
    out.textContent = "Looking up\u2026";
    fetch("lookup?q=" + encodeURIComponent(q), { headers: { "Authorization": "Bearer " + token }, cache: "no-store" })
      .then(function (r) { return r.json().then(function (b) { render(r.status, b); }, function () { render(r.status, null); }); })
      .catch(function () { render(0, { error: "The lookup service cannot be reached." }); });
  });
})();
"""


def _csp_hash(text: str) -> str:
    import base64

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(css: str, js: str) -> str:
    """Only this page's own inline style and script run; it may call the lookup on its own server."""
    return (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'")


def _numbers(settings: Mapping[str, str]) -> str:
    crisis = settings.get("crisis_line")
    if crisis and settings.get("crisis_line_name"):
        crisis = f"{crisis} ({settings['crisis_line_name']})"
    rows = [("Emergency", settings.get("emergency_number")), ("Crisis line", crisis),
            (settings.get("helpline_name") or "Helpline", settings.get("helpline_number")),
            ("Helpline hours", settings.get("helpline_hours"))]
    items = "".join(f"<div><dt>{esc(k)}:</dt><dd>{esc(v)}</dd></div>" for k, v in rows if v)
    return f'<dl class="numbers" aria-label="Numbers to give callers">{items}</dl>'


def _category_item(category: Category) -> str:
    item = f"<li><strong>{esc(category.title)}</strong>"
    if category.signs:
        item += ": " + esc("; ".join(category.signs))
    if category.reply:
        item += f'<br><span class="says">The bot says: <q class="bot-reply">{esc(category.reply)}</q></span>'
    return item + "</li>"


def _tier_article(tier: Tier) -> str:
    anchor = topic_anchor(tier.id, "tier-")
    signs = "".join(_category_item(c) for c in tier.categories)
    text = search_text("escalation", tier.title, tier.id, tier.staff_script, tier.reply,
                       " ".join(" ".join((c.title, c.says, c.reply) + c.signs) for c in tier.categories))
    return (f'<article class="tier" id="{anchor}" data-search="{esc(text)}" aria-labelledby="{anchor}-h">'
            f'<h3 id="{anchor}-h">{esc(tier.title)}</h3>'
            f'<h4>Say and do</h4><p class="staff-script">{esc(tier.staff_script)}</p>'
            f"<h4>If the caller reports</h4><ul class=\"signs\">{signs}</ul>"
            f'<p class="tag">Bot action: {esc(tier.action)}</p></article>')


def _topic_article(content: Content, topic: Topic) -> str:
    anchor = topic_anchor(topic.id)
    examples = "".join(f"<li>{esc(e)}</li>" for e in topic.examples[:EXAMPLES_SHOWN])
    sources = "".join(
        f"<li>{esc(s.publisher)}, <cite>{esc(s.title)}</cite>. Reviewed: {esc(s.reviewed)}</li>"
        for s in (content.sources[sid] for sid in topic.sources if sid in content.sources))
    related = "".join(f'<li><a href="#{topic_anchor(r)}">{esc(content.topics[r].title)}</a></li>'
                      for r in topic.related if r in content.topics)
    return (f'<article class="topic" id="{anchor}" data-search="{esc(topic_search_text(content, topic))}" '
            f'aria-labelledby="{anchor}-h">'
            f'<h3 id="{anchor}-h">{esc(topic.title)}</h3>'
            f'<h4>Script (exactly what the bot says)</h4><p class="script">{esc(content.render(topic))}</p>'
            f'<h4>Questions it answers</h4><ul class="examples">{examples}</ul>'
            f'<h4>Source and review date</h4><ul class="sources">{sources}</ul>'
            + (f'<h4>Related topics</h4><ul class="related">{related}</ul>' if related else "")
            + f'<p class="tag">Topic id: {esc(topic.response_key)}</p></article>')


def area_order(content: Content) -> List[str]:
    """FAQ areas in the order of their ResponseSelectors in config.yml (basics first), then the rest."""
    try:
        pipeline = (yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8")) or {}).get("pipeline") or []
    except OSError:
        pipeline = []
    order = [c.get("retrieval_intent") for c in pipeline if c.get("retrieval_intent") in content.groups]
    return order + [g for g in content.groups if g not in order]


def render_page(content: Content, safety: Optional[SafetyBook], version: str, built: str) -> str:
    areas: Dict[str, List[Topic]] = {area: [] for area in area_order(content)}
    for topic in content.topics.values():
        areas[topic.retrieval_intent].append(topic)
    css = CSS.replace("__VERSION__", re.sub(r"[^\w.:-]", "", version)).replace(
        "__BUILT__", re.sub(r"[^\w.: -]", "", built))
    js = JS

    index = ['<nav class="index" aria-labelledby="index-h"><h2 id="index-h">Topic index</h2>',
             '<div data-group><h3>Escalation</h3><ul>']
    if safety:
        index += [f'<li data-for="{topic_anchor(t.id, "tier-")}"><a href="#{topic_anchor(t.id, "tier-")}">'
                  f'{esc(t.title)}</a></li>' for t in safety.tiers]
    else:
        index.append('<li><a href="#escalation">Escalation scripts</a></li>')
    index.append("</ul></div>")
    for intent, topics in areas.items():
        index.append(f'<div data-group><h3><a href="#area-{esc(intent)}">{esc(content.groups[intent])}</a></h3><ul>')
        index += [f'<li data-for="{topic_anchor(t.id)}"><a href="#{topic_anchor(t.id)}">{esc(t.title)}</a></li>'
                  for t in topics]
        index.append("</ul></div>")
    index.append("</nav>")

    if safety:
        numbers = _numbers(safety.settings)
        escalation = ('<section id="escalation" data-group aria-labelledby="escalation-h">'
                      '<h2 id="escalation-h">Escalation scripts: red flags first</h2>'
                      '<p>If the caller reports any of these, stop the topic scripts and follow the tier. '
                      'Never give personal medical advice.</p>'
                      + "".join(_tier_article(t) for t in safety.tiers) + "</section>")
    else:
        numbers = ""
        escalation = ('<section id="escalation" aria-labelledby="escalation-h">'
                      '<h2 id="escalation-h">Escalation scripts</h2><p class="staff-script">'
                      "The escalation scripts are missing: content/safety.yml was not found when this book "
                      "was built. Rebuild with `make reference`. In an emergency, tell the caller to call "
                      f"{esc(os.environ.get('EMERGENCY_NUMBER') or '911')}.</p></section>")

    sections = []
    for intent, topics in areas.items():
        sections.append(f'<section id="area-{esc(intent)}" data-group aria-labelledby="area-{esc(intent)}-h">'
                        f'<h2 id="area-{esc(intent)}-h">{esc(content.groups[intent])}</h2>'
                        + "".join(_topic_article(content, t) for t in topics) + "</section>")

    tools = ('<section class="tools" aria-label="Search">'
             '<form id="search-form" role="search" aria-label="Script search">'
             '<label for="search">Search the scripts (filters as you type; Esc clears)</label>'
             '<input id="search" type="search" autocomplete="off" spellcheck="false" '
             'placeholder="e.g. jaw, Xgeva, fever" aria-describedby="search-status">'
             '<p id="search-status" class="status" role="status" aria-live="polite"></p>'
             '<p id="no-match" class="status" hidden>No script matches. Try another word, or use the lookup.</p>'
             "</form></section>"
             '<section id="lookup" class="tools" hidden aria-labelledby="lookup-h">'
             '<h2 id="lookup-h">Look up what the caller asked</h2>'
             '<form id="lookup-form"><label for="lookup-q">The caller\'s words</label>'
             '<input id="lookup-q" type="text" autocomplete="off" maxlength="1000">'
             '<label for="lookup-token">Staff token</label>'
             '<input id="lookup-token" type="password" autocomplete="current-password">'
             '<button type="submit">Find scripts</button></form>'
             '<div id="lookup-results" aria-live="polite"></div></section>')

    # The hashes must be computed on the exact text inside the tags.
    css = css.strip("\n")
    js = js.strip("\n")
    csp = content_security_policy(css, js)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">
<meta name="generator" content="python -m bot.reference build">
<meta name="content-version" content="{esc(version)}">
<title>Script book: Bone Health Companion (content {esc(version)})</title>
<style>{css}</style>
</head>
<body>
<a class="skip-link" href="#scripts">Skip to the scripts</a>
<header class="book">
<h1>Bone Health Companion: helpline script book</h1>
<p class="meta">Content version <strong id="content-version">{esc(version)}</strong>, built <time id="build-date" datetime="{esc(built)}">{esc(built)}</time>.
Generated from <code>content/</code> by <code>make reference</code>: do not edit; report wrong answers (docs/reporting-content-issues.md).</p>
<p class="meta">Read the script as written. It is educational information, not medical advice: anything about the caller's own care goes to their care team.</p>
{numbers}
<p class="print-note meta">Printed copy: prints the scripts shown on screen. Check the content version against the live book.</p>
</header>
<div class="layout">
{"".join(index)}
<main id="scripts" tabindex="-1">
{tools}
{escalation}
{"".join(sections)}
</main>
</div>
<footer class="book"><p>Content version {esc(version)} &middot; built {esc(built)} &middot; {len(content.topics)} scripts &middot;
escalation tiers from {esc(safety.path.name if safety else "(missing)")}</p></footer>
<script>{js}</script>
</body>
</html>
"""


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


def build(out_dir: Optional[Path] = None, content: Optional[Content] = None, safety_path: Optional[Path] = None,
          content_dir: Path = CONTENT_DIR, now: Optional[dt.datetime] = None) -> Path:
    """Write the script book to `out_dir`/index.html and return its path."""
    out_dir = Path(out_dir) if out_dir else reference_dir()
    content = content or content_mod.load(content_dir)
    safety = load_safety(safety_path or content_dir / "safety.yml")
    built = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    page = render_page(content, safety, content_version(content_dir), built)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path


# -- the lookup -----------------------------------------------------------------------------------

@dataclass
class Match:
    topic: Topic
    confidence: float


@dataclass
class RedFlag:
    tier: str
    category: Optional[str]
    matched: Optional[str]
    detector: str  # "rules" (bot.safety.engine) or "model"


@dataclass
class LookupResult:
    text: str
    red_flag: Optional[RedFlag]
    matches: List[Match] = field(default_factory=list)


def rank(parse: Dict[str, Any], content: Content, n: int = TOP_N) -> List[Match]:
    """Topics by P(area) x P(answer | area); the answer the bot would show comes first.

    Areas below the classifier's ranking cut-off (Rasa keeps the top 10 intents) count as P(area) = 0
    and are ordered by P(answer | area) alone, so there are always `n` scripts to offer."""
    scores: Dict[str, Tuple[float, float]] = {}  # topic id -> (joint, within its area)
    # A guard (off-topic, language, triage) may have replaced the classifier's ranking: staff still
    # get scripts for those words.
    ranking = parse.get("bone_health_classifier_ranking") or parse.get("intent_ranking") or []
    area_conf = {r.get("name"): float(r.get("confidence") or 0) for r in ranking if r.get("name") in content.groups}
    selectors = parse.get("response_selector") or {}
    for area in list(area_conf) + [a for a in content.groups if a not in area_conf]:
        for candidate in (selectors.get(area) or {}).get("ranking") or []:
            topic = content.topic_for_key(candidate.get("intent_response_key") or "")
            if topic is not None:
                within = float(candidate.get("confidence") or 0)
                score = (area_conf.get(area, 0.0) * within, within)
                scores[topic.id] = max(score, scores.get(topic.id, (0.0, 0.0)))
    ordered = sorted(scores, key=lambda tid: (-scores[tid][0], -scores[tid][1]))
    shown = content.topic_for_key(shown_topic(parse, content))
    if shown is not None:
        # A drug-specific re-targeting keeps the confidence of the answer it replaced.
        route = content.topics.get((parse.get("bone_health_route") or {}).get("topic", ""))
        none = (0.0, 0.0)
        scores[shown.id] = max(scores.get(shown.id, none), scores.get(route.id, none) if route else none)
        ordered = [shown.id] + [t for t in ordered if t != shown.id]
    return [Match(content.topics[t], scores[t][0]) for t in ordered[:n]]


SAFETY_INTENT_PREFIXES = ("red_flag_", "redflag_", "safety_", "escalate_", "report_", "emergency_")
SEVERITY = ("emergency", "crisis", "urgent", "care_team")  # most severe first, as bot.safety.engine
RED_FLAG_TIERS = ("emergency", "crisis", "urgent")
CARE_TEAM_INTENTS = ("ask_personal", "request_human")  # bot.nlu.safety_net: clinical or personal questions


def model_red_flag(parse: Dict[str, Any], safety: Optional[SafetyBook]) -> Optional[RedFlag]:
    """The model's view: the triage decision of bot.nlu.safety_net.SafetyNet in the parse when there is one,
    else a confident safety intent (report_<tier>, ask_personal, …) or one named after a category."""
    decided = parse.get("bone_health_safety") or {}
    if decided.get("tier"):
        return RedFlag(str(decided["tier"]), decided.get("category"), None, "model")
    if safety is None:
        return None
    for ranked in (parse.get("intent_ranking") or []) + (parse.get("bone_health_classifier_ranking") or []):
        if float(ranked.get("confidence") or 0) < 0.5:
            continue
        name = str(ranked.get("name") or "")
        if name in CARE_TEAM_INTENTS and safety.tier("care_team"):
            return RedFlag("care_team", None, None, "model")
        bare = next((name[len(p):] for p in SAFETY_INTENT_PREFIXES if name.startswith(p)), name)
        for candidate in (name, bare):
            if safety.tier(candidate):
                return RedFlag(candidate, None, None, "model")
            found = safety.category(candidate)
            if found:
                return RedFlag(found[0].id, found[1].id, None, "model")
    return None


def rules_red_flag(text: str) -> Tuple[bool, Optional[RedFlag]]:
    """(bot.safety.engine available?, its hit). Imported lazily: the module may not exist in every checkout."""
    import importlib

    try:
        safety_rules = importlib.import_module("bot.safety.engine")
    except ModuleNotFoundError as error:
        if error.name != "bot.safety.engine":
            raise  # bot.safety.engine exists but is broken: never hide that
        return False, None
    classify = getattr(safety_rules, "classify", None)
    if classify is None:
        return False, None
    hit = classify(text)
    if hit is None:
        return True, None
    return True, RedFlag(str(getattr(hit, "tier", "")), getattr(hit, "category", None),
                         getattr(hit, "matched", None), "rules")


class AgentParser:
    """Parse with the trained model in this process (loaded on first use; takes a minute or more)."""

    def __init__(self, model: Path = MODEL, agent=None) -> None:
        self.model = Path(model)
        self._agent = agent
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._lock = threading.Lock()

    def __call__(self, text: str) -> Dict[str, Any]:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
            if self._agent is None:
                if not self.model.exists():
                    raise RuntimeError(f"no trained model at {self.model}: run `make train`")
                from rasa.core.agent import Agent
                from rasa.utils.common import configure_logging_and_warnings
                from rasa.utils.log_utils import configure_structlog

                # Rasa's parse log (debug) carries the caller's words: keep it off (privacy).
                configure_logging_and_warnings(logging.WARNING)
                configure_structlog(logging.WARNING)
                self._agent = Agent.load(str(self.model))
            return self._loop.run_until_complete(self._agent.parse_message(text))


class RasaParser:
    """Parse with a running Rasa server's /model/parse (its HTTP API is on only with BOT_API_TOKEN)."""

    def __init__(self, base_url: str, token: str, timeout: float = 30) -> None:
        self.base_url, self.token, self.timeout = base_url.rstrip("/"), token, timeout

    def __call__(self, text: str) -> Dict[str, Any]:
        import requests

        response = requests.post(f"{self.base_url}/model/parse", params={"token": self.token},
                                 json={"text": text}, timeout=self.timeout)
        response.raise_for_status()
        return response.json()


def lookup(text: str, parser, content: Optional[Content] = None, safety: Optional[SafetyBook] = None,
           n: int = TOP_N) -> LookupResult:
    content = content or content_mod.load()
    text = " ".join(str(text).split())[:MAX_QUERY_CHARS]
    # Two guards: the deterministic rules (bot.safety.engine) and the model's view; the more severe tier wins.
    _, rules = rules_red_flag(text)
    parse = parser(text)
    model = model_red_flag(parse, safety)
    flags = [f for f in (rules, model) if f]
    flag = min(flags, key=lambda f: SEVERITY.index(f.tier) if f.tier in SEVERITY else len(SEVERITY)) if flags else None
    return LookupResult(text=text, red_flag=flag, matches=rank(parse, content, n))


def result_dict(result: LookupResult, content: Content, safety: Optional[SafetyBook]) -> Dict[str, Any]:
    flag = None
    if result.red_flag:
        tier = safety.tier(result.red_flag.tier) if safety else None
        found = safety.category(result.red_flag.category or "") if safety else None
        flag = {"kind": "red_flag" if result.red_flag.tier in RED_FLAG_TIERS else "care_team",
                "tier": result.red_flag.tier, "tier_title": tier.title if tier else result.red_flag.tier,
                "category": result.red_flag.category, "category_title": found[1].title if found else None,
                "matched": result.red_flag.matched, "detector": result.red_flag.detector,
                "staff_script": tier.staff_script if tier else None}
    return {"red_flag": flag,
            "matches": [{"topic": m.topic.response_key, "title": m.topic.title, "anchor": topic_anchor(m.topic.id),
                         "area": content.groups[m.topic.retrieval_intent], "confidence": round(m.confidence, 4),
                         "script": content.render(m.topic)} for m in result.matches]}


def format_result(result: LookupResult, content: Content, safety: Optional[SafetyBook]) -> str:
    data = result_dict(result, content, safety)
    wrap = textwrap.TextWrapper(width=100, initial_indent="     ", subsequent_indent="     ")
    lines = []
    flag = data["red_flag"]
    if flag:
        what = flag["tier_title"] + (f" - {flag['category_title'] or flag['category']}" if flag["category"] else "")
        label = "!!! RED FLAG" if flag["kind"] == "red_flag" else "!! FOR THE CARE TEAM"
        lines.append(f"{label} ({what}){' matched: ' + repr(flag['matched']) if flag['matched'] else ''}")
        if flag["staff_script"]:
            lines += wrap.wrap(flag["staff_script"])
        lines.append("")
    if not data["matches"]:
        lines.append("No script matches: search the script book, or take a message for the care team.")
    for number, match in enumerate(data["matches"], 1):
        lines.append(f"{number}. [{match['confidence']:.0%}] {match['title']}  ({match['topic']})")
        for paragraph in match["script"].split("\n\n"):
            lines += wrap.wrap(paragraph)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# -- the served lookup (GET /reference/lookup?q=..., token-protected) ----------------------------

_served_parser = None
_served_lock = threading.Lock()


def served_parser(env: Mapping[str, str] = os.environ):
    """Forward to the running Rasa server when its API is on (BOT_API_TOKEN), else load the model here."""
    global _served_parser
    with _served_lock:
        if _served_parser is None:
            if env.get("BOT_API_TOKEN"):
                url = env.get("BOT_INTERNAL_URL") or f"http://127.0.0.1:{env.get('BOT_PORT', '5005')}"
                _served_parser = RasaParser(url, env["BOT_API_TOKEN"])
            else:
                _served_parser = AgentParser(Path(env.get("BOT_MODEL") or MODEL))
        return _served_parser


def serve_lookup(path: str, headers: Mapping[str, str], env: Mapping[str, str] = os.environ) -> Tuple[int, Dict]:
    """(HTTP status, JSON body) for GET /reference/lookup?q=… . Disabled unless STAFF_API_TOKEN is set."""
    expected = env.get("STAFF_API_TOKEN") or ""
    if not expected:
        return 404, {"error": "The staff lookup is disabled: set STAFF_API_TOKEN to enable it."}
    auth = headers.get("Authorization") or ""
    given = auth[7:] if auth.startswith("Bearer ") else (headers.get("X-Staff-Token") or "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return 401, {"error": "A valid staff token is needed for the lookup."}
    query = " ".join((parse_qs(urlsplit(path).query).get("q") or [""])[0].split())
    if not query:
        return 400, {"error": "Type what the caller asked."}
    content = content_mod.load()
    safety = load_safety()
    try:
        result = lookup(query, served_parser(env), content, safety)
    except Exception as error:  # noqa: BLE001 - the page shows a clear message; the query is not logged
        return 502, {"error": f"The lookup could not run the model ({type(error).__name__})."}
    return 200, result_dict(result, content, safety)


# -- command line ---------------------------------------------------------------------------------

def main(argv: Optional[List[str]] = None, parser=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "build":
        cli = argparse.ArgumentParser(prog="python -m bot.reference build", description="build the script book")
        cli.add_argument("--out", type=Path, help="output folder (default $BONE_HEALTH_VAR_DIR/reference)")
        cli.add_argument("--safety", type=Path, help="safety tiers (default content/safety.yml)")
        args = cli.parse_args(argv[1:])
        if load_safety(args.safety) is None:
            print("WARNING: content/safety.yml not found: the book has no escalation scripts", file=sys.stderr)
        path = build(args.out, safety_path=args.safety)
        print(f"wrote {path}")
        return 0
    if argv and argv[0] == "lookup":
        argv = argv[1:]
    cli = argparse.ArgumentParser(prog="python -m bot.reference",
                                  description='look up scripts for what a caller asked, e.g. '
                                              'python -m bot.reference "my jaw hurts after Zometa" '
                                              '(or: python -m bot.reference build)')
    cli.add_argument("question", nargs="+", help="the caller's words")
    cli.add_argument("--model", type=Path, default=Path(os.environ.get("BOT_MODEL") or MODEL))
    cli.add_argument("--server", help="use a running Rasa server (needs BOT_API_TOKEN) instead of loading the model")
    cli.add_argument("--json", action="store_true", help="print JSON")
    args = cli.parse_args(argv)
    if parser is None:
        if args.server:
            if not os.environ.get("BOT_API_TOKEN"):
                cli.error("--server needs BOT_API_TOKEN (the Rasa HTTP API is off without it)")
            parser = RasaParser(args.server, os.environ["BOT_API_TOKEN"])
        else:
            print("Loading the model (a minute or more; --server uses a running bot instead)...", file=sys.stderr)
            parser = AgentParser(args.model)
    content = content_mod.load()
    safety = load_safety()
    result = lookup(" ".join(args.question), parser, content, safety)
    if args.json:
        print(json.dumps(result_dict(result, content, safety), indent=1))
    else:
        print(format_result(result, content, safety), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
