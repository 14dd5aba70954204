"""The Spanish care-team kinds of round 5 (bot/safety/spanish_care_fifth.py, with a pause verb in
spanish_care_own.py, a Spanglish "reschedule" in spanish_care_more.py and the person after "que" in spanish_care.py):
a treatment said to be the person's own ("el X que me ponen", "con mi X") beside another medicine, a drink, dental
work or an activity; one's treatment while on another medicine or ill now ("si ando…"); a what-if about oneself with
an activity and one's metastases; a drink asked with the treatment beside a plan of one's own; the doctor pausing
one's treatment; moving one's session in Spanglish. And the opposite: a question marked as general ("en general",
"¿a quién le toca…?") or with an impersonal "se" names nobody.

Messages written for this file in other words than any set, both ways: each personal ask must reach the care team
through the deterministic net alone, and the same words asked in general (nobody real in them) must get nothing."""

from __future__ import annotations

import pytest

from bot.safety import engine

CARE_TEAM = [
    # the treatment said to be the person's own, beside something else
    "¿se puede hacer una endodoncia con el zometa que le están poniendo a mi mamá?",
    "¿se vale tomar vino con el letrozol que me mandaron?",
    "¿se puede tomar melatonina con mi anastrozol?",
    "se puede tomar colageno con su xgeva a mi abuela",
    # one's treatment while on another medicine or ill now
    "¿se puede poner la inyección si ando con antibióticos por una muela?",
    "¿se le puede poner el zometa a mi mamá si anda tomando antibiótico?",
    # a what-if about oneself or a relative, with an activity and one's disease or treatment
    "¿y si me pongo un piercing con las metástasis en la cadera?",
    "¿y si mi mamá se va de crucero con todo y el tratamiento?",
    "oye y si me voy a nadar con las metastasis?",
    # a drink asked with the treatment, a plan of one's own in another sentence
    "¿se puede tomar un tequila el día de la quimio? tengo boda el domingo",
    "¿se puede tomar vino el día de la infusión? mi hija se casa el sábado",
    "¿se puede hacer ejercicio con metástasis? es que quiero volver al gimnasio el lunes",
    # the doctor pausing one's treatment
    "la oncóloga quiere interrumpir el ribociclib de mi esposa por las defensas bajas, ¿eso le hace algo?",
    "el médico me quiere pausar el letrozol un mes, ¿está bien?",
    "a mi suegro le van a detener la quimio por las plaquetas, ¿es lo correcto?",
    "¿el doctor le va a pausar el tratamiento a mi mamá?",
    # moving one's session, Spanglish or not
    "mi hermana tiene su quimio el jueves pero anda con gripa, ¿la llevamos o la reagendamos?",
    "mi papá tiene cita para el zometa mañana y está resfriado, ¿hacemos reschedule?",
    # a person a noun after "que"
    "¿está bien que la quimio me la den cada tres semanas y no cada dos?",
]

GENERAL = [
    "¿se puede hacer un implante dental con zometa?",
    "¿se puede tomar alcohol con el anastrozol?",
    "¿se puede tomar té de cúrcuma con el tamoxifeno?",
    "¿se puede poner el shot si uno está tomando antibiótico?",
    "¿se puede tomar una cerveza el día de la infusión?",
    "¿qué pasa si una paciente con metástasis se hace un tatuaje?",
    "¿a quiénes les ponen zometa normalmente?",
    "¿está bien que el prolia se aplique en el muslo?",
    "¿es bueno que se tome calcio diario, en general?",
    "¿por lo general está bien que se tome magnesio con el letrozol?",
    "¿el médico puede pausar el xgeva si bajan las defensas?",
    "¿por qué se interrumpe la quimio cuando bajan las plaquetas?",
    "¿cuándo se debe reprogramar una infusión?",
    "tengo una duda. ¿se puede tomar alcohol con el zometa?",
    "¿se puede tomar alcohol con el tamoxifeno que recetan para el cáncer de mama?",
    "¿se pueden tomar vitaminas con el tratamiento hormonal, en general?",
]


@pytest.mark.parametrize("text", CARE_TEAM)
def test_own_asks_reach_the_care_team(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier in ("care_team", "urgent", "emergency"), (text, hit)


@pytest.mark.parametrize("text", GENERAL)
def test_the_same_words_asked_in_general_stay_general(text):
    assert engine.classify(text) is None, text
