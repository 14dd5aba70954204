"""Spanish asks about one's own DOSES and course of treatment: missed, late, again, moved, skipped, stopped, paused,
restarted, refused, switched, how long, how much is left, which is one's own, what comes next.

Stopping or pausing one's treatment ("quisiera dejar de ponerme…", "¿se lo suspendemos?", "un descanso del zometa");
restarting it ("¿cuándo la vuelvo a tomar?"); a dose again or forgotten; one's dose against someone else's ("¿por qué a
mí cada 3 meses y a mi amiga cada mes?", "¿cuál es el mío?"); moving it to another day or skipping one named by its
month ("¿lo paso al lunes?", "¿me salto la de enero?"); when it stops or how much is left ("¿cuántos ciclos me
faltan?"); how much longer ("¿cuántos años más voy a tener que ponerme el xgeva?"); the clinic changing one's dose
("¿me suben la dosis?"); heeding advice about it or still needing it ("el onco me quiere quitar el xgeva, ¿es lo
correcto?", "llevo 3 años, ¿todavía lo necesito?"); one's treatment to be stopped for something ahead ("¿le tienen que
suspender el xgeva?"); a change of drug asked for, preferred or wished (which_drug: "¿puedo pedir que me cambien?",
"quiero pasarme del prolia al zometa"); which of two drugs is better for the person; what comes next for one ("¿qué
sigue para mí?", "¿le toca otra cosa?"); whether one is a candidate. Each needs a real person, so "¿se puede saltar una
dosis?" stays the FAQ's."""

from __future__ import annotations

import re

_rx = re.compile

# stopping, pausing, restarting, refusing one's own treatment
RESTART = _rx(
    r"\b(vuelvo|vuelve|volvemos|vuelven|vuelva|volver|volverle|volverme) a (empezar|tomar|poner|iniciar|arrancar"
    r"|comenzar|dar|recibir)\w*|\b(retom|reanud|reinici)\w*|\bempezar de (cero|nuevo)\b"
)

CONTINUE = _rx(
    r"\b(sigo|seguimos|sigue|siguen|continuo|continuamos) (dando|dandole|tomando|poniendo|poniendome"
    r"|poniendole|recibiendo|con (el|la|los|las|mi|su|eso))\b|\b(le|lo|la) sigo o\b"
)

NO_MORE = _rx(
    r"\bya no (quiero|quiere|queremos|quieren) (seguir|continuar) con\b|\bya no (quiero|quiere|queremos|quieren)"
    r" (mas )?(tratamientos?|quimio|quimioterapia|radio|la quimio|el tratamiento|las inyecciones|el shot|inyecciones)"
)

QUIT = _rx(
    r"\b((quiero|quisiera|queria|quiere|quieren|pienso|puedo|podria|podemos|debo|deberia) dejar|(?<!si )dejo|dejamos) de "
    r"(tom|pon|dar|recib|us|ir|inyect|aplic)\w*"
)

STOP_IT = _rx(
    r"\b(se lo|se la|se los|se las|lo|la) (suspendemos|suspendo|suspende|quitamos|quito|paramos"
    r"|paro|dejo|dejamos|pausamos)\b|\b(me|le|nos|se) (lo|la|los|las) (pueden|puede|podrian|podria|van a) (quitar|suspender"
    r"|parar|dejar|pausar)\b|\b(dejo|dejamos|suspendo|paro|pauso|quito) (el|la|los|las|mi|su)\b"
)

REFUSE = _rx(
    r"\b(le|les) (digo|diga|decimos|digamos|decir) que no\b|\b(negarme|negarse|rechazar|rechazarlo|rechazarla)\b"
)

HOW_LONG = _rx(r"\bcuanto tiempo (mas )?(me|le|nos|les) (van a |vayan a )?(seguir|tienen que|toca|dura)\w*")

PAUSE = _rx(r"\b(un|una|unos|unas) (descanso|descansito|pausa|vacaciones|dias libres) (del|de la|de los|de las|de)\b")

# the clinic asked to give one's own dose elsewhere or at another time ("¿me pueden poner el xgeva una semana antes?",
# "…en la casa?"); "¿me pueden dar xgeva si…?" asks the clinic's options (curated FAQ questions)
CLINIC_GIVE = _rx(
    r"\b(me|le|nos) (lo |la )?(pueden|puede|podrian|podria) (poner|aplicar|inyectar|seguir dando|seguir poniendo)\b"
    r"(?=.*\b(antes|despues|casa|aca|aqui|alla|seguir|otra semana|otro dia)\b)|\b(seguir dando|seguir poniendo)\b"
)

SKIP_VISIT = _rx(
    r"\bsi no (voy|va|vamos|llego|llega|vengo|viene) (a|al|a la)\b"
    r"|\bsi no (me|le|se) (lo |la )?(pongo|pone|ponen|tomo|toma|doy|damos|aplican)\b"
)

HESITATE = _rx(r"\bno se si (ponerme|tomar|empezar|hacerlo|aceptar|seguir|dejar|recibir)\w*")

WHEN_OR = _rx(
    r"\b(manana|noche|tarde|ayunas|desayuno|comida|cena)\b.* o (en |de |con |antes |despues )?(la |el )?"
    r"(manana|noche|tarde|ayunas|desayuno|comida|cena)\b"
)

AGAIN = _rx(
    r"\b(me|le|se) (lo |la )?(tomo|pongo|doy|damos|tomamos|ponemos) (otra|otro|igual|doble|de nuevo)\b"
    # a double dose by mistake: "me la tomé ayer y hoy otra vez", "le di dos veces", "me confundí de día"
    r"|\b(me|le|se) (lo |la |los |las )?(tome|tomo|puse|di|dimos|tomamos|pusimos|dio|tomaste)( \w+){0,10} (otra vez"
    r"|de nuevo|dos veces|doble)\b|\b(me|nos|se) (confundi|confundio|confundimos|equivoque|equivoco|equivocamos) de"
    r" (dia|fecha|pastilla|dosis|semana)\b"
)

# waiting or stopping asked as a choice against going on with one's treatment: "aguanto un mes más sin el xgeva… o
# lo sigo como toca", "¿me dan el zometa mientras tanto o espero…?", "se la siguen poniendo o se la paran"; the person
# comes from `personal` (a clitic, a first-person verb), so "¿se sigue con el zometa o se para?" stays general
_GO_STOP = (
    r"(sigo|sigue|siguen|seguimos|continuo|continua|continuan|continuamos|dan|ponen|pongo|tomo|doy|aguanto|aguantamos"
    r"|espero|esperamos|paro|paramos|paran|dejo|dejamos|suspenden|suspendo|quitan|pauso)"
)
GO_OR_STOP = _rx(rf"\b{_GO_STOP}\b( \w+){{0,12}} o (\w+ ){{0,2}}{_GO_STOP}\b")


def go_or_stop(text: str) -> bool:
    """A choice between two different verbs of going on, stopping or waiting ("aguanto… o lo sigo")."""
    found = GO_OR_STOP.search(text)
    return bool(found) and found.group(1) != found.group(found.lastindex)


# a switch of one's drug announced: "me cambian el aredia por el zometa", "le van a pasar del prolia al xgeva"
SWITCH_TOLD = _rx(
    r"\b(me|le|nos|les) (cambian|cambiaron|cambio|van a cambiar|pasan|pasaron|van a pasar|quieren cambiar) (el|la|los"
    r"|las|de|del|de la|mi|su) (\w+ ){1,3}(por|al|a la|a)\b"
)

FORGOT = _rx(
    r"\b(no me acuerdo|no recuerdo|no se|no sabemos) si (me|le|nos|ya|se)( \w+)? (puse|pusieron|pusimos|tome|tomo"
    r"|di|dimos|dieron|aplicaron|inyectaron)\b|\bno (ha|he|hemos|han) (recibido|tomado|ido|tenido)\b"
)

WHICH_MINE = _rx(r"\bcual (es|seria|sera) (el|la) (mio|mia|mios|mias|suyo|suya|de ella|de el|correcta|correcto)\b")

COMPARED = _rx(
    r"\b(a mi|a el|a ella|yo)\b.*\b(y|pero|como|que|mientras) (a )?(mi|su|la|el) (amiga|amigo|vecina|vecino|prima"
    r"|primo|hermana|hermano|comadre|companera|companero|cunada|conocida|tia|mama|suegra)\b"
    r"|\ba (mi|su) (amiga|amigo|vecina|vecino|prima|hermana|comadre|conocida|tia)\b.*\b(y|pero) (a mi|a el|a ella|yo)\b"
    r"|\bcomo (a )?(mi|su) (amiga|amigo|vecina|vecino|prima|hermana|comadre|companera|conocida|tia|cunada)\b"
)

IF_BETTER = _rx(
    r"\b(y si|si mejor|mejor) (me |le |se )?(lo |la )?(pongo|pone|ponen|tomo|toma|damos|doy|cambio|paso|ponemos)\b"
)

TOO_MUCH = _rx(
    r"\b(es|sera|seria) (mucho|mucha|demasiado|demasiada|poco|poca|muy poco) (si|que|para) (me|le|yo|mi|ella|alguien)\b"
)

HOUR = _rx(r"\b(cambio|cambiar|cambiarlo|cambiarla|cambiamos|paso|pasarlo) (\w+ )?(de hora|a otra hora|de horario)\b")

WHAT_NEXT = _rx(
    r"\bque (sigue|viene|hacemos|hago|va a pasar|pasara) (ahora )?(para (mi|ella|el|nosotros)|conmigo|con (ella|mi \w+))\b"
    r"|\b(lo|la|me|le) (van a|vayan a|tienen que|piensan) (cambiar|subir|bajar|suspender|quitar) (de |el |la )?(tratamiento"
    r"|dosis|medicina|quimio)\b|\bsiguiente paso (para|con) (mi|ella)\b"
)

TOLD_FOUND = _rx(r"\b(me|le|nos) (dijeron|dijo|diagnosticaron|encontraron|salio|salieron)\b")

WHAT_THEY_GIVE = _rx(
    r"\b(que|cual|cuales) (me|le|les|nos) (van a|iran a|tienen que|piensan) (dar|recetar|poner|mandar)\b"
)

CANDIDATE = _rx(r"\b(soy|es|sera|seria|somos) (una |un |buena |buen )?(candidata|candidato|apta|apto|elegible)\b")

WHEN_OFF = re.compile(r"\bcuando (me|le|nos) (quitan|suspenden|paran|van a quitar|dejan de)\b")

LEFT_OF = re.compile(
    r"\bcuant[oa]s? (ciclos|sesiones|dosis|inyecciones|infusiones|meses|semanas) (mas )?(de \w+ )?(me|le|nos)"
    r" (faltan|quedan|tocan)\b"
)

SWAP = re.compile(
    r"\b(lo|la|los|las) (puedo|podemos|podria|pueden) cambiar (por|a)\b|\bcambiar(lo|la)? por (otro|otra)\b"
)

AFTER = re.compile(r"\b(me|le|nos) toca (otra cosa|algo mas|otro tratamiento)\b")

# -- advice, still needed, a dose changed ------------------------------------------------------------------------
HEED = _rx(
    r"\b(le|les|lo|la) (hago|hacemos|hace|debo hacer|deberia hacer) caso\b"
    r"|\bes lo (correcto|mejor|indicado|adecuado|recomendable|conveniente|ideal) (para|en) (mi|el|ella|nosotros|mi \w+"
    r"|su \w+)\b|\bes lo (correcto|mejor|indicado|adecuado) en (mi|su) caso\b"
)

ADVISED = _rx(
    r"\b(me|le|nos) (dijo|dijeron|dice|dicen|recomendo|recomendaron|mando|mandaron|quiere|quieren|piensa|piensan)\b"
)

# the doctor's plan for one's treatment ("el onco me quiere quitar el xgeva"), the treatment named right after; not
# what a treatment does ("¿la infusión me va a quitar el dolor?", a curated question)
TAKE_OFF = _rx(
    r"\b((me|le|nos) (quiere|quieren|piensa|piensan|va a|van a|planea|planean)|quiere|quieren|piensa|piensan|planea|planean)"
    r" (quitar|suspender|parar|cambiar|retirar"
    r"|pausar|interrumpir|detener|dejar de (dar|poner)) (el|la|los|las|mi|su|mis|sus) (?P<what>\w+)"
)

STILL_NEED = _rx(
    r"\b(todavia|aun|sigo|seguimos|sigue) (\w+ )?(lo |la |los |las )?(necesito|necesita|necesitamos|ocupo|ocupa"
    r"|necesitando|ocupando)\b|\b(me|le|nos) (sigue|siguen) haciendo falta\b|\b(todavia|aun) (me|le|nos) hace(n)? falta\b"
)

LONGER = _rx(
    r"\b(hasta cuando|cuanto tiempo( mas)?|cuant[oa]s (anos|meses|semanas|dosis|inyecciones)( mas)?) (\w+ )?(voy|va|vamos"
    r"|tengo|tiene|tenemos|van) (a tener )?(que |a )?(seguir|tomar|ponerme|ponerle|recibir|usar|estar)\w*"
)

DOSE_CHANGE = _rx(
    r"\b(me|le|nos) (aumentan|aumentaran|suben|subiran|bajan|bajaran|reducen|reduciran|ajustan|cambian|doblan|duplican"
    r"|van a aumentar|van a ajustar) (la |el |mi |su )?(dosis|cantidad|miligramos|frecuencia|potencia)\b"
)

# -- a choice of drug for a real person, one's treatment stopped for a procedure -------------------------------------
# "¿qué es mejor para mi mamá, el zometa o el xgeva?" (with two medicines named): the choice made for that person
BETTER_FOR = _rx(
    r"\b(es|sera|seria|son) (mejor|preferible|mas seguro|mas segura|mas conveniente|lo mejor|lo mas seguro) (para|en)"
    r" (mi|el|ella|nosotros|mi \w+|su \w+)\b|\b(me|le|nos) (conviene|convendria|cae mejor|sirve mas|va mejor)\b"
    r"|\b(para|en el caso de) (mi|su) \w+\b.*\b(es|sera|seria) (mejor|preferible|mas segur[oa]|mas conveniente)\b"
)

# one's treatment to be stopped for something ahead ("le van a operar, ¿le tienen que parar el zometa?")
MUST_STOP = _rx(
    r"\b(me|le|nos|se) (tienen|tendran|van a tener|deben|deberian|tiene|tendria) que (parar|suspender|quitar|retirar"
    r"|pausar|dejar)\b|\b(hay|habra|habria|tengo|tiene|tenemos|debo|debe|deberia) que (parar|suspender|quitar"
    r"|retirar|pausar|dejar)(le|lo|la|me|selo|sela)\b|\b(tengo|tiene|tenemos) que dejar de (tomar|poner|recibir)\b"
)

# a change of one's own medicine asked for or preferred
ASK_CHANGE = re.compile(
    r"\b(puedo|podemos|podria|podriamos|se puede|quiero|quisiera|queremos|debo|deberia) (pedir|solicitar|hacer|exigir"
    r"|pedirle) (el|un|que me|que le|que nos) (cambio|cambien|cambie|pasen|den)\b"
    r"|\b(yo |el |ella )?(prefiero|preferiria|prefiriria|preferimos|me gustaria mas|quisiera mejor) (el|la|los|las|que"
    r" me|que le|otro|otra|\w+)\b"
)

MOVE_TO = _rx(
    r"\b(lo|la|los|las) (muevo|movemos|paso|pasamos|cambio|cambiamos|recorro|recorremos|adelanto|adelantamos|atraso"
    r"|atrasamos|pospongo|posponemos|dejo|dejamos) (al|para el|a el|pal|para la|a la) (lunes|martes|miercoles|jueves"
    r"|viernes|sabado|domingo|otro dia|dia siguiente|siguiente|proximo|proxima|\d+)\b"
)

MONTHS = (
    r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|lunes|martes"
    r"|miercoles|jueves|viernes|sabado|domingo|proximo|proxima|siguiente|este mes|la semana)"
)

SKIP_NAMED = _rx(
    r"\b(me|le|nos) (salto|saltamos|salte|brinco|brincamos|paso|pasamos|pierdo|perdemos) (la|el|las|los) (de|del) "
    + MONTHS
)

SWAP_FROM = _rx(
    r"\b(cambiarme|pasarme|cambiarse|pasarse|cambiarnos|pasarnos|cambiarle|pasarle|cambiarla|cambiarlo|pasarla|pasarlo|me cambien|me pasen|le cambien"
    r"|le pasen|me cambio|me paso) (de|del|de la)\b.*\b(a|al|a la|por)\b"
)
