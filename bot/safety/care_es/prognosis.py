"""Spanish asks about one's own PROGNOSIS (category prognosis).

Whether one's disease has a cure ("lo mío tiene cura", "¿hay posibilidad de que yo me cure?") or will go away; time
left ("¿cuántos años voy a vivir?", "¿no me queda mucho?"); living to see an event ("¿veré a mi hija casarse?", "¿voy a
estar bien para la graduación?"); hospice; getting worse or walking again ("¿mi mamá va a volver a caminar?"). Words:
`es.word_lists` CARE_EVENT; the rest in words.py. What a drug does ("¿la infusión me va a quitar el dolor?") is the
FAQ's."""

from __future__ import annotations

import re

from bot.safety.care_es.words import LISTS

_rx = re.compile

OWN_CURE = _rx(
    r"\blo (mio|mia|suyo|suya|de (mi|su) \w+|de ella|de el) (tiene|tendra|tendria) (cura|remedio|solucion)\b"
    r"|\blo (mio|suyo|de ella|de (mi|su) \w+) (se cura|es curable|se quita|es para controlar\w*)\b"
)

GOES_AWAY = _rx(r"\bse (me|le|nos) (va|van) a (quitar|ir|curar|desaparecer|sanar|borrar)\b")

LIFETIME = _rx(r"\bcuant[oa]s? (anos|meses|tiempo|semanas)\b.*\b(vivir|vive|vivira|dura|durar|dan|queda)\b")

SEE_EVENT = _rx(
    r"\b(voy|va|vamos) a (llegar a )?(pasar|ver|alcanzar|estar en|estar para|conocer)\b.*\b(navidad|graduacion"
    r"|graduarse|graduar|boda|cumpleanos|ano nuevo|nieto|nieta|nietos|nacer|quinceanera)\b"
)

UNTIL = _rx(
    r"\b(durar|aguantar|llegar) (hasta|a) (su |mi |la |el )?(navidad|cumpleanos|boda|graduacion|ano nuevo|verano)\b"
)

HOSPICE = _rx(r"\b(hospicio|hospice|cuidados paliativos|paliativos)\b")

EVENT = LISTS["CARE_EVENT"]  # what one hopes to live to see: la graduación, la boda, mis nietos

# -- prognosis ---------------------------------------------------------------------------------------------------
FUTURE_SEE = _rx(
    r"\b(alcanzare|alcanzara|alcanzaremos|llegare|llegara|llegaremos|vere|vera|veremos|estare|estara|conocere|conocera"
    r"|vivire|vivira|viviremos|aguantare|aguantara|durare|durara)\b"
)

TIME_LEFT = _rx(
    r"\b(me|le|nos) (queda|quedan|quedara|quedaria) (mucho|poco|poquito|cuanto|tiempo|meses|anos|semanas|dias|vida)\b"
    r"|\bcuanto (tiempo )?(de vida )?(me|le|nos) (queda|quedan|dan|dio|dieron)\b"
)

AGAIN_ABLE = _rx(
    r"\b((voy|va|vamos|van) a (poder )?volver a |(volvere|volvera|volveremos) a |(podre|podra|podremos) (volver a )?)(caminar"
    r"|andar|pararme|pararse|trabajar|manejar|valerme|valerse|moverme|moverse|ser (la|el) (de|mism[oa])|estar bien)\b"
)

CHANCE_CURE = _rx(
    r"\b(posibilidad|posibilidades|chance|esperanza|probabilidad|probabilidades) de que (yo |ella |el |mi \w+ |su \w+ )?"
    r"(me |se |le )?(cure|curen|sane|salve|salven|recupere|quite|quede)\b"
)

WORSE = _rx(
    r"\b(me voy|se va|nos vamos|voy|va|vamos) a (poner (peor|mejor|bien|grave|mal)|empeorar|agravar|mejorar|recuperar"
    r"|recuperarme|recuperarse|aliviar|aliviarme|aliviarse)\b"
)


def own_course(words, text: str, person: bool, treatment: bool) -> bool:
    """Time left, living to see an event, getting worse or better: the person's own course, not what a drug does."""
    if TIME_LEFT.search(text) and person:
        return True
    if FUTURE_SEE.search(text) and (
        any(w in EVENT for w in words) or re.search(r"\b(ver|verlos|verlas|conocer)\b", text)
    ):
        return True  # the first-person future names the asker: "¿alcanzaré a ver a mi nieto graduarse?"
    if CHANCE_CURE.search(text) or (AGAIN_ABLE.search(text) and person):
        return True  # "¿hay posibilidad de que yo me cure?", "¿mi mamá va a volver a caminar?"
    return bool(WORSE.search(text) and person and not treatment)


WELL_FOR = _rx(
    r"\b(voy|va|vamos) a (estar|seguir|llegar) (bien|aqui|viva|vivo|con vida|de pie|presente|fuerte) (para|en|a)\b"
)
