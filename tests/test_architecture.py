"""The layout's rules (docs/architecture.md), read from the source: who may import whom, module size."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Set

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.unit

MAX_LINES = 400
RUNTIME = [ROOT / "bot", ROOT / "actions"]
INNER_ROOMS = ("bot.nlu", "bot.safety", "bot.content", "bot.dialogue")
OUTER_ROOMS = ("bot.serve", "bot.reference", "bot.channels", "bot.tools", "bot.editors")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> Dict[str, Path]:
    found = {module_name(p): p for base in RUNTIME for p in sorted(base.rglob("*.py"))}
    assert "bot.dialogue.turn" in found and "actions.actions" in found
    return found


def imports(path: Path) -> Set[str]:
    """Every project module a file imports, at the top or inside a function (`from bot import x` -> bot.x)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {n for n in names if n.split(".")[0] in ("bot", "actions")}


def within(name: str, rooms) -> bool:
    return any(name == room or name.startswith(room + ".") for room in rooms)


def test_the_import_reader_sees_top_level_and_function_imports():
    found = imports(ROOT / "bot" / "serve" / "web.py")
    assert "bot.reference.lookup" in found  # imported inside a method
    assert "bot.settings" in found


def test_runtime_code_never_imports_the_developer_tools():
    wrong = {
        name: sorted(i for i in imports(path) if within(i, ("bot.tools",)))
        for name, path in modules().items()
        if not within(name, ("bot.tools",))
    }
    assert not {k: v for k, v in wrong.items() if v}


def test_inner_rooms_never_import_the_outer_ones():
    wrong = {
        name: sorted(i for i in imports(path) if within(i, OUTER_ROOMS))
        for name, path in modules().items()
        if within(name, INNER_ROOMS)
    }
    assert not {k: v for k, v in wrong.items() if v}


def test_settings_names_and_storage_import_nothing_of_the_project():
    for name in ("bot.settings", "bot.names", "bot.storage"):
        assert not imports(modules()[name]), name


def test_no_module_is_over_400_lines():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    assert not {name: n for name, n in sizes.items() if n > MAX_LINES}


def test_the_feedback_store_imports_only_settings_names_storage_and_itself():
    """bot.feedback is used by actions, the web server and tools: it must pull none of them in."""
    allowed = ("bot.settings", "bot.names", "bot.storage", "bot.feedback")
    wrong = {
        name: sorted(i for i in imports(path) if not within(i, allowed))
        for name, path in modules().items()
        if within(name, ("bot.feedback",))
    }
    assert "bot.feedback.store" in modules() and not {k: v for k, v in wrong.items() if v}


def test_both_stores_open_their_database_through_the_one_engine_factory():
    """One place sets the timeouts and the pool (bot/storage.py): no store builds its own engine."""
    for name in ("bot.feedback.store", "bot.tickets.store"):
        assert "bot.storage.engine_for" in imports(modules()[name]), name
        assert "create_engine(" not in modules()[name].read_text(encoding="utf-8").replace("_create_engine(", ""), name
