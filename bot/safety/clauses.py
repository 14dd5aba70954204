"""Clauses of a sentence: the token spans between break marks (English and Spanish context readers share it)."""

from __future__ import annotations

from typing import Collection, List, Tuple


def split(doc, start: int, end: int, breaks: Collection[str]) -> List[Tuple[int, int]]:
    """The non-empty (start, end) token spans of doc[start:end] between tokens whose text is in `breaks`."""
    bounds, first = [], start
    for i in range(start, end):
        if doc[i].text in breaks:
            bounds.append((first, i))
            first = i + 1
    bounds.append((first, end))
    return [(s, e) for s, e in bounds if e > s]
