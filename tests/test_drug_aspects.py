"""Drug × aspect questions are answered for the drug asked about, never for a different one."""

from __future__ import annotations

import asyncio

import pytest

from bot.dialogue import answering
from bot.tools import evaluate

NAMES = {
    "zoledronic_acid": ["Zometa", "zoledronic acid", "zometta"],
    "pamidronate": ["Aredia", "pamidronate"],
    "denosumab": ["Xgeva", "Prolia", "denosumab", "xgiva"],
    "ibandronate": ["Boniva", "ibandronate"],
    "clodronate": ["Bonefos", "clodronate"],
    "alendronate": ["Fosamax"],
    "risedronate": ["Actonel"],
}
QUESTIONS = {
    "schedule": ["how often is {} given?", "how do they give {}"],
    "side_effects": [
        "what are the side effects of {}?",
        "{} side effects",
        "what unwanted effects does {} have",  # side effects without the words
        "what can {} do to your body",
    ],
    "kidney": ["is {} hard on the kidneys?"],
    "jaw": ["can {} cause jaw problems?"],
    "calcium": ["does {} lower calcium?"],
    "mechanism": ["how does {} work?"],
}
CASES = [
    (drug, aspect, template.format(name))
    for drug, names in NAMES.items()
    for name in names
    for aspect, templates in QUESTIONS.items()
    for template in templates
]


@pytest.fixture(scope="module")
def shown(agent, content):
    parses = asyncio.run(evaluate._parse_all(agent, [text for _, _, text in CASES]))
    return {text: evaluate.shown_topic(parse, content) for (_, _, text), parse in zip(CASES, parses)}


@pytest.mark.parametrize("drug,aspect,text", CASES)
def test_answer_is_about_the_asked_drug_or_says_it_has_none(drug, aspect, text, shown, content):
    label = shown[text]
    if label == evaluate.NO_ANSWER:
        # Declining is allowed only where no curated answer exists for this drug and aspect.
        assert content.topic_for_drug(drug, [aspect]) is None, f"{text!r} got no answer"
        return
    topic = content.topic_for_key(label)
    assert topic.drugs, f"{text!r} -> {label}: a general answer, not one about {drug}"
    assert content.covers(topic, drug), f"{text!r} -> {label}, which is not about {drug}"


@pytest.mark.parametrize("drug,aspect,text", CASES)
def test_answer_is_for_the_aspect_the_question_asks_when_one_exists(drug, aspect, text, shown, content):
    """ "Bonefos side effects" is the pills' side effects, not the overview of Bonefos the classifier liked."""
    if content.topic_for_drug(drug, [aspect]) is None or shown[text] == evaluate.NO_ANSWER:
        return
    assert aspect in content.topic_for_key(shown[text]).aspects, f"{text!r} -> {shown[text]}"


def test_follow_up_without_a_drug_uses_the_remembered_one(content):
    predicted = content.topics["bisphosphonate_side_effects"]
    choice = answering.choose(content, predicted, None, "denosumab", "what are the side effects?")
    assert choice.topic.id == "denosumab_side_effects"
    choice = answering.choose(content, content.topics["zoledronic_acid"], None, "denosumab", "how often do I get it?")
    assert choice.topic.id == "denosumab_what"
    # The classifier's broader guess ("every 12 vs every 4 weeks" trials) gives way to the remembered
    # drug's own schedule when the question points back at it.
    choice = answering.choose(
        content, content.topics["every_12_vs_4_weeks"], None, "denosumab", "how often do I get it?"
    )
    assert choice.topic.id == "denosumab_what"
    # Without a word pointing back, a drug-specific guess is not re-targeted to the remembered drug.
    choice = answering.choose(content, content.topics["zoledronic_acid"], None, "denosumab", "tell me about zometta")
    assert choice.topic.id == "zoledronic_acid"


def test_a_named_drug_and_asked_aspect_beat_a_general_answer(content):
    """ "How does Prolia work?" names denosumab's own answer (DrugRouting prefers it to a vague general one)."""
    text = "how does Prolia work?"
    choice = answering.by_asked_aspect(content, "denosumab", text)
    assert (choice.topic.id, choice.aspect) == ("denosumab_what", "mechanism")
    assert answering.by_asked_aspect(content, "denosumab", "tell me about Prolia") is None  # no aspect asked


@pytest.mark.parametrize(
    "text", ["¿Cada cuánto me ponen el Prolia?", "con qué frecuencia se da el prolia", "cada cuantos meses va"]
)
def test_spanish_how_often_asks_the_schedule(text, content):
    """ "¿Cada cuánto…?" asks the schedule (content/vocabulary.yml aspect_cues), as "how often" does in English."""
    assert answering.asked_aspects(text) == ["schedule"]
    assert answering.by_asked_aspect(content, "denosumab", text).aspect == "schedule"


def test_drug_routing_uses_the_fallback_threshold_of_config_yml():
    import yaml

    from bot.nlu.components import FALLBACK_THRESHOLD
    from tests.conftest import ROOT

    config = yaml.safe_load((ROOT / "config.yml").read_text())
    (fallback,) = [c for c in config["pipeline"] if c["name"] == "FallbackClassifier"]
    assert FALLBACK_THRESHOLD == fallback["threshold"]
