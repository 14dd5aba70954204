"""Understanding, measured on questions never trained on.

Two sets (bot/tools/evaluate.py): the dev set (tests/data/heldout_faq.yml), which thresholds and features
were chosen on, and the frozen test set (tests/data/test_faq.yml, tests/data/test_conversations.yml), written
from the sources only and never used to choose anything. The test set's floors below are the figures
measured when this design landed (2026-12-06), so a change that loses understanding fails here; the
issue's targets (95% single questions, 90% of conversation turns) are above them and printed by `make eval`.
"""

from __future__ import annotations

import pytest
import yaml

from bot.tools import conversations as multi_turn
from bot.tools import evaluate

TEST_SET_FLOOR = 0.946  # measured 453/474 = 95.6% on 2026-12-07 15:00, less one point (target 0.95)
SPANISH_TEST_SET_FLOOR = 0.921  # measured 190/204 = 93.1% on 2026-12-07 08:48, less one point (target 0.90)
CONVERSATION_TURNS_FLOOR = 0.928  # measured 106/113 = 93.8% on 2026-12-07 08:48, less one point (target 0.90)


@pytest.fixture(scope="module")
def dev_results(agent):
    return evaluate.evaluate(agent, evaluate.load_questions(evaluate.HELDOUT))


@pytest.fixture(scope="module")
def test_results(agent):
    return evaluate.evaluate(agent, evaluate.load_questions(evaluate.TEST_SET))


def test_dev_set_accuracy_is_at_least_95_percent(dev_results):
    correct = sum(r.correct for r in dev_results)
    assert correct / len(dev_results) >= 0.95, evaluate.report(dev_results, misses=True)


def test_frozen_test_set_accuracy_holds_its_measured_floor(test_results):
    correct = sum(r.correct for r in test_results)
    assert correct / len(test_results) >= TEST_SET_FLOOR, evaluate.report(test_results)


def test_frozen_spanish_test_set_holds_its_measured_floor_and_declines_every_off_topic_question(agent):
    results = evaluate.evaluate(agent, evaluate.load_questions(evaluate.TEST_SET_ES))
    assert sum(r.correct for r in results) / len(results) >= SPANISH_TEST_SET_FLOOR, evaluate.report(results)
    assert not [r.text for r in results if r.expected == evaluate.NO_ANSWER and not r.correct]


def test_no_off_topic_dev_question_gets_a_curated_answer(dev_results):
    answered = [(r.text, r.predicted) for r in dev_results if r.expected == evaluate.NO_ANSWER and not r.correct]
    assert not answered


def test_frozen_conversations_through_the_real_servers(running_bot, content):
    conversations = yaml.safe_load(multi_turn.CONVERSATIONS.read_text(encoding="utf-8"))["conversations"]
    results = multi_turn.run(running_bot.rest_url, conversations, content)
    assert sum(r.correct for r in results) / len(results) >= CONVERSATION_TURNS_FLOOR, multi_turn.report(results)
