"""The Spanish script beside each English one in the staff book, with its clinical review status.

Staff on a call with a Spanish speaker read the Spanish answer exactly as the bot will send it; the
status ("borrador / draft") tells them, and the bilingual clinician reviewing, which answers are not
yet approved. Topics without a Spanish entry say so instead of showing nothing.
"""

from __future__ import annotations

import html

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
