"""Spanish asks about one's PLANS with one's treatment: activities, travel, pregnancy, surgery, vaccines, events.

An activity with one's metastases or treatment ("¿me puedo meter a nadar? tengo mets", "con lo de su columna, ¿se
puede?", "¿y si me hago un tatuaje con las metástasis?"), letting a relative go or travel; a pregnancy or breastfeeding
with one's treatment; one's operation ahead (how long before to stop it, time enough before starting it); travel ahead
and one's dose; a vaccine with one's treatment; a drink or activity asked beside a plan of one's own told in another
sentence (`plan_beside`: "¿se puede tomar una cerveza la noche del shot? tengo fiesta el sábado"). Each needs a real
person, so "¿se puede tomar alcohol con el anastrozol?" stays the FAQ's."""

from __future__ import annotations

import re
from typing import Optional

from bot.safety.care_es import medicines
from bot.safety.care_es.words import (
    ACTIVITY,
    DATE,
    DISEASE,
    GENERIC,
    LISTS,
    MAY_GENERAL,
    RELATIVE,
    Hit,
    personal,
    split_words,
    strong_person,
    treatment_named,
)

_rx = re.compile

LET_GO = _rx(
    r"\b(la|lo|le|los|las) (dejamos|dejo|dejan|dejas|dejaria|dejariamos) (ir|viajar|salir|manejar|nadar|hacer)\b"
)

PREGNANT = _rx(r"\b(embaraz\w*|dar pecho|dando pecho|amamant\w*|lactancia|tener (un|otro) (bebe|hijo|hija|nino))\b")

SURGERY_PLANNED = _rx(r"\b(me|la|lo|le) (operan|van a operar|quieren operar|operaran|van a hacer una cirugia)\b")

# one's plan asked whether it goes on, stops or waits: "¿me la siguen haciendo?", "¿se la posponen?"
GOES_ON = _rx(
    r"\b(me|le|nos) (lo|la|los|las) (siguen|sigue|van a seguir|vayan a seguir|seguiran) (haciendo|poniendo|dando|hacer)\b"
    r"|\b(me|le|nos|se) (lo|la|los|las) (cancelan|posponen|suspenden|aplazan|mueven|pasan|van a cancelar|van a posponer)\b"
    r"|\b(sigo|seguimos|sigue|continuo|continua) con (el|la|mi|su)\b"
)

THAT_OF = re.compile(r"\bcon (lo|los|las) de (mi|su|sus|mis)\b")  # "con lo de su columna"

MAY_ACTIVITY = re.compile(r"\b(puedo|puede|podemos|pueda|podria|pueden)\b")

OCCASION = LISTS["CARE_OCCASION"]  # a plan of one's own: una fiesta, una boda, un viaje

# a what-if about oneself or a relative: "¿y si me hago un tatuaje…?", "¿y si mi mamá se va de crucero…?"
WHAT_IF = _rx(
    rf"^((y|pero|entonces|oiga|oye|bueno) )*(que tal |y que tal )?si (yo |ella |el )?(me|le|nos|la|lo|mi (\w+ )?"
    rf"({'|'.join(sorted(RELATIVE))}) (se )?)\b"
)


def plan_beside(clean: str) -> Optional[Hit]:
    """The whole message: a drink or an activity asked with one's treatment or disease in one sentence, a plan of one's
    own (an occasion or a day) in another ("¿se puede tomar una cerveza la noche del shot? tengo fiesta el sábado")."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", clean or "") if s.strip()]
    if len(sentences) < 2 or any(w in GENERIC for w in split_words(clean or "")):
        return None
    for k, sentence in enumerate(sentences):
        words = split_words(sentence)
        text = " ".join(words)
        asked = "?" in sentence or "¿" in sentence or text.startswith("se puede")
        wanted = medicines.DRINK.search(text) or any(w in ACTIVITY for w in words)
        own = treatment_named(words) or any(w in DISEASE for w in words)
        if not (asked and MAY_GENERAL.search(text) and wanted and own):
            continue
        for other in sentences[:k] + sentences[k + 1 :]:
            rest = split_words(other)
            planned = any(w in OCCASION for w in rest) or DATE.search(" ".join(rest))
            if "?" not in other and planned and strong_person(rest):
                return ("care_team", "personal_decision", clean)
    return None


TRAVEL = _rx(
    r"\b(voy|vamos|va|van) a (viajar|irme|irnos|irse|salir del pais|estar fuera|estar de viaje)\b|\bme voy de viaje\b"
)

SURGERY = _rx(r"\b(cirugia|operacion|operar|operan|operen|extraccion|procedimiento|biopsia)\b")

STOP_BEFORE = _rx(
    r"\b(pare|parar|pararlo|pararla|suspenda|suspender|suspenderlo|suspenderla|deje|dejar|quite|quitar)\b"
)

HOW_LONG_BEFORE = _rx(
    r"\bcuant[oa]s? (dias|semanas|meses|tiempo) (de )?(antes|despues)\b|\bcon cuant[oa]s? (dias|semanas|tiempo)\b"
)

TIME_ENOUGH = _rx(r"\b(me|le|nos) (da|dara|daria|alcanza|alcanzara) (el )?tiempo (de|para|a)\b")

BEFORE = _rx(r"\b(antes|despues) (de|del|que)\b")

VACCINE = _rx(r"\bvacun\w*")


def activity_beside_disease(clean: str) -> Optional[Hit]:
    """The whole message: an activity asked in one sentence, one's own metastases said in another ("¿me puedo meter a
    nadar? tengo mets…")."""
    words = split_words(clean)
    text = " ".join(words)
    if "?" in clean and re.search(r"\b(me|le) (puedo|puede|podemos)\b", text) and any(w in ACTIVITY for w in words):
        if any(w in DISEASE for w in words) and personal(words, text) and not any(w in GENERIC for w in words):
            return ("care_team", "personal_decision", clean)
    return None
