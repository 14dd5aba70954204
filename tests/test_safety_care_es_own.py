"""The Spanish care-team kinds of bot/safety/care_es/ pass 3 (the second Spanish care-team DEV set's misses and
the kinds of docs/safety.md no dev set covered, round 3).

Round 4 (CARE_TEAM_4, GENERAL_4; bot/safety/care_es/ `_pass_3_more`, and a claim heard from someone asked
in general in bot/safety/spanish_context.py): a choice of drug for a real person, a trouble of one's own while on
one's treatment ("¿es normal que me…?"), another medicine affecting the person, their treatment stopped for something
ahead.

Round 5 (CARE_TEAM_5, GENERAL_5; bot/safety/care_es/ pass 4, with a pause verb in care_es/doses.py, a
Spanglish "reschedule" in care_es/people.py and the person after "que" in care_es/words.py): a treatment said to be the person's own ("el X que me ponen", "con mi X") beside another medicine, a drink, dental
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


CARE_TEAM_4 = [
    # a choice of drug for a real person
    "¿cuál le conviene más a mi papá, el prolia o el ácido zoledrónico?",
    "para mi esposo que tiene diabetes, ¿es mejor el denosumab o el zometa?",
    # a trouble of one's own while on one's treatment
    "¿será normal que me duelan los dedos desde que empecé el anastrozol?",
    "¿es normal que a mi mamá le dé fiebrita al otro día del zometa?",
    # another medicine affecting the person
    "mi suegra está tomando dexametasona por la quimio, ¿le debilita los huesos?",
    "me recetaron omeprazol hace un año, ¿eso me perjudica con el xgeva?",
    # the treatment stopped for something ahead
    "a mi papá lo van a operar de la próstata, ¿le tienen que suspender el denosumab?",
    "me van a hacer una colonoscopia, ¿tengo que dejar de tomar el letrozol?",
]

GENERAL_4 = [
    "¿cuál es mejor en general, el prolia o el zometa?",
    "¿es normal que duelan las articulaciones con los inhibidores de aromatasa?",
    "¿los corticoides debilitan los huesos?",
    "¿hay que suspender el denosumab antes de una cirugía?",
    "mi cuñada dice que el zometa es mejor que el xgeva, ¿es cierto en general?",
    "en la sala de espera una señora dijo que la supervivencia es mayor si es solo hueso, ¿es así en general?",
]

CARE_TEAM_5 = [
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
    # round 6: a mild effect put down to one's treatment, a change of one's medicine asked for or preferred
    "a mi mamá le duelen los huesos desde la inyección de prolia, ¿será del tratamiento?",
    "ando con náuseas desde hace una semana, ¿puede ser por el ácido zoledrónico?",
    "el doctor me puso xgeva pero prefiero las pastillas, ¿puedo pedir que me cambien?",
    "¿podemos solicitar un cambio de denosumab a zometa para mi papá?",
    # round 7 (bot/safety/care_es/ pass 6): put through to a person, waiting it out or telling the clinic,
    # one's dose moved, skipped by its month, timed against a trip or one's operation, a swap wished, a vaccine,
    # what is left asked without marks, a value out of range, being well for one's event
    "buenas, ¿me pasa con el oncólogo de guardia? es por lo de mi papá",
    "necesito una consulta con mi doctora esta semana, porfa",
    "me arde un poco donde me pusieron el zometa, espero o le hablo a la enfermera",
    "tengo mareo desde la quimio, ¿salgo a caminar o mejor no?",
    "el prolia me toca el martes y ese día viajo, lo paso al viernes",
    "¿y si a mi mamá le saltamos la de febrero por la operación de cataratas?",
    "nos vamos a ir de vacaciones tres semanas, ¿qué hacemos con la infusión de mi esposo?",
    "el cirujano me pidió suspender el denosumab por la operación de cadera, con cuántos días de anticipación",
    "¿me alcanza el tiempo para sacarme la muela antes de arrancar con el prolia?",
    "mi abuela quiere pasarse del xgeva al zometa porque le sale más barato, ¿se puede?",
    "¿me puedo poner la vacuna del covid la misma semana que el zometa?",
    "cuántas infusiones de zometa le quedan a mi tía",
    "el calcio me salió por encima del rango en los análisis, ¿eso qué significa para mí?",
    "mi nieto nace en marzo, ¿voy a estar bien para conocerlo?",
    "¿hay problema con unas carillas dentales y el zometa que me ponen cada mes?",
    "necesito hablar con alguien del equipo. ¿me pueden llamar hoy?",
]

GENERAL_5 = [
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
    "¿el cansancio es por el zometa?",
    "¿cuál es mejor, el denosumab o el ácido zoledrónico?",
    "¿se puede cambiar de xgeva a zometa?",
    # round 7: the same words with nobody named, or the helpline
    "¿cómo me comunico con la línea de ayuda de komen por teléfono?",
    "¿se necesita una cita para ponerse el xgeva?",
    "¿los pacientes con zometa pueden vacunarse contra la gripe?",
    "¿cuántas semanas antes de una cirugía se suspende el denosumab?",
    "¿es posible cambiar del prolia al xgeva?",
    "¿qué significa que la fosfatasa alcalina esté por encima del rango?",
    "¿cuántas dosis de zometa se ponen al año?",
    "¿se puede viajar en avión con metástasis óseas, en general?",
    "mi suegra solo entiende español y quiere hablar con alguien. ¿cuál es el teléfono de la línea de komen?",
    "quisiera hablar con alguien de la línea de ayuda de komen",
]


# Round 8 (CARE_TEAM_8, GENERAL_8; the fifth Spanish care DEV set's kinds): one's plan with the bone drug and whether
# it goes on, stops or waits (an operation, radiotherapy, a choice "sigo… o espero"), dental work booked with one's own
# drug and whether to go, two of one's infusions on one day, a double dose by mistake, words of one's own report, a
# switch of one's drug announced, an effect since starting one's drug; phonetic spelling (content/safety_vocabulary.yml
# es.respellings) read everywhere Spanish words are compared.
CARE_TEAM_8 = [
    "el cirujano me va a operar la cadera en marzo, ¿me siguen poniendo el xgeva o me lo paran?",
    "a mi suegra le toca la radioterapia en la columna, le siguen dando el prolia o se lo suspenden mientras",
    "me operan de la rodilla en abril y estoy con zometa, ¿me la siguen haciendo igual?",
    "espero a que pase la mudanza o sigo con el zometa como me lo mandaron?",
    "el seguro no me cubre el xgeva, ¿me ponen el pamidronato mientras o aguanto sin nada?",
    "el jueves me toca una limpieza con la dentista y llevo dos años con prolia. ¿Hay problema si voy?",
    "la semana que viene tengo cita para un empaste y me pusieron el xgeva hace poco, puedo ir?",
    "me van a empezar el trastuzumab y ya me ponen zometa, ¿me las dan el mismo día o vengo dos veces?",
    "a mi papá le di el calcio en la mañana y en la noche otra vez, ¿le hace algo?",
    "me equivoqué de día con el letrozol y me lo tomé dos veces, qué hago",
    "¿qué significa 'captación difusa' en mi última gammagrafía, es buena o mala para mí?",
    "el oncólogo le cambió el prolia por el ácido zoledrónico a mi mamá, ¿por qué y desde cuándo?",
    "me duelen las manos desde que empecé el anastrozol, ¿será por eso?",
    # phonetic spelling of older writers: k for qu, g for h, s for c/z
    "¿me tienen ke kitar el xgeva antes de la operasion? es ke me da miedo",
    "kiero dejar de ponerme las inyecsiones de los guesos, ke me pasa?",
    "cuando vuelvo a empesar la kimio despues de la radiasion?",
]

GENERAL_8 = [
    "¿se sigue con el zometa durante la radioterapia o se para?",
    "¿hay problema en ir al dentista para una limpieza con el xgeva?",
    "¿el xgeva y el trastuzumab se pueden dar el mismo día?",
    "¿qué pasa si alguien toma dos veces el letrozol por error?",
    "¿qué significa captación difusa en una gammagrafía?",
    "¿por qué a veces cambian el prolia por el ácido zoledrónico?",
    "mi prima que es farmacéutica dice que el calcio y el hierro no se toman juntos, ¿por qué será?",
    "ke es el xgeva?",
]


def test_respellings_are_read_as_written():
    from bot.safety.accents import respell, respell_text
    from bot.safety.care_es.words import split_words

    assert respell("kijada") == "quijada" and respell("guesos") == "huesos" and respell("kilo") == "kilo"
    assert respell_text("me keda poco asta el lunes") == "me queda poco hasta el lunes"
    assert split_words("Porke empesé la radiasión") == ["porque", "empece", "la", "radiacion"]


def test_a_neighbours_story_then_a_question_in_general_is_a_question():
    from bot.safety import spanish_context

    assert spanish_context.others_story_general(
        "mi amigo dejó la quimio por los mareos, en general se puede pausar el tratamiento?"
    )
    assert not spanish_context.others_story_general("mi papá dejó la quimio, en general se puede pausar?")
    assert not spanish_context.others_story_general("mi amigo dejó la quimio, ¿yo la puedo pausar?")


@pytest.mark.parametrize("text", CARE_TEAM + CARE_TEAM_4 + CARE_TEAM_5)
def test_own_asks_reach_the_care_team(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier in ("care_team", "urgent", "emergency"), (text, hit)


@pytest.mark.parametrize("text", GENERAL + GENERAL_4 + GENERAL_5)
def test_the_same_words_asked_in_general_stay_general(text):
    assert engine.classify(text) is None, text


# Round 9 (Spanish care 6): one's situation told across sentences and asked at the end (bot/safety/care_es/
# situations.py), in our own words; and the same subjects asked of nobody
CARE_TEAM_9 = [
    "el seguro ya no paga mi prolia y me mandaron un biosimilar, ¿a mí me funciona igual?",
    "en la farmacia le dieron a mi abuela un genérico del zometa. ¿Es igual de bueno para ella?",
    "mi oncóloga comentó en la consulta que mis lesiones están 'estables'. ¿Qué quiere decir eso para mí?",
    "en mi tomografía dice 'esclerosis' en una vértebra, ¿qué significa en mi caso?",
    "el oncólogo me dijo una cosa del calcio y la doctora de cabecera otra, ¿a quién le hago caso?",
    "necesito una constancia del médico para mi trabajo, ¿quién me la hace?",
    "¿habrá algún ensayo clínico donde me acepten con metástasis en el fémur?",
    "¿y si la infusión de zometa me la ponen en casa?",
    "¿y si suspendo el tamoxifeno un tiempo por los calores?",
    "aguanto los dolores de cabeza con el ácido zoledrónico o le pido a la doctora que me lo cambie?",
    "a mi tío le encontraron metástasis en las costillas, ¿le quedan meses o años?",
    "el cardiólogo me quiere poner un marcapasos, ¿hay problema con el tratamiento que llevo?",
    "no sé si avisarle al oncólogo que ya no quiero seguir con la quimio",
    "me pusieron prolia y el doctor me había dicho que iba a ser zometa, ¿se equivocaron?",
    # 2026-12-08 00:20: restarting one's paused drug, one's treatment working, one's sugar, a dose for me, a lab count
    "me suspendieron el zometa por la extracción, ¿cuándo lo vuelvo a poner?",
    "¿la quimio de verdad le está sirviendo a mi mamá?",
    "tengo la presión alta, ¿el xgeva me sube la presión?",
    "¿cuánta vitamina d tengo q tomarme con el prolia?",
    "mis neutrófilos salieron bajos, ¿me ponen la infusión?",
]

GENERAL_9 = [
    "¿qué es un biosimilar y funciona igual que el original?",
    "dicen que los genéricos del zometa no sirven igual, ¿es cierto?",
    "¿cuál es la diferencia entre pedir una segunda opinión y buscar otro oncólogo?",
    "¿qué significa 'enfermedad estable' en un informe de tomografía?",
    "¿cómo funcionan los ensayos clínicos para el cáncer de mama?",
    "¿se puede recibir la infusión de zometa en casa?",
    "¿qué pasa si se deja el tamoxifeno antes de los cinco años?",
    "¿el hospicio es solo para los últimos días?",
    "¿el zometa sube el azúcar en la sangre?",
    "¿cuándo se vuelve a empezar el xgeva después de una extracción, en general?",
]


# Rounds 8 and 9 (own plans, phonetic spelling; one's situation told, then asked) share one pair of tests.
@pytest.mark.parametrize("text", CARE_TEAM_8 + CARE_TEAM_9)
def test_rounds_8_and_9_own_asks_reach_the_care_team(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier in ("care_team", "urgent", "emergency"), (text, hit)


@pytest.mark.parametrize("text", GENERAL_8 + GENERAL_9)
def test_rounds_8_and_9_the_same_subjects_asked_of_nobody_stay_general(text):
    assert engine.classify(text) is None, text
