"""Spanish care-team asks read by their shape: the kinds of the Spanish care-team DEV set (issue 12).

People ask about their own care in shapes spanish_shapes.py and spanish_asks.py do not read (care team 82.4% on a
fresh set). Each kind is about a REAL person (me, mi, le, a relative, a first-person verb), so the same words asked
in general ("¿el calcio interfiere con el xgeva?") stay FAQ questions: prognosis ("lo mío tiene cura"); a person
("alguien de carne y hueso", "operadora", an appointment); stopping, pausing, restarting or refusing one's treatment;
another medicine with it; a dose again or missed; one's dose against someone else's ("¿cuál es el mío?"); "¿es
normal en ella?"; an activity, travel or pregnancy with one's treatment; one's next test, results and next steps;
papers and bills; dental work or surgery with dates. Words: content/safety_vocabulary.yml `es.word_lists` CARE_*."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from bot.safety import patterns, spanish_admin

_LISTS = patterns.current().vocabulary.spanish.word_lists
PERSON = _LISTS["SHAPE_PERSON"] | {
    "ando",
    "anda",
    "andamos",
    "ella",
    "quiero",
    "quisiera",
    "queria",
    "soy",
    "somos",
    "vuelvo",
    "volvemos",
}
GENERIC = _LISTS["GENERIC_PERSON"] - {"alguien"}  # "alguien me puede ayudar", "le aviso a alguien": a helper
_SOMEONE_GENERIC = re.compile(
    r"\b(si|cuando|que) alguien\b|\balguien (que|con|tiene|toma|esta|recibe|se)\b|\b(un|una|el|la) (paciente|persona)\b"
)
RELATIVE = _LISTS["CAREGIVER"]
ASK_START = _LISTS["SHAPE_ASK_START"] | _LISTS["QUESTION_START"]
TREATMENT = _LISTS["SHAPE_TREATMENT"] | _LISTS["SHAPE_BONE_DRUG"]
OTHER_MED = _LISTS["CARE_OTHER_MED"]
ACTIVITY = _LISTS["SHAPE_ACTIVITY"] | _LISTS["CARE_ACTIVITY"]
DISEASE = _LISTS["SHAPE_DISEASE"]
TEST = _LISTS["CARE_TEST"] | _LISTS["SHAPE_LAB"]
DENTAL = _LISTS["SHAPE_DENTAL"] | _LISTS["SHAPE_DENTAL_ALSO"]
TOOTH = _LISTS["SHAPE_TOOTH"] | _LISTS["SHAPE_DENTIST"]
SCHEDULE = _LISTS["SHAPE_SCHEDULE"]
DENTAL_JOB = _LISTS["SHAPE_DENTAL_JOB"]
_STEMS = ("pastill", "medic", "bifosfonat", "calmant", "quimio", "radiac", "radiot", "infusi", "inyecc", "vitamin")
INFO_START = frozenset({"que", "cual", "cuales", "como", "donde", "cuanto", "cuanta", "cuantos", "cuantas", "quien"})
_ACCENTS = str.maketrans("áéíóúüñ", "aeiouun")
_WORD = re.compile(r"[a-z0-9]+")
_SPELLINGS = {"q": "que", "k": "que", "pq": "porque", "xq": "porque", "pa": "para", "na": "nada", "mai": "mama"}
Hit = Tuple[str, str, str]
_rx = re.compile
ONLY_HUMAN = _LISTS["CARE_HUMAN_ONLY"]  # "operadora", "agente": a message of these (and CARE_POLITE) asks for a person
POLITE = _LISTS["CARE_POLITE"]


_HUMAN = r"(oncologo|oncologa|doctor|doctora|dr|dra|medico|medica|enfermera|enfermero|nurse|equipo|especialista)"
_WISH = _rx(
    r"\b(quiero|queria|quisiera|necesito|ocupo) saber\b|\b(digame|dime|decime|diganme|no se si|me pregunto si)\b"
)
_OWN_CURE = _rx(
    r"\blo (mio|mia|suyo|suya|de (mi|su) \w+|de ella|de el) (tiene|tendra|tendria) (cura|remedio|solucion)\b"
    r"|\blo (mio|suyo|de ella|de (mi|su) \w+) (se cura|es curable|se quita|es para controlar\w*)\b"
)
_GOES_AWAY = _rx(r"\bse (me|le|nos) (va|van) a (quitar|ir|curar|desaparecer|sanar|borrar)\b")
_LIFETIME = _rx(r"\bcuant[oa]s? (anos|meses|tiempo|semanas)\b.*\b(vivir|vive|vivira|dura|durar|dan|queda)\b")
_SEE_EVENT = _rx(
    r"\b(voy|va|vamos) a (llegar a )?(pasar|ver|alcanzar|estar en|estar para|conocer)\b.*\b(navidad|graduacion"
    r"|graduarse|graduar|boda|cumpleanos|ano nuevo|nieto|nieta|nietos|nacer|quinceanera)\b"
)
_UNTIL = _rx(
    r"\b(durar|aguantar|llegar) (hasta|a) (su |mi |la |el )?(navidad|cumpleanos|boda|graduacion|ano nuevo|verano)\b"
)
_HOSPICE = _rx(r"\b(hospicio|hospice|cuidados paliativos|paliativos)\b")
_REAL_PERSON = _rx(r"\b(alguien|persona|humano|humana|gente) (de carne y hueso|de verdad|real|viva|en vivo)\b")
_IS_BOT = _rx(
    r"\b(hablo|estoy hablando|eres|es usted|esto es|me contesta|me responde) (con )?(una |un )?(persona|humano|humana"
    r"|alguien)\b"
)
_DIRECT_LINE = _rx(
    rf"\b(numero|telefono|celular|cel|whatsapp|extension|correo|email)( \w+)? (de|del|a) (mi |mis |su |la |el )?{_HUMAN}"
)
_APPOINTMENT = _rx(
    r"\b(hacer|sacar|agendar|agendarme|programar|cambiar|mover|reprogramar|cancelar|pedir|conseguir|dar|darme)"
    r" (un |una |mi |la |el |otra |otro )?(cita|appointment|turno|consulta)\b"
)
_WHO_TO = _rx(r"\b(con quien|a quien) (hablo|llamo|le hablo|me comunico|le pregunto|le llamo|me dirijo)\b")
_CLINIC_DOES = _rx(
    r"\b(me|nos|le|les) (lo |la |los |las )?(puede|pueden|podria|podrian) (contactar|llamar|hablar|escribir|marcar|referir|llenar|comunicar"
    r"|firmar|agendar|programar|mover|cambiar)\b|\balguien (me|nos|le) (puede|pueda|podria) (ayudar|llamar"
    r"|explicar|contactar)\b|\bsegunda opinion\b|\bsigue en pie\b|\bcambien de (oncologo|oncologa|doctor|doctora|medico)\b"
    r"|\bno me (contesta|contestan|regresa|regresan|llama|devuelve)\b|\bnadie (me|le|nos) (ha|han) (llamado|contestado)\b"
)
# stopping, pausing, restarting, refusing one's own treatment
_RESTART = _rx(
    r"\b(vuelvo|vuelve|volvemos|vuelven|vuelva|volver|volverle|volverme) a (empezar|tomar|poner|iniciar|arrancar"
    r"|comenzar|dar|recibir)\w*|\b(retom|reanud|reinici)\w*|\bempezar de (cero|nuevo)\b"
)
_CONTINUE = _rx(
    r"\b(sigo|seguimos|sigue|siguen|continuo|continuamos) (dando|dandole|tomando|poniendo|poniendome"
    r"|poniendole|recibiendo|con (el|la|los|las|mi|su|eso))\b|\b(le|lo|la) sigo o\b"
)
_NO_MORE = _rx(
    r"\bya no (quiero|quiere|queremos|quieren) (seguir|continuar) con\b|\bya no (quiero|quiere|queremos|quieren)"
    r" (mas )?(tratamientos?|quimio|quimioterapia|radio|la quimio|el tratamiento|las inyecciones|el shot|inyecciones)"
)
_QUIT = _rx(
    r"\b((quiero|quisiera|queria|quiere|quieren|pienso|puedo|podria|podemos|debo|deberia) dejar|(?<!si )dejo|dejamos) de "
    r"(tom|pon|dar|recib|us|ir|inyect|aplic)\w*"
)
_STOP_IT = _rx(
    r"\b(se lo|se la|se los|se las|lo|la) (suspendemos|suspendo|suspende|quitamos|quito|paramos"
    r"|paro|dejo|dejamos|pausamos)\b|\b(me|le|nos|se) (lo|la|los|las) (pueden|puede|podrian|podria|van a) (quitar|suspender"
    r"|parar|dejar|pausar)\b|\b(dejo|dejamos|suspendo|paro|pauso|quito) (el|la|los|las|mi|su)\b"
)
_REFUSE = _rx(
    r"\b(le|les) (digo|diga|decimos|digamos|decir) que no\b|\b(negarme|negarse|rechazar|rechazarlo|rechazarla)\b"
)
_CARRY_ON = _rx(r"\b(como|que) (le |lo |la )?(hacemos|hago|hace) para (seguir|continuar|conseguir|recibir)\b")
_HOW_LONG = _rx(r"\bcuanto tiempo (mas )?(me|le|nos|les) (van a |vayan a )?(seguir|tienen que|toca|dura)\w*")
_TOGETHER = _rx(r"\b(juntos|juntas|junto con|al mismo tiempo|a la vez|el mismo dia|mismo dia|misma hora)\b")
_FINE_WITH = _rx(r"\b(hay (algun )?problema|es malo|es peligroso|choca|se lleva|se puede) con (el|la|los|las|mi|mis)\b")
_PAUSE = _rx(r"\b(un|una|unos|unas) (descanso|descansito|pausa|vacaciones|dias libres) (del|de la|de los|de las|de)\b")
_CLITIC_GIVE = _rx(r"\bse (los|las|lo|la) (doy|damos|tomo|tomamos|pongo)\b")
_INTERACT = _rx(
    r"\b(interfiere|interfieren|interfiera|interactua|interactuan|choca|chocan|se lleva|se llevan|corta|afecta"
    r"|afectan|cruza|contraindicad\w*) (\w+ )?(con|al|a la)\b"
)
_GIVE_TO = _rx(r"\b(le|les|se lo|se la|se los|se las) (doy|damos|puedo dar|podemos dar|sigo dando|seguimos dando)\b")
_TAKE_IT = _rx(
    r"\b(me|se) (lo|la|los|las) (tomo|tomamos|puedo tomar|podemos tomar|doy|damos|dejo poner|pongo|hago|puedo hacer)\b"
    r"|\b(me|le) (tomo|doy|damos|pongo) algo\b|\b(lo|la|los|las) (tomo|tomamos|doy|damos) (con|junto con) (el|la|mi|mis)\b"
)
# the clinic asked to give one's own dose elsewhere or at another time ("¿me pueden poner el xgeva una semana antes?",
# "…en la casa?"); "¿me pueden dar xgeva si…?" asks the clinic's options (curated FAQ questions)
_CLINIC_GIVE = _rx(
    r"\b(me|le|nos) (lo |la )?(pueden|puede|podrian|podria) (poner|aplicar|inyectar|seguir dando|seguir poniendo)\b"
    r"(?=.*\b(antes|despues|casa|aca|aqui|alla|seguir|otra semana|otro dia)\b)|\b(seguir dando|seguir poniendo)\b"
)
_SKIP_VISIT = _rx(
    r"\bsi no (voy|va|vamos|llego|llega|vengo|viene) (a|al|a la)\b"
    r"|\bsi no (me|le|se) (lo |la )?(pongo|pone|ponen|tomo|toma|doy|damos|aplican)\b"
)
_HESITATE = _rx(r"\bno se si (ponerme|tomar|empezar|hacerlo|aceptar|seguir|dejar|recibir)\w*")
_WHEN_OR = _rx(
    r"\b(manana|noche|tarde|ayunas|desayuno|comida|cena)\b.* o (en |de |con |antes |despues )?(la |el )?"
    r"(manana|noche|tarde|ayunas|desayuno|comida|cena)\b"
)
_ASK_LATER = _rx(r"\b(pero|y|entonces|pues) (me |le |se )?(puedo|podemos|debo|deberia|deberiamos)\b")
_AGAIN = _rx(r"\b(me|le|se) (lo |la )?(tomo|pongo|doy|damos|tomamos|ponemos) (otra|otro|igual|doble|de nuevo)\b")
_FORGOT = _rx(
    r"\b(no me acuerdo|no recuerdo|no se|no sabemos) si (me|le|nos|ya|se)( \w+)? (puse|pusieron|pusimos|tome|tomo"
    r"|di|dimos|dieron|aplicaron|inyectaron)\b|\bno (ha|he|hemos|han) (recibido|tomado|ido|tenido)\b"
)
_INSTEAD = _rx(r"\ben (vez|lugar) (de|del)\b")
_MAY = _rx(r"\b(puedo|podemos|puede|pueda|podria|podre|pueden|debo|debe|deberia)\b")
_FINE_IF = _rx(
    r"\b(es (peligroso|malo|seguro|grave|bueno|riesgoso|necesario|obligatorio)|hace falta|esta bien|estaria bien|hay (algun )?problema|no pasa nada"
    r"|pasa algo|no hay problema|le hace (dano|mal)) (con |en |de )?(que|si) (\w+)( \w+)?"
)
_NOT_VERB = frozenset("el la los las un una uno unos unas este esta eso esto ese lo al del mas muy".split())
_WHICH_MINE = _rx(r"\bcual (es|seria|sera) (el|la) (mio|mia|mios|mias|suyo|suya|de ella|de el|correcta|correcto)\b")
_COMPARED = _rx(
    r"\b(a mi|a el|a ella|yo)\b.*\b(y|pero|como|que|mientras) (a )?(mi|su|la|el) (amiga|amigo|vecina|vecino|prima"
    r"|primo|hermana|hermano|comadre|companera|companero|cunada|conocida|tia|mama|suegra)\b"
    r"|\ba (mi|su) (amiga|amigo|vecina|vecino|prima|hermana|comadre|conocida|tia)\b.*\b(y|pero) (a mi|a el|a ella|yo)\b"
    r"|\bcomo (a )?(mi|su) (amiga|amigo|vecina|vecino|prima|hermana|comadre|companera|conocida|tia|cunada)\b"
)
_IF_BETTER = _rx(
    r"\b(y si|si mejor|mejor) (me |le |se )?(lo |la )?(pongo|pone|ponen|tomo|toma|damos|doy|cambio|paso|ponemos)\b"
)
_TOO_MUCH = _rx(
    r"\b(es|sera|seria) (mucho|mucha|demasiado|demasiada|poco|poca|muy poco) (si|que|para) (me|le|yo|mi|ella|alguien)\b"
)
_HOUR = _rx(r"\b(cambio|cambiar|cambiarlo|cambiarla|cambiamos|paso|pasarlo) (\w+ )?(de hora|a otra hora|de horario)\b")
# "¿es normal en ella?", "¿nomás a mí?"
_FOR_HER = _rx(
    r"\b(es|sera|seria) (lo )?(normal|esperado|comun|tipico) (para|en) (ella|mi|nosotros|ellos)\b"
    r"|\b(nomas|nada mas|solo|solamente) a (mi|ella)\b"
)
_LET_GO = _rx(
    r"\b(la|lo|le|los|las) (dejamos|dejo|dejan|dejas|dejaria|dejariamos) (ir|viajar|salir|manejar|nadar|hacer)\b"
)
_WITH_OWN = _rx(r"\bcon (el|mi|su|la|lo de|los de|las de|mis|sus) ")
_PREGNANT = _rx(r"\b(embaraz\w*|dar pecho|dando pecho|amamant\w*|lactancia|tener (un|otro) (bebe|hijo|hija|nino))\b")
_MY_TURN = _rx(r"\b(me|le|nos) (toca|tocan|tocara|tocaria|hacen|repiten)\b")
_TEST_PLAN = _rx(r"\b(me|le) (van a|vayan a|tienen que) (hacer|repetir|mandar|sacar|tomar)\b")
_WHAT_NEXT = _rx(
    r"\bque (sigue|viene|hacemos|hago|va a pasar|pasara) (ahora )?(para (mi|ella|el|nosotros)|conmigo|con (ella|mi \w+))\b"
    r"|\b(lo|la|me|le) (van a|vayan a|tienen que|piensan) (cambiar|subir|bajar|suspender|quitar) (de |el |la )?(tratamiento"
    r"|dosis|medicina|quimio)\b|\bsiguiente paso (para|con) (mi|ella)\b"
)
_TOLD = _rx(r"\b(me|le|nos) (dijeron|dijo|diagnosticaron|encontraron|salio|salieron)\b")
_WHAT_THEY_GIVE = _rx(
    r"\b(que|cual|cuales) (me|le|les|nos) (van a|iran a|tienen que|piensan) (dar|recetar|poner|mandar)\b"
)
_WORKING = _rx(
    r"\b(me|le|nos) (esta|estan) (sirviendo|funcionando|haciendo efecto|debilitando|afectando|danando|haciendo dano"
    r"|haciendo mal|ayudando)\b"
)
REQUEST = _rx(r"\b(necesito|ocupo|quiero|quisiera|queria|favor)\b")  # "necesito una copia…": a wish, asked
_CANDIDATE = _rx(r"\b(soy|es|sera|seria|somos) (una |un |buena |buen )?(candidata|candidato|apta|apto|elegible)\b")
_WEAK_ADMIN = _rx(
    r"\b(llenar|llene|llenen|firmar|firme|firmen|firma)\b.*\b(forma|formas|formulario|papel|papeles|carta)\b"
    r"|\b(un|una) (papel|carta|forma) (que diga|para|del|de la)\b|\b(mi|su|el|tengo|sin|nuevo) seguro\b"
    r"|\bcarta de (la|mi) (aseguranza|seguro)\b"
)
_DATE = _rx(
    r"\b(lunes|martes|miercoles|jueves|viernes|sabado|domingo|manana|semana|mismo dia|el \d+|al \d+|enero|febrero"
    r"|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b"
)
_SURGERY = _rx(r"\b(me|la|lo|le) (operan|van a operar|quieren operar|operaran|van a hacer una cirugia)\b")


def split_words(text: str) -> List[str]:
    return [_SPELLINGS.get(w, w) for w in _WORD.findall(text.lower().translate(_ACCENTS))]


def treatment_named(words: Sequence[str]) -> bool:
    return any(w in TREATMENT or w.startswith(_STEMS) for w in words)


def medicines_named(words: Sequence[str]) -> int:
    return sum(w in OTHER_MED or w in TREATMENT or w.startswith(_STEMS) for w in words)


def personal(words: Sequence[str], text: str) -> bool:
    if any(w in GENERIC for w in words):
        return False
    if (
        any(w in PERSON for w in words)
        or re.search(r"\bse (lo|la|los|las) \w+(o|amos|emos|imos)\b", text)
        or re.search(rf"\b(mi|mis|su|sus) ({'|'.join(sorted(RELATIVE))})\b", text)
    ):
        return True
    return any(w in ("le", "les") and (i == 0 or words[i - 1] != "se") for i, w in enumerate(words))


def _asks(sentence: str, words: Sequence[str], text: str) -> bool:
    starts = bool(words) and words[0] in ASK_START
    clause = re.search(
        r"(^|[,;:]) *(me |le |se )?(puedo|podemos|debo|deberia)\b", sentence.lower()
    )  # "…, puedo dejar…"
    return "?" in sentence or "¿" in sentence or starts or bool(_WISH.search(text) or _ASK_LATER.search(text) or clause)


def _finite_after(match: re.Match) -> bool:
    """ "está bien que pare…", "que me pongan…", "que el zometa me lo pasen…": a verb or a person after "que"."""
    first, second, later = match.group(7), (match.group(8) or "").strip(), match.string[match.end(7) :].split()[1:3]
    if first in ("me", "le", "les", "nos", "yo", "mi", "ella", "se") or set(later) & {"me", "le", "les", "nos"}:
        return True
    return (
        first not in _NOT_VERB
        and not re.search(r"(ar|er|ir)$", first)
        and bool(re.search(r"[aeo]n?$", first))
        and (second not in ("de", "del"))
    )


def care_ask(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) for the module's kinds about a real person."""
    words = split_words(sentence)
    text = " ".join(words)
    if not words:
        return None
    if (_REAL_PERSON.search(text) and not _IS_BOT.search(text)) or _DIRECT_LINE.search(text):
        return ("care_team", "request_human", sentence)  # not "¿hablo con una persona de verdad?" (about the bot)
    if any(w in GENERIC for w in words) or _SOMEONE_GENERIC.search(text):
        return None
    asks = _asks(sentence, words, text) or " si " in f" {text} "
    request = asks or REQUEST.search(text)
    if (request and _CLINIC_DOES.search(text)) or (asks and (_QUIT.search(text) or _NO_MORE.search(text))):
        category = "request_human" if _CLINIC_DOES.search(text) else "personal_decision"
        return ("care_team", category, sentence)  # the verb says who: "quisiera dejar de ponerme…"
    fine = _FINE_IF.search(text)
    if fine and _finite_after(fine) and (medicines_named(words) or any(w in ACTIVITY for w in words)):
        return ("care_team", "personal_decision", sentence)  # "¿está bien que pare el calcio?": someone real
    if _OWN_CURE.search(text):
        return ("care_team", "prognosis", sentence)
    if not personal(words, text):
        return None
    info = words[0] in INFO_START or words[:2] == ["por", "que"]
    treatment = treatment_named(words)
    if request and _APPOINTMENT.search(text):
        return ("care_team", "request_human", sentence)
    if request and (spanish_admin.care_admin(words, treatment) or _WEAK_ADMIN.search(text)):
        return ("care_team", "request_human", sentence)
    if asks and _WHO_TO.search(text) and (treatment or any(w in ("cita", "appointment", "turno") for w in words)):
        return ("care_team", "request_human", sentence)
    if asks and _HOSPICE.search(text) and not info:
        return ("care_team", "prognosis", sentence)
    if asks and (_SEE_EVENT.search(text) or _UNTIL.search(text) or (_LIFETIME.search(text) and not treatment)):
        return ("care_team", "prognosis", sentence)
    disease = any(w in DISEASE or w in ("esto", "eso") for w in words) or re.search(r"\blo (de|mio|suyo)\b", text)
    if asks and _GOES_AWAY.search(text) and disease:
        return ("care_team", "prognosis", sentence)
    if _HOW_LONG.search(text) and treatment:
        return ("care_team", "dosing", sentence)
    if _COMPARED.search(text) and (treatment or any(w in SCHEDULE or w.isdigit() for w in words)):
        return ("care_team", "dosing", sentence)  # "¿por qué a mí cada 3 meses y a mi amiga cada mes?"
    if asks and _WHICH_MINE.search(text) and (treatment or any(w.isdigit() for w in words)):
        return ("care_team", "dosing", sentence)
    return _own_course(sentence, words, text, asks, info, treatment)


def _own_course(
    sentence: str, words: Sequence[str], text: str, asks: bool, info: bool, treatment: bool
) -> Optional[Hit]:
    """The rest of the kinds: asked as a question (not "¿qué es…?"), about the person's own course."""
    if not asks:
        return None
    if (_WORKING.search(text) or _CANDIDATE.search(text)) and not info:
        return ("care_team", "personal_decision", sentence)
    if _WHAT_NEXT.search(text) or (_WHAT_THEY_GIVE.search(text) and _TOLD.search(text)):
        return ("care_team", "personal_decision", sentence)
    why = words[:2] == ["por", "que"] or words[0] in ("porque", "para")  # "¿por qué me hacen examen de riñón…?"
    if any(w in TEST for w in words) and not why and (_MY_TURN.search(text) or (_TEST_PLAN.search(text) and not info)):
        return ("care_team", "personal_decision", sentence)
    if _FOR_HER.search(text) or re.search(r"\b(normal|esperado) (para|en) él\b", sentence.lower()):
        return ("care_team", "personal_decision", sentence)
    if _CARRY_ON.search(text) and treatment:
        return ("care_team", "request_human", sentence)  # "¿cómo le hacemos para seguir con su zometa acá?"
    if _RESTART.search(text) and (treatment or re.search(r"\b(lo|la) (vuelvo|vuelve|volvemos)\b", text)):
        return ("care_team", "personal_decision", sentence)  # "¿cuándo la vuelvo a tomar?"
    if info:
        return None  # "¿qué le doy…?", "¿cómo se toma…?": information, the FAQ's or out of scope
    if (_CONTINUE.search(text) and (treatment or medicines_named(words))) or _STOP_IT.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)
    if _STOP_IT.search(text) and re.search(
        r"\b(me|le|nos|se) (lo|la|los|las) (pueden|puede|podrian|podria|van a)", text
    ):
        return ("care_team", "personal_decision", sentence)
    if (
        (_PAUSE.search(text) and treatment)
        or _REFUSE.search(text)
        or (_HESITATE.search(text) and treatment)
        or (_CLINIC_GIVE.search(text) and treatment)
    ):
        return ("care_team", "personal_decision", sentence)
    if _SKIP_VISIT.search(text) and (treatment or any(w in ("cita", "appointment", "consulta") for w in words)):
        return ("care_team", "personal_decision", sentence)
    if _WHEN_OR.search(text) and re.search(r"\b(tomo|doy|damos|tomamos|pongo)\b", text) and medicines_named(words):
        return ("care_team", "dosing", sentence)
    if _REFUSE.search(text):
        return ("care_team", "personal_decision", sentence)
    if _AGAIN.search(text) or (_FORGOT.search(text) and treatment):
        return ("care_team", "missed_dose", sentence)
    if _IF_BETTER.search(text) and ("cada" in words or any(w in SCHEDULE for w in words)):
        return ("care_team", "dosing", sentence)
    if _TOO_MUCH.search(text) and any(w.isdigit() for w in words) or _HOUR.search(text):
        return ("care_team", "dosing", sentence)
    return _with_treatment(sentence, words, text, treatment)


def _with_treatment(sentence: str, words: Sequence[str], text: str, treatment: bool) -> Optional[Hit]:
    """Something else beside the person's own treatment: a medicine, an activity, a pregnancy, dental work."""
    other = medicines_named(words)
    if _TOGETHER.search(text) and (other >= 2 or _CLITIC_GIVE.search(text)):
        return ("care_team", "personal_decision", sentence)
    if (_INTERACT.search(text) and treatment) or (_FINE_WITH.search(text) and other >= 2):
        return ("care_team", "personal_decision", sentence)
    if _GIVE_TO.search(text) and any(w in OTHER_MED for w in words):
        return ("care_team", "personal_decision", sentence)
    if _TAKE_IT.search(text) and (other or re.search(r"\b(sin problema|igual)\b", text)):
        return ("care_team", "personal_decision", sentence)
    if _INSTEAD.search(text) and _MAY.search(text) and other:
        return ("care_team", "personal_decision", sentence)
    fine = _FINE_IF.search(text)
    activity = any(w in ACTIVITY for w in words)
    if _MAY.search(text) and other and _WITH_OWN.search(text) and re.search(r"\b(me|le) (puedo|puede|podemos)\b", text):
        return ("care_team", "personal_decision", sentence)  # "¿me puedo echar unas cervezas con el tratamiento?"
    own_disease = any(w in DISEASE for w in words) or _WITH_OWN.search(text) or treatment
    if (_MAY.search(text) or _LET_GO.search(text) or fine) and activity and own_disease:
        return ("care_team", "personal_decision", sentence)
    if _LET_GO.search(text) and own_disease:
        return ("care_team", "personal_decision", sentence)
    if _PREGNANT.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)
    dental = any(w in DENTAL for w in words) or (
        any(w in TOOTH for w in words) and any(w in DENTAL_JOB or w in ("cita", "appointment", "turno") for w in words)
    )
    if dental and treatment and _DATE.search(text):
        return ("care_team", "dental_timing", sentence)
    if _SURGERY.search(text) and treatment:
        return ("care_team", "personal_decision", sentence)
    return None


def care_message(clean: str) -> Optional[Hit]:
    """The whole message: only a request for a person ("operadora", "agente por favor", "un humano")."""
    words = split_words(clean)
    if words and all(w in ONLY_HUMAN or w in POLITE for w in words) and any(w in ONLY_HUMAN for w in words):
        return ("care_team", "request_human", clean)
    text = " ".join(words)
    # an activity asked in one sentence, one's own metastases said in another: "¿me puedo meter a nadar? tengo mets…"
    if "?" in clean and re.search(r"\b(me|le) (puedo|puede|podemos)\b", text) and any(w in ACTIVITY for w in words):
        if any(w in DISEASE for w in words) and personal(words, text) and not any(w in GENERIC for w in words):
            return ("care_team", "personal_decision", clean)
    return None
