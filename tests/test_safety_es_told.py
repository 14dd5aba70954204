"""Spanish general questions about a sign nobody has (issue 12, the DEV set dev_faq_es_2's kinds; bot/safety/
spanish_told.py): a sign told by a source (a nurse, a leaflet, a programme, a video, a group online), a hypothetical
about nobody, signs listed after a question about a condition's signs, a past event before or after the question, a
question about a generic person's ability, a question asking what a named thing is. Written for this file, never
copied from tests/data. Both ways: the general question gets nothing from the net, the same words about a real
person's current sign still reach their tier."""

from __future__ import annotations

import pytest

from bot.names import SEVERITY
from bot.safety import engine, spanish_told

GENERAL = [
    # a source tells the sign, then a question about it
    "el enfermero de oncología nos contó que la fiebre en la quimio es peligrosa. ¿por qué pasa eso?",
    "en un video de youtube decían que con metástasis en la columna se pueden dormir las piernas, ¿cómo es posible?",
    "en el instructivo del prolia aparece dolor en la quijada y encías inflamadas, ¿por qué sale eso?",
    "en el noticiero hablaron de una señora que se confundía por el calcio muy alto. ¿eso es real?",
    "en la serie una paciente ya no podía caminar por un tumor en la espalda, ¿eso existe?",
    # a hypothetical about nobody
    "supongamos que a un paciente con mets en la cadera se le duermen los pies, ¿qué significaría?",
    "si a alguien en quimio le diera calentura muy alta, ¿por qué sería tan grave?",
    # signs listed after a question about a condition's signs
    "¿cuáles son los síntomas de la hipercalcemia? ¿mucha sed, confusión?",
    "¿qué señales da la compresión medular, como debilidad en las piernas?",
    # a past event after the question
    "¿el denosumab previene las fracturas? a una conocida se le quebró la cadera hace tres años",
    # a generic person's ability, asked why
    "¿por qué alguien con cáncer en los huesos podría dejar de caminar?",
]

# the same words, a real person's sign happening now
REPORTS = [
    ("el enfermero nos contó que la fiebre en la quimio es peligrosa y mi papá tiene calentura ahora", "emergency"),
    ("en un video decían que se duermen las piernas, y a mi mamá ya no le responden las piernas", "emergency"),
    ("en el instructivo sale dolor de quijada, y a mí me duele la quijada desde el lunes, ¿es eso?", "urgent"),
    ("si a mi esposo se le duermen los pies, ¿qué hago?", "emergency"),
    ("¿cuáles son los síntomas del calcio alto? mi tía está muy confundida", "emergency"),
    ("¿el denosumab previene fracturas? ayer me caí y creo que me quebré la cadera", "emergency"),
]


@pytest.mark.parametrize("text", GENERAL)
def test_a_spanish_general_question_about_a_sign_nobody_has_is_not_escalated(text):
    hit = engine.classify(text)
    assert hit is None or hit.tier not in ("emergency", "urgent", "care_team"), (text, hit)


@pytest.mark.parametrize("text,tier", REPORTS)
def test_the_same_words_about_a_real_person_now_still_reach_their_tier(text, tier):
    hit = engine.classify(text)
    assert hit is not None and SEVERITY[hit.tier] <= SEVERITY[tier], (text, hit)


def test_crisis_wording_in_a_general_question_still_counts():
    text = (
        "leí un artículo sobre el suicidio en pacientes con cáncer y me quedé pensando, ¿hay apoyo para las familias?"
    )
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "crisis"


# the classifier's guess alone (SafetyNet): True = a general message it does not act on
@pytest.mark.parametrize(
    "text,general",
    [
        ("en el folleto del zometa sale que puede dar temblores, ¿de qué son señal?", True),
        ("si a una persona con bifosfonatos se le aflojara un diente, ¿qué podría querer decir?", True),
        ("en el folleto sale que puede dar temblores, y mi mamá está temblando desde ayer", False),
        ("si a mi papá se le aflojara un diente, ¿qué hago?", False),
    ],
)
def test_a_told_or_supposed_sign_is_general_for_the_classifier_guess_too(text, general):
    assert spanish_told.general_told(text) is general


@pytest.mark.parametrize(
    "text,general",
    [
        ("prolia ke es, se lo van a poner a mi tía", True),
        ("k cosa es el denosumab, lo mencionaron en la consulta", True),
        ("¿para qué sirve el ácido zoledrónico? me lo recetaron", True),
        ("¿qué es eso que le salió a mi mamá en la encía?", False),
        ("prolia ke es, a mi tía le duele mucho la quijada", False),
        ("a mi hermano le salió una bola en la pierna, ke es?", False),
    ],
)
def test_a_question_what_a_named_thing_is_is_general_unless_a_sign_is_happening(text, general):
    assert spanish_told.what_is_asked(text) is general


# Spanish care 6 / dev_faq_es_3 (2026-12-07 late): a source named after the sign, a link asked about ("tiene que
# ver", "¿cuál es la relación?"), a story's patient, a temperature people talk about, a hypothetical about nobody
@pytest.mark.parametrize(
    "text,tier",
    [
        ("en un video dijeron que el hormigueo en las manos tiene que ver con el calcio, ¿cuál es la relación?", None),
        ("¿por qué en las charlas de quimio hablan tanto de la fiebre de 38?", None),
        ("dolor en los ojos después del zometa, ¿por qué lo ponen en el prospecto?", None),
        ("en la novela la paciente estaba desorientada por el calcio alto, ¿qué es eso exactamente?", None),
        (
            "hipotéticamente, si a una persona le dan escalofríos leves tras el zometa, ¿es la reacción de la primera dosis?",
            None,
        ),
        (
            "en un video dijeron que el hormigueo tiene que ver con el calcio, y a mi mamá le hormiguean las manos desde ayer",
            "urgent",
        ),
        ("tengo 38 y estoy en quimio, en la tele hablan tanto de eso, ¿qué hago?", "emergency"),
        ("en la novela dijeron que es por el calcio y yo estoy desorientada desde anoche, ¿qué es eso?", "emergency"),
    ],
)
def test_a_told_sign_named_after_or_linked_stays_general_and_a_real_one_counts(text, tier):
    hit = engine.classify(text)
    assert (hit.tier if hit else None) == tier or (tier and hit and hit.tier == "emergency"), (text, hit)
