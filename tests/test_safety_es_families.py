"""Spanish families the third frozen set (tests/data/safety_test_es_3.yml) showed missing, tested on variants
written for this file (never its messages): the net (bot/safety/engine.py), triage and SafetyNet's rule for
Spanish questions. Each family comes with look-alikes that must stay as they are."""

from __future__ import annotations

import pytest

from bot.nlu.safety_net import _general_spanish_question
from bot.safety import engine, language, triage
from bot.safety.engine import SafetyHit


@pytest.mark.parametrize(
    "text, tier, category",
    [
        # the throat closing is trouble breathing
        ("se me está cerrando la garganta desde el piquete", "emergency", "chest_breathing"),
        ("a mi papá se le hinchó la garganta después del zometa", "emergency", "chest_breathing"),
        ("no me pasa el aire", "emergency", "chest_breathing"),
        # collapse and fainting, in any tense, with or without the person named
        ("mi tía se ha desplomado en la cocina", "emergency", "unspecified"),
        ("mi esposa perdió el conocimiento en la calle", "emergency", "unspecified"),
        ("mi hermano colapsó en el trabajo", "emergency", "unspecified"),
        ("se desmayó en la cocina", "emergency", "unspecified"),
        ("se cayó redondo en el patio", "emergency", "fracture"),
        ("se rompió la cadera", "emergency", "fracture"),
        # a relative's (or one's own) threat of suicide, by any means
        ("mi hijo dice que se va a ahorcar", "crisis", "suicidal_thoughts"),
        ("mi papá amenaza con darse un balazo", "crisis", "suicidal_thoughts"),
        ("mi abuela dice que se quiere aventar del balcón", "crisis", "suicidal_thoughts"),
        ("mi esposo dice que se va a tomar todas las pastillas", "crisis", "suicidal_thoughts"),
        ("me voy a pegar un tiro", "crisis", "suicidal_thoughts"),
        ("mejor acabo con esto de una vez", "crisis", "suicidal_thoughts"),
        ("para qué aguantar si de todas formas me voy a morir", "crisis", "suicidal_thoughts"),
        # self-harm again or on purpose
        ("me he vuelto a cortar", "crisis", "self_harm"),
        ("sigo cortándome aunque lo prometí", "crisis", "self_harm"),
        ("me golpeo a propósito cuando me angustio", "crisis", "self_harm"),
        # pain no longer calmed by what was prescribed
        ("a mi papá ya no se le quita el dolor con la morfina", "urgent", "uncontrolled_pain"),
        ("lo que me recetaron ya no me hace nada", "urgent", "uncontrolled_pain"),
        ("ni con los parches se le calma el dolor", "urgent", "uncontrolled_pain"),
        # personal treatment questions, results, "will it work for me"
        ("¿puedo tomar naproxeno mientras estoy con Xgeva?", "care_team", "personal_decision"),
        ("¿mi mamá se puede vacunar estando en quimio?", "care_team", "personal_decision"),
        ("ya me entregaron los resultados de la gammagrafía", "care_team", "lab_results"),
        ("no entiendo mi informe de la resonancia", "care_team", "lab_results"),
        ("¿el zometa le va a servir a mi esposo?", "care_team", "which_drug"),
    ],
)
def test_spanish_families_are_caught(text, tier, category):
    hit = engine.classify(text)
    assert hit is not None and (hit.tier, hit.category) == (tier, category), hit


@pytest.mark.parametrize(
    "text",
    [
        "ya quiero terminar con esto de la quimio",
        "me volví a cortar el dedo cocinando",
        "me volví a lastimar la espalda cargando a mi nieto",
        "me corté las uñas",
        "mi hijo se va a tirar al agua en la alberca",
        "el dolor se me quitó con la morfina",
        "¿se puede tomar ibuprofeno junto con tramadol?",
        "se puede poner el xgeva en el brazo",
        "¿la radiación sirve para el dolor de cadera?",
        "no entiendo qué es la gammagrafía",
        "mi hija me va a ayudar a llenar los papeles",
        "no tengo la garganta hinchada",
    ],
)
def test_spanish_look_alikes_are_not_escalated(text):
    hit = engine.classify(text)
    assert hit is None, hit


def test_a_spanish_sentence_starting_with_se_asks_only_with_a_question_verb():
    assert language.se_asks(["se", "puede", "tomar"]) and language.se_asks(["se", "le", "debe", "poner"])
    assert not language.se_asks(["se", "cayo", "en", "el", "bano"])
    assert not language.se_asks(["se", "le", "cierra", "la", "garganta"])


def test_the_classifier_out_of_scope_overrules_only_an_english_care_team_pattern():
    spanish = SafetyHit("care_team", "dosing", "me toca la dosis", language="es")
    english = SafetyHit("care_team", "dosing", "my dose", language="en")
    assert triage.decide(spanish, "out_of_scope")["tier"] == "care_team"
    assert triage.decide(english, "out_of_scope") is None


def _model_only(tier):
    return triage.decide(None, {"emergency": "report_emergency", "urgent": "report_urgent"}.get(tier, "ask_personal"))


def test_a_model_only_red_flag_on_a_spanish_question_about_people_in_general_is_not_escalated():
    question = "¿la fiebre es grave cuando uno está con quimioterapia?"
    assert language.names_generic_person(question)
    assert _general_spanish_question(question, "es", None, _model_only("emergency"))
    assert _general_spanish_question(question, "es", None, _model_only("care_team"))


def test_a_model_only_red_flag_stays_when_the_question_may_be_about_the_writer_or_a_pattern_matched():
    # "¿es normal que no pueda caminar?" names nobody in general: the writer may mean themself
    assert not _general_spanish_question("¿es normal que no pueda caminar?", "es", None, _model_only("emergency"))
    crisis = SafetyHit("crisis", "suicidal_thoughts", "x", language="es")
    question = "¿uno se quiere morir con metástasis?"
    assert not _general_spanish_question(question, "es", crisis, triage.decide(crisis, "report_emergency"))
    assert not _general_spanish_question("is fever serious when one is on chemo?", "en", None, _model_only("emergency"))
