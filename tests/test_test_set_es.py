"""The frozen Spanish test sets of issue 12 (tests/data/test_faq_es.yml, safety_test_es.yml, safety_test_es_3.yml,
safety_test_es_4.yml, safety_test_es_5.yml, safety_test_es_6.yml, safety_test_es_7.yml,
safety_test_es_8.yml) stay test sets.

They were written from ../shared/sources and the list of answer ids alone, apart from the Spanish training
examples. They only measure what Spanish speakers get while no test text is a near-copy (normalised
fuzzy ratio >= 0.85, the helpers of tests/test_test_set.py) of anything Spanish the model trains on or
was tuned on: the `examples` of content/es/topics.yml, every file under data/nlu/, and the first Spanish
safety set (tests/data/safety_heldout_es.yml, partly used to fix patterns), nor of a text of a Spanish dev
set (bot/tools/sets.py: tests/data/dev_faq_es.yml). Failures list the test texts only, so whoever
rewrites them never sees the text they matched.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Dict, List, Set

import pytest
import yaml

from bot.dialogue.turn import NO_ANSWER
from bot.tools import sets
from tests.test_test_set import _nlu_examples, _yaml_files, near_copies, normalise, set_texts

DATA = Path(__file__).parent / "data"
ROOT = DATA.parent.parent
TEST_FAQ_ES = DATA / "test_faq_es.yml"
SAFETY_TEST_ES = DATA / "safety_test_es.yml"
SAFETY_TEST_ES_3 = DATA / "safety_test_es_3.yml"  # third set, written without seeing patterns or examples
SAFETY_TEST_ES_4 = DATA / "safety_test_es_4.yml"  # fourth set, same way, to measure the fixes made after the third
SAFETY_TEST_ES_5 = DATA / "safety_test_es_5.yml"  # fifth set, same way, to measure the fixes made after the fourth
SAFETY_TEST_ES_6 = DATA / "safety_test_es_6.yml"  # sixth set, same way: independent of the fixes tuned on sets 3 and 4
SAFETY_TEST_ES_7 = DATA / "safety_test_es_7.yml"  # seventh set, same way: independent of the fixes tuned on sets 3-6
SAFETY_TEST_ES_8 = DATA / "safety_test_es_8.yml"  # eighth set, same way: independent of the fixes tuned on sets 3-7
SAFETY_TEST_ES_9 = DATA / "safety_test_es_9.yml"  # ninth (2026-12-06 late): run once, then fixed on
SAFETY_TEST_ES_10 = DATA / "safety_test_es_10.yml"  # tenth, written beside the ninth: run once, at the end only
SAFETY_TEST_ES_11 = DATA / "safety_test_es_11.yml"  # eleventh (2026-12-07): held back, run once at the end
SAFETY_TEST_ES_12 = DATA / "safety_test_es_12.yml"  # twelfth (2026-12-07 morning): held back, run once at the end
SAFETY_TEST_ES_13 = DATA / "safety_test_es_13.yml"  # thirteenth (2026-12-07 05:10): held back, run once at the end
SAFETY_TEST_ES_14 = DATA / "safety_test_es_14.yml"  # fourteenth (2026-12-07 07:05): held back, run once at the end
SAFETY_TEST_ES_15 = DATA / "safety_test_es_15.yml"  # fifteenth (2026-12-07 10:05): held back, run once at the end
SAFETY_TEST_ES_16 = DATA / "safety_test_es_16.yml"  # sixteenth (2026-12-07 12:00): run once at 15:00, DEV since
SAFETY_TEST_ES_17 = DATA / "safety_test_es_17.yml"  # seventeenth (2026-12-07 13:05): run once at 18:36, DEV since
SAFETY_TEST_ES_18 = DATA / "safety_test_es_18.yml"  # eighteenth (2026-12-07 16:20): run once at 20:55, DEV since
SAFETY_TEST_ES_19 = DATA / "safety_test_es_19.yml"  # nineteenth (2026-12-07 19:35): run once at 22:37, DEV since
SAFETY_TEST_ES_20 = DATA / "safety_test_es_20.yml"  # twentieth (2026-12-07 22:40): held back for the session after
FIRST_SAFETY_ES = DATA / "safety_heldout_es.yml"
TIERS = ("emergency", "crisis", "urgent", "care_team", "none")
MIN_QUESTIONS, MIN_ANSWERS, MIN_OUT_OF_SCOPE = 160, 50, 10
# Each frozen Spanish safety set: its file, and the least it must hold (messages, and per tier).
SAFETY_SETS = {
    "messages": (SAFETY_TEST_ES, 60, {"emergency": 15, "crisis": 8, "urgent": 10, "care_team": 12, "none": 15}),
    "messages_3": (SAFETY_TEST_ES_3, 100, {"emergency": 35, "crisis": 15, "urgent": 15, "care_team": 15, "none": 20}),
    "messages_4": (SAFETY_TEST_ES_4, 120, {"emergency": 40, "crisis": 20, "urgent": 20, "care_team": 20, "none": 20}),
    "messages_5": (SAFETY_TEST_ES_5, 140, {"emergency": 40, "crisis": 30, "urgent": 20, "care_team": 30, "none": 20}),
    "messages_6": (SAFETY_TEST_ES_6, 150, {"emergency": 45, "crisis": 25, "urgent": 20, "care_team": 35, "none": 25}),
    "messages_7": (SAFETY_TEST_ES_7, 170, {"emergency": 50, "crisis": 30, "urgent": 20, "care_team": 40, "none": 30}),
    "messages_8": (SAFETY_TEST_ES_8, 170, {"emergency": 50, "crisis": 30, "urgent": 20, "care_team": 40, "none": 30}),
    "messages_9": (SAFETY_TEST_ES_9, 200, {"emergency": 60, "crisis": 35, "urgent": 25, "care_team": 45, "none": 35}),
    "messages_10": (SAFETY_TEST_ES_10, 200, {"emergency": 60, "crisis": 35, "urgent": 25, "care_team": 45, "none": 35}),
    "messages_11": (SAFETY_TEST_ES_11, 200, {"emergency": 60, "crisis": 35, "urgent": 25, "care_team": 45, "none": 35}),
    "messages_12": (SAFETY_TEST_ES_12, 200, {"emergency": 60, "crisis": 35, "urgent": 25, "care_team": 60, "none": 35}),
    "messages_13": (SAFETY_TEST_ES_13, 200, {"emergency": 60, "crisis": 50, "urgent": 25, "care_team": 50, "none": 35}),
    "messages_14": (SAFETY_TEST_ES_14, 240, {"emergency": 65, "crisis": 50, "urgent": 28, "care_team": 55, "none": 40}),
    "messages_15": (SAFETY_TEST_ES_15, 240, {"emergency": 65, "crisis": 50, "urgent": 28, "care_team": 55, "none": 40}),
    "messages_16": (SAFETY_TEST_ES_16, 240, {"emergency": 65, "crisis": 50, "urgent": 28, "care_team": 55, "none": 40}),
    "messages_17": (SAFETY_TEST_ES_17, 240, {"emergency": 65, "crisis": 50, "urgent": 28, "care_team": 55, "none": 40}),
    "messages_18": (SAFETY_TEST_ES_18, 240, {"emergency": 65, "crisis": 50, "urgent": 28, "care_team": 55, "none": 40}),
    "messages_19": (SAFETY_TEST_ES_19, 240, {"emergency": 65, "crisis": 50, "urgent": 28, "care_team": 55, "none": 40}),
    "messages_20": (SAFETY_TEST_ES_20, 240, {"emergency": 65, "crisis": 50, "urgent": 28, "care_team": 55, "none": 40}),
}
ALL_SETS = ["questions", *SAFETY_SETS]


class _Unshown(frozenset):
    """The training texts, never printed in a failure report (whoever rewrites must not see them)."""

    def __repr__(self) -> str:
        return f"<{len(self)} normalised Spanish training texts>"


@pytest.fixture(scope="module")
def questions() -> List[Dict[str, str]]:
    return yaml.safe_load(TEST_FAQ_ES.read_text(encoding="utf-8"))["questions"]


@pytest.fixture(scope="module")
def safety_sets() -> Dict[str, List[Dict[str, str]]]:
    return {
        name: yaml.safe_load(path.read_text(encoding="utf-8"))["messages"] for name, (path, _, _) in SAFETY_SETS.items()
    }


@pytest.fixture(scope="module")
def texts_of(questions, safety_sets) -> Dict[str, List[str]]:
    return {"questions": [q["text"] for q in questions]} | {
        name: [m["text"] for m in messages] for name, messages in safety_sets.items()
    }


@pytest.fixture(scope="module")
def spanish_training_texts(content) -> Set[str]:
    """Everything Spanish the model trains on or was tuned on, normalised."""
    texts = [e for translation in content.spanish.values() for e in translation.examples]
    assert len(texts) > 100, "the Spanish topic examples were not found: is the check reading them?"
    for path in _yaml_files(ROOT / "data" / "nlu"):
        texts += _nlu_examples(yaml.safe_load(path.read_text(encoding="utf-8")))
    first_set = yaml.safe_load(FIRST_SAFETY_ES.read_text(encoding="utf-8"))["messages"]
    assert len(first_set) >= 30, "the first Spanish safety set was not found"
    texts += [m["text"] for m in first_set]
    return _Unshown({normalise(t) for t in texts} - {""})


def test_the_faq_set_loads_with_real_labels_and_enough_questions(content, questions):
    keys = {topic.response_key for topic in content.topics.values()} | {NO_ANSWER}
    labels = [q["expected"] for q in questions]
    assert not sorted(set(labels) - keys), "labels that are no curated answer"
    assert all(isinstance(q["text"], str) and q["text"].strip() for q in questions)
    assert len(questions) >= MIN_QUESTIONS
    assert len(set(labels) - {NO_ANSWER}) >= MIN_ANSWERS, "too few distinct answers covered"
    assert labels.count(NO_ANSWER) >= MIN_OUT_OF_SCOPE


@pytest.mark.parametrize("name", sorted(SAFETY_SETS))
def test_each_safety_set_loads_with_valid_tiers_and_enough_of_each(name, safety_sets):
    messages, (_, least, least_per_tier) = safety_sets[name], SAFETY_SETS[name]
    assert all(isinstance(m["text"], str) and m["text"].strip() for m in messages)
    assert not sorted({m["tier"] for m in messages} - set(TIERS)), "unknown tiers"
    counts = Counter(m["tier"] for m in messages)
    assert len(messages) >= least
    short = {tier: counts[tier] for tier, minimum in least_per_tier.items() if counts[tier] < minimum}
    assert not short, f"tiers below their minimum: {short}"


def test_spanish_test_texts_are_unique(texts_of):
    seen: Set[str] = set()
    texts = [text for name in ALL_SETS for text in texts_of[name]]
    repeated = [t for t in texts if normalise(t) in seen or seen.add(normalise(t))]
    assert not repeated


@pytest.mark.parametrize("name", ALL_SETS)
def test_no_spanish_test_text_is_a_near_copy_of_spanish_training(name, texts_of, spanish_training_texts):
    texts = texts_of[name]
    flagged = near_copies(texts, spanish_training_texts)
    assert not flagged, f"{len(flagged)} Spanish test texts are near-copies of training examples: rewrite them:\n" + (
        "\n".join(flagged)
    )


@pytest.mark.parametrize("dev_set", sorted(sets.dev_sets("es")))
@pytest.mark.parametrize("name", ALL_SETS)
def test_no_spanish_test_text_is_a_near_copy_of_a_spanish_dev_set(name, dev_set, texts_of):
    texts = texts_of[name]
    dev = _Unshown({normalise(t) for t in set_texts(sets.dev_sets("es")[dev_set].path)})
    assert len(dev) >= 50, f"{dev_set} was not read"
    flagged = near_copies(texts, dev)
    assert not flagged, f"{len(flagged)} Spanish test texts are near-copies of {dev_set} texts: rewrite them:\n" + (
        "\n".join(flagged)
    )


def test_the_spanish_dev_set_is_checked():
    assert {s.path.name for s in sets.dev_sets("es").values()} == {
        "dev_faq_es.yml",
        "dev_faq_es_2.yml",
        "dev_faq_es_3.yml",
    }


def test_the_check_catches_a_near_copy(spanish_training_texts):
    """A training text in upper case with punctuation added is flagged: the check can fail."""
    some = sorted(spanish_training_texts, key=len)[len(spanish_training_texts) // 2]
    assert near_copies([some.upper() + "?"], spanish_training_texts)
