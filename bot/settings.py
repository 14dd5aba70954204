"""Every environment variable the project reads, typed, with one rule for empty strings.

Filled in by the "one settings module" step of issue 10; for now it holds the project root.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
