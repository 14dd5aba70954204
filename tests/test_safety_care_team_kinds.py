"""Care-team kinds of the eighth Spanish and third English sets, everyday look-alikes of red flags, history before a
general question, and a calcium result with its signs (issues 11, 12). Messages written for this file, in other
words than the dev sets, both ways: each kind must reach the care team (or its red-flag tier) through the
deterministic net alone, and the same words asked in general, or the look-alike, must get nothing."""

from __future__ import annotations

import pytest

from bot.names import SEVERITY
from bot.safety import engine, english_messages, spanish_context

CARE_TEAM_ES = [
    # one's own treatment plan, asked yes or no
    "¿a mi papá le van a dar quimio otra vez o ya no?",
    "¿me van a tener que poner una placa en el brazo?",
    "¿habrá posibilidad de que me operen la columna?",
    "¿le van a quitar el tumor de la costilla a mi tía?",
    "¿me van a radiar la pelvis?",
    # the person set apart: "a mí", "a él", "en mi caso"
    "¿y a mí cuántas pastillas de calcio me tocan?",
    "¿a ella le conviene más el xgeva o el zometa?",
    "¿en mi caso cada cuánto tendría que ser la radioterapia?",
    "mi suegra quiere saber si a ella le toca la inyección cada mes",
    "¿cuánta vitamina D le corresponde a mi mamá?",
    # whether the person will bear a treatment (2026-12-07)
    "a sus 85 años, ¿mi abuelo aguantará la radioterapia?",
    "¿la quimio será demasiado para ella?",
    "¿cuántos meses más voy a durar así?",
    # a result told in words, with a change, asked about
    "me hicieron la resonancia y salió que hay progresión en la columna, ¿es grave?",
    "a mi mamá le hicieron un pet y dice que hay actividad nueva en la cadera, no entiendo",
    "mi tomografía habla de lesiones que crecieron, ¿qué significa?",
    # phone spellings
    "mi esposo tiene q sacarse una muela y esta con xgeva, cuanto tiene q esperar?",
]

GENERAL_ES = [
    # a general fact someone said or one read, asked whether it is true (2026-12-07)
    "mi cuñada trabaja en un hospital y dice que la fiebre en quimio es peligrosa, ¿es verdad?",
    "¿la gente mayor aguanta bien el zometa?",
    "¿la quimio es muy fuerte?",
    "¿cuánto va a durar el tratamiento?",
    "me van a dar un bifosfonato, ¿qué es?",
    "¿los antiinflamatorios me van a dar gastritis?",
    "¿a los pacientes les toca la inyección cada mes?",
    "¿la radioterapia sirve más que las pastillas para el dolor de hueso?",
    "¿qué significa progresión en una resonancia?",
    "mi resonancia dice lesiones blásticas, ¿qué quiere decir?",
    "¿se puede operar una fractura por metástasis?",
    "¿cuánta vitamina D se recomienda con el denosumab?",
    "¿le pueden dar radioterapia a alguien con metástasis en la columna?",
    "mi hermano quiere saber si hay quimio en pastillas",
]

CARE_TEAM_EN = [
    # how long one has
    "honestly how many months has my dad got",
    "will my wife make it to our anniversary",
    "am i going to see another christmas",
    # a treatment working or right for the person
    "is zometa the best option for my mum",
    "would radiotherapy help her with the pain in her ribs, is it right for her",
    "will the injections work for me",
    # something all right for the person, another medicine with their treatment
    "my dentist prescribed amoxicillin and i'm on xgeva, is that safe for me",
    "can i take naproxen alongside my letrozole",
    "is it fine to drink green tea with my chemo tablets",
    # an activity with one's own port or mets
    "could my husband go in a sauna with his bone mets",
    "can i go to the beach with my picc line",
    # dental work while on a treatment now
    "can i get a wisdom tooth extraction while i'm on prolia",
    # a result told in words, with a change, asked about
    "my mri results showed new spots in the pelvis, what does that mean",
    "her pet scan report says the disease has spread, is that bad",
]

GENERAL_EN = [
    "how long do people usually live with bone mets",
    "does xgeva work for everyone",
    "is zometa the best option for people with kidney problems",
    "can you take naproxen with letrozole",
    "can people with bone mets use a sauna",
    "can you have a tooth extraction on prolia",
    "what does new activity on a pet scan mean",
    "my husband's mri mentions sclerotic lesions, what does that mean",
    "my mum was told to have calcium with her zometa, why is that",
    "how many weeks apart are zometa infusions",
]

LOOK_ALIKES = [
    "how come my knees click whenever i squat",
    "my neck cracks every time i turn my head",
    "we passed out flyers for the charity walk",
    "she was passing out programmes at the church",
    "my teeth chatter when i swim in the lake",
    "i shiver in the winter wind at the bus stop",
    "está helando afuera y me sacude el frío",
    "me comí la bolsa entera de galletas",
    "me tomé el paquete entero de café molido en una semana",
    "¿por qué me truenan los dedos cuando los estiro?",
]

STILL_RED_FLAGS = [
    ("my hip cracked when i fell", "emergency"),
    ("i heard a crack in my shoulder when i lifted the box", "emergency"),
    ("my knee went snap when i got up and now it's swollen", "emergency"),
    ("she passed out in the garden", "emergency"),
    ("he passed out the moment he stood up", "emergency"),
    ("teeth chattering with chills on chemo", "emergency"),
    ("tengo un frío que me sacude y estoy en quimio", "emergency"),
    ("me tomé la caja entera de pastillas para dormir", "emergency"),
    ("me tomé la caja entera, te lo juro", "emergency"),
    ("i took the whole packet of paracetamol", "emergency"),
    # a calcium result and a sign of it now
    ("the hospital rang, my calcium is low and my heart keeps racing", "emergency"),
    ("my mum's calcium dropped and now her hands are in spasms", "emergency"),
    ("she isn't making sense, her calcium was high last week", "emergency"),
    ("me dijeron que tengo el calcio bajo y ahora tengo calambres en todo el cuerpo", "emergency"),
    ("a mi mamá le salió el calcio bajito y tiene palpitaciones", "emergency"),
    # a calcium result alone stays urgent
    ("the nurse said my calcium is very low", "urgent"),
    # what a person says of herself is a report, "¿es cierto?" or not
    ("mi mamá dice que no siente las piernas, ¿es cierto?", "emergency"),
    ("me dijeron que tengo el calcio alto y ando confundida, ¿es cierto?", "emergency"),
]

# history before general questions: the net says nothing, and the classifier's red-flag guess alone is not acted on
HISTORY_ES = [
    "hace tres años a mi papá se le rompió la cadera y ya soldó bien. ¿por qué pasa eso con las metástasis?",
    "el verano pasado tuve fiebre en la quimio y me internaron, ya estoy bien. ¿por qué es peligrosa?",
]
HISTORY_EN = [
    "my mum broke her wrist two years ago and it healed, what does zometa actually do to the bones",
]
NOT_HISTORY_ES = ["el año pasado tuve fiebre con la quimio y ahora otra vez tengo fiebre, ¿por qué pasa eso?"]
NOT_HISTORY_EN = ["my legs went weak again last night, what does radiotherapy do to the spine"]


def _tier(text: str) -> str:
    hit = engine.classify(text)
    return hit.tier if hit else "none"


def _reaches(got: str, tier: str) -> bool:
    return got != "none" and SEVERITY[got] <= SEVERITY[tier]


@pytest.mark.parametrize("text", CARE_TEAM_ES + CARE_TEAM_EN)
def test_personal_kinds_reach_the_care_team(text):
    assert _reaches(_tier(text), "care_team"), text


@pytest.mark.parametrize("text", GENERAL_ES + GENERAL_EN + LOOK_ALIKES + HISTORY_ES + HISTORY_EN)
def test_general_questions_look_alikes_and_history_get_nothing(text):
    assert engine.classify(text) is None, (text, engine.explain(text))


@pytest.mark.parametrize("text,tier", STILL_RED_FLAGS)
def test_red_flags_beside_the_look_alikes_still_reach_their_tier(text, tier):
    got = _tier(text)
    assert _reaches(got, tier), (text, got)
    if tier == "urgent":
        assert got == "urgent", text  # a result alone is not an emergency (docs/safety.md)


def test_history_before_a_general_question_is_read_as_context_in_both_languages():
    assert all(spanish_context.history_question(t) for t in HISTORY_ES)
    assert all(english_messages.history_question(t) for t in HISTORY_EN)
    assert not any(spanish_context.history_question(t) for t in NOT_HISTORY_ES)
    assert not any(english_messages.history_question(t) for t in NOT_HISTORY_EN)
    assert all(_tier(t) == "emergency" for t in NOT_HISTORY_ES + NOT_HISTORY_EN)


def test_a_doctor_who_never_calls_back_gets_the_care_team_callback():
    """A decision: a complaint that the doctor never returns calls is met with the care-team form (a callback),
    which is what the person lacks; it is never a red flag."""
    assert _tier("mi doctora nunca me regresa la llamada") == "care_team"
    assert _tier("my oncologist never calls me back") in ("care_team", "none")
