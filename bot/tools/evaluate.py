"""Held-out evaluation: which curated answer would each question of the dev and the frozen test sets get?

The sets and their roles are in bot/tools/sets.py (FAQ). DEV sets, never trained on, may be tuned on:
tests/data/heldout_faq.yml (thresholds and features were chosen by its score, and some of its questions are
close to training examples: it measures memory as much as understanding), dev_faq_2.yml, dev_faq_es.yml.
FROZEN test sets (test_faq.yml, test_faq_es.yml) were written from ../shared/sources only by someone who
never saw the training examples and are never used to choose anything (tests/test_test_set.py fails on a
near-copy): their figures are the ones to report, and only their totals are printed (no misses, no
per-topic table) unless `--show-frozen-misses` is given, for the final report, never while tuning.
A question counts as right when the topic a person would be shown (NLU + the answer classifier + the
drug re-targeting of bot.dialogue.answering, with an empty conversation) is the labelled one. Off-topic
questions are right when they get no curated answer (declined or "Did you mean…?").
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from bot import content as content_mod
from bot.dialogue.turn import NO_ANSWER, shown_topic
from bot.names import SAFETY_INTENTS
from bot.settings import ROOT
from bot.tools import sets

SETS = sets.FAQ
HELDOUT = SETS["dev"].path  # dev set
TEST_SET = SETS["test"].path  # frozen test set
TEST_SET_ES = SETS["test_es"].path  # frozen Spanish test set (issue 12)
MODEL = ROOT / "models" / "bone-health.tar.gz"


@dataclass
class Result:
    text: str
    expected: str
    predicted: str
    intent: str
    confidence: float

    @property
    def correct(self) -> bool:
        return self.expected == self.predicted


def load_agent(model: Path = MODEL):
    """The model in-process. Rasa's structured log would print every parsed message at DEBUG level
    when nothing configured it: keep this tool's output to the figures (LOG_LEVEL overrides)."""
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    from bot import settings

    configure_structlog(logging.getLevelName(settings.text("LOG_LEVEL", "WARNING")))
    return Agent.load(str(model))


async def _parse_all(agent, texts: List[str]) -> List[Dict]:
    return [await agent.parse_message(text) for text in texts]


def load_questions(path: Path = HELDOUT) -> List[Dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def evaluate(agent=None, questions: Optional[List[Dict]] = None) -> List[Result]:
    content = content_mod.load()
    questions = questions if questions is not None else load_questions()
    agent = agent or load_agent()
    parses = asyncio.run(_parse_all(agent, [q["text"] for q in questions]))
    return [
        Result(
            text=q["text"],
            expected=q["expected"],
            predicted=shown_topic(p, content),
            intent=p["intent"]["name"],
            confidence=float(p["intent"].get("confidence") or 0),
        )
        for q, p in zip(questions, parses)
    ]


def report(results: List[Result], misses: bool = False) -> str:
    """The totals; with `misses` (a dev set, or a frozen one for the final report) the per-topic table and
    the confusions with example questions too."""
    lines = []
    if misses:
        by_label: Dict[str, List[Result]] = collections.defaultdict(list)
        for result in results:
            by_label[result.expected].append(result)
        lines.append(f"{'topic':50} {'n':>4} {'acc':>6}")
        for label in sorted(by_label):
            group = by_label[label]
            lines.append(f"{label:50} {len(group):4} {sum(r.correct for r in group) / len(group):6.1%}")
        lines.append("")
    correct = sum(r.correct for r in results)
    lines.append(f"overall: {correct}/{len(results)} = {correct / len(results):.1%}")
    off = [r for r in results if r.expected == NO_ANSWER]
    answered = [r for r in off if r.predicted != NO_ANSWER]
    lines.append(f"off-topic questions given a curated answer: {len(answered)}/{len(off)}")
    triaged = [r for r in results if r.predicted in SAFETY_INTENTS]
    lines.append(
        f"questions sent to triage (escalated): {len(triaged)}/{len(results)} = {len(triaged) / len(results):.1%}"
    )
    confusions = collections.Counter((r.expected, r.predicted) for r in results if not r.correct)
    if confusions and misses:
        lines.append("\nconfusions (expected -> shown):")
        for (expected, predicted), count in confusions.most_common():
            examples = [r.text for r in results if r.expected == expected and r.predicted == predicted][:2]
            lines.append(f"  {count} x {expected} -> {predicted}   e.g. {examples}")
    return "\n".join(lines)


def section(name: str, results: List[Result], show_frozen_misses: bool = False) -> str:
    """One set's block of `make eval`: its misses only when it is a dev set (or for the final report)."""
    eval_set = SETS[name]
    shown = not eval_set.frozen or show_frozen_misses
    text = f"\n=== {name} set ({eval_set.role}): {eval_set.relative} ===\n" + report(results, misses=shown)
    if not shown:
        text += "\n" + sets.frozen_note(eval_set, sum(not r.correct for r in results))
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--set", choices=sorted(SETS) + ["all"], default="all", help="which question set")
    parser.add_argument("--json", type=Path, help="also write every result here (<set>.json in this directory)")
    parser.add_argument(sets.SHOW_FROZEN_MISSES, action="store_true", help=sets.SHOW_FROZEN_HELP)
    args = parser.parse_args(argv)
    agent = load_agent(args.model)
    for name in sorted(SETS) if args.set == "all" else [args.set]:
        results = evaluate(agent, load_questions(SETS[name].path))
        print(section(name, results, args.show_frozen_misses))
        if args.json:
            args.json.mkdir(parents=True, exist_ok=True)
            texts = not SETS[name].frozen or args.show_frozen_misses
            rows = (
                [r.__dict__ for r in results]
                if texts
                else {"right": sum(r.correct for r in results), "n": len(results)}
            )
            (args.json / f"{name}.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
