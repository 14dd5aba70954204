"""Understanding, measured on questions never trained on (tests/data/heldout_faq.yml)."""

from __future__ import annotations

import pytest

from bot.tools import evaluate


@pytest.fixture(scope="module")
def results(agent):
    return evaluate.evaluate(agent)


def test_held_out_accuracy_is_at_least_95_percent(results):
    correct = sum(r.correct for r in results)
    assert correct / len(results) >= 0.95, evaluate.report(results)


def test_no_off_topic_question_gets_a_curated_answer(results):
    answered = [
        (r.text, r.predicted) for r in results if r.expected == evaluate.NO_ANSWER and r.predicted != evaluate.NO_ANSWER
    ]
    assert not answered
