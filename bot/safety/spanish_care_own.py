"""Spanish care-team asks by shape, third round (the second Spanish care-team DEV set's kinds; spanish_care.py is at
its size, spanish_care_more.py holds the round before).

The readers before this one knew a result told with a change ("dice lesiones nuevas, no entiendo") but not words of
one's own report applied to oneself ("el informe dice enfermedad estable, ¿eso es bueno para mí?", "¿quiere decir que
el zometa le sirve?"); prognosis said in the future tense ("¿veré a mi hija casarse?"), as time left ("¿no me queda
mucho?") or as getting worse ("¿mi papá se va a poner peor?"); a callback wished in the subjunctive ("que la enfermera
me llame hoy") or asked ("¿cuándo me regresan la llamada?"); moving one's appointment ("¿puedo adelantar mi cita?");
whether to heed advice about one's treatment ("el dentista me dijo que lo pare, ¿le hago caso?", "el onco me quiere
quitar el xgeva, ¿es lo correcto para mí?"); whether one still needs it ("llevo 3 años, ¿todavía lo necesito?"); the
clinic changing one's dose ("¿me suben la dosis?"); the timing of dental work one needs against one's treatment ("me
toca una endodoncia, ¿antes o después de la inyección?"). Kinds of docs/safety.md's care-team row no dev set had
covered, written for it: walking or driving again and a chance of cure ("¿hay posibilidad de que yo me cure?"), how much
longer one must take it, a drink that may harm one with one's treatment, two of one's bone drugs that may double up.
Round 4 (`_fourth`): which of two drugs is better for the person, "¿es normal que me…?" while on one's treatment,
another medicine one takes asked as affecting one ("tomo cortisona, ¿me afecta?"), one's treatment to be stopped for
something ahead ("¿le tienen que suspender el xgeva?").
Each needs a real person (me, mi, le, a relative, a
first-person verb), so the same words asked in general ("¿qué significa enfermedad estable?", "¿la endodoncia se hace
antes o después del zometa?") stay FAQ questions. Words: content/safety_vocabulary.yml `es.word_lists` CARE_REPORT,
CARE_STAFF, CARE_EVENT; the rest from spanish_care.py.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.safety import patterns, spanish_care
from bot.safety.spanish_care import DENTAL, DENTAL_JOB, GENERIC, TEST, TOOTH, Hit

_LISTS = patterns.current().vocabulary.spanish.word_lists
REPORT = _LISTS["CARE_REPORT"] | TEST  # where a result is written: el informe, el portal, la tomografía
STAFF = _LISTS["CARE_STAFF"]  # who is asked to call: doctora, enfermeras, alguien de la clínica
EVENT = _LISTS["CARE_EVENT"]  # what one hopes to live to see: la graduación, la boda, mis nietos
_rx = re.compile
# asked without "?": "eso es bueno pa mi o que", "lo hago antes o después del shot" (a choice is a question)
_ASKED_TAIL = _rx(r"\b(o que|o no|verdad|cierto|o como)$|\bantes o (despues|luego)\b")

# -- one's report applied to oneself ------------------------------------------------------------------------------
_SAYS = _rx(
    r"\b(dice|dicen|decia|puso|pusieron|pone|ponen|salio|salieron|sale|reporta|reporto|habla de|hablan de|menciona"
    r"|mencionan|aparece|aparecen|indica|muestra|mostro|escribieron|escribio)\b"
)
_FOR_ME = _rx(
    r"\b(es|sera|seria|son|eso es|esto es) (algo |una )?(bueno|buena|malo|mala|buena noticia|mala noticia|buena senal"
    r"|mala senal|buen signo|mal signo|grave|preocupante) (para|en) (mi|el|ella|nosotros|mi \w+|su \w+)\b"
    r"|\b(quiere decir|significa|o sea|entonces) (que )?(\w+ ){0,3}(me|le|nos) (sirve|sirvio|funciona|funciono"
    r"|esta sirviendo|esta funcionando|hace efecto|ayuda|esta ayudando)\b"
    r"|\b(quiere decir|significa|o sea|entonces) (que )?(ya )?(voy|va|vamos|estoy|esta|estamos) (bien|mejor|peor"
    r"|curad[oa]|san[oa]|limpi[oa]|libre)\b"
    r"|\b(ya )?(me|se|nos) (cure|curo|curamos|sane|sano|salve|salvo)\b|\bya (estoy|esta) (curad[oa]|san[oa]|limpi[oa])\b"
    r"|\b(me|le) (sirve|funciona|esta sirviendo|esta funcionando) (el|la|mi|su)\b"
    r"|\btiene (algo )?que ver con (mi|mis|su|sus|lo de)\b"
)

# one's own value, moved to a number: "la creatinina de mi mamá subió a 1.5", "mi calcio bajó hasta 8"
_MOVED_TO = _rx(
    r"\b(subio|subieron|bajo|bajaron|aumento|disminuyo|llego|anda|andaba|quedo|marco|amanecio)( \w+)? (a|en|hasta|de)"
    r" (\w+ )?\d"
)

# -- prognosis ---------------------------------------------------------------------------------------------------
_FUTURE_SEE = _rx(
    r"\b(alcanzare|alcanzara|alcanzaremos|llegare|llegara|llegaremos|vere|vera|veremos|estare|estara|conocere|conocera"
    r"|vivire|vivira|viviremos|aguantare|aguantara|durare|durara)\b"
)
_TIME_LEFT = _rx(
    r"\b(me|le|nos) (queda|quedan|quedara|quedaria) (mucho|poco|poquito|cuanto|tiempo|meses|anos|semanas|dias|vida)\b"
    r"|\bcuanto (tiempo )?(de vida )?(me|le|nos) (queda|quedan|dan|dio|dieron)\b"
)
_AGAIN_ABLE = _rx(
    r"\b((voy|va|vamos|van) a (poder )?volver a |(volvere|volvera|volveremos) a |(podre|podra|podremos) (volver a )?)(caminar"
    r"|andar|pararme|pararse|trabajar|manejar|valerme|valerse|moverme|moverse|ser (la|el) (de|mism[oa])|estar bien)\b"
)
_CHANCE_CURE = _rx(
    r"\b(posibilidad|posibilidades|chance|esperanza|probabilidad|probabilidades) de que (yo |ella |el |mi \w+ |su \w+ )?"
    r"(me |se |le )?(cure|curen|sane|salve|salven|recupere|quite|quede)\b"
)
_WORSE = _rx(
    r"\b(me voy|se va|nos vamos|voy|va|vamos) a (poner (peor|mejor|bien|grave|mal)|empeorar|agravar|mejorar|recuperar"
    r"|recuperarme|recuperarse|aliviar|aliviarme|aliviarse)\b"
)

# -- a person, a callback, an appointment ------------------------------------------------------------------------
_CALL_ME = _rx(
    r"\bque (\w+ ){0,7}?(me|nos|le|les) (marque|marquen|llame|llamen|hable|hablen|contacte|contacten|escriba|escriban"
    r"|regrese|regresen|devuelva|devuelvan|atienda|atiendan|vea|vean|reciba|reciban|busque|busquen|revise|revisen"
    r"|explique|expliquen)\b"
)
_WISH = _rx(r"\b(porfa|porfavor|favor|ojala|necesito|ocupo|quiero|quisiera|queria|pido|pedimos|urge)\b|^que\b")
_CALL_BACK = _rx(
    r"\b(me|nos|le) (regresan|regresa|regresaran|devuelven|devuelve|devolveran|van a regresar|van a devolver) (la |el )?"
    r"(llamada|llamado|mensaje|correo)\b|\b(me|nos|le) (van a|iran a|vayan a) (llamar|marcar|contactar|hablar por)\b"
)
_MOVE_VISIT = _rx(
    r"\b(adelantar|adelantarme|atrasar|posponer|aplazar|postergar|recorrer|reprogramar|reagendar|cambiar|mover|pasar)"
    r"(la|le|me)? (\w+ )?(mi|la|su|el|esa|esta|mis|las) (cita|citas|consulta|turno|appointment)\b"
)

# -- advice, still needed, a dose changed ------------------------------------------------------------------------
_HEED = _rx(
    r"\b(le|les|lo|la) (hago|hacemos|hace|debo hacer|deberia hacer) caso\b"
    r"|\bes lo (correcto|mejor|indicado|adecuado|recomendable|conveniente|ideal) (para|en) (mi|el|ella|nosotros|mi \w+"
    r"|su \w+)\b|\bes lo (correcto|mejor|indicado|adecuado) en (mi|su) caso\b"
)
_TOLD = _rx(
    r"\b(me|le|nos) (dijo|dijeron|dice|dicen|recomendo|recomendaron|mando|mandaron|quiere|quieren|piensa|piensan)\b"
)
# the doctor's plan for one's treatment ("el onco me quiere quitar el xgeva"), the treatment named right after; not
# what a treatment does ("¿la infusión me va a quitar el dolor?", a curated question)
_TAKE_OFF = _rx(
    r"\b((me|le|nos) (quiere|quieren|piensa|piensan|va a|van a|planea|planean)|quiere|quieren|piensa|piensan|planea|planean)"
    r" (quitar|suspender|parar|cambiar|retirar"
    r"|pausar|interrumpir|detener|dejar de (dar|poner)) (el|la|los|las|mi|su|mis|sus) (?P<what>\w+)"
)
_STILL_NEED = _rx(
    r"\b(todavia|aun|sigo|seguimos|sigue) (\w+ )?(lo |la |los |las )?(necesito|necesita|necesitamos|ocupo|ocupa"
    r"|necesitando|ocupando)\b|\b(me|le|nos) (sigue|siguen) haciendo falta\b|\b(todavia|aun) (me|le|nos) hace(n)? falta\b"
)
_LONGER = _rx(
    r"\b(hasta cuando|cuanto tiempo( mas)?|cuant[oa]s (anos|meses|semanas|dosis|inyecciones)( mas)?) (\w+ )?(voy|va|vamos"
    r"|tengo|tiene|tenemos|van) (a tener )?(que |a )?(seguir|tomar|ponerme|ponerle|recibir|usar|estar)\w*"
)
# something beside one's own treatment doing harm ("¿una copita con mi quimio me hace daño?"), or two of one's
# medicines the same ("me mandó alendronato pero ya me ponen zometa, ¿no es doble?")
_HARM_ME = _rx(
    r"\b(me|le|nos) (hace|hacen|haria|harian|hara|haran|puede hacer|pueden hacer|va a hacer|van a hacer) (dano|mal|algo)\b|\b(me|le) (cae|caeria) mal\b"
)
_DRINK = _rx(r"\b(vino|vinito|copa|copita|cerveza|cervecita|chela|tequila|alcohol|trago|traguito|te|cafe|jugo)s?\b")
# "es lo mismo" compares two drugs in general (a curated question), "es doble / repetido" asks about one's own two
_TWICE = _rx(r"\b(no )?(es|seria|son|estan) (doble|demasiado|repetid[oa]s?|duplicad[oa]s?)\b|\bse (repite|duplica)\b")
_DOSE_CHANGE = _rx(
    r"\b(me|le|nos) (aumentan|aumentaran|suben|subiran|bajan|bajaran|reducen|reduciran|ajustan|cambian|doblan|duplican"
    r"|van a aumentar|van a ajustar) (la |el |mi |su )?(dosis|cantidad|miligramos|frecuencia|potencia)\b"
)

# -- fourth round: a choice of drug for a real person, "is it normal that I…", another medicine affecting me, one's
# treatment stopped for a procedure -------------------------------------------------------------------------------
# "¿qué es mejor para mi mamá, el zometa o el xgeva?" (with two medicines named): the choice made for that person
_BETTER_FOR = _rx(
    r"\b(es|sera|seria|son) (mejor|preferible|mas seguro|mas segura|mas conveniente|lo mejor|lo mas seguro) (para|en)"
    r" (mi|el|ella|nosotros|mi \w+|su \w+)\b|\b(me|le|nos) (conviene|convendria|cae mejor|sirve mas|va mejor)\b"
    r"|\b(para|en el caso de) (mi|su) \w+\b.*\b(es|sera|seria) (mejor|preferible|mas segur[oa]|mas conveniente)\b"
)
# "¿es normal que me duela la espalda con el anastrozol?": a trouble of one's own while on one's treatment
_NORMAL_FOR = _rx(
    r"\b(es|sera|seria) (normal|comun|de esperarse|esperado|usual|logico) que (me|le|nos|a (mi|ella|el) (me |le )?)"
    r"|\b(normal|comun) que (me|le|nos) (duela|duelan|de|den|salga|salgan|pase|pasen|sienta|sienten|suceda|ande)\b"
)
_RADIATION = ("radiac", "radiot", "radio", "rayos")  # the pain flare after radiation is an FAQ answer
# another medicine the person takes, asked whether it affects them ("tomo cortisona, ¿eso me afecta los huesos?")
_TAKING = _rx(
    r"\b(estoy|esta|estamos|sigo|sigue|ando|anda) (tomando|usando|recibiendo)\b|\b(tomo|toma|tomamos|uso|usa)\b"
    r"|\b(me|le|nos) (dan|dieron|recetaron|mandaron|pusieron|estan dando|recetan|mandan)\b"
)
_AFFECTS_ME = _rx(
    r"\b(me|le|nos) (afecta|afectan|afectara|afectaria|perjudica|perjudican|perjudicaria|debilita|debilitan"
    r"|afloja|aflojan|danan|dana|empeora|empeoran)\b"
)
# one's treatment to be stopped for something ahead ("le van a operar, ¿le tienen que parar el zometa?")
_MUST_STOP = _rx(
    r"\b(me|le|nos|se) (tienen|tendran|van a tener|deben|deberian|tiene|tendria) que (parar|suspender|quitar|retirar"
    r"|pausar|dejar)\b|\b(hay|habra|habria|tengo|tiene|tenemos|debo|debe|deberia) que (parar|suspender|quitar"
    r"|retirar|pausar|dejar)(le|lo|la|me|selo|sela)\b|\b(tengo|tiene|tenemos) que dejar de (tomar|poner|recibir)\b"
)

# -- dental work one needs, timed against one's treatment ----------------------------------------------------------
_WHEN_AGAINST = _rx(
    r"\bantes o (despues|luego)\b|\b(despues|luego) o antes\b|\bcuanto (tiempo )?(antes|despues)\b|\bcuando (me|lo|la)"
    r" (lo |la )?(hago|hagan|hacen|pongo|saco)\b"
)


def own_care_ask(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) for this module's kinds about a real person."""
    words = spanish_care.split_words(sentence)
    text = " ".join(words)
    if not words or any(w in GENERIC for w in words):
        return None
    asks = "?" in sentence or "¿" in sentence or bool(_ASKED_TAIL.search(text)) or words[0] in spanish_care.ASK_START
    person = spanish_care.personal(words, text)
    treatment = spanish_care.treatment_named(words)
    if _CALL_ME.search(text) and _WISH.search(text) and (person or any(w in STAFF for w in words)):
        return ("care_team", "request_human", sentence)  # "porfa que la enfermera me marque hoy"
    lab = next((i for i, w in enumerate(words) if w in spanish_care._LISTS["SHAPE_LAB"]), None)
    if lab is not None and person and _MOVED_TO.search(" ".join(words[lab:])):
        return ("care_team", "lab_results", sentence)  # "la creatinina de mi mamá subió a 1.5"
    if _MOVE_VISIT.search(text) and (asks or _WISH.search(text)):
        return ("care_team", "request_human", sentence)  # "¿puedo adelantar mi cita?", "quiero posponer la consulta"
    if not asks:
        return None
    if _CALL_BACK.search(text):
        return ("care_team", "request_human", sentence)  # "¿hoy me regresan la llamada?"
    if _report_for_me(words, text):
        return ("care_team", "lab_results", sentence)  # "el informe dice…, ¿es bueno para mí?"
    if _prognosis(words, text, person, treatment):
        return ("care_team", "prognosis", sentence)
    if treatment and person and _LONGER.search(text):
        return ("care_team", "dosing", sentence)  # "¿cuántos años más voy a tener que ponerme el xgeva?"
    own = re.search(r"\b(mi|mis|su|sus|me|le)\b", text)
    if own and spanish_care.medicines_named(words) >= 2 and _TWICE.search(text):
        return ("care_team", "personal_decision", sentence)  # "me dan alendronato y zometa, ¿no es doble?"
    if (
        own
        and _HARM_ME.search(text)
        and (spanish_care.medicines_named(words) >= 2 or (treatment and _DRINK.search(text)))
    ):
        return ("care_team", "personal_decision", sentence)  # "¿una copita de vino con mi quimio me hace daño?"
    if _DOSE_CHANGE.search(text):
        return ("care_team", "dosing", sentence)  # "si sigue el dolor, ¿me suben la dosis?"
    off = _TAKE_OFF.search(text)
    off = off and spanish_care.treatment_named([off.group("what")])
    if treatment and person and (_HEED.search(text) or _STILL_NEED.search(text) or off):
        return ("care_team", "personal_decision", sentence)  # "el onco me quiere quitar el xgeva, ¿es lo correcto?"
    if _HEED.search(text) and _TOLD.search(text):
        return ("care_team", "personal_decision", sentence)  # "la doctora me dijo que lo pare, ¿le hago caso?"
    if _fourth(words, text, person, treatment):
        return ("care_team", "personal_decision", sentence)
    dental = any(w in DENTAL for w in words) or (
        any(w in TOOTH for w in words)
        and (any(w.startswith(("sac", "extra", "quit")) for w in words) or any(w in DENTAL_JOB for w in words))
    )
    if dental and treatment and person and _WHEN_AGAINST.search(text):
        return ("care_team", "dental_timing", sentence)  # "necesito una endodoncia, ¿antes o después del shot?"
    return None


def _report_for_me(words, text: str) -> bool:
    said = _SAYS.search(text)
    return bool(said and any(w in REPORT for w in words) and _FOR_ME.search(text, said.end()))


def own_report(message: str) -> Optional[Hit]:
    """The whole message: the report said in one sentence, applied to oneself in another ("mi resonancia dice
    enfermedad estable. ¿eso es bueno para mí?")."""
    words = spanish_care.split_words(message)
    text = " ".join(words)
    asked = "?" in message or "¿" in message or bool(_ASKED_TAIL.search(text))
    if asked and not any(w in GENERIC for w in words) and _report_for_me(words, text):
        return ("care_team", "lab_results", message)
    return None


def _prognosis(words, text: str, person: bool, treatment: bool) -> bool:
    """Time left, living to see an event, getting worse or better: the person's own course, not what a drug does."""
    if _TIME_LEFT.search(text) and person:
        return True
    if _FUTURE_SEE.search(text) and (
        any(w in EVENT for w in words) or re.search(r"\b(ver|verlos|verlas|conocer)\b", text)
    ):
        return True  # the first-person future names the asker: "¿alcanzaré a ver a mi nieto graduarse?"
    if _CHANCE_CURE.search(text) or (_AGAIN_ABLE.search(text) and person):
        return True  # "¿hay posibilidad de que yo me cure?", "¿mi mamá va a volver a caminar?"
    return bool(_WORSE.search(text) and person and not treatment)


def _fourth(words, text: str, person: bool, treatment: bool) -> bool:
    """A choice of drug for the person, a trouble of theirs while on it, another medicine affecting them, their
    treatment stopped for something ahead: each with the person named, so "¿qué es mejor, zometa o xgeva?" or "¿la
    prednisona afecta los huesos?" stay general."""
    if _BETTER_FOR.search(text) and person and spanish_care.medicines_named(words) >= 2:
        return True  # "¿qué le conviene a mi papá, el zometa o el xgeva?"
    if _NORMAL_FOR.search(text) and treatment and not any(w.startswith(_RADIATION) for w in words):
        return True  # "¿es normal que me duelan las manos con el letrozol?" (a flare after radiation: the FAQ's)
    if _TAKING.search(text) and _AFFECTS_ME.search(text):
        return True  # "mi esposo toma cortisona, ¿le afecta los huesos?"
    return bool(_MUST_STOP.search(text) and treatment and person)
