"""The Spanish script beside each English one in the staff book, with its clinical review status.

Staff on a call with a Spanish speaker read the Spanish answer exactly as the bot will send it; the
status ("borrador / draft") tells them, and the bilingual clinician reviewing, which answers are not
yet approved. Topics without a Spanish entry say so instead of showing nothing.
"""

from __future__ import annotations

import html
from typing import Dict, List, Tuple

from bot.content import Content, Topic


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def spanish_script(content: Content, topic: Topic) -> str:
    """The HTML block of `topic`'s Spanish answer (title, review status, the text the bot sends)."""
    translation = content.spanish.get(topic.id)
    if translation is None:
        return '<h4>Guion en español (Spanish script)</h4><p class="tag">No Spanish answer yet.</p>'
    review = translation.review
    return (
        f'<div class="es" lang="es"><h4>Guion en español <span lang="en">(Spanish script)</span>: '
        f"{_esc(translation.title)}</h4>"
        f'<p class="review {_esc(review.status)}">{_esc(review.label)}</p>'
        f'<p class="script-es">{_esc(content.render_spanish(topic))}</p></div>'
    )


def spanish_search_text(content: Content, topic: Topic) -> str:
    """The Spanish words staff may search for (title, answer, questions)."""
    translation = content.spanish.get(topic.id)
    if translation is None:
        return ""
    return " ".join((translation.title, translation.answer, " ".join(translation.examples)))


def spanish_patterns(watched) -> Dict[Tuple[str, str], Tuple[str, ...]]:
    """{(tier, category): Spanish patterns as written in content/safety.yml `es:`} from the loaded
    bot.safety.patterns.Patterns: staff see why a Spanish message was escalated (or was not)."""
    found: Dict[Tuple[str, str], List[str]] = {}
    for rule in watched.rules:
        if rule.language == "es":
            found.setdefault((rule.tier, rule.category), []).append(rule.pattern)
    return {key: tuple(patterns) for key, patterns in found.items()}


def spanish_patterns_html(patterns: Tuple[str, ...]) -> str:
    """The Spanish patterns of one category under its English ones ("" when it has none)."""
    if not patterns:
        return ""
    items = "".join(f"<li><code>{_esc(p)}</code></li>" for p in patterns)
    return f'<p class="tag">En español (Spanish):</p><ul class="patterns" lang="es">{items}</ul>'
