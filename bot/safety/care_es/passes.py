"""The six passes of the Spanish care-team readers, in the order they were written (bot/safety/care_es/__init__.py
explains why the order is kept); each reads one sentence and returns the first kind it finds."""

from __future__ import annotations

import re
from typing import Optional

from bot.safety.care_es import dental, doses, effects, general, medicines, people, plans, prognosis, results
from bot.safety.care_es.first_pass import _pass_1
from bot.safety.care_es.words import (
    ACTIVITY,
    ASK_START,
    ASKED_TAIL,
    DISEASE,
    GENERIC,
    LISTS,
    MAY_GENERAL,
    MAY_SELF,
    OTHER_MED,
    REQUEST,
    TEST,
    WH,
    Hit,
    medicines_named,
    own_treatment,
    personal,
    split_words,
    treatment_named,
)


def _pass_2(sentence: str) -> Optional[Hit]:
    """Pass 2, a real person, asked by "?" or "si": who gives one's results, rescheduling one's dose (also as a wish);
    when it stops or how much is left, whether results are out, what comes after, swapping it, an activity with one's
    metastases ("con lo de su columna")."""
    words = split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words) or not personal(words, text):
        return None
    if general.SOMEONE_GENERIC.search(text):
        return None  # "¿por qué alguien con metástasis podría dejar de caminar?": nobody's own case (as pass 1)
    asks = "?" in sentence or "¿" in sentence or " si " in f" {text} "
    treatment = treatment_named(words)
    if people.WHO_GIVES.search(text) and asks:
        return ("care_team", "request_human", sentence)  # "¿quién me puede dar los resultados…?"
    if people.RESCHEDULE.search(text) and treatment and (asks or REQUEST.search(text)):
        return ("care_team", "request_human", sentence)  # "quiero reprogramar lo del zometa de mi papá"
    if not asks:
        return None
    if (doses.WHEN_OFF.search(text) and treatment) or doses.LEFT_OF.search(text):
        return ("care_team", "dosing", sentence)  # "¿cuándo le quitan el xgeva?", "¿cuántos ciclos me faltan?"
    if results.READY.search(text) and any(w in TEST for w in words):
        return ("care_team", "lab_results", sentence)  # "me hicieron unos labs ayer, ¿ya salieron?"
    if doses.AFTER.search(text) or (doses.SWAP.search(text) and medicines_named(words)):
        return ("care_team", "personal_decision", sentence)  # "¿le toca otra cosa?", "¿lo puedo cambiar por otro?"
    if plans.MAY_ACTIVITY.search(text) and any(w in ACTIVITY for w in words):
        if any(w in DISEASE for w in words) or plans.THAT_OF.search(text):
            return ("care_team", "personal_decision", sentence)  # "con lo de su columna, ¿se puede?"
    return None


def _pass_3(sentence: str) -> Optional[Hit]:
    """Pass 3, no generic person (a real one where a kind needs it), asked also by a tail ("…, ¿o no?", "antes o
    después"): a callback wished, one's value moved to a number, moving one's appointment; then, asked: a callback,
    one's report applied to oneself, prognosis, how much longer, two of one's drugs doubling, a drink or medicine
    harming one, a dose change, advice heeded or still needed, `_pass_3_more`, dental work before or after a dose."""
    words = split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words):
        return None
    asks = "?" in sentence or "¿" in sentence or bool(ASKED_TAIL.search(text)) or words[0] in ASK_START
    person = personal(words, text)
    treatment = treatment_named(words)
    if (
        people.CALL_ME.search(text)
        and people.CALL_WISH.search(text)
        and (person or any(w in people.STAFF for w in words))
    ):
        return ("care_team", "request_human", sentence)  # "porfa que la enfermera me marque hoy"
    lab = next((i for i, w in enumerate(words) if w in LISTS["SHAPE_LAB"]), None)
    if lab is not None and person and results.MOVED_TO.search(" ".join(words[lab:])):
        return ("care_team", "lab_results", sentence)  # "la creatinina de mi mamá subió a 1.5"
    if people.MOVE_VISIT.search(text) and (asks or people.CALL_WISH.search(text)):
        return ("care_team", "request_human", sentence)  # "¿puedo adelantar mi cita?", "quiero posponer la consulta"
    if not asks:
        return None
    if people.CALL_BACK.search(text):
        return ("care_team", "request_human", sentence)  # "¿hoy me regresan la llamada?"
    if results.report_for_me(words, text):
        return ("care_team", "lab_results", sentence)  # "el informe dice…, ¿es bueno para mí?"
    if prognosis.own_course(words, text, person, treatment):
        return ("care_team", "prognosis", sentence)
    if treatment and person and doses.LONGER.search(text):
        return ("care_team", "dosing", sentence)  # "¿cuántos años más voy a tener que ponerme el xgeva?"
    own = re.search(r"\b(mi|mis|su|sus|me|le)\b", text)
    if own and medicines_named(words) >= 2 and medicines.TWICE.search(text):
        return ("care_team", "personal_decision", sentence)  # "me dan alendronato y zometa, ¿no es doble?"
    if (
        own
        and medicines.HARM_ME.search(text)
        and (medicines_named(words) >= 2 or (treatment and medicines.DRINK_HARMS.search(text)))
    ):
        return ("care_team", "personal_decision", sentence)  # "¿una copita de vino con mi quimio me hace daño?"
    if doses.DOSE_CHANGE.search(text):
        return ("care_team", "dosing", sentence)  # "si sigue el dolor, ¿me suben la dosis?"
    off = doses.TAKE_OFF.search(text)
    off = off and treatment_named([off.group("what")])
    if treatment and person and (doses.HEED.search(text) or doses.STILL_NEED.search(text) or off):
        return ("care_team", "personal_decision", sentence)  # "el onco me quiere quitar el xgeva, ¿es lo correcto?"
    if doses.HEED.search(text) and doses.ADVISED.search(text):
        return ("care_team", "personal_decision", sentence)  # "la doctora me dijo que lo pare, ¿le hago caso?"
    if _pass_3_more(words, text, person, treatment):
        return ("care_team", "personal_decision", sentence)
    if dental.work_or_pulled(words) and treatment and person and dental.WHEN_AGAINST.search(text):
        return ("care_team", "dental_timing", sentence)  # "necesito una endodoncia, ¿antes o después del shot?"
    return None


def _pass_3_more(words, text: str, person: bool, treatment: bool) -> bool:
    """Pass 3 (middle): a choice of drug for the person, a trouble of theirs while on it, another medicine affecting them, their
    treatment stopped for something ahead: each with the person named, so "¿qué es mejor, zometa o xgeva?" or "¿la
    prednisona afecta los huesos?" stay general."""
    if doses.BETTER_FOR.search(text) and person and medicines_named(words) >= 2:
        return True  # "¿qué le conviene a mi papá, el zometa o el xgeva?"
    if effects.NORMAL_FOR.search(text) and treatment and not any(w.startswith(effects.RADIATION) for w in words):
        return True  # "¿es normal que me duelan las manos con el letrozol?" (a flare after radiation: the FAQ's)
    if medicines.TAKING.search(text) and medicines.AFFECTS_ME.search(text):
        return True  # "mi esposo toma cortisona, ¿le afecta los huesos?"
    return bool(doses.MUST_STOP.search(text) and treatment and person)


def _pass_4(sentence: str) -> Optional[Hit]:
    """Pass 4, a real person, asked (also "se puede…" first): with the treatment said to be one's own ("el xgeva que
    me ponen", "con mi tamoxifeno"), dental work, or another medicine, a drink or an activity with it; one's treatment
    while ill or on another medicine now ("si ando con antibiótico"); a what-if with an activity ("¿y si me hago un
    tatuaje…?")."""
    words = split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words) or not personal(words, text):
        return None
    asks = "?" in sentence or "¿" in sentence or words[0] in ASK_START or text.startswith("se puede")
    if not asks:
        return None
    treatment = treatment_named(words)
    teeth = dental.work_or_tooth_out(words, text)
    beside = medicines_named(words) >= 2 or bool(medicines.DRINK.search(text))
    if MAY_GENERAL.search(text) and own_treatment(text):
        if teeth:
            return ("care_team", "dental_timing", sentence)  # "¿se puede hacer un implante con el xgeva que me ponen?"
        if beside or any(w in ACTIVITY for w in words):
            return ("care_team", "personal_decision", sentence)  # "¿se puede tomar cúrcuma con mi tamoxifeno?"
    state = medicines.STATE_NOW.search(text)
    if state and treatment and MAY_GENERAL.search(text):
        after = text[state.start() :].split()
        if any(w in OTHER_MED or w in medicines.CONDITION or w.startswith("antibiot") for w in after):
            return ("care_team", "personal_decision", sentence)  # "¿se puede poner el shot si ando con antibiótico?"
    if (
        plans.WHAT_IF.search(text)
        and any(w in ACTIVITY for w in words)
        and (treatment or any(w in DISEASE for w in words))
    ):
        return ("care_team", "personal_decision", sentence)  # "¿y si me hago un tatuaje con las metástasis?"
    return None


def _pass_5(sentence: str) -> Optional[Hit]:
    """Pass 5, a real person: an effect put down to one's treatment as its cause (asked by "?"); a change of one's
    medicine asked for or preferred (which_drug)."""
    words = split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words) or not personal(words, text):
        return None
    asks = "?" in sentence or "¿" in sentence
    because = effects.BECAUSE.search(text)
    cause = text[because.start(4) :].split()[:3] if because else []  # the cause named: "el acido zoledronico"
    if asks and cause and (cause[0] in effects.CAUSE_WORDS or treatment_named(cause)):
        return ("care_team", "personal_decision", sentence)  # "me da sueño después del zometa, ¿es por eso?"
    if (
        asks
        and cause
        and cause[0] in effects.THAT_CAUSE
        and treatment_named(words)
        and effects.SINCE_STARTED.search(text)
    ):
        return ("care_team", "personal_decision", sentence)  # "desde que empecé el ibrance…, ¿será de eso?"
    if asks and doses.SWITCH_TOLD.search(text) and medicines_named(words) >= 2:
        return ("care_team", "which_drug", sentence)  # "me cambian el aredia por el zometa, ¿por qué a mí?"
    if doses.ASK_CHANGE.search(text) and medicines_named(words) and (asks or REQUEST.search(text)):
        return ("care_team", "which_drug", sentence)  # "preferiría el ácido zoledrónico, ¿puedo pedir el cambio?"
    return None


def _asked_6(sentence: str, words) -> bool:
    """Asked, for pass 6: marks, a question word first or first in a later clause, "me puedo…" first."""
    text = " ".join(words)
    # a question without its marks in a later clause: "…antes de la cirugía, cuántas semanas antes"
    later = [split_words(part)[:2] for part in re.split(r"[,;:]", sentence)[1:]]
    starts = any(w in WH for first in later for w in first)
    return "?" in sentence or "¿" in sentence or words[0] in ASK_START or starts or bool(MAY_SELF.search(text))


def _pass_6(sentence: str) -> Optional[Hit]:
    """Pass 6, a real person, not the helpline: put through to a person or an appointment with one; waiting it out or
    telling the clinic; one's dose moved or skipped by name; then, asked: "¿o mejor no?", travel and one's dose,
    stopping before an operation, time enough before starting, dental work with one's own treatment, a change of drug
    wished, a vaccine, how much is left, a value out of range, being well for an event."""
    words = split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words) or not personal(words, text):
        return None
    if "linea" in words or "komen" in words or "helpline" in words:
        return None  # reaching the helpline is the FAQ's answer
    asks = _asked_6(sentence, words)
    request = asks or REQUEST.search(text) or re.search(r"\b(porfa|porfis|plis|please)\b", text)
    treatment = treatment_named(words)
    if request and (people.PUT_THROUGH.search(text) or people.WANT_VISIT.search(text)):
        return ("care_team", "request_human", sentence)  # "¿me comunica con la enfermera de turno?"
    if effects.WAIT_OR.search(text) and (
        treatment or re.search(r"\b(doctor|doctora|medico|enfermera|onco\w*)\b", text)
    ):
        return ("care_team", "personal_decision", sentence)  # "…desde la inyección, ¿aguanto o le aviso?"
    if treatment and (doses.MOVE_TO.search(text) or (doses.SKIP_NAMED.search(text) and asks)):
        return ("care_team", "dosing", sentence)  # "me toca el xgeva el jueves…, ¿lo paso al lunes?"
    if not asks:
        return None
    if effects.OR_NOT.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)  # "me da sueño el denosumab, ¿manejo o mejor no?"
    if doses.SKIP_NAMED.search(text) or (plans.TRAVEL.search(text) and treatment):
        return ("care_team", "dosing", sentence)  # "¿y si me salto la de diciembre?", a trip and one's dose
    if (
        treatment
        and plans.SURGERY.search(text)
        and plans.STOP_BEFORE.search(text)
        and plans.HOW_LONG_BEFORE.search(text)
    ):
        return ("care_team", "personal_decision", sentence)  # stopped before one's operation: how long before
    if treatment and plans.TIME_ENOUGH.search(text) and plans.BEFORE.search(text):
        return ("care_team", "dental_timing" if dental.any_word(words) else "personal_decision", sentence)
    own = own_treatment(text)
    if own and dental.tooth_named(words) and MAY_GENERAL.search(text):
        return ("care_team", "dental_timing", sentence)  # "un blanqueamiento dental, con el prolia que me ponen ¿…?"
    if doses.SWAP_FROM.search(text) and medicines_named(words) >= 2:
        return ("care_team", "which_drug", sentence)  # "quiero cambiarme del zometa al xgeva, ¿se puede?"
    if plans.VACCINE.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)  # "me puedo vacunar el mismo día del xgeva"
    if doses.LEFT_OF.search(text) or results.OUT_OF_RANGE.search(text):
        return ("care_team", "lab_results" if results.OUT_OF_RANGE.search(text) else "dosing", sentence)
    if prognosis.WELL_FOR.search(text):
        return ("care_team", "prognosis", sentence)  # "mi hija se casa en junio, ¿voy a estar bien para esa fecha?"
    return None


_PASSES = (_pass_1, _pass_2, _pass_3, _pass_4, _pass_5, _pass_6)
