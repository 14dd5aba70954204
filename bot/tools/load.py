"""Load benchmark (not a test): the locust scenario (bot/tools/locustfile.py) against `make run`'s stack
and against `make cluster` with 1 and 2 replicas, in one run on this machine.

Each target is started fresh (own var dir, free ports), warmed with one message, then locust runs
headless for `--seconds` with `--users` people in conversation. Besides locust's throughput and
latency, the CPU time each kind of process used during the run (/proc) gives CPU-seconds per message
for Rasa, the action servers, PostgreSQL, Redis and nginx: the per-replica figures that
docs/cluster.md sizes from. The table goes into results/bench.md between the LOAD markers (after
bot/tools/bench.py, which writes the file).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from bot.serve import supervisor as serve
from bot.settings import ROOT, child_environment
from bot.tools.bench import RESULTS, free_port, rss_mb, wait_first_answer

LOCUSTFILE = ROOT / "bot" / "tools" / "locustfile.py"
BEGIN, END = "<!-- LOAD:BEGIN -->", "<!-- LOAD:END -->"
TICK = os.sysconf("SC_CLK_TCK")
FAST = {"BOT_RATE_PER_SENDER": "1000000"}  # measure speed, not the rate limits (loopback is exempt per address)


@dataclass
class Load:
    target: str
    requests: int = 0
    failures: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    red_flag_p95_ms: float = 0.0
    cpu: Dict[str, float] = field(default_factory=dict)  # CPU-seconds per kind of process during the run
    rss_mb: float = 0.0
    failure_kinds: List[str] = field(default_factory=list)

    def per_message_ms(self, kind: str) -> float:
        return 1000 * self.cpu.get(kind, 0.0) / max(self.requests, 1)


def descendants(pids: List[int]) -> List[int]:
    seen, stack = [], list(pids)
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.append(pid)
        with contextlib.suppress(OSError):
            stack.extend(int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
    return seen


def kind_of(pid: int) -> str:
    comm = Path(f"/proc/{pid}/comm").read_text().strip()
    for kind in ("postgres", "redis", "nginx"):
        if comm.startswith(kind):
            return kind
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    if b"rasa_entry" in cmdline:
        return "rasa"
    return "actions" if b"action_entry" in cmdline else "other"  # other: web server, supervisor (idle)


def cpu_by_kind(pids: List[int]) -> Dict[Tuple[int, str], float]:
    """CPU-seconds so far of every process under `pids`, keyed by (pid, kind)."""
    found = {}
    for pid in descendants(pids):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            found[(pid, kind_of(pid))] = (int(fields[11]) + int(fields[12])) / TICK
    return found


def run_locust(host: str, args: argparse.Namespace, out: Path) -> Tuple[Load, float]:
    """Locust headless; returns its figures and the CPU-seconds locust itself used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [
        *(sys.executable, "-m", "locust"),  # not the console script: its #! line names the venv it was installed from
        *("-f", str(LOCUSTFILE), "--headless", "--only-summary", "--host", host),
        *("-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.seconds}s", "--csv", str(out)),
        *("--think-min", str(args.think_min), "--think-max", str(args.think_max)),
    ]
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = Load("")
    with open(f"{out}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                load.requests, load.failures = int(row["Request Count"]), int(row["Failure Count"])
                load.rps = float(row["Requests/s"])
                load.p50_ms, load.p95_ms, load.max_ms = float(row["50%"]), float(row["95%"]), float(row["100%"])
            elif row["Name"] == "red flag":
                load.red_flag_p95_ms = float(row["95%"])
    failures = Path(f"{out}_failures.csv")
    if failures.exists():
        load.failure_kinds = [f"{r['Name']}: {r['Error']} ×{r['Occurrences']}" for r in csv.DictReader(failures.open())]
    return load, own_cpu


@contextlib.contextmanager
def run_stack(work: Path) -> Iterator[Tuple[str, List[int]]]:
    """`make run`'s processes (action server + Rasa on SQLite), as bot/tools/bench.py starts them."""
    env = {**child_environment(), "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT), **FAST}
    settings = serve.Settings.from_env(
        {
            **env,
            "BOT_PORT": str(free_port()),
            "ACTION_PORT": str(free_port()),
            "WEB_PORT": str(free_port()),
            "BONE_HEALTH_VAR_DIR": str(work / "var-run"),
        }
    )
    child_env = serve.child_env(settings) | FAST  # once: it draws the action server's token
    logs = settings.var_dir / "logs"
    logs.mkdir(parents=True)
    supervisor = serve.Supervisor()
    try:
        actions = supervisor.start(serve.action_server_cmd(settings), child_env, logs / "actions.log")
        rasa = supervisor.start(serve.rasa_server_cmd(settings), child_env, logs / "rasa.log")
        host = f"http://127.0.0.1:{settings.bot_port}"
        wait_first_answer(f"{host}/webhooks/rest/webhook", rasa)
        yield host, [actions.pid, rasa.pid]
    finally:
        supervisor.stop()


@contextlib.contextmanager
def cluster_stack(work: Path, replicas: int) -> Iterator[Tuple[str, List[int]]]:
    """`make cluster` (python -m bot.serve.cluster) with `replicas` replicas, stopped with SIGTERM."""
    var = work / f"var-cluster-{replicas}"
    bot_port = free_port()
    env = {
        **child_environment(),
        **FAST,
        "PYTHONPATH": str(ROOT),
        "BONE_HEALTH_VAR_DIR": str(var),
        "BOT_PORT": str(bot_port),
        "WEB_PORT": str(free_port()),
        "REPLICAS": str(replicas),
    }
    var.mkdir(parents=True)
    log = var / "cluster.log"
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.serve.cluster"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 600
        while "Ready:" not in log.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(1)
        if "Ready:" not in log.read_text():
            raise RuntimeError(f"make cluster did not start: {log.read_text()[-2000:]}")
        host = f"http://127.0.0.1:{bot_port}"
        wait_first_answer(f"{host}/webhooks/rest/webhook", proc)
        yield host, [proc.pid]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def measure(name: str, stack: contextlib.AbstractContextManager, args: argparse.Namespace, work: Path) -> Load:
    with stack as (host, pids):
        start = cpu_by_kind(pids)
        load, locust_cpu = run_locust(host, args, work / name)
        end = cpu_by_kind(pids)
        load.rss_mb = rss_mb(pids)
    load.target = name
    for key, seconds in end.items():
        load.cpu[key[1]] = load.cpu.get(key[1], 0.0) + seconds - start.get(key, 0.0)
    load.cpu["locust"] = locust_cpu
    print(f"{name}: {load}", flush=True)
    return load


def table(loads: List[Load], args: argparse.Namespace) -> str:
    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"### Load (locust, bot/tools/locustfile.py), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"{args.users} people in conversation at once for {args.seconds} s per target, reading each answer "
        f"{args.think_min:g}-{args.think_max:g} s; scripts: FAQ with follow-ups, the care-team form to its ticket, "
        f"a red flag; REST channel. {os.cpu_count()} cores shared by every process here, locust included "
        f"(load average at the end: {load_avg}). CPU per message = CPU-seconds of that kind of process "
        "during the run / messages answered.",
        "",
        "| | " + " | ".join(load.target for load in loads) + " |",
        "|---" * (len(loads) + 1) + "|",
    ]
    rows = [
        ("messages answered", lambda x: f"{x.requests - x.failures}"),
        ("failed (wrong reply or HTTP error)", lambda x: f"{x.failures}"),
        ("throughput (messages/s)", lambda x: f"{x.rps:.1f}"),
        ("latency p50 / p95 / max (ms)", lambda x: f"{x.p50_ms:.0f} / {x.p95_ms:.0f} / {x.max_ms:.0f}"),
        ("red flag p95 (ms)", lambda x: f"{x.red_flag_p95_ms:.0f}"),
        (
            "CPU per message: Rasa / action server (ms)",
            lambda x: f"{x.per_message_ms('rasa'):.0f} / {x.per_message_ms('actions'):.0f}",
        ),
        (
            "CPU per message: PostgreSQL / Redis / nginx (ms)",
            lambda x: "{:.1f} / {:.1f} / {:.1f}".format(*(x.per_message_ms(k) for k in ("postgres", "redis", "nginx"))),
        ),
        ("CPU per message: locust itself (ms)", lambda x: f"{x.per_message_ms('locust'):.1f}"),
        ("resident memory, all serving processes (MB)", lambda x: f"{x.rss_mb:.0f}"),
    ]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(load) for load in loads) + " |")
    for load in loads:
        for kind in sorted(set(load.failure_kinds))[:5]:
            lines.append(f"\n{load.target} failure: {kind}")
    return "\n".join(lines)


def write(text: str) -> None:
    """Into results/bench.md between the LOAD markers (bench.py rewrites the rest of the file)."""
    current = RESULTS.read_text() if RESULTS.exists() else ""
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        current = head.rstrip("\n") + "\n" + rest.split(END, 1)[1].lstrip("\n")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(f"{current.rstrip()}\n\n{BEGIN}\n{text}\n{END}\n".lstrip())


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", default="run,cluster-1,cluster-2", help="run, cluster-<replicas>, comma-separated")
    parser.add_argument("--users", type=int, default=40, help="people in conversation at once")
    parser.add_argument("--spawn-rate", type=float, default=10, help="new people per second while ramping up")
    parser.add_argument("--seconds", type=int, default=60, help="locust run time per target")
    parser.add_argument("--think-min", type=float, default=2.0, help="seconds a person reads an answer, at least")
    parser.add_argument("--think-max", type=float, default=6.0, help="... and at most")
    args = parser.parse_args(argv)
    if importlib.util.find_spec("locust") is None:
        print("locust is not installed: run `make install` (requirements.lock)", file=sys.stderr)
        return 1
    loads = []
    with tempfile.TemporaryDirectory(prefix="load-") as tmp:
        work = Path(tmp)
        for target in args.targets.split(","):
            if target == "run":
                stack = run_stack(work)
            else:
                stack = cluster_stack(work, int(target.split("-", 1)[1]))
            loads.append(measure(target, stack, args, work))
    text = table(loads, args)
    write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
