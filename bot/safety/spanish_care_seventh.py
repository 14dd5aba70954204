"""Spanish care-team asks by shape, seventh round (the "Spanish crisis and care" DEV set's care-team kinds, written
2026-12-07 13:05; spanish_care.py is at its size, spanish_care_more.py, _own.py, _fifth.py and _sixth.py hold the
rounds before).

Kinds the earlier readers missed, each about a real person (me, mi, le, a relative, a first-person verb) so the same
words asked in general stay FAQ questions:
- to be put through to a person of one's care ("¿me comunica con la enfermera?", "que me pasen con mi doctora"), or
  an appointment with one asked for ("quiero una cita con la trabajadora social"); the helpline is the FAQ's;
- waiting it out or telling the clinic, asked as a choice ("aguanto o le aviso"), or "…, ¿o mejor no?" with one's
  treatment named;
- one's own dose moved, skipped or timed against a plan of one's own: moved to another day ("lo paso al martes"),
  one named by its month skipped ("¿me salto la de enero?"), travel ahead, stopping it before one's operation and how
  long before, time enough to have something done before starting it ("¿me da tiempo de…?");
- dental work of any kind (a whitening too) asked with the treatment said to be one's own ("con el xgeva que me
  ponen, ¿hay problema?");
- a change from one's drug to another wished ("quiero pasarme del prolia al zometa"); a vaccine with one's treatment;
- how much of one's treatment is left asked with no question mark ("cuántas infusiones me quedan");
- one's value out of range asked about ("me salió por encima del rango, ¿qué indica?");
- being well for an event of one's own ("¿voy a estar bien para la graduación?"), a prognosis.
Words: the lists of spanish_care.py.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.safety import spanish_care, spanish_care_fifth
from bot.safety.spanish_care import DENTAL, GENERIC, TOOTH, Hit
from bot.safety.spanish_care_more import _LEFT_OF

_rx = re.compile
_WH = frozenset("que como cual cuales cuando donde cuanto cuanta cuantos cuantas quien quienes".split())
_HUMAN = (
    r"(oncologo|oncologa|doctor|doctora|dr|dra|medico|medica|enfermera|enfermero|nurse|equipo|especialista|navegadora"
    r"|navegador|trabajadora social|trabajador social|alguien|una persona|un humano|una humana)"
)
_PUT_THROUGH = _rx(
    r"\b(me|nos|le) (pasa|pasan|pase|pasen|pasas|comunica|comunican|comunique|comuniquen|comunicas|conecta|conectan"
    r"|conecte|conecten|transfiere|transfieren|transfiera|transfieran|comunicara|pasaran) (con|a) (el |la |los |las"
    r" |mi |mis |su |sus |un |una |algun |alguna )?" + _HUMAN + r"\b"
)
_WANT_VISIT = _rx(
    r"\b(quiero|quisiera|queria|necesito|ocupo|me dan|me pueden dar|me puede dar|me podrian dar|me den|pido)"
    r" (una |otra |un )?(cita|consulta|turno|appointment) (con|para ver|para hablar con|para que me vea)\b"
)
_WAIT_OR = _rx(
    r"\b(aguanto|me aguanto|aguantamos|espero|me espero|esperamos|lo dejo pasar|la dejo pasar) o (mejor )?(le |me |lo"
    r" |la |les )?(aviso|avisamos|hablo|hablamos|llamo|llamamos|marco|voy|vamos|pongo|tomo|doy|hago|reporto|escribo"
    r"|digo)\b|\b(le )?(aviso|hablo|llamo|marco) o (me )?(aguanto|espero)\b"
)
_OR_NOT = _rx(r"\bo mejor (no|espero|me espero|lo dejo|la dejo|me aguanto|aguanto)\b")
_MOVE_TO = _rx(
    r"\b(lo|la|los|las) (muevo|movemos|paso|pasamos|cambio|cambiamos|recorro|recorremos|adelanto|adelantamos|atraso"
    r"|atrasamos|pospongo|posponemos|dejo|dejamos) (al|para el|a el|pal|para la|a la) (lunes|martes|miercoles|jueves"
    r"|viernes|sabado|domingo|otro dia|dia siguiente|siguiente|proximo|proxima|\d+)\b"
)
_MONTHS = (
    r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|lunes|martes"
    r"|miercoles|jueves|viernes|sabado|domingo|proximo|proxima|siguiente|este mes|la semana)"
)
_SKIP_NAMED = _rx(
    r"\b(me|le|nos) (salto|saltamos|salte|brinco|brincamos|paso|pasamos|pierdo|perdemos) (la|el|las|los) (de|del) "
    + _MONTHS
)
_TRAVEL = _rx(
    r"\b(voy|vamos|va|van) a (viajar|irme|irnos|irse|salir del pais|estar fuera|estar de viaje)\b|\bme voy de viaje\b"
)
_SURGERY = _rx(r"\b(cirugia|operacion|operar|operan|operen|extraccion|procedimiento|biopsia)\b")
_STOP = _rx(r"\b(pare|parar|pararlo|pararla|suspenda|suspender|suspenderlo|suspenderla|deje|dejar|quite|quitar)\b")
_HOW_LONG = _rx(
    r"\bcuant[oa]s? (dias|semanas|meses|tiempo) (de )?(antes|despues)\b|\bcon cuant[oa]s? (dias|semanas|tiempo)\b"
)
_TIME_ENOUGH = _rx(r"\b(me|le|nos) (da|dara|daria|alcanza|alcanzara) (el )?tiempo (de|para|a)\b")
_BEFORE = _rx(r"\b(antes|despues) (de|del|que)\b")
_SWAP_FROM = _rx(
    r"\b(cambiarme|pasarme|cambiarse|pasarse|cambiarnos|pasarnos|cambiarle|pasarle|cambiarla|cambiarlo|pasarla|pasarlo|me cambien|me pasen|le cambien"
    r"|le pasen|me cambio|me paso) (de|del|de la)\b.*\b(a|al|a la|por)\b"
)
_VACCINE = _rx(r"\bvacun\w*")
_MAY_SELF = _rx(r"^((y|pero|oiga|oye|entonces|bueno) )*(me|le|nos) (puedo|puede|podemos|pueden)\b")
_OUT_OF_RANGE = _rx(
    r"\b(me|le|nos) (dio|dieron|salio|salieron|sale|salen|da|sigue|sigo) (muy )?(arriba|abajo|fuera|por encima"
    r"|por debajo|encima|debajo) (del|de|de los) (rango|rangos|normal|limite|limites|valores)\b"
)
_WELL_FOR = _rx(
    r"\b(voy|va|vamos) a (estar|seguir|llegar) (bien|aqui|viva|vivo|con vida|de pie|presente|fuerte) (para|en|a)\b"
)


def _asks(sentence: str, words) -> bool:
    text = " ".join(words)
    # a question without its marks in a later clause: "…antes de la cirugía, cuántas semanas antes"
    later = [spanish_care.split_words(part)[:2] for part in re.split(r"[,;:]", sentence)[1:]]
    starts = any(w in _WH for first in later for w in first)
    return (
        "?" in sentence
        or "¿" in sentence
        or words[0] in spanish_care.ASK_START
        or starts
        or bool(_MAY_SELF.search(text))
    )


def care_ask_seventh(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) for this module's kinds about a real person."""
    words = spanish_care.split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words) or not spanish_care.personal(words, text):
        return None
    if "linea" in words or "komen" in words or "helpline" in words:
        return None  # reaching the helpline is the FAQ's answer
    asks = _asks(sentence, words)
    request = asks or spanish_care.REQUEST.search(text) or re.search(r"\b(porfa|porfis|plis|please)\b", text)
    treatment = spanish_care.treatment_named(words)
    if request and (_PUT_THROUGH.search(text) or _WANT_VISIT.search(text)):
        return ("care_team", "request_human", sentence)  # "¿me comunica con la enfermera de turno?"
    if _WAIT_OR.search(text) and (treatment or re.search(r"\b(doctor|doctora|medico|enfermera|onco\w*)\b", text)):
        return ("care_team", "personal_decision", sentence)  # "…desde la inyección, ¿aguanto o le aviso?"
    if treatment and (_MOVE_TO.search(text) or (_SKIP_NAMED.search(text) and asks)):
        return ("care_team", "dosing", sentence)  # "me toca el xgeva el jueves…, ¿lo paso al lunes?"
    if not asks:
        return None
    if _OR_NOT.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)  # "me da sueño el denosumab, ¿manejo o mejor no?"
    if _SKIP_NAMED.search(text) or (_TRAVEL.search(text) and treatment):
        return ("care_team", "dosing", sentence)  # "¿y si me salto la de diciembre?", a trip and one's dose
    if treatment and _SURGERY.search(text) and _STOP.search(text) and _HOW_LONG.search(text):
        return ("care_team", "personal_decision", sentence)  # stopped before one's operation: how long before
    if treatment and _TIME_ENOUGH.search(text) and _BEFORE.search(text):
        dental = any(w in DENTAL or w in TOOTH or w.startswith("limpieza") for w in words)
        return ("care_team", "dental_timing" if dental else "personal_decision", sentence)
    own = spanish_care_fifth._own_treatment(text)
    if own and any(w in TOOTH for w in words) and spanish_care_fifth._MAY.search(text):
        return ("care_team", "dental_timing", sentence)  # "un blanqueamiento dental, con el prolia que me ponen ¿…?"
    if _SWAP_FROM.search(text) and spanish_care.medicines_named(words) >= 2:
        return ("care_team", "which_drug", sentence)  # "quiero cambiarme del zometa al xgeva, ¿se puede?"
    if _VACCINE.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)  # "me puedo vacunar el mismo día del xgeva"
    if _LEFT_OF.search(text) or _OUT_OF_RANGE.search(text):
        return ("care_team", "lab_results" if _OUT_OF_RANGE.search(text) else "dosing", sentence)
    if _WELL_FOR.search(text):
        return ("care_team", "prognosis", sentence)  # "mi hija se casa en junio, ¿voy a estar bien para esa fecha?"
    return None
