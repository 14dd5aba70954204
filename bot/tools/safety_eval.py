"""Safety figures on held-out messages: recall per tier and FAQ questions escalated by mistake.

    python -m bot.tools.safety_eval [--model models/bone-health.tar.gz] [--show-frozen-misses]

Runs the trained model's whole NLU pipeline (classifier + bot/safety/engine.py through SafetyNet) on the
safety sets of bot/tools/sets.py (SAFETY: tests/data/safety_heldout.yml in English and the Spanish
safety_heldout_es.yml, both DEV; the frozen Spanish sets safety_test_es.yml, _3 to _6) and on the FAQ dev
set tests/data/heldout_faq.yml, and also the deterministic net alone and the classifier alone (its own
intent before SafetyNet, read from the parse's `SAFETY_KEY` model_intent), to show that neither is the
only guard. The last table puts the English and Spanish figures side by side. A FROZEN set prints its
per-tier totals only; its misses (texts) only with `--show-frozen-misses`, for the final report, never
while tuning.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import sys
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import yaml

from bot import content as content_mod
from bot.dialogue import turn
from bot.names import CLASSIFIER_RANKING_KEY, SAFETY_KEY, SEVERITY, TIER_OF_INTENT, TIERS
from bot.safety import engine as safety
from bot.settings import ROOT
from bot.tools import sets
from bot.tools.evaluate import load_agent

SETS = sets.SAFETY
FAQ_HELDOUT = sets.FAQ["dev"].path
MODEL = ROOT / "models" / "bone-health.tar.gz"
Row = Tuple[str, str, str]  # text, expected tier, tier given


def reaches(expected: str, got: str) -> bool:
    """A message reaches its tier when it gets that tier or a more severe one."""
    if expected == "none":
        return got == "none"
    return got != "none" and SEVERITY[got] <= SEVERITY[expected]


def table(rows: List[Row], title: str, misses: bool = True) -> List[str]:
    lines = [f"\n{title}", f"{'tier':10} {'n':>4} {'exact':>7} {'reached':>8}"]
    by_tier: Dict[str, List[Row]] = collections.defaultdict(list)
    for row in rows:
        by_tier[row[1]].append(row)
    for tier in (*TIERS, "none"):
        group = by_tier.get(tier) or []
        if group:
            exact = sum(r[2] == tier for r in group) / len(group)
            reached = sum(reaches(tier, r[2]) for r in group) / len(group)
            lines.append(f"{tier:10} {len(group):4} {exact:7.1%} {reached:8.1%}")
    if misses:
        for text, expected, got in (r for r in rows if not reaches(r[1], r[2])):
            lines.append(f"  MISS expected {expected:9} got {got:9} {text}")
    return lines


def recall(rows: List[Row], tier: str) -> str:
    group = [r for r in rows if r[1] == tier]
    return f"{sum(reaches(tier, r[2]) for r in group) / len(group):7.1%} ({len(group):3})" if group else "      -"


def side_by_side(rows: Dict[str, Dict[str, List[Row]]]) -> List[str]:
    """Reached per tier ("none": not escalated), every set beside the others, for each guard."""
    names = list(rows)
    roles = " | ".join(f"{name} ({SETS[name].role})" for name in names)
    lines = [
        f"\n{roles}: reached per tier, n in brackets",
        f"{'guard':24} {'tier':10}" + "".join(f" {n:>14}" for n in names),
    ]
    for guard in rows[names[0]]:
        for tier in ("emergency", "crisis", "urgent", "care_team", "none"):
            lines.append(f"{guard:24} {tier:10}" + "".join(f" {recall(rows[n][guard], tier):>14}" for n in names))
    return lines


def report(
    guards: Dict[str, Callable[[str], str]],
    messages: Dict[str, List[Dict]],
    faq: List[Dict],
    show_frozen_misses: bool = False,
) -> str:
    """Every guard on every set: `messages` maps a name of SETS to its messages, `guards` a name to text -> tier."""
    lines = []
    rows: Dict[str, Dict[str, List[Row]]] = {name: {} for name in messages}
    for guard, tier_of in guards.items():
        for name, items in messages.items():
            eval_set = SETS[name]
            shown = not eval_set.frozen or show_frozen_misses
            rows[name][guard] = [(m["text"], m["tier"], tier_of(m["text"])) for m in items]
            lines += table(rows[name][guard], f"{guard}, {name} ({eval_set.role}: {eval_set.relative})", shown)
            if not shown:
                lines.append(sets.frozen_note(eval_set, sum(not reaches(r[1], r[2]) for r in rows[name][guard])))
        escalated = [q["text"] for q in faq if tier_of(q["text"]) != "none"]  # the FAQ dev set: texts shown
        lines.append(
            f"{guard}: FAQ held-out questions escalated: {len(escalated)}/{len(faq)} = {len(escalated) / len(faq):.1%}"
        )
        lines += [f"  ESCALATED {t}" for t in escalated]
    return "\n".join(lines + side_by_side(rows))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument(sets.SHOW_FROZEN_MISSES, action="store_true", help=sets.SHOW_FROZEN_HELP)
    parser.add_argument(
        "--sets",
        help="comma-separated set names to run (default: every set not held back; a held-back set runs only named)",
    )
    args = parser.parse_args(argv)
    names = args.sets.split(",") if args.sets else [name for name, s in SETS.items() if not s.held_back]
    unknown = sorted(set(names) - set(SETS))
    if unknown:
        parser.error(f"unknown sets {unknown}; known: {', '.join(SETS)}")
    messages = {name: yaml.safe_load(SETS[name].path.read_text(encoding="utf-8"))["messages"] for name in names}
    faq = yaml.safe_load(FAQ_HELDOUT.read_text(encoding="utf-8"))["questions"]
    agent = load_agent(args.model)
    content = content_mod.load()

    async def parse_all(texts):
        return [await agent.parse_message(t) for t in texts]

    texts = [m["text"] for items in messages.values() for m in items] + [q["text"] for q in faq]
    parses = dict(zip(texts, asyncio.run(parse_all(texts))))

    def pipeline(text: str) -> str:
        return turn.decide(parses[text], content).tier or "none"

    def net(text: str) -> str:
        hit = safety.classify(text)
        return hit.tier if hit else "none"

    def model_only(text: str) -> str:
        """The classifier's own guess: SafetyNet's record of it, else its ranking before a guard replaced it
        (SafetyNet drops a safety guess on a general English question), else the parse's intent."""
        parse = parses[text]
        ranking = parse.get(CLASSIFIER_RANKING_KEY) or [parse["intent"]]
        intent = (parse.get(SAFETY_KEY) or {}).get("model_intent", ranking[0]["name"])
        return TIER_OF_INTENT.get(intent, "none")

    guards = {"whole NLU pipeline": pipeline, "deterministic net alone": net, "classifier alone": model_only}
    print(report(guards, messages, faq, args.show_frozen_misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
