"""The Spanish care-team kinds of bot/safety/spanish_care_own.py (the second Spanish care-team DEV set's misses and
the kinds of docs/safety.md no dev set covered, round 3).

Messages written for this file in other words than any set, both ways: each personal ask must reach the care team
through the deterministic net alone, and the same words asked in general (nobody real in them) must get nothing."""

from __future__ import annotations

import pytest

from bot.safety import engine

CARE_TEAM = [
    # one's own report applied to oneself
    "en mi resultado pusieron enfermedad estable, ¿eso es bueno para mí?",
    "la resonancia de mi hermana dice que las lesiones están más chicas, ¿quiere decir que el prolia le funciona?",
    "el reporte de la gammagrafía habla de hueso en reparación, ¿o sea que ya voy mejor?",
    "mi informe menciona respuesta completa. ¿significa que ya estoy curada?",
    "me aparece en el portal remodelación ósea sin cambios, es buena noticia para mi mamá o no",
    "el calcio de mi suegro bajó hasta 7.9 esta semana",
    # prognosis: the future tense, time left, getting worse
    "¿llegaré a conocer a mi primer nieto?",
    "¿mi papá alcanzará a estar en la boda de mi hermana?",
    "ya me dijeron que no tiene cura, ¿cuánto tiempo me queda?",
    "¿a mi tía le quedan meses o años?",
    "¿mi abuela se va a poner peor de aquí en adelante?",
    "¿existe alguna posibilidad de que mi hermana se cure?",
    "¿voy a poder volver a manejar?",
    "el estudio de mi mamá dice fosfatasa alta, ¿tiene que ver con sus metástasis?",
    # a callback, a person, an appointment
    "por favor que la enfermera del onco me llame en la mañana",
    "ojalá que alguien de la clínica me regrese la llamada hoy",
    "necesito que un doctor me explique lo de mi estudio",
    "¿cuándo me van a llamar de oncología?",
    "¿mañana me devuelven la llamada?",
    "¿se puede posponer mi consulta una semana?",
    "quiero recorrer la cita de mi mamá para el viernes",
    # advice about one's treatment, still needed, a dose changed
    "mi ginecóloga me dijo que deje el letrozol, ¿le hago caso?",
    "la doctora le quiere suspender el zometa a mi mamá, ¿es lo mejor para ella?",
    "ya van tres años de xgeva, ¿aún lo necesito?",
    "¿mi esposo todavía necesita las pastillas de calcio?",
    "¿me van a aumentar la dosis de la morfina?",
    "si los dolores siguen, ¿le suben la dosis a mi papá?",
    "¿hasta cuándo va a tener que seguir mi esposo con el denosumab?",
    "le recetaron ácido zoledrónico y aparte toma alendronato, ¿no es repetido?",
    "¿un par de cervezas en la boda le hacen daño a mi papá con su quimio?",
    # dental work one needs, timed against one's treatment
    "me van a sacar una muela, ¿antes o después de mi infusión?",
    "tengo pendiente una endodoncia y me ponen prolia, me la hago antes o despues",
]

GENERAL = [
    "¿qué significa enfermedad estable en un reporte?",
    "¿qué quiere decir respuesta completa en un pet?",
    "si el informe dice hueso en reparación, ¿eso es bueno?",
    "¿las metástasis en el hueso se pueden curar?",
    "¿cuánto tiempo se vive con metástasis óseas en general?",
    "¿la línea de ayuda contesta en español?",
    "si la creatinina sube a 2, ¿se suspende el zometa?",
    "¿qué pasa si uno pospone la consulta?",
    "¿por cuánto tiempo se recomienda el xgeva?",
    "¿se puede suspender el zometa después de unos años?",
    "¿cuándo se sube la dosis de morfina?",
    "¿la endodoncia se hace antes o después del zometa?",
    "¿cuánto tiempo antes de una extracción se para el prolia?",
    "¿qué es una lesión en cicatrización?",
    "¿el xgeva funciona en todas las pacientes?",
    "¿la radioterapia me va a quitar el dolor de la cadera?",
    "¿el alcohol hace daño durante la quimioterapia?",
    "¿el alendronato y el zometa son lo mismo?",
    "¿cuánto tiempo se tiene que seguir con el denosumab?",
    "¿hay posibilidad de curar las metástasis óseas?",
    "¿es bueno para los huesos tomar vitamina D?",
]


@pytest.mark.parametrize("text", CARE_TEAM)
def test_own_asks_reach_the_care_team(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier in ("care_team", "urgent", "emergency"), (text, hit)


@pytest.mark.parametrize("text", GENERAL)
def test_the_same_words_asked_in_general_stay_general(text):
    assert engine.classify(text) is None, text
