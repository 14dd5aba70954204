"""The red-flag patterns as data: content/safety.yml (`patterns:` beside each category) and
content/safety_vocabulary.yml load, are checked, and still catch what each category is for.

The engine's behaviour on whole message sets is in tests/test_safety.py; this file guards the data
and its loader (bot/safety/patterns.py): a typo in a macro, a key or a category must fail at load with
a message that says where, and every category with patterns must still catch a plain example.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.names import TIERS
from bot.safety import content as safety_content
from bot.safety import engine, patterns

SAFETY = patterns.SAFETY_FILE
VOCABULARY = patterns.VOCABULARY_FILE

# Plain examples per category (not in the held-out sets): each must be reported as this category.
SAMPLES = {
    ("emergency", "spinal_cord_compression"): ["my husband can't move his legs", "she has no control over her bladder"],
    ("emergency", "fracture"): ["I think I broke my hip", "my dad cannot put weight on his left leg"],
    ("emergency", "high_calcium"): ["my mother seems very confused tonight", "I'm extremely thirsty and keep vomiting"],
    ("emergency", "low_calcium"): ["she had a seizure an hour ago", "my hands keep locking up in spasms"],
    ("emergency", "fever_chemo"): ["I have a fever after chemo", "temp is 38.2 and I had chemo monday"],
    ("emergency", "chest_breathing"): ["I can't breathe properly", "pain in my chest when I move"],
    ("emergency", "overdose"): ["I took too many of my sleeping tablets", "my son swallowed my morphine pills"],
    ("emergency", "unspecified"): ["my mum collapsed and is unresponsive", "we need an ambulance"],
    ("crisis", "suicidal_thoughts"): ["I want to end my life", "there's no point in living anymore"],
    ("crisis", "self_harm"): ["I keep wanting to hurt myself", "I have been self harming again"],
    ("crisis", "hopelessness"): ["I feel completely hopeless", "I've lost all hope"],
    ("urgent", "jaw_osteonecrosis"): ["there's bone sticking out of my gum", "my jaw is swollen and sore"],
    ("urgent", "calcium_symptoms"): ["I get tingling in my fingers since the shot", "I have numb lips and fingers"],
    ("urgent", "thigh_groin_ache"): ["my thigh aches all the time on zometa", "I have pain in my groin"],
    ("urgent", "less_urine"): ["I'm hardly peeing since the infusion", "she has passed very little urine today"],
    ("urgent", "eye_inflammation"): ["my eyes are red and sore after the drip", "my vision is blurry since the drip"],
    ("urgent", "uncontrolled_pain"): ["my pain meds are not working any more", "the pain is unbearable"],
    ("urgent", "new_back_pain"): ["I have new back pain", "sudden severe neck pain since yesterday"],
    ("urgent", "new_lump"): ["I found a lump on my rib", "there is a new painful lump on my arm"],
    ("urgent", "calcium_result"): ["they said my calcium is high"],
    ("care_team", "dosing"): ["is my dose too high", "how much vitamin d should I take"],
    ("care_team", "lab_results"): ["what does my scan result mean", "my creatinine is 1.6"],
    ("care_team", "missed_dose"): ["I missed my xgeva shot last week", "forgot my zometa infusion"],
    ("care_team", "dental_timing"): ["I need a tooth extraction next week", "my dentist wants to pull a tooth"],
    ("care_team", "which_drug"): ["which drug is best for me", "is xgeva right for my mum"],
    ("care_team", "prognosis"): ["how long do I have left", "is my mom going to die"],
    ("care_team", "request_human"): ["can I talk to a nurse", "please call me back"],
    ("care_team", "personal_decision"): [
        "should I stop taking my calcium tablets",
        "should we wait to start the new treatment",
    ],
}


def test_the_pattern_files_load_and_every_tier_has_patterns():
    loaded = patterns.load()
    assert len(loaded.rules) > 150
    assert {rule.tier for rule in loaded.rules} == set(TIERS)
    assert engine.ALL_RULES == loaded.rules
    assert engine.RULES == tuple(r for r in loaded.rules if r.language == "en")
    assert {r.language for r in engine.RULES_ES} == {"es"} and len(engine.RULES_ES) > 100
    for rule in loaded.rules:
        assert rule.kind in patterns.KINDS and rule.pattern == rule.pattern.strip() and "\n" not in rule.pattern


def test_every_category_with_patterns_has_its_wording_and_a_place_in_match_priority():
    wording = safety_content.load(env={})
    raw = yaml.safe_load(SAFETY.read_text(encoding="utf-8"))
    for tier, categories in patterns.patterns_by_category().items():
        for category in categories:
            assert category in wording.categories(tier), (tier, category)
            assert wording.categories(tier)[category]["title"], (tier, category)
            assert list(raw["tiers"][tier]["match_priority"]).count(category) == 1, (tier, category)


def test_every_macro_used_is_defined_and_every_macro_defined_is_used():
    vocabulary = patterns.load_vocabulary()
    used = set()
    texts = [rule.pattern for rule in engine.RULES] + list(vocabulary.macros.values())
    for text in texts:
        used |= set(patterns.MACRO.findall(text))
    assert used <= set(vocabulary.macros), used - set(vocabulary.macros)
    assert set(vocabulary.macros) <= used, set(vocabulary.macros) - used
    for rule in engine.RULES:
        assert "@" not in patterns.expand_macros(
            patterns.fix_macro_joins(rule.pattern, vocabulary.macros), vocabulary.macros
        ), rule


def test_every_pattern_compiles_to_matcher_patterns():
    for rule in engine.RULES:
        compiled = patterns.compile_pattern(rule.pattern, engine.MACROS, engine._word_tokens)
        assert compiled and all(compiled), rule


def test_patterns_by_category_is_readable_and_in_file_order():
    by_category = patterns.patterns_by_category()
    raw = yaml.safe_load(SAFETY.read_text(encoding="utf-8"))
    for tier, categories in by_category.items():
        file_order = [c for c, body in raw["tiers"][tier]["categories"].items() if body.get("patterns")]
        assert list(categories) == file_order
        for category, texts in categories.items():
            written = raw["tiers"][tier]["categories"][category]["patterns"]
            assert texts == [" ".join(p["pattern"].split()).replace("| ", "|") for p in written]
    assert "@CANT walk|stand" in by_category["emergency"]["spinal_cord_compression"]
    by_category["emergency"].clear()  # a copy: the caller cannot change the engine's patterns
    assert patterns.patterns_by_category()["emergency"]


def test_every_category_with_patterns_has_a_sample_here():
    with_patterns = {(tier, category) for tier, cats in patterns.patterns_by_category().items() for category in cats}
    assert with_patterns <= set(SAMPLES), with_patterns - set(SAMPLES)


@pytest.mark.parametrize("tier, category, text", [(t, c, text) for (t, c), texts in SAMPLES.items() for text in texts])
def test_each_category_still_catches_its_plain_examples(tier, category, text):
    hit = engine.classify(text)
    assert hit is not None and (hit.tier, hit.category) == (tier, category), (text, hit)


def test_temperature_thresholds_are_the_ones_the_wording_gives():
    wording = safety_content.load(env={})
    thresholds = {t.category: t for t in patterns.current().thresholds}
    assert set(thresholds) == {"fever_chemo", "raised_temperature"}
    fever = thresholds["fever_chemo"]
    assert f"{fever.celsius:g} °C ({fever.fahrenheit:g} °F) or more" in wording.reply("emergency", "fever_chemo")
    assert engine.temperature_hit(f"temp {fever.celsius}").category == "fever_chemo"
    assert engine.temperature_hit(f"temp {fever.fahrenheit} F").category == "fever_chemo"
    raised = thresholds["raised_temperature"]
    assert engine.temperature_hit(f"temp {raised.celsius}").category == "raised_temperature"
    assert engine.temperature_hit(f"temp {raised.celsius - 0.1:.1f}") is None


# -- clear errors at load -----------------------------------------------------------------------------


def _copy(tmp_path: Path, safety_edit=None, vocabulary_edit=None):
    safety_text, vocabulary_text = SAFETY.read_text(encoding="utf-8"), VOCABULARY.read_text(encoding="utf-8")
    safety_path, vocabulary_path = tmp_path / "safety.yml", tmp_path / "safety_vocabulary.yml"
    safety_path.write_text(safety_edit(safety_text) if safety_edit else safety_text, encoding="utf-8")
    vocabulary_path.write_text(
        vocabulary_edit(vocabulary_text) if vocabulary_edit else vocabulary_text, encoding="utf-8"
    )
    return safety_path, vocabulary_path


def _once(old: str, new: str):
    def edit(text: str) -> str:
        assert text.count(old) >= 1, old
        return text.replace(old, new, 1)

    return edit


def test_the_copied_files_load(tmp_path):
    assert patterns.load(*_copy(tmp_path)).rules == engine.ALL_RULES


@pytest.mark.parametrize(
    "safety_edit, vocabulary_edit, message",
    [
        (_once('pattern: "@CANT walk|stand"', 'pattern: "@CANTT walk|stand"'), None, r"unknown macro @CANTT"),
        (
            _once('pattern: "@CANT walk|stand"', 'pattern: "@CANT walk|stand"\n            negateable: true'),
            None,
            r"spinal_cord_compression\.patterns\[1\]: unknown keys \['negateable'\]",
        ),
        (_once("- kind: report", "- kind: reprot"), None, r"kind must be one of"),
        (
            _once('pattern: "@CANT walk|stand"', 'pattern: "@CANT walk|stand"\n            language: fr'),
            None,
            r"language 'fr' is not supported",
        ),
        (
            # a Spanish pattern is read with the Spanish macros: @CANT is English
            _once('pattern: "@CANT walk|stand"', 'pattern: "@CANT walk|stand"\n            language: es'),
            None,
            r"spinal_cord_compression\.patterns\[1\]: unknown macro @CANT",
        ),
        (
            _once('pattern: "@NOPUEDO mover|', 'language: en\n            pattern: "@NOPUEDO mover|'),
            None,
            r"es\.tiers\.emergency\.categories\.spinal_cord_compression\.patterns\[0\]: a pattern under es: is Spanish",
        ),
        (
            _once("\n    emergency:\n      reply: >-\n        Por", "\n    emergencia:\n      reply: >-\n        Por"),
            None,
            r"es\.tiers: unknown tiers \['emergencia'\]",
        ),
        (None, _once("    NOPUEDO: ", "    NOPUEDE: "), r"unknown macro @NOPUEDO"),
        (
            _once("match_priority: [spinal_cord_compression,", "match_priority: [spinal_cord_compresion,"),
            None,
            r"unknown category 'spinal_cord_compresion'",
        ),
        (
            _once("match_priority: [spinal_cord_compression, fracture,", "match_priority: [spinal_cord_compression,"),
            None,
            r"must list each category with patterns once",
        ),
        (_once("\n  urgent:\n", "\n  urgnet:\n"), None, r"unknown tiers \['urgnet'\]"),
        (_once('not_followed_by: "@ABOUT"', 'not_followed_by: "@ABOUTT"'), None, r"unknown word list @ABOUTT"),
        (_once("not_followed_by: [being,", "not_followed_by: [no,"), None, r"expected a list of words"),
        (None, _once("  LEGS: ", "  LEG: "), r"unknown macro @LEGS"),
        (None, _once("  NEGATIONS: ", "  NEGATION: "), r"word_lists missing: \['NEGATIONS'\]"),
        (None, _once("\nmacros:", "\nmacro:"), r"unknown keys \['macro'\]"),
    ],
)
def test_mistakes_in_the_files_are_clear_errors_at_load(tmp_path, safety_edit, vocabulary_edit, message):
    with pytest.raises(patterns.PatternError, match=message):
        patterns.load(*_copy(tmp_path, safety_edit, vocabulary_edit))


def test_the_wording_loader_accepts_the_pattern_keys():
    # bot.safety.content reads the same file for wording: the pattern keys must not disturb it.
    wording = safety_content.load(env={})
    assert wording.reply("emergency", "fracture").startswith("Please call 911")
    assert not any("patterns" in text or "match_priority" in text for text in wording.patient_texts().values())
    assert re.search(r"\bpatterns:", SAFETY.read_text(encoding="utf-8"))
