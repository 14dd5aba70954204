"""Multi-turn evaluation through the real servers: does each turn of a conversation show the right answer?

Follow-ups depend on what the conversation remembers (the drug, the aspect, the last answer), which lives
in Rasa's tracker and the action server, so this tool starts both as `make run` does (on free ports, with a
throwaway var dir), sends each conversation of tests/data/test_conversations.yml to the REST channel, and
reads what the person was shown: the curated answer whose text the reply starts with, else no answer.
The sets and their roles are in bot/tools/sets.py (CONVERSATIONS): a DEV set's misses are printed, a FROZEN
set's totals only, unless `--show-frozen-misses` is given (for the final report, never while tuning).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import socket
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import requests
import yaml

from bot import content as content_mod
from bot.dialogue.turn import NO_ANSWER
from bot.settings import child_environment
from bot.tools import sets

SETS = sets.CONVERSATIONS
CONVERSATIONS = SETS["test"].path  # the frozen set
ANSWER_PREFIX = 80  # characters of an answer that identify it


@dataclass
class TurnResult:
    conversation: str
    position: int
    text: str
    expected: str
    shown: str

    @property
    def correct(self) -> bool:
        return self.expected == self.shown


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def local_servers(var_dir: Path) -> Iterator[str]:
    """The action server and Rasa, as `python -m bot.serve` starts them; yields the REST webhook URL."""
    from bot.serve import supervisor as serve

    env_in = {
        **child_environment(),
        "BOT_PORT": str(_free_port()),
        "ACTION_PORT": str(_free_port()),
        "BONE_HEALTH_VAR_DIR": str(var_dir),
    }
    settings = serve.Settings.from_env(env_in)
    env = {**serve.child_env(settings), "BOT_PORT": str(settings.bot_port)}
    processes = serve.Supervisor()
    try:
        actions = processes.start(serve.action_server_cmd(settings), env, var_dir / "actions.log")
        serve.wait_http(f"http://127.0.0.1:{settings.action_port}/health", 120, actions)
        rasa = processes.start(serve.rasa_server_cmd(settings, env), env, var_dir / "rasa.log")
        serve.wait_http(f"http://127.0.0.1:{settings.bot_port}/", 300, rasa)
        yield f"http://127.0.0.1:{settings.bot_port}/webhooks/rest/webhook"
    finally:
        processes.stop()


def answer_index(content: content_mod.Content) -> Dict[str, str]:
    """The opening characters of each curated answer as shown, English or Spanish -> its response key."""
    index = {}
    for topic in content.topics.values():
        for shown_text in (content.render(topic), content.render_spanish(topic)):
            if shown_text:
                index[shown_text[:ANSWER_PREFIX]] = topic.response_key
    return index


def shown(messages: List[Dict], index: Dict[str, str]) -> str:
    for message in messages:
        label = index.get((message.get("text") or "")[:ANSWER_PREFIX])
        if label:
            return label
    return NO_ANSWER


def run(rest_url: str, conversations: List[Dict], content: Optional[content_mod.Content] = None) -> List[TurnResult]:
    index = answer_index(content or content_mod.load())
    results = []
    for conversation in conversations:
        sender = "eval-" + uuid.uuid4().hex
        for position, turn in enumerate(conversation["turns"], start=1):
            reply = requests.post(rest_url, json={"sender": sender, "message": turn["text"]}, timeout=60)
            reply.raise_for_status()
            results.append(
                TurnResult(conversation["name"], position, turn["text"], turn["expected"], shown(reply.json(), index))
            )
    return results


def report(results: List[TurnResult], misses: bool = False) -> str:
    """The totals; with `misses` (a dev set, or a frozen one for the final report) every missed turn too."""
    by_position: Dict[str, List[TurnResult]] = collections.defaultdict(list)
    for result in results:
        by_position["first turns" if result.position == 1 else "follow-up turns"].append(result)
    lines = []
    for name, group in sorted(by_position.items()):
        right = sum(r.correct for r in group)
        lines.append(f"{name:16} {right:4}/{len(group):<4} = {right / len(group):.1%}")
    right = sum(r.correct for r in results)
    lines.append(f"all turns        {right:4}/{len(results):<4} = {right / len(results):.1%}")
    conversations = collections.defaultdict(list)
    for result in results:
        conversations[result.conversation].append(result.correct)
    whole = sum(all(turns) for turns in conversations.values())
    lines.append(f"whole conversations right: {whole}/{len(conversations)}")
    missed = [r for r in results if not r.correct]
    if missed and misses:
        lines.append("\nmisses (conversation, turn: expected -> shown):")
        lines += [f"  {r.conversation} #{r.position}: {r.expected} -> {r.shown}   {r.text!r}" for r in missed]
    return "\n".join(lines)


def section(name: str, results: List[TurnResult], show_frozen_misses: bool = False) -> str:
    """One set's block: its misses only when it is a dev set (or for the final report)."""
    eval_set = SETS[name]
    shown = not eval_set.frozen or show_frozen_misses
    text = f"\nmulti-turn conversations, {name} set ({eval_set.role}): {eval_set.relative}\n"
    text += report(results, misses=shown)
    if not shown:
        text += "\n" + sets.frozen_note(eval_set, sum(not r.correct for r in results))
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS) + ["all"], default="all", help="which conversation set")
    parser.add_argument(sets.SHOW_FROZEN_MISSES, action="store_true", help=sets.SHOW_FROZEN_HELP)
    args = parser.parse_args(argv)
    names = sorted(SETS) if args.set == "all" else [args.set]
    loaded = {name: yaml.safe_load(SETS[name].path.read_text(encoding="utf-8"))["conversations"] for name in names}
    with tempfile.TemporaryDirectory(prefix="bone-health-eval-") as var_dir:
        with local_servers(Path(var_dir)) as rest_url:
            results = {name: run(rest_url, conversations) for name, conversations in loaded.items()}
    for name in names:
        print(section(name, results[name], args.show_frozen_misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
