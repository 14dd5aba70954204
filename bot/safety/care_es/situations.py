"""Spanish care-team kinds read over the WHOLE message (Spanish care 6, 2026-12-07 22:40 DEV set): one's own situation
is told across sentences and asked at the end, so no single sentence holds both. Each kind needs a real person
(`personal`: me, mi, le, a relative, a first-person verb; never "uno", "la gente") and its own shape; the same words
asked of nobody stay FAQ questions ("¿qué es un biosimilar?", "dicen que los biosimilares son peores, ¿es cierto?",
"¿qué diferencia hay entre una segunda opinión y cambiarse de doctor?").

The kinds, in the order tried (`situation`):

- a drug swapped by the insurer or the pharmacy (a biosimilar, a generic) asked about FOR the person ("¿me sirve igual
  a mí?", "¿es lo mismo para él?", "¿lo sigo poniendo igual?", "para ella, ¿cuál le queda mejor?"): which_drug;
- a drug given other than the one the clinician had named ("me pusieron X si la doctora había dicho Y"): which_drug;
- what a clinician said, or one's own scan or report says, asked as to what it means for the person ("¿qué quiso decir
  con eso para mí?", "¿qué significa en lo mío?", "¿eso es para mí?", "no entendí cuando la doctora dijo…, ¿me lo
  explica alguien?"): lab_results for a scan or a report, personal_decision otherwise;
- two clinicians saying different things ("¿a quién le hago caso?"): personal_decision;
- a letter, a form or papers from the doctor, for work or a second opinion ("¿quién me la hace?", "no sé qué papeles
  llevar"): request_human;
- a clinical trial for the person (could I get in, one that would take me, accepted and whether to go): personal;
- one's infusion at home: personal_decision;
- stopping or pausing one's cancer medicine asked as a what-if ("¿y si dejo el tamoxifeno unos meses?"): dosing;
- holding on or asking for a change ("¿aguanto o le pido…?", "aguanto con…, ¿o mejor pido el otro?"): personal;
- time left asked for a person ("si todavía le quedan años o meses"): prognosis;
- something new with one's own treatment ("un DIU… no sé si va con el tratamiento que llevo"): personal_decision;
- whether to tell the clinician one's decision ("no sé si decirle a la doctora que no quiero…"): personal_decision.

Words: content/safety_vocabulary.yml `es.word_lists` CARE_SWAP_SOURCE, CARE_CLINICIAN, CARE_PAPERS."""

from __future__ import annotations

import re
from typing import Optional

from bot.safety.care_es.words import GENERIC, LISTS, Hit, medicines_named, personal, split_words, treatment_named

_rx = re.compile


def _one_of(name: str) -> str:
    return "(" + "|".join(sorted((w.replace("_", " ") for w in LISTS[name]), key=len, reverse=True)) + ")"


SWAP_SOURCE = _rx(rf"\b{_one_of('CARE_SWAP_SOURCE')}\b")
CLINICIAN = _one_of("CARE_CLINICIAN")
PAPERS = _rx(rf"\b{_one_of('CARE_PAPERS')}\b")
WHO = r"(mi|el|ella|nosotros|nosotras|mi (mama|papa|esposo|esposa|hija|hijo))"

FOR_ME = _rx(
    rf"\b(sirve|funciona|va|queda|cae) (igual|mejor)( \w+)? (a|para) {WHO}\b"
    rf"|\b(a|para) {WHO} (me |le )?(sirve|funciona|va|queda) (igual|mejor)\b"
    rf"|\b(lo mismo|igual de bueno|igual de buena|igualito|igualita|alguna diferencia|diferencia) (para|a) {WHO}\b"
    r"|\b(lo|la) (sigo|seguimos|sigue) (poniendo|tomando|usando|aplicando) igual\b"
    rf"|\bpara {WHO} cual\b|\bcual (le|me) (queda|conviene|sirve) mejor\b"
)
OFFERED_SAME = _rx(
    r"\bque (me|le) (quieren|van a|piensan) (dar|poner|cambiar)\b.*\b(mismos efectos|lo mismo|igual que|mismo efecto)\b"
)
SAID_OTHER = _rx(r"\b(me|le) (pusieron|dieron|pasaron|cambiaron)\b.*\b(habia|habian) dicho\b")

CLINICIAN_SAID = _rx(
    rf"\b{CLINICIAN}\b( \w+){{0,5}} (me |le |nos )?(dijo|dijeron|hablo|menciono|explico|puso|comento)\b"
)
OWN_SCAN = _rx(
    r"\b(mi|su|el|la) (ultimo |ultima )?(resonancia|tomografia|pet|pet ct|informe|reporte|resultado|resultados"
    r"|gammagrafia|radiografia|placa|estudio|scan)\b( \w+){0,4} (sale|salio|dice|dijo|decia|que (me|le) mandaron)\b"
)
MEANS_FOR = _rx(
    rf"\b(quiso decir|quiere decir|significa|significaria|que es eso)\b( \w+){{0,4}} (para|pa|a) {WHO}\b"
    r"|\b(significa|quiere decir)\b( \w+){0,3} en (lo mio|mi caso|su caso|lo de (ella|el))\b"
    r"|\beso es para (mi|el|ella)\b"
    r"|\b(significa|quiere decir)\b.*\b(me|le) (sirve|funciona|mandaron)\b"
    r"|\bque significa (el|la|mi|su) (ultimo |ultima )?(resultado|informe|reporte)\b( \w+){0,2} que (me|le)\b"
)
NOT_GOT = _rx(r"\bno (le |lo |la )?(entendi|entiendo|capte|comprendi)\b")
EXPLAIN = _rx(r"\b(me|nos|le) (lo |la )?(explica|explican|puede explicar|pueden explicar|explique)\b")
WHOM_HEED = _rx(r"\ba quien (le |les )?(hago|hacemos|hace|hacen|sigo|seguimos) caso\b|\ba quien le creo\b")

PAPER_FOR = _rx(
    rf"\b{_one_of('CARE_PAPERS')} (del|de la|de mi|de su|que firme el|que firme la) {CLINICIAN}\b"
    r"|\bsegunda opinion\b.*\b(papeles|documentos|historial|expediente|estudios)\b"
    r"|\b(papeles|documentos|historial|expediente)\b.*\bsegunda opinion\b"
)
PAPER_ASK = _rx(
    r"\bquien (me|le|nos) (la|lo|los|las) (hace|firma|llena|da)\b|\b(me|nos) (ayudan|ayuda|puede ayudar|pueden ayudar)\b"
    r"|\bno se (que|ke) (papeles|pedir|llevar)\b|\bcomo (lo|la) (pido|consigo)\b|\ba quien (se lo|se la) (entrego|doy|mando)\b"
)

TRIAL = _rx(r"\b(estudio|estudios|ensayo|ensayos|protocolo) (clinico|clinicos|de investigacion)\b|\bel estudio\b")
TRIAL_ME = _rx(
    r"\b(yo )?(podria|puedo|pueda|podre) (entrar|participar|meterme|aplicar)\b|\b(que|donde) (me|le) (acepte|acepten|admita|admitan)\b"
    r"|\b(me|le) (aceptaron|admitieron|invitaron)\b|\b(me|le) conviene (entrar|participar)\b"
    r"|\bcon mi (tipo de )?(cancer|enfermedad) (me|le) sirve\b"
)

AT_HOME = _rx(r"\b(en (la |mi |su )?casa|a domicilio|home health|home care)\b")
GIVEN_AT = _rx(r"\b(me|le|se) (la|lo) (ponen|pongan|pone|pueden poner|ponga|hagan|hacen)\b")

STOP_IF = _rx(r"\by si (yo )?(lo |la |le |me )?(dejo|paro|suspendo|quito|descanso|dejamos|paramos|suspendemos)\b")
HOLD_OR_ASK = _rx(r"\baguanto\b.*\bo (mejor )?(le )?(pido|pedimos|digo|cambio|me cambio)\b")

# not "me quedan dos meses de quimio": what is left of a course (doses.py reads that)
TIME_LEFT = _rx(r"\b(me|le|nos) (queda|quedan) (\w+ )?(anos|meses|semanas|tiempo|de vida)\b(?! (de|con|para|del) )")

OWN_COURSE = _rx(
    r"\b(el|la|los|las|lo) (tratamiento|medicina|medicinas|pastillas|medicamento|medicamentos|terapia|que)( \w+){0,3}"
    r" que (llevo|tomo|estoy tomando|me ponen|me dan|me estan dando)\b|\bmi (tratamiento|terapia)\b"
)
GOES_WITH = _rx(
    r"\b(va|combina|choca|interfiere|se lleva|afecta|es compatible) con\b|\bhay (algun )?problema\b|\bse puede\b"
)
NEW_THING = _rx(r"\b(me|le) (quiere|quieren|van a|va a) (poner|recetar|dar|hacer)\b")

TELL_OR_NOT = _rx(
    rf"\bno se si (decirle|decirles|avisarle|contarle|pedirle|comentarle) (a|al) (la |el |mi )?{CLINICIAN}\b"
)


_THING_BEFORE = frozenset({"por", "otro", "con", "a", "de"})


def _asks(clean: str, text: str) -> bool:
    return (
        "?" in clean
        or "¿" in clean
        or bool(re.search(r"\b(no se|(quiero|quiere|queremos|quieren|quisiera) saber|me pregunto)\b", text))
    )


def situation(clean: str) -> Optional[Hit]:
    """The whole message: the first kind of the module docstring found, with a real person in it and asked."""
    words = split_words(clean)
    # "me cambió el Prolia por uno que se llama diferente": "uno" a thing there, not anyone
    words = [w for i, w in enumerate(words) if not (w == "uno" and i and words[i - 1] in _THING_BEFORE)]
    text = " ".join(words)
    if not words:
        return None
    if STOP_IF.search(text) and treatment_named(words) and not any(w in GENERIC for w in words):
        return ("care_team", "dosing", clean)  # "¿y si suspendo el tamoxifeno?": the verb says who
    if not personal(words, text):
        return None
    asks = _asks(clean, text)
    clinician = re.search(rf"\b{CLINICIAN}\b", text)
    if SWAP_SOURCE.search(text) and (FOR_ME.search(text) or OFFERED_SAME.search(text)):
        return ("care_team", "which_drug", clean)
    if SAID_OTHER.search(text) and medicines_named(words) >= 2:
        return ("care_team", "which_drug", clean)
    if (CLINICIAN_SAID.search(text) or OWN_SCAN.search(text)) and (
        MEANS_FOR.search(text) or (NOT_GOT.search(text) and EXPLAIN.search(text))
    ):
        return ("care_team", "lab_results" if OWN_SCAN.search(text) else "personal_decision", clean)
    if WHOM_HEED.search(text) and clinician:
        return ("care_team", "personal_decision", clean)
    if PAPER_FOR.search(text) and (asks or PAPER_ASK.search(text)):
        return ("care_team", "request_human", clean)
    if TRIAL.search(text) and TRIAL_ME.search(text):
        return ("care_team", "personal_decision", clean)
    if AT_HOME.search(text) and GIVEN_AT.search(text) and treatment_named(words) and asks:
        return ("care_team", "personal_decision", clean)
    if HOLD_OR_ASK.search(text) and treatment_named(words):
        return ("care_team", "personal_decision", clean)
    if TIME_LEFT.search(text) and asks:
        return ("care_team", "prognosis", clean)
    if OWN_COURSE.search(text) and GOES_WITH.search(text) and NEW_THING.search(text) and asks:
        return ("care_team", "personal_decision", clean)
    if TELL_OR_NOT.search(text):
        return ("care_team", "personal_decision", clean)
    return None
