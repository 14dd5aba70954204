"""Red flags of the families the ninth Spanish and fourth English sets missed on their first run (issue 12, 11),
in wordings written for this file (never copied from tests/data), and general questions with the same words
that must stay FAQ questions.

Why: on their first run the deterministic net alone caught 69.6% / 55.1% of those sets' emergencies: it chased
wordings. The fixes are general patterns at the end of their categories (content/safety.yml), the COMBO_ lists
(content/safety_vocabulary.yml) read by bot/safety/combinations.py (two signs across clauses) and temperatures
in words (bot/safety/temperature.py `in_digits`). These tests keep each family caught by the net ALONE."""

from __future__ import annotations

import pytest

from bot.names import SEVERITY
from bot.safety import engine, temperature

REPORTS = [
    # the wish said with a gerund (2026-12-07)
    ("some days i feel like ending it", "crisis"),
    ("my husband says he keeps thinking about ending things", "crisis"),
    # the temperature said to go up (2026-12-07: "my temp is spiking on chemo" reached nobody)
    ("my temp keeps spiking since my chemo on friday", "emergency"),
    ("her temperature is climbing and she had chemo yesterday", "emergency"),
    # spinal cord compression: legs that quit, a level, the saddle area cold or numb, dragging a foot
    ("my legs have gone like rubber and i had to crawl to the bathroom", "emergency"),
    ("her knees just fold under her when she tries the stairs", "emergency"),
    ("my husband cant get himself up off the couch this morning, his back is awful", "emergency"),
    ("tingly from the waist down since last night", "emergency"),
    ("it feels like i'm sitting on an ice pack, my bum is cold and numb", "emergency"),
    ("she's dragging her left leg since the weekend", "emergency"),
    ("i can barely shuffle to the kitchen now", "emergency"),
    ("my feet feel like they belong to someone else", "emergency"),
    ("a band of pain round my middle and my legs feel odd", "emergency"),
    ("mum can't hold her water anymore and her back is bad", "emergency"),
    ("no sé qué pasa, siento hormigueo de la cintura para abajo", "emergency"),
    ("a mi papá se le doblan las piernas y ya no camina solo", "emergency"),
    ("mi hermana tiene las piernas como de trapo desde ayer", "emergency"),
    ("desde ayer no ha podido orinar y le duele la espalda", "emergency"),
    # fracture: a limb swollen after a knock, a hip that won't hold, a leg shorter and turned out
    ("my thigh ballooned after i knocked it on the table and i have mets there", "emergency"),
    ("dads hip won't take his weight since he stood up", "emergency"),
    ("after the fall one of her legs looks shorter and the foot is pointing outward", "emergency"),
    ("i heard a crunch and something went in my back lifting the shopping", "emergency"),
    ("se le zafó algo en la rodilla y ahora no puede pisar", "emergency"),
    ("mi abuela anda cayéndose todo el día", "emergency"),
    # calcium named low or high with its signs, across clauses
    ("the nurse said my calcium is very low, now my hands are locking into claws", "emergency"),
    ("his calcium came back high last week, today he's rambling and not making sense", "emergency"),
    ("le salió el calcio altísimo, y ahora anda confundida y no nos reconoce", "emergency"),
    # fever or shaking chills with chemo, a temperature in words
    ("had my chemo on friday, now i'm shivering under three blankets", "emergency"),
    ("she's on taxol and her teeth are chattering, can't get warm", "emergency"),
    ("temp is thirty eight point four and i'm on chemo", "emergency"),
    ("mi esposo está en quimio y tiene escalofríos desde la tarde", "emergency"),
    ("mi mamá en quimio tiene treinta y ocho y medio", "emergency"),
    # overdose, collapse
    ("i swallowed three days worth of my tablets all at once by mistake", "emergency"),
    ("found my mum lying on the kitchen floor, she doesn't know how she got there", "emergency"),
    ("mi tía se desmayó en el baño", "emergency"),
    ("desperté en el suelo de la sala", "emergency"),
    # crisis
    ("i've been reading up how much morphine would be enough to not wake up", "crisis"),
    ("i pray every night that god takes me in my sleep", "crisis"),
    ("i pinch my arms until they bruise, it's how i get through", "crisis"),
    ("i feel like such a burden to my kids", "crisis"),
    ("sat in the car with the engine running in the garage for an hour last night", "crisis"),
    ("she says she's taking matters into her own hands before the cancer does", "crisis"),
    ("si me muero nadie me va a extrañar", "crisis"),
    ("a veces quisiera tirarme al río y ya", "crisis"),
    ("no le veo salida a esto", "crisis"),
    ("me rasguño los brazos hasta sacarme sangre", "crisis"),
    ("ya no valgo para nada", "crisis"),
    # urgent
    ("my chin and bottom lip have gone numb since my last xgeva", "urgent"),
    ("the socket where they pulled my tooth in june still hasn't closed and i'm on zometa", "urgent"),
    ("there's a bit of my jawbone showing through the gum", "urgent"),
    ("a new ache in the crease at the top of my leg when i walk, on prolia", "urgent"),
    ("her fentanyl patch wears off by teatime now", "urgent"),
    ("my back started hurting this week and i've never had that before", "urgent"),
    ("on capecitabine and my temperature is 37.6", "urgent"),
    ("se me adormeció el mentón con el xgeva", "urgent"),
    ("me duele la espalda más que nunca", "urgent"),
    ("tengo una bolita en la costilla que me duele", "urgent"),
]

GENERAL = [
    "she is thinking of ending treatment with zometa, what happens then?",
    "can chemo make your temperature rise?",
    "why does temperature spike after an infusion?",
    "why do teeth chatter when you are cold?",
    "can a car run in a closed garage?",
    "does chemo cause chills?",
    "if i ever get shaking chills on chemo who do i call?",
    "what calcium level is too low and what are the signs?",
    "¿el calcio alto da confusión?",
    "¿la quimio provoca escalofríos?",
    "what does it mean when legs feel like jelly after exercise?",
    "is it normal to feel like a burden?",
    "is it safe to leave the car running in the garage to warm it up?",
    "¿qué es la osteonecrosis de la mandíbula?",
]


def reaches(got: str, tier: str) -> bool:
    return got != "none" and SEVERITY[got] <= SEVERITY[tier]


@pytest.mark.parametrize("text, tier", REPORTS)
def test_the_net_alone_reaches_the_tier(text, tier):
    hit = engine.classify(text)
    assert reaches(hit.tier if hit else "none", tier), (text, hit)


@pytest.mark.parametrize("text", GENERAL)
def test_general_questions_with_the_same_words_are_no_red_flag(text):
    hit = engine.classify(text)
    assert hit is None or hit.tier not in ("emergency", "crisis", "urgent"), (text, hit)


@pytest.mark.parametrize(
    "text, digits",
    [
        ("reads thirty nine point two", "reads 39.2"),
        ("one hundred and one point four", "101.4"),
        ("amaneció con 37 y medio", "amaneció con 37.5"),
        ("treinta y ocho punto cinco", "38.5"),
        ("she is forty years old", "she is 40 years old"),
    ],
)
def test_temperatures_in_words_become_digits(text, digits):
    assert temperature.in_digits(text) == digits
