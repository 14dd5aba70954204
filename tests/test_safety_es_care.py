"""The Spanish care-team kinds of bot/safety/care_es/ pass 1 (issue 12, the Spanish care-team DEV set's misses).

Messages written for this file in other words than any set, both ways: each personal ask must reach the care team
through the deterministic net alone, and the same words asked in general (nobody real in them) must get nothing."""

from __future__ import annotations

import pytest

from bot.safety import engine, spanish_context

CARE_TEAM = [
    "me llegó una factura del hospital por el shot, ¿quién me ayuda con eso?",
    # prognosis with "lo mío", a relative, living to see something
    "lo de mi papá tiene cura o nomás lo van a ir controlando",
    "¿algún día se le va a ir el cáncer de los huesos a mi hermana?",
    "necesito saber cuántos años puede vivir mi mamá con las metástasis en la cadera",
    "¿mi abuelo va a llegar a ver la boda de mi prima?",
    "¿ya es hora de cuidados paliativos para mi papá?",
    # a person, said plainly or in slang
    "¿me comunica con una persona real?",
    "operador por favor",
    "¿tienen el teléfono directo de mi doctora?",
    "quiero sacar una cita con el oncólogo esta semana",
    "¿me puede llamar alguien de la clínica mañana?",
    "quisiera pedir una segunda opinión",
    # stopping, pausing, restarting, refusing
    "mi esposo ya no quiere seguir con las inyecciones, ¿qué hacemos?",
    "el doctor me quiere subir la dosis, ¿le puedo decir que no?",
    "después de la cirugía de la muela, ¿cuándo la vuelvo a tomar?",
    "ya tengo tres años con el xgeva, ¿me lo pueden quitar ya?",
    "mi tía dejó el letrozol por las vacaciones, ¿lo retoma así nomás?",
    "quiero dejar de tomar las pastillas de calcio, ¿se puede?",
    "¿por cuánto tiempo me van a seguir dando el zometa?",
    # another medicine or supplement with one's own treatment
    "mi papá toma losartán y vitamina D, ¿se las doy juntas en el desayuno?",
    "tomo cúrcuma en cápsulas, ¿interfiere con mi zometa?",
    "¿le doy el magnesio a mi mamá? lo vi en la farmacia",
    "me recetaron omeprazol, ¿me lo tomo con el letrozol sin problema?",
    "se me olvidó si ya me tomé la pastilla de hoy, ¿me tomo otra?",
    # one's dose or schedule against someone else's
    "a mí me dan el xgeva cada mes y a mi prima cada tres meses, ¿por qué?",
    "la receta dice 4 mg pero la farmacia puso 5, ¿cuál es la mía?",
    "¿y si me pongo la inyección cada dos meses como mi comadre?",
    # "¿es normal en ella?", activity, travel, pregnancy with one's own treatment
    "a mi esposo le dio fiebrita leve después del zometa, ¿es normal para él?",
    "mi suegra tiene mets en la pelvis y quiere ir a Cancún, ¿la dejamos viajar?",
    "¿me puedo hacer un tatuaje con la quimio que llevo?",
    "mi nuera está con prolia y quiere tener un bebé, ¿se puede?",
    # own next test, results and what comes next
    "¿cuándo le toca a mi mamá la otra resonancia?",
    "me dijeron que tengo osteoporosis además de las metástasis, ¿qué me van a recetar?",
    "la gammagrafía salió peor, ¿qué sigue para ella?",
    "¿el zometa le está funcionando a mi papá?",
    "¿soy candidata para el denosumab?",
    # papers and bills about one's own care
    "me cobraron dos veces la infusión, ¿a quién le hablo?",
    "necesito que me llenen la forma del trabajo por la quimio",
    "¿me pueden mandar mi expediente a la clínica nueva?",
    # dental work with dates, surgery with one's treatment
    "me van a sacar una muela el martes y el xgeva me toca el viernes, ¿muevo algo?",
    # (second round) a pause, a dose skipped, a supplement "con el zometa", the same hour, a dose compared, a copy
    "lo de mi mamá se le va a quitar con el tratamiento?",
    "¿y si no me pongo el xgeva este mes?",
    "¿puedo tomar un descanso del letrozol?",
    "tomo aceite de pescado, ¿hay problema con el zometa?",
    "¿me tomo el calcio y el hierro a la misma hora?",
    "a mi vecina le dan 60 mg y a mí 120, ¿está bien eso?",
    "¿me pueden dar una copia de mis análisis?",
    # (third round) voseo, a callback that never came, stopping said "dejo de", "se lo ponemos otra vez", what comes next
    "decime si mi viejo va a durar hasta su cumpleaños",
    "mi nurse no me contesta, me la pueden comunicar?",
    "le dejo de dar el calcio a mi mamá si tiene estreñimiento?",
    "se lo ponemos otra vez o esperamos?",
    "el naturista me dio unas hierbas para los huesos, las tomo con el prolia?",
    "el doctor dice que tengo metástasis nuevas, y ahora qué va a pasar conmigo?",
    "la resonancia de mi papá dice que creció, lo van a cambiar de tratamiento?",
    "mi esposa quiere tener otro hijo, puede con el tratamiento que tiene?",
    # (fourth round, bot/safety/care_es/ pass 2) when it stops, how much is left, who gives the results
    "oiga, y a mi esposo cuándo le quitan el xgeva?",
    "quiero reprogramar lo del zometa de mi papá",
    "el calcio me cae pesado, lo puedo cambiar por otro?",
    "mi papá quiere ir a pescar en lancha, con lo de su columna se puede?",
    "quién me puede dar los resultados de la gammagrafía?",
    "me hicieron unos labs ayer, ya salieron?",
    "mi oncóloga se fue de la clínica, quién me va a ver ahora?",
    "cuantos ciclos más de quimio me faltan?",
    "mi esposa ya terminó la radio, le toca otra cosa?",
    "a mi mamá la quieren operar de la vesícula, ¿le suspenden el zometa antes?",
]

GENERAL = [
    # a bill with no word of care is everyday life (2026-12-07: an off-topic question of the frozen Spanish set)
    "quiero pagar la factura del teléfono en línea, ¿cómo le hago?",
    "¿cuánto cuesta la copia de la llave?",
    "¿el zometa cura el cáncer de los huesos?",
    "¿cuánto tiempo vive una persona con metástasis en los huesos?",
    "¿se puede volver a empezar el xgeva después de suspenderlo?",
    "¿el calcio interfiere con el xgeva?",
    "¿cuánto cuesta el zometa sin seguro?",
    "¿cada cuánto se pone el denosumab normalmente?",
    "¿qué es una gammagrafía ósea?",
    "¿se puede viajar en avión con metástasis en los huesos?",
    "¿hablo con una persona de verdad?",
    "hola, ¿en qué me puede ayudar?",
    "mi cuñada dice que el xgeva da problemas de dientes, ¿es cierto en general?",
    "¿por qué me hacen análisis de sangre antes del zometa?",
    "¿cómo sabe uno si el tratamiento para los huesos está funcionando?",
    "¿qué pasa si alguien deja el prolia de golpe?",
    "¿el té de manzanilla interfiere con la quimio?",
    "¿se puede uno pintar el pelo durante la quimio?",
    "¿quién es candidato para el radio 223?",
    "mi amiga dice que el xgeva es mejor que el zometa, ¿es verdad?",
    "¿qué se hace si un paciente ya no quiere el tratamiento?",
    "si dejo de ponerme la inyección, ¿se me pueden romper los huesos?",
    "mi suegra va a empezar zometa, qué cuidados dentales se recomiendan?",
    "tengo una amiga con metástasis en los huesos, qué ejercicios se recomiendan en general?",
    "¿cuántos ciclos de quimio se dan normalmente?",
    "¿quién receta el xgeva, el oncólogo o el médico general?",
]


@pytest.mark.parametrize("text", CARE_TEAM)
def test_personal_asks_reach_the_care_team(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "care_team", (text, hit)


@pytest.mark.parametrize("text", GENERAL)
def test_the_same_words_asked_in_general_stay_general(text):
    assert engine.classify(text) is None, text


def test_hearsay_is_general_only_when_nobody_real_follows_the_claim():
    assert spanish_context.general_hearsay("mi vecina dice que el calcio da piedras, ¿es cierto en general?")
    assert not spanish_context.general_hearsay("mi vecina dice que le baje la dosis a mi mamá, ¿es cierto?")
    assert not spanish_context.general_hearsay("¿le doy el calcio a mi mamá?")
