"""deploy/: the compose file and the Helm values are checked here because nothing else can run them on
this machine (no Docker daemon, no `docker compose`, no `helm`): against the vendored compose-spec and
chart schemas (deploy/helm/upstream/PROVENANCE.md), and against the project itself (settings
registry, lock store class, ports, the nginx routing `make cluster` generates). Unit tests."""

from __future__ import annotations

import asyncio
import importlib
import json
import re
import subprocess
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot import settings
from bot.serve import cluster, engines
from tests.test_tickets import postgres_url  # noqa: F401 - a real PostgreSQL on TCP, as the chart's subchart

DEPLOY = settings.ROOT / "deploy"
UPSTREAM = DEPLOY / "helm" / "upstream"
COMPOSE = DEPLOY / "docker-compose.yml"
RASA_VALUES = DEPLOY / "helm" / "values.yaml"
ACTION_VALUES = DEPLOY / "helm" / "action-server-values.yaml"
PROJECT_SERVICES = ("rasa", "actions", "web", "delivery", "retention")
# Read by the postgres image, not by the project (deploy/.env.example says so).
COMPOSE_ONLY = {"POSTGRES_PASSWORD"}
# Keys under which a chart takes free-form maps or a Bitnami subchart's own values.
FREE_FORM = {
    "additionalChannelCredentials",
    "additionalEndpoints",
    "annotations",
    "podSecurityContext",
    "securityContext",
    "resources",
    "postgresql",
    "redis",
}
REFERENCE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)")  # ${NAME}, ${NAME:-…}, ${NAME:?…}


def load(path: Path):
    return yaml.safe_load(path.read_text())


def helm_merge(defaults: dict, overrides: dict) -> dict:
    """What Helm gives the templates: the user's values over the chart's, maps merged, null deletes."""
    merged = dict(defaults)
    for key, value in overrides.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def schema_errors(document, schema_path: Path) -> list:
    validator = jsonschema.Draft7Validator(json.loads(schema_path.read_text()))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def unknown_keys(ours: dict, upstream: dict, where: str = "") -> list:
    """Keys of our values that the chart's values.yaml does not have (a typo the schema lets through)."""
    missing = []
    for key, value in ours.items():
        if key not in upstream:
            missing.append(where + key)
        elif key not in FREE_FORM and isinstance(value, dict) and isinstance(upstream[key], dict):
            missing += unknown_keys(value, upstream[key], f"{where}{key}.")
    return missing


def known(name: str) -> bool:
    return name in settings.VARIABLES or name in settings.CHILD_ONLY


CHARTS = [("rasa", RASA_VALUES), ("rasa-action-server", ACTION_VALUES)]
# The tracker store class the repository's endpoints.yml names (bot/serve/tracker_store.py).
TRACKER_STORE = load(settings.ROOT / "endpoints.yml")["tracker_store"]["type"]


# -- the compose file -----------------------------------------------------------------------------


def test_compose_file_is_valid_against_the_compose_spec():
    assert schema_errors(load(COMPOSE), DEPLOY / "schema" / "compose-spec.json") == []


def test_the_compose_schema_check_can_fail():
    broken = load(COMPOSE)
    broken["services"]["rasa"]["deploy"]["replicas"] = [2]
    broken["services"]["nginx"]["healthcheck"]["intervall"] = "10s"
    assert len(schema_errors(broken, DEPLOY / "schema" / "compose-spec.json")) == 2


def test_compose_runs_two_rasa_replicas_on_postgres_and_redis_behind_nginx():
    services = load(COMPOSE)["services"]
    assert services["rasa"]["deploy"]["replicas"] >= 2
    assert {"postgres", "redis", "rasa", "actions", "web", "nginx"} <= set(services)
    for name in ("postgres", "redis", "rasa", "actions", "web", "nginx"):
        assert "healthcheck" in services[name], name
    assert set(services["nginx"]) & {"ports"} and all("ports" not in services[n] for n in services if n != "nginx")
    env = services["rasa"]["environment"]
    assert env["TRACKER_STORE_URL"].startswith("postgresql://") and "@postgres:5432/" in env["TRACKER_STORE_URL"]
    assert env["ACTION_ENDPOINT_URL"] == f"http://actions:{settings.Settings.from_env({}).action_port}/webhook"
    assert env["TRUSTED_PROXY_HOPS"] == "1"


def test_compose_gives_every_project_service_the_feedback_store_on_postgres():
    """Votes and outcomes (rasa), the editors' page (web) and the purge (retention) share one store."""
    services = load(COMPOSE)["services"]
    for name in ("rasa", "web", "retention"):
        env = services[name]["environment"]
        assert env["FEEDBACK_DB_URL"] == env["TRACKER_STORE_URL"], name
        assert env["FEEDBACK_DB_URL"].startswith("postgresql://") and "@postgres:5432/" in env["FEEDBACK_DB_URL"]


def test_compose_and_env_example_name_only_project_settings():
    text = COMPOSE.read_text()
    referenced = set(REFERENCE.findall(text))
    assert referenced, "the pattern finds the ${…} references"
    assert {n for n in referenced if not known(n)} == COMPOSE_ONLY
    services = load(COMPOSE)["services"]
    for name in PROJECT_SERVICES:
        assert [v for v in services[name].get("environment", {}) if not known(v)] == [], name
    example = [line.split("=", 1)[0] for line in (DEPLOY / ".env.example").read_text().splitlines() if "=" in line]
    assert [n for n in example if not known(n) and n not in COMPOSE_ONLY] == []
    assert set(example) >= {n for n in referenced if ":?" in text.split("${" + n, 1)[1][:3]}, "required ones listed"
    assert all(
        not line.split("=", 1)[1] or "TOKEN" not in line
        for line in (DEPLOY / ".env.example").read_text().splitlines()
        if "=" in line
    )


def test_compose_ports_are_the_project_defaults():
    defaults = settings.Settings.from_env({})
    services = load(COMPOSE)["services"]
    assert services["rasa"]["environment"]["BOT_PORT"] == str(defaults.bot_port)
    assert services["actions"]["environment"]["ACTION_PORT"] == str(defaults.action_port)
    assert f"${{BOT_PORT:-{defaults.bot_port}}}:{defaults.bot_port}" in services["nginx"]["ports"]
    assert f"${{WEB_PORT:-{defaults.web_port}}}:{defaults.web_port}" in services["nginx"]["ports"]
    assert str(defaults.action_port) in services["actions"]["command"]


def test_compose_endpoints_are_the_repository_ones_plus_our_lock_store():
    ours, base = load(DEPLOY / "endpoints.yml"), load(settings.ROOT / "endpoints.yml")
    assert {k: v for k, v in ours.items() if k != "lock_store"} == base
    assert ours["lock_store"]["type"] == cluster.LOCK_STORE
    generated = yaml.safe_load(cluster.endpoints_yaml(Path("/run/redis.sock")))
    assert ours["lock_store"]["key_prefix"] == generated["lock_store"]["key_prefix"]


def directives(config: str) -> set:
    """The routing directives of an nginx config, paths and addresses aside."""
    wanted = ("hash ", "least_conn", "proxy_next_upstream ", "proxy_connect_timeout", "proxy_set_header", "max_fails")
    lines = {re.sub(r"server \S+ ", "server ", line.strip()) for line in config.splitlines()}
    return {line for line in lines if line.startswith(wanted) or "max_fails" in line}


def test_nginx_conf_routes_as_make_cluster_does():
    generated = engines.Nginx(
        base=Path("/x"), bot_port=5005, web_host="0.0.0.0", web_port=8080, replicas=[1, 2], web_backend=3, max_body=1
    ).config()
    ours = (DEPLOY / "nginx.conf").read_text()
    assert directives(generated) and directives(ours) == directives(generated)
    assert "hash $remote_addr consistent;" in ours and "proxy_next_upstream error timeout;" in ours


# -- the Helm values ------------------------------------------------------------------------------


@pytest.mark.parametrize("chart,path", CHARTS)
def test_helm_values_are_valid_against_the_chart_schema(chart, path):
    merged = helm_merge(load(UPSTREAM / chart / "values.yaml"), load(path))
    assert schema_errors(merged, UPSTREAM / chart / "values.schema.json") == []


@pytest.mark.parametrize("chart,path", CHARTS)
def test_helm_values_use_only_keys_the_chart_has(chart, path):
    assert unknown_keys(load(path), load(UPSTREAM / chart / "values.yaml")) == []


def test_the_helm_checks_can_fail():
    ours = load(RASA_VALUES)
    ours["replicaCount"] = "2"
    ours["applicationSettings"]["endpoints"]["lockStore"]["enabled"] = "yes"
    ours["applicationSettings"]["lockstore"] = {}
    merged = helm_merge(load(UPSTREAM / "rasa" / "values.yaml"), ours)
    assert len(schema_errors(merged, UPSTREAM / "rasa" / "values.schema.json")) == 2
    assert unknown_keys(ours, load(UPSTREAM / "rasa" / "values.yaml")) == ["applicationSettings.lockstore"]


def test_helm_rasa_values_replicas_stores_and_ingress():
    values = load(RASA_VALUES)
    assert values["replicaCount"] >= 2
    endpoints = values["applicationSettings"]["endpoints"]
    assert endpoints["trackerStore"]["enabled"] and endpoints["trackerStore"]["type"] == TRACKER_STORE
    assert values["postgresql"]["install"] and values["redis"]["install"]
    lock = endpoints["lockStore"]
    assert lock["enabled"] and lock["type"] == cluster.LOCK_STORE
    action = endpoints["additionalEndpoints"]["action_endpoint"]
    assert action["headers"]["Authorization"] == "Bearer ${ACTION_SERVER_TOKEN}"
    assert not values["rasa-action-server"]["install"], "the chart's own action_endpoint has no headers"
    annotations = values["ingress"]["annotations"]
    assert values["ingress"]["enabled"] and annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert not values["nginx"]["enabled"]
    env = {e["name"]: e for e in values["extraEnv"]}
    assert env["TRUSTED_PROXY_HOPS"]["value"] == "1"
    for secret in ("BOT_API_TOKEN", "ACTION_SERVER_TOKEN", "SOCKET_SESSION_SECRET"):
        assert "secretKeyRef" in env[secret]["valueFrom"], secret
    assert env["BOT_PORT"]["value"] == str(values["applicationSettings"]["port"]) == "5005"
    # Our stores on the chart's PostgreSQL, as compose does: conversations, tickets, votes and outcomes.
    urls = {env[n]["value"] for n in ("TRACKER_STORE_URL", "TICKET_DB_URL", "FEEDBACK_DB_URL")}
    assert len(urls) == 1 and urls.pop().startswith("postgresql://$(DB_USER):$(DB_PASSWORD)@$(DB_HOST)")


def test_helm_action_server_matches_the_rasa_release():
    rasa, actions = load(RASA_VALUES), load(ACTION_VALUES)
    port = actions["applicationSettings"]["port"]
    assert port == settings.Settings.from_env({}).action_port and str(port) in actions["args"]
    url = {e["name"]: e for e in rasa["extraEnv"]}["ACTION_ENDPOINT_URL"]["value"]
    service_port = load(UPSTREAM / "rasa-action-server" / "values.yaml")["service"]["port"]
    assert url == "http://bone-health-actions-rasa-action-server/webhook" and service_port == 80
    env = {e["name"]: e for e in actions["extraEnv"]}
    assert "secretKeyRef" in env["ACTION_SERVER_TOKEN"]["valueFrom"]


@pytest.mark.parametrize("chart,path", CHARTS)
def test_helm_values_name_only_project_settings_or_chart_variables(chart, path):
    values = load(path)
    assert [e["name"] for e in values["extraEnv"] if not known(e["name"])] == []
    from_chart = set(REFERENCE.findall((UPSTREAM / chart / "values.yaml").read_text()))
    assert [n for n in REFERENCE.findall(path.read_text()) if not known(n) and n not in from_chart] == []
    assert all("value" not in e or "TOKEN" not in e["name"] for e in values["extraEnv"]), "secrets from Secrets"


# -- the project pieces the files name ------------------------------------------------------------


def test_the_lock_store_class_path_imports():
    module, _, name = cluster.LOCK_STORE.rpartition(".")
    assert getattr(importlib.import_module(module), name).__name__ == name


def test_the_commands_the_files_run_are_modules_of_the_project():
    text = COMPOSE.read_text() + RASA_VALUES.read_text() + ACTION_VALUES.read_text()
    modules = set(re.findall(r"-m\s*\"?,?\s*\"?(bot(?:\.\w+)+)", text)) | set(
        re.findall(r"from (bot(?:\.\w+)+) import", text)
    )
    assert {"bot.serve.action_entry", "bot.serve.web", "bot.serve"} <= modules
    for module in modules:
        importlib.util.find_spec(module) or pytest.fail(module)


# -- Rasa reads what the files configure ----------------------------------------------------------

CHART_ENV = {"DB_HOST": "db", "DB_PORT": "5432", "DB_USER": "u", "DB_PASSWORD": "p", "DB_DATABASE": "d"}


def chart_endpoints(values: dict) -> str:
    """The `endpoints` key of the rasa chart's ConfigMap (templates/config-map.yaml at the vendored
    commit) for the parts our values switch on: Go's `range` walks map keys sorted, `{{ $value }}` prints
    a scalar bare, `toYaml` dumps maps."""
    merged = helm_merge(load(UPSTREAM / "rasa" / "values.yaml"), values)
    endpoints = merged["applicationSettings"]["endpoints"]
    lines = []
    for section, name in (("trackerStore", "tracker_store"), ("lockStore", "lock_store")):
        if endpoints[section]["enabled"]:
            lines.append(f"{name}:")
            for key, value in sorted(endpoints[section].items()):
                if key != "enabled":
                    lines.append(f"  {key}: {value}")
    return "\n".join(lines) + "\n" + yaml.safe_dump(endpoints["additionalEndpoints"], sort_keys=True)


def rasa_endpoints(text: str, tmp_path: Path, monkeypatch, env: dict):
    from rasa.core.utils import AvailableEndpoints

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "endpoints.yml"
    path.write_text(text)
    return AvailableEndpoints.read_endpoints(str(path))


def test_rasa_reads_the_helm_endpoints(tmp_path, monkeypatch):
    env = {**CHART_ENV, "REDIS_HOST": "redis", "REDIS_PORT": "6379", "REDIS_PASSWORD": "rp"}
    env |= {"ACTION_ENDPOINT_URL": "http://a/webhook", "ACTION_SERVER_TOKEN": "t"}
    endpoints = rasa_endpoints(chart_endpoints(load(RASA_VALUES)), tmp_path, monkeypatch, env)
    assert endpoints.lock_store.type == cluster.LOCK_STORE
    assert (endpoints.lock_store.url, endpoints.lock_store.kwargs["password"]) == ("redis", "rp")
    assert endpoints.action.url == "http://a/webhook" and endpoints.action.headers == {"Authorization": "Bearer t"}
    assert endpoints.tracker_store.type == TRACKER_STORE and endpoints.tracker_store.kwargs["dialect"] == "postgresql"


def test_rasa_builds_our_tracker_store_from_the_helm_endpoints_on_postgresql(
    postgres_url,  # noqa: F811 - the fixture imported above
    tmp_path,
    monkeypatch,
):
    """The chart's DB_* form (host, port, user, password, db, login_db), not a URL: Rasa hands it to our class."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from sqlalchemy.engine import make_url

    from bot.serve.tracker_store import ResilientSQLTrackerStore

    url = make_url(postgres_url)
    env = {"DB_HOST": url.host, "DB_PORT": str(url.port), "DB_USER": url.username, "DB_PASSWORD": ""}
    env |= {"DB_DATABASE": url.database, "REDIS_HOST": "redis", "REDIS_PORT": "6379", "REDIS_PASSWORD": "rp"}
    env |= {"ACTION_ENDPOINT_URL": "http://a/webhook", "ACTION_SERVER_TOKEN": "t"}
    endpoints = rasa_endpoints(chart_endpoints(load(RASA_VALUES)), tmp_path, monkeypatch, env)
    created = TrackerStore.create(endpoints.tracker_store, Domain.empty())
    store = getattr(created, "_tracker_store", created)
    assert type(store) is ResilientSQLTrackerStore and store.engine.pool._pre_ping
    assert store.engine.url.get_backend_name() == "postgresql" and store.engine.url.host == url.host
    tracker = DialogueStateTracker.from_events("helm-1", [UserUttered("hello")])
    asyncio.run(store.save(tracker))
    assert [e.text for e in asyncio.run(store.retrieve("helm-1")).events if isinstance(e, UserUttered)] == ["hello"]
    store.engine.dispose()


def test_rasa_reads_the_compose_endpoints(tmp_path, monkeypatch):
    env = {"ACTION_ENDPOINT_URL": "http://actions:5055/webhook", "ACTION_SERVER_TOKEN": "t"}
    env["TRACKER_STORE_URL"] = "postgresql://u:p@postgres:5432/bone_health"
    endpoints = rasa_endpoints((DEPLOY / "endpoints.yml").read_text(), tmp_path, monkeypatch, env)
    assert (endpoints.lock_store.type, endpoints.lock_store.url) == (cluster.LOCK_STORE, "redis")
    assert endpoints.action.headers == {"Authorization": "Bearer t"}


@pytest.fixture
def redis_with_password():
    """A real Redis on TCP with a password, as the chart's Redis subchart is."""
    import redis

    binary = engines.binary("redis-server") or pytest.fail("redis-server is needed (scripts/install_cluster.sh)")
    port = cluster.free_port()
    cmd = [
        binary,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--requirepass",
        "pw",
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.StrictRedis(host="127.0.0.1", port=port, password="pw", db=1)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield port, client
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.cluster
def test_the_helm_lock_store_takes_tickets_on_a_password_redis(tmp_path, monkeypatch, redis_with_password):
    from rasa.core.lock_store import LockStore

    port, client = redis_with_password
    env = {**CHART_ENV, "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(port), "REDIS_PASSWORD": "pw"}
    env |= {"ACTION_ENDPOINT_URL": "http://a/webhook", "ACTION_SERVER_TOKEN": "t"}
    endpoints = rasa_endpoints(chart_endpoints(load(RASA_VALUES)), tmp_path, monkeypatch, env)
    store = LockStore.create(endpoints.lock_store)
    try:
        assert type(store).__name__ == cluster.LOCK_STORE.rpartition(".")[2]
        first, second = store.issue_ticket("c1"), store.issue_ticket("c1")
        assert (first, second) == (1, 2) and client.exists("bonehealth:lock:c1")
        store.cleanup("c1", first)
        store.cleanup("c1", second)
        assert not client.exists("bonehealth:lock:c1")
    finally:
        store.close()


@pytest.mark.parametrize("where", ["compose", "helm"])
def test_the_rasa_start_script_runs_make_runs_command(where, tmp_path, monkeypatch):
    """The inline start script of the rasa containers, run with os.execv caught: the command it execs."""
    import os

    if where == "compose":
        script, endpoints = load(COMPOSE)["services"]["rasa"]["command"][2], "deploy/endpoints.yml"
    else:
        script, endpoints = load(RASA_VALUES)["args"][0], "/app/endpoints.yml"
    env = {"BOT_PORT": "5005", "BOT_API_TOKEN": "api", "BOT_ALLOWED_ORIGINS": "https://a.example,https://b.example"}
    for name in list(os.environ):
        if name in settings.VARIABLES:
            monkeypatch.delenv(name)
    for name, value in {**env, "BONE_HEALTH_VAR_DIR": str(tmp_path / "var")}.items():
        monkeypatch.setenv(name, value)
    execed = []
    monkeypatch.setattr(os, "execv", lambda path, argv: execed.append(argv))
    exec(compile(script, f"<{where} rasa command>", "exec"), {})
    (cmd,) = execed
    assert cmd[1:4] == ["-m", "bot.serve.rasa_entry", "run"]
    flag = {name: cmd[cmd.index(name) + 1] for name in ("--port", "--endpoints", "--interface", "--auth-token")}
    assert flag == {"--port": "5005", "--endpoints": endpoints, "--interface": "0.0.0.0", "--auth-token": "api"}
    assert "--enable-api" in cmd and cmd[cmd.index("--cors") + 1 : cmd.index("--cors") + 3] == [
        "https://a.example",
        "https://b.example",
    ]
    assert (tmp_path / "var" / "credentials.yml").exists()
