"""The first pass of the Spanish care-team readers (bot/safety/care_es/__init__.py: why the passes keep their order):
the kinds of the first Spanish care-team DEV set, one sentence at a time."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.safety import spanish_admin
from bot.safety.care_es import dental, doses, effects, general, medicines, people, plans, prognosis, results
from bot.safety.care_es.words import (
    ACTIVITY,
    DATE,
    DISEASE,
    FINE_IF,
    GENERIC,
    INFO_START,
    MAY,
    OTHER_MED,
    REQUEST,
    SCHEDULE,
    TEST,
    WITH_OWN,
    Hit,
    asked_broadly,
    finite_after,
    medicines_named,
    personal,
    split_words,
    treatment_named,
)


def _pass_1(sentence: str) -> Optional[Hit]:
    """Pass 1, the broadest: a question, a wish, a clause "…, puedo…" or an "si" clause. Before a real person is
    needed: a person of flesh and blood, the clinic asked to do something, quitting one's treatment, "¿está bien que
    pare el calcio?", one's cure. Then, with a real person: an appointment, papers, whom to call, prognosis, how long,
    one's dose against another's or which is one's own; then `_pass_1_course`."""
    words = split_words(sentence)
    text = " ".join(words)
    if not words:
        return None
    if (people.REAL_PERSON.search(text) and not people.IS_BOT.search(text)) or people.DIRECT_LINE.search(text):
        return ("care_team", "request_human", sentence)  # not "¿hablo con una persona de verdad?" (about the bot)
    if any(w in GENERIC for w in words) or general.SOMEONE_GENERIC.search(text):
        return None
    asks = asked_broadly(sentence, words, text) or " si " in f" {text} "
    request = asks or REQUEST.search(text)
    clinic = people.clinic_does(words, text)
    if (request and clinic) or (asks and (doses.QUIT.search(text) or doses.NO_MORE.search(text))):
        category = "request_human" if clinic else "personal_decision"
        return ("care_team", category, sentence)  # the verb says who: "quisiera dejar de ponerme…"
    fine = FINE_IF.search(text)
    if fine and finite_after(fine) and (medicines_named(words) or any(w in ACTIVITY for w in words)):
        return ("care_team", "personal_decision", sentence)  # "¿está bien que pare el calcio?": someone real
    if prognosis.OWN_CURE.search(text):
        return ("care_team", "prognosis", sentence)
    if not personal(words, text):
        return None
    info = words[0] in INFO_START or words[:2] == ["por", "que"]
    treatment = treatment_named(words)
    if doses.go_or_stop(text) and (treatment or medicines_named(words)):
        return ("care_team", "personal_decision", sentence)  # "aguanto un mes más sin el xgeva… o lo sigo?": asked
    if (asks or " o " in text) and medicines.SAME_DAY.search(text) and medicines_named(words) >= 2:
        return ("care_team", "personal_decision", sentence)  # two of one's infusions: "¿el mismo día o dos veces?"
    if asks and treatment and plans.SURGERY.search(text) and plans.GOES_ON.search(text):
        return ("care_team", "personal_decision", sentence)  # one's operation and one's drug: "¿me la siguen haciendo?"
    if request and people.APPOINTMENT.search(text):
        return ("care_team", "request_human", sentence)
    if request and (spanish_admin.care_admin(words, treatment) or people.WEAK_ADMIN.search(text)):
        return ("care_team", "request_human", sentence)
    if asks and people.WHO_TO.search(text) and (treatment or any(w in ("cita", "appointment", "turno") for w in words)):
        return ("care_team", "request_human", sentence)
    if asks and prognosis.HOSPICE.search(text) and not info:
        return ("care_team", "prognosis", sentence)
    if asks and (
        prognosis.SEE_EVENT.search(text)
        or prognosis.UNTIL.search(text)
        or (prognosis.LIFETIME.search(text) and not treatment)
    ):
        return ("care_team", "prognosis", sentence)
    disease = any(w in DISEASE or w in ("esto", "eso") for w in words) or re.search(r"\blo (de|mio|suyo)\b", text)
    if asks and prognosis.GOES_AWAY.search(text) and disease:
        return ("care_team", "prognosis", sentence)
    if doses.HOW_LONG.search(text) and treatment:
        return ("care_team", "dosing", sentence)
    if doses.COMPARED.search(text) and (treatment or any(w in SCHEDULE or w.isdigit() for w in words)):
        return ("care_team", "dosing", sentence)  # "¿por qué a mí cada 3 meses y a mi amiga cada mes?"
    if asks and doses.WHICH_MINE.search(text) and (treatment or any(w.isdigit() for w in words)):
        return ("care_team", "dosing", sentence)
    return _pass_1_course(sentence, words, text, asks, info, treatment)


def _pass_1_course(
    sentence: str, words: Sequence[str], text: str, asks: bool, info: bool, treatment: bool
) -> Optional[Hit]:
    """Pass 1 (continued), asked as a question (not "¿qué es…?"): effects and whether it works, what comes next,
    one's next test, carrying on here; after an information question ("¿qué le doy…?") stops: continuing, stopping,
    pausing, refusing, skipping, timing, a dose again or forgotten; then `_pass_1_beside`."""
    if not asks:
        return None
    if (effects.WORKING.search(text) or doses.CANDIDATE.search(text)) and not info:
        return ("care_team", "personal_decision", sentence)
    if doses.WHAT_NEXT.search(text) or (doses.WHAT_THEY_GIVE.search(text) and doses.TOLD_FOUND.search(text)):
        return ("care_team", "personal_decision", sentence)
    why = words[:2] == ["por", "que"] or words[0] in ("porque", "para")  # "¿por qué me hacen examen de riñón…?"
    if (
        any(w in TEST for w in words)
        and not why
        and (results.MY_TURN.search(text) or (results.TEST_PLAN.search(text) and not info))
    ):
        return ("care_team", "personal_decision", sentence)
    if effects.FOR_HER.search(text) or re.search(r"\b(normal|esperado) (para|en) él\b", sentence.lower()):
        return ("care_team", "personal_decision", sentence)
    if people.CARRY_ON.search(text) and treatment:
        return ("care_team", "request_human", sentence)  # "¿cómo le hacemos para seguir con su zometa acá?"
    if doses.RESTART.search(text) and (treatment or re.search(r"\b(lo|la) (vuelvo|vuelve|volvemos)\b", text)):
        return ("care_team", "personal_decision", sentence)  # "¿cuándo la vuelvo a tomar?"
    if info:
        return None  # "¿qué le doy…?", "¿cómo se toma…?": information, the FAQ's or out of scope
    if (
        (doses.CONTINUE.search(text) and (treatment or medicines_named(words)))
        or doses.STOP_IT.search(text)
        and treatment
    ):
        return ("care_team", "personal_decision", sentence)
    if doses.STOP_IT.search(text) and re.search(
        r"\b(me|le|nos|se) (lo|la|los|las) (pueden|puede|podrian|podria|van a)", text
    ):
        return ("care_team", "personal_decision", sentence)
    if (
        (doses.PAUSE.search(text) and treatment)
        or doses.REFUSE.search(text)
        or (doses.HESITATE.search(text) and treatment)
        or (doses.CLINIC_GIVE.search(text) and treatment)
    ):
        return ("care_team", "personal_decision", sentence)
    if doses.SKIP_VISIT.search(text) and (treatment or any(w in ("cita", "appointment", "consulta") for w in words)):
        return ("care_team", "personal_decision", sentence)
    if doses.WHEN_OR.search(text) and re.search(r"\b(tomo|doy|damos|tomamos|pongo)\b", text) and medicines_named(words):
        return ("care_team", "dosing", sentence)
    if doses.REFUSE.search(text):
        return ("care_team", "personal_decision", sentence)
    if doses.AGAIN.search(text) or (doses.FORGOT.search(text) and treatment):
        return ("care_team", "missed_dose", sentence)
    if doses.IF_BETTER.search(text) and ("cada" in words or any(w in SCHEDULE for w in words)):
        return ("care_team", "dosing", sentence)
    if doses.TOO_MUCH.search(text) and any(w.isdigit() for w in words) or doses.HOUR.search(text):
        return ("care_team", "dosing", sentence)
    return _pass_1_beside(sentence, words, text, treatment)


def _pass_1_beside(sentence: str, words: Sequence[str], text: str, treatment: bool) -> Optional[Hit]:
    """Pass 1 (end): something beside the person's own treatment: another medicine, an activity, a pregnancy, dental
    work with a date, an operation."""
    other = medicines_named(words)
    if medicines.TOGETHER.search(text) and (other >= 2 or medicines.CLITIC_GIVE.search(text)):
        return ("care_team", "personal_decision", sentence)
    if (medicines.INTERACT.search(text) and treatment) or (medicines.FINE_WITH.search(text) and other >= 2):
        return ("care_team", "personal_decision", sentence)
    if medicines.GIVE_TO.search(text) and any(w in OTHER_MED for w in words):
        return ("care_team", "personal_decision", sentence)
    if medicines.TAKE_IT.search(text) and (other or re.search(r"\b(sin problema|igual)\b", text)):
        return ("care_team", "personal_decision", sentence)
    if medicines.INSTEAD.search(text) and MAY.search(text) and other:
        return ("care_team", "personal_decision", sentence)
    fine = FINE_IF.search(text)
    activity = any(w in ACTIVITY for w in words)
    if MAY.search(text) and other and WITH_OWN.search(text) and re.search(r"\b(me|le) (puedo|puede|podemos)\b", text):
        return ("care_team", "personal_decision", sentence)  # "¿me puedo echar unas cervezas con el tratamiento?"
    own_disease = any(w in DISEASE for w in words) or WITH_OWN.search(text) or treatment
    if (MAY.search(text) or plans.LET_GO.search(text) or fine) and activity and own_disease:
        return ("care_team", "personal_decision", sentence)
    if plans.LET_GO.search(text) and own_disease:
        return ("care_team", "personal_decision", sentence)
    if plans.PREGNANT.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)
    if dental.work_or_visit(words) and treatment and DATE.search(text):
        return ("care_team", "dental_timing", sentence)
    if plans.SURGERY_PLANNED.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)
    return None
