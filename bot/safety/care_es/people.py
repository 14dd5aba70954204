"""Spanish asks for a PERSON of one's care team, an appointment or papers (category request_human).

A person of flesh and blood ("alguien de carne y hueso", not "¿hablo con una persona?", which is about the bot), a
direct line to one's doctor, a message of only "operadora" / "agente por favor" (`bare_request`); being put through
("¿me comunica con la enfermera?"); a callback wished or asked ("que la enfermera me llame hoy", "¿cuándo me regresan la
llamada?"); making, moving or cancelling one's appointment ("¿puedo adelantar mi cita?", "quiero reprogramar lo del
zometa"); who gives one's results or sees one now; whom to call; the clinic asked to do something (fill a form, call,
refer); carrying on one's treatment here; papers and bills (with bot/safety/spanish_admin.py). Each needs a real person
(words.personal) so the same words asked in general stay FAQ questions; reaching the helpline is the FAQ's."""

from __future__ import annotations

import re
from typing import Optional

from bot.safety.care_es.words import LISTS, ONLY_HUMAN, POLITE, Hit, personal, split_words

_rx = re.compile

HUMAN = r"(oncologo|oncologa|doctor|doctora|dr|dra|medico|medica|enfermera|enfermero|nurse|equipo|especialista)"

REAL_PERSON = _rx(r"\b(alguien|persona|humano|humana|gente) (de carne y hueso|de verdad|real|viva|en vivo)\b")

IS_BOT = _rx(
    r"\b(hablo|estoy hablando|eres|es usted|esto es|me contesta|me responde) (con )?(una |un )?(persona|humano|humana"
    r"|alguien)\b"
)

DIRECT_LINE = _rx(
    rf"\b(numero|telefono|celular|cel|whatsapp|extension|correo|email)( \w+)? (de|del|a) (mi |mis |su |la |el )?{HUMAN}"
)

APPOINTMENT = _rx(
    r"\b(hacer|sacar|agendar|agendarme|programar|cambiar|mover|reprogramar|cancelar|pedir|conseguir|dar|darme)"
    r" (un |una |mi |la |el |otra |otro )?(cita|appointment|turno|consulta)\b"
)

WHO_TO = _rx(r"\b(con quien|a quien) (hablo|llamo|le hablo|me comunico|le pregunto|le llamo|me dirijo)\b")

CLINIC_DOES = _rx(
    r"\b(me|nos|le|les) (lo |la |los |las )?(puede|pueden|podria|podrian) (contactar|llamar|hablar|escribir|marcar|referir|llenar|comunicar"
    r"|firmar|agendar|programar|mover|cambiar)\b|\balguien (me|nos|le) (puede|pueda|podria) (ayudar|llamar"
    r"|explicar|contactar)\b|\bsegunda opinion\b|\bsigue en pie\b|\bcambien de (oncologo|oncologa|doctor|doctora|medico)\b"
    r"|\bno me (contesta|contestan|regresa|regresan|llama|devuelve)\b|\bnadie (me|le|nos) (ha|han) (llamado|contestado)\b"
)

# "¿qué diferencia hay entre una segunda opinión y cambiarse de doctor?", "¿qué es una segunda opinión?": asked of
# nobody, what it is (clinic_does)
_WHAT_IT_IS = _rx(r"^(que|cual|cuales) (es|son|significa|quiere decir)\b|\bdiferencia (hay )?entre\b")


def clinic_does(words, text: str) -> bool:
    """The clinic asked to do something (CLINIC_DOES); a second opinion only asked what it is, with nobody real in the
    sentence, is not (the FAQ's)."""
    match = CLINIC_DOES.search(text)
    if match and match.group(0) == "segunda opinion" and _WHAT_IT_IS.search(text):
        return personal(words, text)
    return bool(match)


CARRY_ON = _rx(r"\b(como|que) (le |lo |la )?(hacemos|hago|hace) para (seguir|continuar|conseguir|recibir)\b")

WEAK_ADMIN = _rx(
    r"\b(llenar|llene|llenen|firmar|firme|firmen|firma)\b.*\b(forma|formas|formulario|papel|papeles|carta)\b"
    r"|\b(un|una) (papel|carta|forma) (que diga|para|del|de la)\b|\b(mi|su|el|tengo|sin|nuevo) seguro\b"
    r"|\bcarta de (la|mi) (aseguranza|seguro)\b"
)

RESCHEDULE = re.compile(r"\b(reprogram\w*|reagend\w*|reschedul\w*|cambiar la fecha|mover la fecha|cambiar el dia)\b")

WHO_GIVES = re.compile(
    r"\b(quien|donde) (me|le|nos) (puede|pueden|va a|van a) (dar|explicar|entregar|pasar) (los|mis|sus|el|la)\b"
    r"|\bquien (me|le|nos) (va a ver|va a atender|atiende|va a llevar|va a tratar)\b"
)

STAFF = LISTS["CARE_STAFF"]  # who is asked to call: doctora, enfermeras, alguien de la clínica

# -- a person, a callback, an appointment ------------------------------------------------------------------------
CALL_ME = _rx(
    r"\bque (\w+ ){0,7}?(me|nos|le|les) (marque|marquen|llame|llamen|hable|hablen|contacte|contacten|escriba|escriban"
    r"|regrese|regresen|devuelva|devuelvan|atienda|atiendan|vea|vean|reciba|reciban|busque|busquen|revise|revisen"
    r"|explique|expliquen)\b"
)

CALL_WISH = _rx(r"\b(porfa|porfavor|favor|ojala|necesito|ocupo|quiero|quisiera|queria|pido|pedimos|urge)\b|^que\b")

CALL_BACK = _rx(
    r"\b(me|nos|le) (regresan|regresa|regresaran|devuelven|devuelve|devolveran|van a regresar|van a devolver) (la |el )?"
    r"(llamada|llamado|mensaje|correo)\b|\b(me|nos|le) (van a|iran a|vayan a) (llamar|marcar|contactar|hablar por)\b"
)

MOVE_VISIT = _rx(
    r"\b(adelantar|adelantarme|atrasar|posponer|aplazar|postergar|recorrer|reprogramar|reagendar|cambiar|mover|pasar)"
    r"(la|le|me)? (\w+ )?(mi|la|su|el|esa|esta|mis|las) (cita|citas|consulta|turno|appointment)\b"
)

HUMAN_TO = (
    r"(oncologo|oncologa|doctor|doctora|dr|dra|medico|medica|enfermera|enfermero|nurse|equipo|especialista|navegadora"
    r"|navegador|trabajadora social|trabajador social|alguien|una persona|un humano|una humana)"
)

PUT_THROUGH = _rx(
    r"\b(me|nos|le) (pasa|pasan|pase|pasen|pasas|comunica|comunican|comunique|comuniquen|comunicas|conecta|conectan"
    r"|conecte|conecten|transfiere|transfieren|transfiera|transfieran|comunicara|pasaran) (con|a) (el |la |los |las"
    r" |mi |mis |su |sus |un |una |algun |alguna )?" + HUMAN_TO + r"\b"
)

WANT_VISIT = _rx(
    r"\b(quiero|quisiera|queria|necesito|ocupo|me dan|me pueden dar|me puede dar|me podrian dar|me den|pido)"
    r" (una |otra |un )?(cita|consulta|turno|appointment) (con|para ver|para hablar con|para que me vea)\b"
)


def bare_request(clean: str) -> Optional[Hit]:
    """The whole message: only a request for a person ("operadora", "agente por favor", "un humano")."""
    words = split_words(clean)
    if words and all(w in ONLY_HUMAN or w in POLITE for w in words) and any(w in ONLY_HUMAN for w in words):
        return ("care_team", "request_human", clean)
    return None
