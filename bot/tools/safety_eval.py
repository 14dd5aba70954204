"""Safety figures on held-out messages: recall per tier and FAQ questions escalated by mistake.

    python -m bot.tools.safety_eval [--model models/bone-health.tar.gz]

Runs the trained model's whole NLU pipeline (classifier + bot/safety/engine.py through SafetyNet) on
tests/data/safety_heldout.yml and tests/data/heldout_faq.yml, and on the Spanish test set
tests/data/safety_heldout_es.yml (issue 12) and the four frozen Spanish sets (safety_test_es.yml,
safety_test_es_3.yml, safety_test_es_4.yml, safety_test_es_5.yml), and also the deterministic net alone
and the classifier alone (its own intent before SafetyNet, read from the parse's `SAFETY_KEY`
model_intent), to show that neither is the only guard. The last table puts the English and
Spanish figures side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from bot import content as content_mod
from bot.dialogue import turn
from bot.names import SAFETY_KEY, SEVERITY, TIER_OF_INTENT, TIERS
from bot.safety import engine as safety
from bot.settings import ROOT
from bot.tools.evaluate import load_agent

SAFETY_HELDOUT = ROOT / "tests" / "data" / "safety_heldout.yml"
SAFETY_HELDOUT_ES = ROOT / "tests" / "data" / "safety_heldout_es.yml"  # first Spanish set (patterns tuned on it)
SAFETY_TEST_ES = ROOT / "tests" / "data" / "safety_test_es.yml"  # second Spanish set, frozen
SAFETY_TEST_ES_3 = ROOT / "tests" / "data" / "safety_test_es_3.yml"  # third Spanish set, frozen
SAFETY_TEST_ES_4 = ROOT / "tests" / "data" / "safety_test_es_4.yml"  # fourth Spanish set, frozen
SAFETY_TEST_ES_5 = ROOT / "tests" / "data" / "safety_test_es_5.yml"  # fifth Spanish set, frozen
FAQ_HELDOUT = ROOT / "tests" / "data" / "heldout_faq.yml"
MODEL = ROOT / "models" / "bone-health.tar.gz"


def reaches(expected: str, got: str) -> bool:
    """A message reaches its tier when it gets that tier or a more severe one."""
    if expected == "none":
        return got == "none"
    return got != "none" and SEVERITY[got] <= SEVERITY[expected]


def table(rows: List[Tuple[str, str, str]], title: str) -> List[str]:
    lines = [f"\n{title}", f"{'tier':10} {'n':>4} {'exact':>7} {'reached':>8}"]
    by_tier: Dict[str, List[Tuple[str, str, str]]] = collections.defaultdict(list)
    for row in rows:
        by_tier[row[1]].append(row)
    for tier in (*TIERS, "none"):
        group = by_tier.get(tier) or []
        if group:
            exact = sum(r[2] == tier for r in group) / len(group)
            reached = sum(reaches(tier, r[2]) for r in group) / len(group)
            lines.append(f"{tier:10} {len(group):4} {exact:7.1%} {reached:8.1%}")
    misses = [r for r in rows if not reaches(r[1], r[2])]
    for text, expected, got in misses:
        lines.append(f"  MISS expected {expected:9} got {got:9} {text}")
    return lines


def recall(rows: List[Tuple[str, str, str]], tier: str) -> str:
    group = [r for r in rows if r[1] == tier]
    return f"{sum(reaches(tier, r[2]) for r in group) / len(group):7.1%} ({len(group):3})" if group else "      -"


def side_by_side(
    english: Dict[str, list],
    spanish: Dict[str, list],
    spanish_frozen: Dict[str, list],
    spanish_3: Dict[str, list],
    spanish_4: Dict[str, list],
    spanish_5: Dict[str, list],
) -> List[str]:
    """Reached per tier ("none": not escalated), English beside the five Spanish sets, for each guard."""
    lines = ["\nEnglish | Spanish (set 1, tuned on) | Spanish (sets 2 to 5, frozen): reached per tier, n in brackets"]
    lines.append(
        f"{'guard':24} {'tier':10} {'English':>14} {'Spanish 1':>14} {'Spanish 2':>14} {'Spanish 3':>14}"
        f" {'Spanish 4':>14} {'Spanish 5':>14}"
    )
    for name in english:
        for tier in ("emergency", "crisis", "urgent", "care_team", "none"):
            lines.append(
                f"{name:24} {tier:10} {recall(english[name], tier):>14} {recall(spanish[name], tier):>14}"
                f" {recall(spanish_frozen[name], tier):>14} {recall(spanish_3[name], tier):>14}"
                f" {recall(spanish_4[name], tier):>14} {recall(spanish_5[name], tier):>14}"
            )
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    messages = yaml.safe_load(SAFETY_HELDOUT.read_text())["messages"]
    spanish = yaml.safe_load(SAFETY_HELDOUT_ES.read_text())["messages"]
    spanish_frozen = yaml.safe_load(SAFETY_TEST_ES.read_text())["messages"]
    spanish_3 = yaml.safe_load(SAFETY_TEST_ES_3.read_text())["messages"]
    spanish_4 = yaml.safe_load(SAFETY_TEST_ES_4.read_text())["messages"]
    spanish_5 = yaml.safe_load(SAFETY_TEST_ES_5.read_text())["messages"]
    faq = yaml.safe_load(FAQ_HELDOUT.read_text())["questions"]
    agent = load_agent(args.model)
    content = content_mod.load()

    async def parse_all(texts):
        return [await agent.parse_message(t) for t in texts]

    texts = [m["text"] for m in messages + spanish + spanish_frozen + spanish_3 + spanish_4 + spanish_5] + [
        q["text"] for q in faq
    ]
    parses = dict(zip(texts, asyncio.run(parse_all(texts))))

    def pipeline(text: str) -> str:
        return turn.decide(parses[text], content).tier or "none"

    def net(text: str) -> str:
        hit = safety.classify(text)
        return hit.tier if hit else "none"

    def model_only(text: str) -> str:
        parse = parses[text]
        intent = (parse.get(SAFETY_KEY) or {}).get("model_intent", parse["intent"]["name"])
        return TIER_OF_INTENT.get(intent, "none")

    lines = []
    english_rows: Dict[str, list] = {}
    spanish_rows: Dict[str, list] = {}
    frozen_rows: Dict[str, list] = {}
    third_rows: Dict[str, list] = {}
    fourth_rows: Dict[str, list] = {}
    fifth_rows: Dict[str, list] = {}
    for name, tier_of in (
        ("whole NLU pipeline", pipeline),
        ("deterministic net alone", net),
        ("classifier alone", model_only),
    ):
        english_rows[name] = [(m["text"], m["tier"], tier_of(m["text"])) for m in messages]
        lines += table(english_rows[name], name)
        escalated = [q["text"] for q in faq if tier_of(q["text"]) != "none"]
        lines.append(
            f"FAQ held-out questions escalated: {len(escalated)}/{len(faq)} " f"= {len(escalated) / len(faq):.1%}"
        )
        lines += [f"  ESCALATED {t}" for t in escalated]
        spanish_rows[name] = [(m["text"], m["tier"], tier_of(m["text"])) for m in spanish]
        lines += table(spanish_rows[name], f"{name}, Spanish (tests/data/safety_heldout_es.yml)")
        frozen_rows[name] = [(m["text"], m["tier"], tier_of(m["text"])) for m in spanish_frozen]
        lines += table(frozen_rows[name], f"{name}, Spanish frozen (tests/data/safety_test_es.yml)")
        third_rows[name] = [(m["text"], m["tier"], tier_of(m["text"])) for m in spanish_3]
        lines += table(third_rows[name], f"{name}, Spanish frozen 3 (tests/data/safety_test_es_3.yml)")
        fourth_rows[name] = [(m["text"], m["tier"], tier_of(m["text"])) for m in spanish_4]
        lines += table(fourth_rows[name], f"{name}, Spanish frozen 4 (tests/data/safety_test_es_4.yml)")
        fifth_rows[name] = [(m["text"], m["tier"], tier_of(m["text"])) for m in spanish_5]
        lines += table(fifth_rows[name], f"{name}, Spanish frozen 5 (tests/data/safety_test_es_5.yml)")
    lines += side_by_side(english_rows, spanish_rows, frozen_rows, third_rows, fourth_rows, fifth_rows)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
