"""bot/nlu/lexicon.py and the unknown-medicine guard: people's spellings of our drugs reach them, other
medicines' names never do (issue "Understanding people's own words")."""

from __future__ import annotations

import pytest

from bot import content as content_module
from bot.dialogue.followup import content_words
from bot.nlu.components import about_another_cancer, unknown_medicines
from bot.nlu.lexicon import Lexicon


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


@pytest.mark.unit
@pytest.mark.parametrize(
    "written, drug",
    [
        ("denosumub", "denosumab"),  # one letter off
        ("zolidronic", "zoledronic_acid"),
        # short names: one letter changed, added or swapped scores below the ratio cut-off
        ("xjeva", "denosumab"),
        ("prolya", "denosumab"),
        ("aridia", "pamidronate"),
        ("zometo", "zoledronic_acid"),
        ("actoenl", "risedronate"),
        # long names: two letters off
        ("denusomab", "denosumab"),
        ("alendornate", "alendronate"),
        ("ibandronite", "ibandronate"),
    ],
)
def test_a_misspelt_drug_name_nobody_listed_names_its_drug(lexicon, written, drug):
    assert [d for _, d in lexicon.drugs(f"what is {written} for")] == [drug]


@pytest.mark.unit
@pytest.mark.parametrize("word", ["propia", "comenta", "bonita", "recast", "cometa"])
def test_a_real_word_one_letter_from_a_drug_name_names_no_drug(lexicon, word):
    assert lexicon.drugs(f"la {word} and {word}") == []


def test_every_dictionary_word_one_letter_from_a_drug_name_is_listed(lexicon):
    """The English and Spanish words of spaCy's lookup dictionaries one edit from a name (content/drugs.yml) must be in
    content/vocabulary.yml `words_like_drug_names`, or a message with "propia" would name Prolia: a new drug name or
    misspelling in content/drugs.yml can add some (this test lists them)."""
    import gzip
    import json
    from pathlib import Path

    import spacy_lookups_data
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from bot.content.vocabulary import load as load_vocabulary
    from bot.nlu.lexicon import max_edits

    data = Path(spacy_lookups_data.__file__).parent / "data"
    words = set()
    for language in ("en", "es"):
        table = json.loads(gzip.open(data / f"{language}_lemma_lookup.json.gz").read())
        words |= {w.lower() for w in (*table, *table.values()) if w.isalpha() and len(w) >= 5}
    names = {fold_name for fold_name in lexicon._names}
    near = {
        word
        for name in lexicon._fuzzy_names
        for word, _, _ in process.extract(name, words, scorer=OSA.distance, score_cutoff=2, limit=None)
        if word not in names and OSA.distance(word, name) <= max_edits(word, name)
    }
    assert sorted(near - load_vocabulary().words_like_drug_names) == []


@pytest.mark.unit
@pytest.mark.parametrize(
    "word", ["zomig", "xeljanz", "prilosec", "flomax", "bonine", "zantac", "bones", "benefits", "already", "really"]
)
def test_other_medicines_and_everyday_words_name_none_of_our_drugs(lexicon, word):
    assert lexicon.drugs(f"what about {word}") == []


@pytest.mark.unit
def test_a_lay_word_gets_the_contents_term_beside_it(lexicon):
    assert lexicon.normalise("Mum's on the drip for her mets").split()[-2:] == ["metastases", "infusion"]
    assert "stopping" in lexicon.normalise("what if she comes off the xgeva").split()  # "come off": stop taking


@pytest.mark.unit
def test_a_misspelt_medicine_the_content_names_is_not_an_unknown_medicine():
    known = content_words(content_module.load())
    assert unknown_medicines("does anastrazol thin the bones", known) == []
    assert unknown_medicines("does zolpidem thin the bones", known) == ["zolpidem"]
    # a common medicine with none of the listed endings
    assert unknown_medicines("my dad takes flomax, is that bad for his bones", known) == ["flomax"]
    assert unknown_medicines("is warfarin affected by zometa", known) == ["warfarin"]


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, other",
    [
        ("bowel cancer screening age", True),
        ("what is mesothelioma", True),
        ("my mum's breast cancer spread to her lungs and bones", False),
        ("secondary bone cancer pain", False),  # people call bone metastases that
        ("she has cancer in her liver and bones now", False),
    ],
)
def test_a_question_about_another_cancer_is_told_from_breast_cancer_in_the_bones(text, other):
    assert about_another_cancer(text) is other


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, term", [("is anastrozol bad for bones", "hormone therapy"), ("osteonecrossis of the jaw", "onj")]
)
def test_a_long_lay_word_misspelt_still_gets_its_term(lexicon, text, term):
    assert lexicon.normalise(text).endswith(term)


@pytest.mark.unit
def test_an_everyday_long_word_gets_no_term(lexicon):
    assert lexicon.normalise("treatment options and information") == "treatment options and information"
