"""Fidelity of the curated content: sources, numbers, readability, shape, and training hygiene."""

from __future__ import annotations

import re

import pytest
import textstat
import yaml

from bot import content as content_mod
from bot import settings
from bot.content import build as content_build

ROOT = content_mod.ROOT
SOURCES_DIR = settings.Settings.from_env().sources_dir  # BONE_HEALTH_SOURCES
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Sentence ends: ., ! or ? followed by space/end, not inside "1.4" or "a.m." style abbreviations.
SENTENCE_END = re.compile(r"(?<!\b[a-z]\.[a-z])(?<!\d\.\d)[.!?]+(?=\s+[A-Z0-9\"'(]|\s*$)")


def normalise(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


@pytest.fixture(scope="module")
def topics(content):
    return list(content.topics.values())


def test_every_faq_area_is_a_domain_intent(content):
    """The answer classifier learns every area's answers; the rules answer an area's intent."""
    intents = {i for i in yaml.safe_load((ROOT / "domain.yml").read_text())["intents"] if isinstance(i, str)}
    assert set(content.groups) <= intents
    assert len(content.topics) >= 60


def test_every_answer_cites_sources_that_exist(topics, content):
    for topic in topics:
        assert topic.sources, topic.id
        for source in topic.sources:
            assert source in content.sources, (topic.id, source)


@pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason="../shared/sources is not beside this checkout")
def test_source_files_exist_and_every_fact_is_quoted_exactly(content):
    texts = {sid: normalise((SOURCES_DIR / s.file).read_text(encoding="utf-8")) for sid, s in content.sources.items()}
    assert content.facts
    for source, quote in content.facts:
        assert source in texts, source
        assert quote in texts[source], (source, quote)


def test_every_number_in_an_answer_is_in_a_fact_of_a_cited_source(topics, content):
    for topic in topics:
        quotes = " ".join(q for s, q in content.facts if s in topic.sources)
        known = set(NUMBER.findall(quotes))
        for number in NUMBER.findall(topic.answer):
            assert number in known, f"{topic.id}: {number} not in the facts of {topic.sources}"


def test_answers_are_plain_language_and_short(topics):
    for topic in topics:
        grade = textstat.flesch_kincaid_grade(topic.answer)
        assert grade <= 8.0, f"{topic.id}: Flesch-Kincaid grade {grade}"
        assert 2 <= len(sentences(topic.answer)) <= 5, (topic.id, sentences(topic.answer))


def test_answers_give_no_personal_dosing_or_decisions(topics):
    forbidden = re.compile(r"\byou should (take|stop|start|skip)\b|\byour dose\b|\btake \d", re.IGNORECASE)
    for topic in topics:
        assert not forbidden.search(topic.answer), topic.id


def test_related_topics_exist_and_titles_are_buttons(topics, content):
    for topic in topics:
        assert 2 <= len(topic.related) <= 3, topic.id
        assert all(r in content.topics and r != topic.id for r in topic.related), topic.id
        assert 3 <= len(topic.title) <= 60, topic.id


def test_enough_varied_examples_and_none_shared_between_topics(topics, content):
    seen = {}
    for topic in topics:
        assert len(set(topic.examples)) >= 15, topic.id
        for example in topic.examples:
            key = normalise(example.lower())
            assert seen.setdefault(key, topic.id) == topic.id, f"{example!r} in {seen[key]} and {topic.id}"
    for example in content.out_of_scope:
        assert normalise(example.lower()) not in seen, example


# Topics added from the sources (issue 11) after the dev set was written: the helper who wrote them
# must not read that set, so its questions for them are still to come. Empty this set once added.
AWAITING_DEV_QUESTIONS: set = set()  # new topics whose dev questions are not written yet


def test_held_out_questions_are_never_trained_on(content):
    heldout = yaml.safe_load((ROOT / "tests" / "data" / "heldout_faq.yml").read_text())["questions"]
    assert len(heldout) >= 250
    trained = {normalise(e.lower()) for t in content.topics.values() for e in t.examples}
    trained |= {normalise(e.lower()) for e in content.out_of_scope}
    leaked = [q["text"] for q in heldout if normalise(q["text"].lower()) in trained]
    assert not leaked
    labels = {q["expected"] for q in heldout}
    unevaluated = {t.response_key for t in content.topics.values()} - labels
    assert unevaluated <= AWAITING_DEV_QUESTIONS, f"every answer is evaluated: {sorted(unevaluated)}"
    assert "out_of_scope" in labels


def test_every_drug_name_maps_to_one_canonical_drug(content):
    index = content_mod.drug_name_index(content)
    for name in [
        "Zometa",
        "Reclast",
        "Aredia",
        "Xgeva",
        "Prolia",
        "Bonefos",
        "Boniva",
        "Fosamax",
        "Actonel",
        "zometta",
        "xgiva",
        "zoledronate",
    ]:
        assert name.lower() in index, name
    assert index["xgeva"] == index["prolia"] == "denosumab"
    assert index["zometa"] == index["reclast"] == "zoledronic_acid"


def test_generated_training_data_matches_the_content(tmp_path, content):
    content_build.build(content, tmp_path)
    nlu = yaml.safe_load((tmp_path / "faq_nlu.yml").read_text())
    responses = yaml.safe_load((tmp_path / "faq_responses.yml").read_text())["responses"]
    assert len(responses) == len(content.topics)
    for topic in content.topics.values():
        (response,) = responses[f"utter_{topic.response_key}"]
        assert response["text"] == content.render(topic)
    intents = {block.get("intent") for block in nlu["nlu"]}
    assert {t.response_key for t in content.topics.values()} <= intents
