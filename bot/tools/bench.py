"""Benchmark (not a test): this bot side by side with Rasa 3.6's own starter bot (`rasa init`).

Both are measured in the same run on the same machine: training time, cold start (process start to
first answer), message latency p50/p95 sequentially and with 20 concurrent conversations, throughput,
and resident memory of the serving processes. Results go to results/bench.md and into the README
between the BENCH markers.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import requests
import yaml

from bot.serve import supervisor as serve
from bot.settings import ROOT, child_environment

RASA = str(serve.VENV_BIN / "rasa")
RESULTS = ROOT / "results" / "bench.md"
README = ROOT / "README.md"
BEGIN, END = "<!-- BENCH:BEGIN -->", "<!-- BENCH:END -->"
LONG_TURNS = 500  # one conversation this long: turns 1, 200 and 500 (issue 11: 200; issue 13: 500)
LONG_CHECKPOINTS = (200, 500)  # each the median of its last 10 turns, against turns 1-10
# Issue "Understanding people's own words": this bot against the starter bot of the same run.
TARGETS = (
    ("p95 sequential", "seq_p95_ms", "<=", 1.3),
    ("throughput at 20 concurrent", "throughput", ">=", 0.9),
    ("resident memory", "rss_mb", "<=", 1.0),
)


@dataclass
class Figures:
    name: str
    train_s: float = 0.0
    cold_start_s: float = 0.0
    seq_p50_ms: float = 0.0
    seq_p95_ms: float = 0.0
    conc_p50_ms: float = 0.0
    conc_p95_ms: float = 0.0
    throughput: float = 0.0
    rss_mb: float = 0.0
    turn1_ms: float = 0.0  # median of turns 1-10 of one long conversation
    turn200_ms: float = 0.0  # median of turns 191-200 of the same conversation
    turn500_ms: float = 0.0  # median of turns 491-500 of the same conversation
    errors: int = 0
    notes: List[str] = field(default_factory=list)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pids: List[int]) -> float:
    """Resident memory of the given processes and all their descendants, from /proc."""
    seen, stack, total_kb = set(), list(pids), 0
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total_kb += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            stack.extend(int(c) for c in children)
        except (OSError, StopIteration):
            continue
    return total_kb / 1024


def percentile(values: List[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def timed_train(cmd: List[str], cwd: Path, env: Dict[str, str]) -> float:
    start = time.monotonic()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def send(url: str, sender: str, text: str) -> float:
    start = time.monotonic()
    response = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
    response.raise_for_status()
    return (time.monotonic() - start) * 1000


def measure_serving(fig: Figures, url: str, questions: List[str], pids: List[int], per_user: int) -> None:
    sequential = [send(url, "bench-seq", q) for q in questions]
    fig.seq_p50_ms, fig.seq_p95_ms = percentile(sequential, 50), percentile(sequential, 95)

    def conversation(user: int) -> List[float]:
        sender = f"bench-{user}-{uuid.uuid4().hex[:6]}"
        return [send(url, sender, questions[(user * 7 + i) % len(questions)]) for i in range(per_user)]

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        futures = [pool.submit(conversation, user) for user in range(20)]
        concurrent_ms: List[float] = []
        for future in futures:
            try:
                concurrent_ms += future.result()
            except requests.RequestException:
                fig.errors += 1
    elapsed = time.monotonic() - start
    fig.conc_p50_ms, fig.conc_p95_ms = percentile(concurrent_ms, 50), percentile(concurrent_ms, 95)
    fig.throughput = len(concurrent_ms) / elapsed
    fig.rss_mb = rss_mb(pids)
    # One conversation of LONG_TURNS messages: does latency grow with the tracker?
    sender = f"bench-long-{uuid.uuid4().hex[:6]}"
    long_ms = [send(url, sender, questions[i % len(questions)]) for i in range(LONG_TURNS)]
    fig.turn1_ms = percentile(long_ms[:10], 50)
    fig.turn200_ms, fig.turn500_ms = (percentile(long_ms[n - 10 : n], 50) for n in LONG_CHECKPOINTS)


def wait_first_answer(url: str, proc: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited during start-up")
        try:
            send(url, "bench-cold", "hello")
            return
        except requests.RequestException:
            time.sleep(0.25)
    raise TimeoutError(url)


def bench_ours(work: Path, questions: List[str], per_user: int, retrain: bool) -> Figures:
    fig = Figures("Bone Health Companion")
    env = {**child_environment(), "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    model = ROOT / "models" / "bone-health.tar.gz"
    if retrain:
        fig.train_s = timed_train(
            [RASA, "train", "--force", "--out", str(work / "models"), "--fixed-model-name", "bench"], ROOT, env
        )
        model = work / "models" / "bench.tar.gz"
    settings = serve.Settings.from_env(
        {
            **env,
            "BOT_PORT": str(free_port()),
            "ACTION_PORT": str(free_port()),
            "WEB_PORT": str(free_port()),
            "BONE_HEALTH_VAR_DIR": str(work / "var"),
            "BOT_MODEL": str(model),
        }
    )
    child_env = serve.child_env(settings)
    child_env["BOT_RATE_PER_SENDER"] = "1000000"  # the sequential run is one sender: measure speed, not limits
    supervisor = serve.Supervisor()
    try:
        start = time.monotonic()
        actions = supervisor.start(serve.action_server_cmd(settings), child_env)
        rasa = supervisor.start(serve.rasa_server_cmd(settings), child_env)
        url = f"http://127.0.0.1:{settings.bot_port}/webhooks/rest/webhook"
        wait_first_answer(url, rasa)
        fig.cold_start_s = time.monotonic() - start
        measure_serving(fig, url, questions, [actions.pid, rasa.pid], per_user)
    finally:
        supervisor.stop()
    return fig


def bench_starter(work: Path, questions: List[str], per_user: int) -> Figures:
    fig = Figures("Rasa 3.6.21 starter bot (rasa init)")
    env = {**child_environment(), "RASA_TELEMETRY_ENABLED": "false"}
    project = work / "starter"
    project.mkdir()  # `rasa init --init-dir` wants an existing folder
    subprocess.run(
        [RASA, "init", "--no-prompt", "--init-dir", str(project)],
        cwd=work,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    fig.train_s = timed_train([RASA, "train", "--force", "--fixed-model-name", "starter"], project, env)
    port = free_port()
    supervisor = serve.Supervisor()
    try:
        start = time.monotonic()
        rasa = subprocess.Popen(
            [RASA, "run", "--model", "models/starter.tar.gz", "--port", str(port)],
            cwd=project,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        supervisor.children.append(rasa)
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        wait_first_answer(url, rasa)
        fig.cold_start_s = time.monotonic() - start
        measure_serving(fig, url, questions, [rasa.pid], per_user)
    finally:
        supervisor.stop()
    fig.notes.append("in-memory tracker store, no action server, 7 intents")
    return fig


def table(figures: List[Figures], machine: str) -> str:
    rows = [
        ("training time (s)", "train_s", "{:.0f}"),
        ("cold start to first answer (s)", "cold_start_s", "{:.1f}"),
        ("latency p50, sequential (ms)", "seq_p50_ms", "{:.0f}"),
        ("latency p95, sequential (ms)", "seq_p95_ms", "{:.0f}"),
        ("latency p50, 20 concurrent conversations (ms)", "conc_p50_ms", "{:.0f}"),
        ("latency p95, 20 concurrent conversations (ms)", "conc_p95_ms", "{:.0f}"),
        ("throughput at 20 concurrent (messages/s)", "throughput", "{:.1f}"),
        ("resident memory, serving processes (MB)", "rss_mb", "{:.0f}"),
        ("latency, turns 1-10 of one conversation (ms, median)", "turn1_ms", "{:.0f}"),
        *((f"latency, turns {n - 9}-{n} of it (ms, median)", f"turn{n}_ms", "{:.0f}") for n in LONG_CHECKPOINTS),
        ("request errors", "errors", "{}"),
    ]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine}.",
        "",
        "| | " + " | ".join(f.name for f in figures) + " |",
        "|---" * (len(figures) + 1) + "|",
    ]

    def cell(fig: Figures, attr: str, fmt: str) -> str:
        if attr == "train_s" and not fig.train_s:
            return "not timed (--no-retrain)"
        return fmt.format(getattr(fig, attr))

    for label, attr, fmt in rows:
        lines.append(f"| {label} | " + " | ".join(cell(f, attr, fmt) for f in figures) + " |")
    for fig in figures:
        for note in fig.notes:
            lines.append(f"\n{fig.name}: {note}.")
    ours, starter = figures[0], figures[-1]
    lines.append("\nThis bot against the starter bot (target in brackets):")
    for label, attr, sense, target in TARGETS:
        ratio = getattr(ours, attr) / max(getattr(starter, attr), 1e-9)
        met = ratio <= target if sense == "<=" else ratio >= target
        lines.append(f"- {label}: {ratio:.2f}x ({sense} {target}x: {'met' if met else 'NOT met'})")
    for n in LONG_CHECKPOINTS:
        growth = getattr(ours, f"turn{n}_ms") / max(ours.turn1_ms, 1e-9)
        starter_growth = getattr(starter, f"turn{n}_ms") / max(starter.turn1_ms, 1e-9)
        lines.append(
            f"- turn {n} vs turn 1 of one conversation: {growth:.2f}x (<= 1.5x: "
            f"{'met' if growth <= 1.5 else 'NOT met'}; starter bot {starter_growth:.2f}x)"
        )
    return "\n".join(lines)


def update_readme(text: str) -> None:
    readme = README.read_text()
    if BEGIN in readme and END in readme:
        head, rest = readme.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=60, help="sequential messages per bot")
    parser.add_argument("--per-user", type=int, default=5, help="messages per concurrent conversation")
    parser.add_argument("--no-retrain", action="store_true", help="reuse models/ instead of timing a training")
    args = parser.parse_args(argv)
    heldout = yaml.safe_load((ROOT / "tests" / "data" / "heldout_faq.yml").read_text())["questions"]
    questions = [q["text"] for q in heldout][: args.questions]
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        figures = [
            bench_ours(work, questions, args.per_user, not args.no_retrain),
            bench_starter(work, questions, args.per_user),
        ]
    text = table(figures, machine)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n")
    update_readme(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
