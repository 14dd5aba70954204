"""Inline SVG charts for the editors' page, drawn on the server.

Why server-side SVG: nothing loaded from elsewhere and no inline script or style (the web server's
Content-Security-Policy allows only its own files), and the chart is in the page for every browser.
Colours and sizes are SVG presentation attributes (not `style=`, which the CSP blocks). Each chart is
`role="img"` with a title and a description giving the numbers, and the page puts the same numbers in
a table beside it, so a screen reader loses nothing.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Sequence, Tuple

YES, NO = "#2e7d32", "#b3261e"
FALLBACK, ESCALATED = "#8a6100", "#1f5fa8"
INK, GRID = "#1f2328", "#d0d7de"


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def helpfulness(rows: Sequence[Tuple[str, int, int]], chart_id: str = "helpfulness-chart") -> str:
    """Horizontal stacked bars, one per topic: "yes" votes (green) then "no" (red), to scale."""
    if not rows:
        return ""
    bar, gap, label_w, width = 18, 8, 260, 720
    most = max(y + n for _, y, n in rows) or 1
    scale = (width - label_w - 110) / most
    height = len(rows) * (bar + gap) + 30
    parts = []
    for i, (topic, yes, no) in enumerate(rows):
        y = 24 + i * (bar + gap)
        yes_w, no_w = yes * scale, no * scale
        parts.append(
            f'<g><text x="{label_w - 8}" y="{y + 13}" text-anchor="end" font-size="12" fill="{INK}">{_esc(topic)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{yes_w:.1f}" height="{bar}" fill="{YES}"/>'
            f'<rect x="{label_w + yes_w:.1f}" y="{y}" width="{no_w:.1f}" height="{bar}" fill="{NO}"/>'
            f'<text x="{label_w + yes_w + no_w + 6:.1f}" y="{y + 13}" font-size="12" fill="{INK}">'
            f"{yes} yes / {no} no</text></g>"
        )
    summary = "; ".join(f"{t}: {y} helpful, {n} not helpful" for t, y, n in rows)
    legend = (
        f'<rect x="{label_w}" y="4" width="12" height="12" fill="{YES}"/>'
        f'<text x="{label_w + 16}" y="14" font-size="12" fill="{INK}">helpful</text>'
        f'<rect x="{label_w + 80}" y="4" width="12" height="12" fill="{NO}"/>'
        f'<text x="{label_w + 96}" y="14" font-size="12" fill="{INK}">not helpful</text>'
    )
    return (
        f'<svg id="{chart_id}" class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">Helpfulness votes by topic</title><desc id="{chart_id}-d">{_esc(summary)}</desc>'
        + legend
        + "".join(parts)
        + "</svg>"
    )


def weekly_rates(rows: Sequence[Tuple[dt.date, int, int, int]], chart_id: str = "rates-chart") -> str:
    """Per week, the share of conversations' turns that ended in a fallback and in an escalation,
    as two lines (percent of answered + fallback + escalated), with the week's total under each point."""
    if not rows:
        return ""
    width, height, left, right, top, bottom = 720, 260, 48, 20, 30, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    rates = []
    for week, answered, fallback, escalated in rows:
        total = answered + fallback + escalated
        rates.append((week, total, percent(fallback, total), percent(escalated, total)))
    top_rate = max(10.0, max(max(f, e) for _, _, f, e in rates))
    top_rate = float(int(top_rate / 10 + 0.999) * 10)
    step = plot_w / max(len(rates) - 1, 1)

    def point(i: int, value: float) -> Tuple[float, float]:
        x = left + (i * step if len(rates) > 1 else plot_w / 2)
        return x, top + plot_h - value / top_rate * plot_h

    grid = []
    for k in range(0, 5):
        value = top_rate * k / 4
        _, y = point(0, value)
        grid.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="{INK}">{value:g}%</text>'
        )
    series = []
    for index, colour, dash in ((2, FALLBACK, ""), (3, ESCALATED, "6 3")):
        points = [point(i, r[index]) for i, r in enumerate(rates)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        series.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            + "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in points)
        )
    labels = "".join(
        f'<text x="{point(i, 0)[0]:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" fill="{INK}">'
        f'{week:%d %b}</text><text x="{point(i, 0)[0]:.1f}" y="{height - bottom + 30}" text-anchor="middle" '
        f'font-size="10" fill="{INK}">n={total}</text>'
        for i, (week, total, _, _) in enumerate(rates)
    )
    legend = (
        f'<line x1="{left}" y1="12" x2="{left + 24}" y2="12" stroke="{FALLBACK}" stroke-width="2.5"/>'
        f'<text x="{left + 30}" y="16" font-size="12" fill="{INK}">fallback rate</text>'
        f'<line x1="{left + 130}" y1="12" x2="{left + 154}" y2="12" stroke="{ESCALATED}" stroke-width="2.5" '
        f'stroke-dasharray="6 3"/><text x="{left + 160}" y="16" font-size="12" fill="{INK}">escalation rate</text>'
    )
    summary = "; ".join(
        f"week of {week}: {f:.0f}% fallback, {e:.0f}% escalated of {total}" for week, total, f, e in rates
    )
    return (
        f'<svg id="{chart_id}" class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">Fallback and escalation rates per week</title>'
        f'<desc id="{chart_id}-d">{_esc(summary)}</desc>' + legend + "".join(grid) + "".join(series) + labels + "</svg>"
    )
