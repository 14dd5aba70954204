"""The frozen English safety test sets (tests/data/safety_test_en_2.yml and safety_test_en_3.yml, issues 11 and 12)
stay test sets.

Each was written from ../shared/sources and docs/safety.md alone, apart from the patterns, the training examples
and the English dev safety set (tests/data/safety_heldout.yml, the patterns were tuned on it); the third was
written while the second's misses were being fixed, to measure those fixes on strangers' wording. Their figures
measure what strangers get only while no text is a near-copy (normalised fuzzy ratio >= 0.85, the helpers of
tests/test_test_set.py) of anything the model trains on or anything English that was tuned on: every NLU
source (content topics and out-of-scope examples, the generated NLU file, every file under data/), the English
dev question and conversation sets, the English dev safety sets (bot/tools/sets.py) and every earlier set of
this list (once run, its misses get fixed: it may become a dev set). Failures list the texts of the set under
test only, so whoever rewrites them never sees the text they matched.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Dict, List, Set

import pytest
import yaml

from bot.content import build as content_build
from bot.tools import sets
from tests.test_test_set import _nlu_examples, _yaml_files, near_copies, normalise, set_texts

DATA = Path(__file__).parent / "data"
ROOT = DATA.parent.parent
SAFETY_TEST_EN_2 = DATA / "safety_test_en_2.yml"
SAFETY_TEST_EN_3 = DATA / "safety_test_en_3.yml"  # second set written apart, to measure the fixes made after the first
SAFETY_TEST_EN_4 = DATA / "safety_test_en_4.yml"  # fourth (2026-12-06 late): run once, then fixed on
SAFETY_TEST_EN_5 = DATA / "safety_test_en_5.yml"  # fifth, written beside the fourth: run once, at the end only
SAFETY_TEST_EN_6 = DATA / "safety_test_en_6.yml"  # sixth (2026-12-07): held back, run once at the end
SAFETY_TEST_EN_7 = DATA / "safety_test_en_7.yml"  # seventh (2026-12-07 morning): held back, run once at the end
SAFETY_TEST_EN_8 = DATA / "safety_test_en_8.yml"  # eighth (2026-12-07 05:10): held back, run once at the end
SAFETY_TEST_EN_9 = DATA / "safety_test_en_9.yml"  # ninth (2026-12-07 07:05): held back, run once at the end
SAFETY_TEST_EN_10 = DATA / "safety_test_en_10.yml"  # tenth (2026-12-07 10:05): held back, run once at the end
SAFETY_TEST_EN_11 = DATA / "safety_test_en_11.yml"  # eleventh (2026-12-07 12:00): run once at 15:00, DEV since
SAFETY_TEST_EN_12 = DATA / "safety_test_en_12.yml"  # twelfth (2026-12-07 13:05): run once at 18:36, DEV since
SAFETY_TEST_EN_13 = DATA / "safety_test_en_13.yml"  # thirteenth (2026-12-07 16:20): run once at 20:55, DEV since
SAFETY_TEST_EN_14 = DATA / "safety_test_en_14.yml"  # fourteenth (2026-12-07 19:35): run once at 22:37, DEV since
SAFETY_TEST_EN_15 = DATA / "safety_test_en_15.yml"  # fifteenth (2026-12-07 22:40): held back for the session after
# The English safety sets written apart, in the order they were written: each must not near-copy an earlier one.
FROZEN_SETS = {
    "en_2": SAFETY_TEST_EN_2,
    "en_3": SAFETY_TEST_EN_3,
    "en_4": SAFETY_TEST_EN_4,
    "en_5": SAFETY_TEST_EN_5,
    "en_6": SAFETY_TEST_EN_6,
    "en_7": SAFETY_TEST_EN_7,
    "en_8": SAFETY_TEST_EN_8,
    "en_9": SAFETY_TEST_EN_9,
    "en_10": SAFETY_TEST_EN_10,
    "en_11": SAFETY_TEST_EN_11,
    "en_12": SAFETY_TEST_EN_12,
    "en_13": SAFETY_TEST_EN_13,
    "en_14": SAFETY_TEST_EN_14,
    "en_15": SAFETY_TEST_EN_15,
}
TIERS = ("emergency", "crisis", "urgent", "care_team", "none")
# The least the set must hold, per tier (the brief it was written to): red flags of every kind, and general
# questions sharing their words that must not be escalated.
LEAST_PER_TIER = {"emergency": 60, "crisis": 30, "urgent": 25, "care_team": 40, "none": 45}
LATER_LEAST_PER_TIER = {"emergency": 60, "crisis": 35, "urgent": 25, "care_team": 45, "none": 35}  # sets 4 to 15
LEAST = 200


class _Unshown(frozenset):
    """Texts the set was kept apart from, never printed in a failure report (whoever rewrites must not see them)."""

    def __repr__(self) -> str:
        return f"<{len(self)} normalised texts>"


def _english_dev_safety_sets() -> Dict[str, Path]:
    """The English safety sets patterns may be tuned on (DEV in bot/tools/sets.py), never the sets of this file."""
    ours = {path.resolve() for path in FROZEN_SETS.values()}
    return {
        name: s.path
        for name, s in sets.SAFETY.items()
        if not s.frozen and s.language == "en" and s.path.resolve() not in ours
    }


def _messages(path: Path) -> List[Dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]


@pytest.fixture(scope="module", params=sorted(FROZEN_SETS))
def name(request) -> str:
    """Each frozen English safety set in turn: every check below runs on each."""
    return request.param


@pytest.fixture(scope="module")
def messages(name) -> List[Dict]:
    return _messages(FROZEN_SETS[name])


@pytest.fixture(scope="module")
def texts(messages) -> List[str]:
    return [m["text"] for m in messages]


@pytest.fixture(scope="module")
def english_training_texts(content, tmp_path_factory) -> Set[str]:
    """Every example the model trains on, normalised (as tests/test_test_set.py reads them)."""
    found = [e for topic in content.topics.values() for e in topic.examples] + list(content.out_of_scope)
    generated = tmp_path_factory.mktemp("generated")
    content_build.build(content, generated)
    for path in _yaml_files(generated) + _yaml_files(ROOT / "data"):
        found += _nlu_examples(yaml.safe_load(path.read_text(encoding="utf-8")))
    normalised = {normalise(t) for t in found} - {""}
    assert len(normalised) > 500, "the training examples were not found: is the check reading them?"
    return _Unshown(normalised)


def test_the_set_loads_with_valid_tiers_and_enough_of_each(name, messages):
    assert all(isinstance(m["text"], str) and m["text"].strip() for m in messages)
    assert not sorted({m["tier"] for m in messages} - set(TIERS)), "unknown tiers"
    assert all(m.get("person") in (None, True) and (m["tier"] == "care_team" or "person" not in m) for m in messages)
    counts = Counter(m["tier"] for m in messages)
    assert len(messages) >= LEAST
    least = LEAST_PER_TIER if name in ("en_2", "en_3") else LATER_LEAST_PER_TIER
    short = {tier: counts[tier] for tier, minimum in least.items() if counts[tier] < minimum}
    assert not short, f"tiers below their minimum: {short}"


def test_the_texts_are_unique(texts):
    seen: Set[str] = set()
    repeated = [t for t in texts if normalise(t) in seen or seen.add(normalise(t))]
    assert not repeated


def test_no_text_is_a_near_copy_of_training(texts, english_training_texts):
    flagged = near_copies(texts, english_training_texts)
    assert not flagged, f"{len(flagged)} test texts are near-copies of training examples: rewrite them:\n" + (
        "\n".join(flagged)
    )


@pytest.mark.parametrize("dev_set", sorted(sets.dev_sets("en")))
def test_no_text_is_a_near_copy_of_an_english_dev_set(dev_set, texts):
    dev = _Unshown({normalise(t) for t in set_texts(sets.dev_sets("en")[dev_set].path)})
    assert len(dev) >= 50, f"{dev_set} was not read"
    flagged = near_copies(texts, dev)
    assert not flagged, f"{len(flagged)} test texts are near-copies of {dev_set} texts: rewrite them:\n" + (
        "\n".join(flagged)
    )


@pytest.mark.parametrize("dev_set", sorted(_english_dev_safety_sets()))
def test_no_text_is_a_near_copy_of_an_english_dev_safety_set(dev_set, texts):
    dev = _Unshown({normalise(m["text"]) for m in _messages(_english_dev_safety_sets()[dev_set])})
    assert len(dev) >= 50, f"{dev_set} was not read"
    flagged = near_copies(texts, dev)
    assert not flagged, f"{len(flagged)} test texts are near-copies of the {dev_set} safety set: rewrite them:\n" + (
        "\n".join(flagged)
    )


def test_no_text_is_a_near_copy_of_an_earlier_frozen_set(name, texts):
    """A later set measures the fixes made after an earlier one only if it does not repeat it."""
    earlier = list(FROZEN_SETS)[: list(FROZEN_SETS).index(name)]
    for other in earlier:
        seen = _Unshown({normalise(m["text"]) for m in _messages(FROZEN_SETS[other])})
        assert len(seen) >= LEAST, f"{other} was not read"
        flagged = near_copies(texts, seen)
        assert not flagged, f"{len(flagged)} test texts are near-copies of the {other} set: rewrite them:\n" + (
            "\n".join(flagged)
        )


def test_the_english_dev_safety_set_is_checked():
    assert "safety_heldout.yml" in {path.name for path in _english_dev_safety_sets().values()}


def test_the_check_catches_a_near_copy(english_training_texts):
    """A training text in upper case with punctuation added is flagged: the check can fail."""
    some = sorted(english_training_texts, key=len)[len(english_training_texts) // 2]
    assert near_copies([some.upper() + "?"], english_training_texts)
