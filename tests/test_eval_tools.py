"""The evaluation tools print a FROZEN set's totals only, a DEV set's misses too (bot/tools/sets.py).

Whoever runs `make eval` while tuning must not read frozen texts, or the frozen sets stop measuring what
strangers get. Each tool runs here on tiny fake sets, with parses injected instead of the model (an agent
that declines every question) and made-up turn results instead of the servers."""

from __future__ import annotations

import asyncio

import pytest
import yaml

from bot.tools import conversations, evaluate, safety_eval, sets

pytestmark = pytest.mark.unit

FROZEN_TEXT = "zz frozen question about the jaw nobody may read"
DEV_TEXT = "zz dev question about the jaw anyone may read"


class DecliningAgent:
    """Rasa's Agent.parse_message shape: every message out of scope (no curated answer)."""

    async def parse_message(self, text):
        return {"text": text, "intent": {"name": "out_of_scope", "confidence": 1.0}, "entities": []}


@pytest.fixture
def faq_sets(tmp_path, monkeypatch):
    for name, text in (("fake_frozen", FROZEN_TEXT), ("fake_dev", DEV_TEXT)):
        questions = [{"text": text, "expected": "faq_jaw/onj_what"}, {"text": "hello", "expected": "out_of_scope"}]
        (tmp_path / f"{name}.yml").write_text(yaml.safe_dump({"questions": questions}))
    fake = {
        "fake_frozen": sets.EvalSet(tmp_path / "fake_frozen.yml", sets.FROZEN, "en"),
        "fake_dev": sets.EvalSet(tmp_path / "fake_dev.yml", sets.DEV, "en"),
    }
    monkeypatch.setattr(evaluate, "SETS", fake)
    monkeypatch.setattr(evaluate, "load_agent", lambda model=None: DecliningAgent())


def test_evaluate_prints_a_frozen_sets_totals_and_a_dev_sets_misses(faq_sets, capsys):
    assert evaluate.main([]) == 0
    out = capsys.readouterr().out
    assert FROZEN_TEXT not in out and DEV_TEXT in out
    frozen_block = out.split("=== fake_frozen set (frozen)")[1].split("\n===")[0]
    assert "overall: 1/2 = 50.0%" in frozen_block and "1 misses not shown" in frozen_block
    assert "faq_jaw/onj_what" not in frozen_block, "no per-topic table or confusions for a frozen set"
    assert "questions sent to triage (escalated): 0/2" in frozen_block


def test_evaluate_shows_frozen_misses_only_when_asked(faq_sets, capsys, tmp_path):
    evaluate.main(["--set", "fake_frozen", "--json", str(tmp_path / "out")])
    assert FROZEN_TEXT not in capsys.readouterr().out + (tmp_path / "out" / "fake_frozen.json").read_text()
    evaluate.main(["--set", "fake_frozen", "--show-frozen-misses"])
    assert FROZEN_TEXT in capsys.readouterr().out


def turn_results(name, text):
    return [
        conversations.TurnResult(name, 1, "what is onj", "faq_jaw/onj_what", "faq_jaw/onj_what"),
        conversations.TurnResult(name, 2, text, "faq_jaw/onj_prevention", "out_of_scope"),
    ]


def test_conversations_print_a_frozen_sets_totals_and_a_dev_sets_misses(tmp_path, monkeypatch):
    fake = {
        "fake_frozen": sets.EvalSet(tmp_path / "f.yml", sets.FROZEN, "en"),
        "fake_dev": sets.EvalSet(tmp_path / "d.yml", sets.DEV, "en"),
    }
    monkeypatch.setattr(conversations, "SETS", fake)
    frozen = conversations.section("fake_frozen", turn_results("c1", FROZEN_TEXT))
    assert (
        FROZEN_TEXT not in frozen and "all turns           1/2    = 50.0%" in frozen and "1 misses not shown" in frozen
    )
    assert FROZEN_TEXT in conversations.section("fake_frozen", turn_results("c1", FROZEN_TEXT), True)
    assert DEV_TEXT in conversations.section("fake_dev", turn_results("c2", DEV_TEXT))


def test_safety_eval_prints_a_frozen_sets_totals_and_a_dev_sets_misses(tmp_path, monkeypatch):
    fake = {
        "English": sets.EvalSet(tmp_path / "en.yml", sets.DEV, "en"),
        "Spanish 9": sets.EvalSet(tmp_path / "es.yml", sets.FROZEN, "es"),
    }
    monkeypatch.setattr(safety_eval, "SETS", fake)
    messages = {
        "English": [{"text": DEV_TEXT, "tier": "emergency"}, {"text": "hola", "tier": "none"}],
        "Spanish 9": [{"text": FROZEN_TEXT, "tier": "emergency"}, {"text": "hello", "tier": "none"}],
    }
    guards = {"never escalates": lambda text: "none"}
    out = safety_eval.report(guards, messages, [{"text": "what is xgeva"}])
    assert FROZEN_TEXT not in out and f"MISS expected emergency got none      {DEV_TEXT}" in out
    assert "1 misses not shown" in out and "emergency     1    0.0%     0.0%" in out
    assert "Spanish 9 (frozen)" in out.splitlines()[-7]  # the side-by-side table names each set's role
    assert FROZEN_TEXT in safety_eval.report(guards, messages, [{"text": "what is xgeva"}], show_frozen_misses=True)


def test_the_registry_names_every_set_with_its_role():
    frozen = {s.path.name for group in (sets.FAQ, sets.CONVERSATIONS, sets.SAFETY) for s in group.values() if s.frozen}
    assert frozen == {
        "test_faq.yml",
        "test_faq_es.yml",
        "test_conversations.yml",
        *(
            f"safety_test_{n}.yml"
            for n in (
                "es_10",
                "en_5",
                "es_11",
                "en_6",
                "es_12",
                "en_7",
                "es_13",
                "en_8",
                "es_20",
                "en_15",
            )
        ),
    }
    held_back = {s.path.name for s in sets.SAFETY.values() if s.held_back}
    assert held_back <= frozen, "a held-back set is run once, at the end: it must be frozen"
    dev = {s.path.name for group in (sets.FAQ, sets.CONVERSATIONS, sets.SAFETY) for s in group.values() if not s.frozen}
    assert {"heldout_faq.yml", "dev_faq_2.yml", "dev_faq_es.yml", "dev_conversations_2.yml"} <= dev
    for group in (sets.FAQ, sets.CONVERSATIONS, sets.SAFETY):
        for eval_set in group.values():
            assert eval_set.path.is_file() and eval_set.role in (sets.DEV, sets.FROZEN), eval_set
    assert set(sets.dev_sets("es").values()) == {sets.FAQ["dev_es"], sets.FAQ["dev_es_2"], sets.FAQ["dev_es_3"]}
    assert asyncio.run(DecliningAgent().parse_message("x"))["intent"]["name"] == evaluate.NO_ANSWER


def test_the_answer_list_for_set_writers_names_every_answer_and_no_example(content):
    """bot/tools/answer_list.py: what a writer of a dev or test set reads besides the sources."""
    from bot.tools import answer_list

    text = "\n".join(answer_list.lines(content))
    assert all(f"`{topic.response_key}`" in text for topic in content.topics.values())
    examples = {e for topic in content.topics.values() for e in topic.examples if e != topic.title}
    assert not [e for e in examples if len(e) > 25 and e in text]
