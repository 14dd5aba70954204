"""bot/settings.py: one reader for every environment variable, one empty-string rule, and README's
tables in step with what the code reads (unit tests: no model, no servers)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot import settings
from bot.channels import config as channels
from bot.serve import supervisor
from bot.tickets.notify import NotifyConfig

ROOT = settings.ROOT
README = ROOT / "README.md"
SCANNED = [p for d in ("bot", "actions") for p in sorted((ROOT / d).rglob("*.py")) if p != ROOT / "bot" / "settings.py"]
SHELL_SCRIPTS = sorted((ROOT / "scripts").glob("*.sh"))
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]+$")


# -- README <-> code ------------------------------------------------------------------------------


def readme_tables(text: str):
    """Markdown tables as lists of rows (lists of cells), header row first."""
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif current:
            tables.append(current)
            current = []
    return tables


def env_tables():
    """The README tables that document variables: `| variable | …` and the channel table."""
    return [
        t
        for t in readme_tables(README.read_text(encoding="utf-8"))
        if t[0][0] == "variable" or t[0][:2] == ["channel", "switched on by"]
    ]


def names_in(cells) -> list:
    return [m for cell in cells for m in re.findall(r"`([A-Z][A-Z0-9_]+)(?:=[^`]*)?`", cell)]


def documented() -> set:
    return {name for table in env_tables() for row in table[2:] for name in names_in(row)}


def test_readme_documents_exactly_the_variables_the_code_reads():
    declared = set(settings.VARIABLES)
    readme = documented()
    assert not declared - readme, f"read by the code but not in README's tables: {sorted(declared - readme)}"
    assert not readme - declared, f"in README's tables but never read: {sorted(readme - declared)}"


def test_readme_variable_tables_list_each_variable_once_with_no_orphaned_rows():
    text = README.read_text(encoding="utf-8")
    seen = {}
    for table in env_tables():
        assert len(table) > 2 and set(table[1][0]) <= set("-: "), table[0]
        if table[0][0] != "variable":
            continue
        for row in table[2:]:
            assert len(row) == len(table[0]), row
            for name in names_in(row[:1]):
                assert name not in seen, f"{name} is listed twice in README ({seen[name]!r} and {row[0]!r})"
                seen[name] = row[0]
    # A table row cut off from its table by a blank line is a table of its own without a header.
    for table in readme_tables(text):
        assert len(table) >= 2 and set(table[1][0]) <= set("-: "), f"orphaned table row: {table[0]}"


def test_child_only_variables_are_not_declared_as_settings():
    assert not set(settings.CHILD_ONLY) & set(settings.VARIABLES)
    assert not set(settings.CHILD_ONLY) & documented()


# -- no reads outside bot/settings.py -------------------------------------------------------------

SETTINGS_ALIASES = {"settings", "bot_settings", "settings_mod"}
MAPPING_NAMES = {"env", "environ", "environment", "env_in"}


def _env_key(receiver: ast.AST, key: ast.AST):
    """The variable name when `receiver[key]` / `receiver.get(key)` looks like an environment read:
    a declared variable's name on anything but bot.settings, or an UPPER_CASE name on a mapping
    called env/environ."""
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and ENV_NAME.match(key.value)):
        return None
    if key.value in settings.CHILD_ONLY:
        return None
    name = receiver.id if isinstance(receiver, ast.Name) else getattr(receiver, "attr", "")
    if name in SETTINGS_ALIASES:
        return None
    if key.value in settings.VARIABLES or name in MAPPING_NAMES:
        return key.value
    return None


def _reads(path: Path):
    """(line, what) for every environment read in a module: os.environ / os.getenv / environ, and
    `env.get("NAME")` / `env["NAME"]` on a passed-in mapping."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb", "putenv"):
            found.append((node.lineno, f"os.{node.attr}"))
        elif isinstance(node, ast.Name) and node.id in ("environ", "getenv"):
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [(node.lineno, f"from os import {a.name}") for a in node.names if a.name in ("environ", "getenv")]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "setdefault", "pop")
            and node.args
            and (key := _env_key(node.func.value, node.args[0]))
        ):
            found.append((node.lineno, f".{node.func.attr}({key!r})"))
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and (key := _env_key(node.value, node.slice))
        ):
            found.append((node.lineno, f"[{key!r}]"))
    return found


def test_no_module_reads_the_environment_but_bot_settings():
    assert SCANNED and any(p.name == "config.py" and p.parent.name == "channels" for p in SCANNED)
    offenders = [f"{p.relative_to(ROOT)}:{line}: {what}" for p in SCANNED for line, what in _reads(p)]
    assert not offenders, "read the environment through bot.settings instead:\n" + "\n".join(offenders)


def test_the_scan_would_catch_a_direct_read(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'import os\nfrom os import getenv\na = os.environ.get("X")\nb = getenv("Y")\n'
        'c = env.get("BOT_PORT")\nd = cfg["SMTP_HOST"]\ne = env.get("PYTHONPATH")\n'
        'f = env.get("NEW_SETTING")\ng = settings.get("BOT_PORT", env)\nh = VOCAB["FIRST_PERSON"]\n'
    )
    lines = sorted({line for line, _ in _reads(sample)})
    assert lines == [2, 3, 4, 5, 6, 8]


def test_channel_variables_are_declared():
    for spec in channels.CHANNELS:
        for var in (
            *spec.secrets.values(),
            *spec.settings.values(),
            *spec.optional_secrets.values(),
            *spec.optional_settings.values(),
        ):
            assert var in settings.VARIABLES, var


def test_shell_scripts_read_only_declared_variables():
    """Variables a script reads with a default (`${NAME:-…}`) are settings too (PYTHON310)."""
    read = {m for script in SHELL_SCRIPTS for m in re.findall(r"\$\{([A-Z][A-Z0-9_]+):-", script.read_text())}
    assert "PYTHON310" in read
    for name in read:
        assert name in settings.VARIABLES and settings.VARIABLES[name].where.endswith(".sh"), name


# -- the readers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_empty_means_unset_for_every_reader(blank):
    env = {name: blank for name in settings.VARIABLES}
    assert settings.get("BOT_API_TOKEN", env) is None
    assert settings.text("WEB_HOST", "0.0.0.0", env) == "0.0.0.0"
    assert settings.integer("BOT_PORT", 5005, env) == 5005
    assert settings.number("TICKET_POLL_SECONDS", 30.0, env) == 30.0
    assert settings.flag("SMTP_SSL", True, env) is True
    assert settings.items("CARE_TEAM_EMAIL_TO", env) == ()
    assert settings.var_dir(env) == (ROOT / "var").resolve()
    assert settings.deployment_overrides(env) == {}
    assert settings.Settings.from_env(env) == settings.Settings.from_env({})


def test_defaults_are_unchanged():
    s = settings.Settings.from_env({})
    assert (s.bot_port, s.action_port, s.web_port, s.web_host) == (5005, 5055, 8080, "0.0.0.0")
    assert s.var_dir == (ROOT / "var").resolve() and s.bot_model == ROOT / "models" / "bone-health.tar.gz"
    assert s.tracker_store_url == f"sqlite:///{s.var_dir / 'tracker.db'}"
    assert s.bot_internal_url == "http://127.0.0.1:5005" and s.bot_api_token is None
    assert s.ticket_db_url is None and s.ticket_poll_seconds == 30.0
    assert s.sources_dir == ROOT.parent / "shared" / "sources"
    serve = supervisor.Settings.from_env({})
    assert (serve.bot_port, serve.bot_model, serve.var_dir, serve.bot_api_token) == (5005, s.bot_model, s.var_dir, None)
    notify = NotifyConfig.from_env({})
    assert (notify.webhook, notify.email, notify.retry_base, notify.retry_max, notify.timeout) == (
        None,
        None,
        5.0,
        300.0,
        10.0,
    )


def test_values_are_typed_and_read_from_the_given_mapping(tmp_path):
    env = {
        "BOT_PORT": " 6005 ",
        "BONE_HEALTH_VAR_DIR": str(tmp_path),
        "BOT_API_TOKEN": "t0k",
        "TICKET_POLL_SECONDS": "2.5",
        "EMERGENCY_NUMBER": "112",
        "HELPLINE_HOURS": "any time",
    }
    s = settings.Settings.from_env(env)
    assert s.bot_port == 6005 and s.bot_internal_url == "http://127.0.0.1:6005"
    assert s.var_dir == tmp_path.resolve() and s.tracker_store_url == f"sqlite:///{tmp_path.resolve() / 'tracker.db'}"
    assert s.bot_api_token == "t0k" and s.ticket_poll_seconds == 2.5
    assert dict(s.deployment) == {"emergency_number": "112", "helpline_hours": "any time"}
    assert settings.flag("SMTP_STARTTLS", env={"SMTP_STARTTLS": "Yes"}) is True
    assert settings.flag("SMTP_STARTTLS", True, env={"SMTP_STARTTLS": "no"}) is False
    assert settings.items("CARE_TEAM_EMAIL_TO", {"CARE_TEAM_EMAIL_TO": "a@x, ,b@x"}) == ("a@x", "b@x")
    email = NotifyConfig.from_env({"SMTP_HOST": "mail", "SMTP_SSL": "true", "CARE_TEAM_EMAIL_TO": "a@x"}).email
    assert email and email.port == 465 and email.use_ssl and email.recipients == ("a@x",)


def test_a_bad_number_names_the_variable():
    with pytest.raises(ValueError, match="BOT_PORT"):
        settings.integer("BOT_PORT", 5005, {"BOT_PORT": "five"})
    with pytest.raises(ValueError, match="TICKET_NOTIFY_TIMEOUT"):
        settings.number("TICKET_NOTIFY_TIMEOUT", 10.0, {"TICKET_NOTIFY_TIMEOUT": "soon"})


def test_an_undeclared_variable_cannot_be_read():
    with pytest.raises(KeyError, match="not a declared setting"):
        settings.get("SOME_NEW_SETTING", {})


def test_os_environ_is_the_default(monkeypatch):
    monkeypatch.setenv("WEB_PORT", "9191")
    monkeypatch.setenv("STAFF_API_TOKEN", "  ")
    s = settings.Settings.from_env()
    assert s.web_port == 9191 and s.staff_api_token is None


def test_channels_follow_the_empty_string_rule():
    env = {"TELEGRAM_ACCESS_TOKEN": "abc", "TELEGRAM_MAX_CHARS": " ", "TELEGRAM_API_BASE": "http://x"}
    assert [c.name for c in channels.enabled(env)] == ["telegram"]
    text = channels.credentials_yaml("rest:\n", env)
    assert "access_token: ${TELEGRAM_ACCESS_TOKEN}" in text and 'api_base: "http://x"' in text
    assert "max_chars" not in text
    assert channels.enabled({"TELEGRAM_ACCESS_TOKEN": "  "}) == []
