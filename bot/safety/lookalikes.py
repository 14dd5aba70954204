"""Everyday look-alikes of a red flag, by kind, in both languages (issues 11, 12): a pattern's hit is no report
when the message itself says what it is.

- handing things out: "i passed out leaflets at the clinic" (a faint is "passed out", "passed out in the shop");
- joints that crack, click or pop as they move, in the present, as a habit or asked why ("why do my knees crack
  when i climb stairs?", "me truenan las rodillas al subir"); "my hip cracked when i fell" is past, and any hurt,
  fall or swelling named keeps it a possible fracture;
- shivering or chattering teeth from cold weather ("my teeth chatter in the snow", "hace un frío que me sacude")
  when nothing says illness (a fever, a temperature, chemo, an infusion, feeling sick): shaking chills on chemo
  still count;
- a whole box or packet of food or drink, not medicine ("me tomé la caja entera de té");
- an animal's trouble ("cat throwing up hairballs", "the guinea pig has a lump on its side"): the animal right
  before the sign, no person between, nobody writing of themselves and nothing about cancer care; hair or a
  filling that fell out is no fall;
- a broken bone already in a cast or a young person's break at a sport, or a young child's fever (also a
  temperature), when nothing in the message is about cancer care or a
  new break ("my son broke his wrist playing rugby. how long does it take to heal in a cast?", "la fiebre de un
  niño");
- pain said to be easing ("since her new chemo her back pain is much better"): new or worse back pain and pain no
  longer controlled are urgent, pain getting better is not, unless the sentence also says worse or not;
- schoolwork (`schoolwork`: "solve this algebra question"), for SafetyNet as `no_subject` below;
- a message with no subject at all ("and the other thing?", "¿y lo otro?", "anything else?"): `no_subject`,
  which SafetyNet asks before acting on the classifier's safety guess alone (a linear model leans toward its
  biggest class, the red-flag reports, on words it has no evidence about).

Recall first: each kind needs its own words in the message (content/safety_vocabulary.yml `LOOKALIKE_*`), and
anything that points to illness or injury keeps the hit. english_shapes.context_only and
spanish_context.context_only ask `everyday` before their own reading.
"""

from __future__ import annotations

import re
from typing import Sequence

from bot.safety import patterns

_LISTS = patterns.current().vocabulary.word_lists
_ACCENTS = str.maketrans("áéíóúüñ", "aeiouun")


def _words_and_phrases(name: str):
    words = _LISTS[name]
    phrases = [w.replace("_", " ") for w in words if "_" in w]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, phrases)) + r")\b") if phrases else None
    return frozenset(w for w in words if "_" not in w), pattern


HANDOUTS = _LISTS["LOOKALIKE_HANDOUTS"]
NOISES = _LISTS["LOOKALIKE_NOISES"]
HABIT = _LISTS["LOOKALIKE_HABIT"]
HURT = _LISTS["LOOKALIKE_HURT"]
WEATHER, WEATHER_PHRASES = _words_and_phrases("LOOKALIKE_WEATHER")
ILLNESS = _LISTS["LOOKALIKE_ILLNESS"]
FOOD = _LISTS["LOOKALIKE_FOOD"]
SET_IN_CAST = _LISTS["LOOKALIKE_SET"]
CHILD = _LISTS["LOOKALIKE_CHILD"]
SPORT = _LISTS["LOOKALIKE_SPORT"]
SCHOOLWORK = _LISTS["LOOKALIKE_SCHOOLWORK"]
YOUNG = CHILD | _LISTS["LOOKALIKE_YOUNG"]
ANIMAL = _LISTS["LOOKALIKE_ANIMAL"]
FALLS_OUT = _LISTS["LOOKALIKE_FALLS_OUT"]
HUMAN = _LISTS["FIRST_PERSON"] | _LISTS["THIRD_PERSON"] | _LISTS["CAREGIVER"]
CANCER_CARE, CANCER_CARE_PHRASES = _words_and_phrases("LOOKALIKE_CANCER_CARE")
EASING = frozenset(_LISTS["LOOKALIKE_EASING"])
NOT_EASING = frozenset(_LISTS["LOOKALIKE_NOT_EASING"])
EASING_CATEGORIES = frozenset({"new_back_pain", "uncontrolled_pain"})
LINKS = frozenset(_LISTS["LOOKALIKE_EASING_LINKS"])
FRESH = frozenset({"new", "sudden", "fresh", "nuevo", "nueva", "repentino", "repentina"})
PAINFUL = frozenset({"back", "neck", "spine", "spinal", "pain", "ache", "espalda", "cuello", "columna", "dolor"})
_NO_SUBJECT = frozenset(_LISTS["NO_SUBJECT"]) | frozenset(
    patterns.current().vocabulary.spanish.word_lists["NO_SUBJECT"]
)
_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SKIP = frozenset({"the", "a", "an", "some", "all", "our", "my", "free", "of", "out", "la", "el", "de", "del", "los"})
_SKIP |= {"las", "un", "una", "entera", "entero", "completa", "completo", "whole", "entire", "full"}


# before a noise word, an event: "heard a crack", "went snap", "felt a pop", "oí un tronido"
_EVENT = frozenset({"a", "an", "the", "un", "una", "el", "went", "go", "goes", "gone", "heard", "hear", "felt", "feel"})
_EVENT |= {"big", "loud", "some", "something", "oi", "escuche", "senti", "sintio", "oyo", "hizo", "did", "made"}


def _plain(words: Sequence[str]) -> list:
    return [w.lower().translate(_ACCENTS) for w in words]


def _after(message: Sequence[str], end: int, stop: int) -> list:
    """The words right after the hit, up to the first punctuation, the little words kept apart."""
    words = []
    for word in message[end:stop]:
        if not word.isalpha():
            break
        words.append(word)
    return words[:5]


def everyday(doc, sentences, rule, start: int, matched: str) -> bool:
    """True when the hit at `start` is one of the module's look-alikes (its docstring)."""
    if rule.category in EASING_CATEGORIES:
        return _easing(doc, sentences, start, matched)
    if rule.tier in ("emergency", "urgent") and _animal(doc, start, matched):
        return True  # "cat throwing up hairballs", "the guinea pig has a lump on its side"
    if rule.tier != "emergency":
        return False
    end = next((e for e in range(start + 1, min(start + 30, len(doc)) + 1) if doc[start:e].text == matched), start + 1)
    sentence = next((s for s in sentences if s.start <= start < s.end), None)
    if sentence is None:
        return False
    message = _plain([t.text for t in doc])
    said = set(message)
    own = message[start:end]
    after = _after(message, end, sentence.end)
    things = [w for w in after if w not in _SKIP]
    if rule.category == "unspecified" and "out" in own:  # "passed out leaflets", "passing out the flyers"
        return bool(things) and things[0] in HANDOUTS
    if rule.category == "fracture" and not said & HURT:  # a joint's noise as its verb: "my knees crack when…"
        verbs = [i for i in range(start, end) if message[i] in NOISES and message[i - 1] not in _EVENT]
        in_sentence = set(message[sentence.start : sentence.end])
        if verbs and in_sentence & HABIT and not any(w.endswith("ed") or w in _EVENT for w in own):
            return True
    if rule.category == "fever_chemo" and not said & ILLNESS:
        return bool(said & WEATHER or (WEATHER_PHRASES and WEATHER_PHRASES.search(" ".join(message))))
    if rule.category in ("fracture", "fever_chemo") and not _about_cancer_care(message):
        if rule.category == "fracture" and (said & SET_IN_CAST or said & SPORT and said & YOUNG):
            return True  # "my son broke his wrist playing rugby. how long does it take to heal in a cast?"
        if rule.category == "fever_chemo" and said & CHILD:
            return True  # "my toddler has a fever, how much calpol can i give?"
    if rule.category == "fracture" and set(own) & FALLS_OUT and after[:1] == ["out"]:
        return True  # "grandma's hair fell out": what fell is hair, no fall ("she fell out of bed" names no hair)
    if rule.category == "overdose":  # "la caja entera de té", "the whole packet of biscuits"
        return any(w in FOOD and i and after[i - 1] in ("de", "of") for i, w in enumerate(after))
    return False


def child_fever(text: str) -> bool:
    """A young child's temperature with nothing about cancer care ("my toddler is at 38.9, what do parents usually
    do"): the temperature parser's hit is no chemo fever (bot/safety/engine.py), as the fever patterns' is not."""
    message = _plain(_WORDS.findall(text))
    return bool(set(message) & CHILD) and not _about_cancer_care(message)


def schoolwork(text: str) -> bool:
    """Schoolwork ("solve this algebra question for me", "help with my maths homework") with nothing about cancer
    care: SafetyNet does not act on the classifier's guess alone (a crisis guess apart) there."""
    message = _plain(_WORDS.findall(text))
    return bool(set(message) & SCHOOLWORK) and not _about_cancer_care(message)


def _easing(doc, sentences, start: int, matched: str) -> bool:
    """The pain of the hit is said to be better in its own sentence ("since the new chemo her back pain is much
    better", "el dolor de espalda ya está mejor"): a linking word before the better-word ("is", "has", "much"),
    the hit's own pain not called new ("new back pain, better lying down" stays urgent), nothing saying worse or
    not."""
    sentence = next((s for s in sentences if s.start <= start < s.end), None)
    if sentence is None:
        return False
    own = _plain(matched.split())
    if any(w in FRESH and i + 1 < len(own) and own[i + 1] in PAINFUL for i, w in enumerate(own)):
        return False
    words = _plain([t.text for t in doc[sentence.start : sentence.end]])
    linked = any(w in EASING and set(words[max(0, i - 3) : i]) & LINKS for i, w in enumerate(words))
    return linked and not set(words) & NOT_EASING


def _animal(doc, start: int, matched: str) -> bool:
    """An animal is what the sign is said of: an animal word among the three words before the hit or in it, no
    person between it and the hit, and nothing in the message about cancer care or a person's own ("my dog
    knocked me over and i can't stand" names "me")."""
    message = _plain([t.text for t in doc])
    end = start + len(matched.split())
    spots = [i for i in range(max(0, start - 3), end) if _animal_at(message, i)]
    if not spots or _about_cancer_care(message):
        return False
    between = message[spots[-1] + 1 : end]
    return not set(between) & HUMAN and not set(message) & {"i", "me", "i'm", "im", "yo"}


def about_an_animal(text: str) -> bool:
    """The message names an animal and nothing of cancer care ("our vet says the labrador has weak bones, what
    calcium is good for dogs"): bot/nlu/components.py's DrugRouting gives it no curated answer."""
    message = _plain(_WORDS.findall(text))
    return any(_animal_at(message, i) for i in range(len(message))) and not _about_cancer_care(message)


def _animal_at(message: Sequence[str], i: int) -> bool:
    """An animal's name at position i ("cat scan" is a scan)."""
    return message[i] in ANIMAL and message[i + 1 : i + 2] != ["scan"]


def _about_cancer_care(message: Sequence[str]) -> bool:
    """The message names cancer care or a new break ("chemo", "mets", "again"): a look-alike no longer explains it."""
    return bool(set(message) & CANCER_CARE) or bool(
        CANCER_CARE_PHRASES and CANCER_CARE_PHRASES.search(" ".join(message))
    )


def no_subject(text: str) -> bool:
    """Every word of the message is one that names nothing (content/safety_vocabulary.yml NO_SUBJECT, either
    language, accents optional): no body part, symptom, person, drug, number or feeling is there to report."""
    words = _plain(_WORDS.findall(text))
    return bool(words) and all(w in _NO_SUBJECT for w in words)
