"""Spanish asks about ANOTHER MEDICINE OR A DRINK with one's own treatment (category personal_decision).

Two medicines together or the same day ("¿se los doy juntos?"); one interfering with one's treatment; giving or taking
another one with it, or instead of it; a drink or another medicine that may harm one with one's treatment ("¿una copita
de vino con mi quimio me hace daño?"); two of one's bone drugs that may double up ("¿no es doble?"); another medicine
one takes asked as affecting one ("tomo cortisona, ¿me afecta?"); one's treatment while ill now or on another medicine
("¿se puede poner el shot si ando tomando antibiótico?"). "¿el calcio interfiere con el xgeva?" names nobody and stays
the FAQ's."""

from __future__ import annotations

import re

from bot.safety.care_es.words import LISTS

_rx = re.compile

TOGETHER = _rx(r"\b(juntos|juntas|junto con|al mismo tiempo|a la vez|el mismo dia|mismo dia|misma hora)\b")

FINE_WITH = _rx(r"\b(hay (algun )?problema|es malo|es peligroso|choca|se lleva|se puede) con (el|la|los|las|mi|mis)\b")

CLITIC_GIVE = _rx(r"\bse (los|las|lo|la) (doy|damos|tomo|tomamos|pongo)\b")

INTERACT = _rx(
    r"\b(interfiere|interfieren|interfiera|interactua|interactuan|choca|chocan|se lleva|se llevan|corta|afecta"
    r"|afectan|cruza|contraindicad\w*) (\w+ )?(con|al|a la)\b"
)

GIVE_TO = _rx(r"\b(le|les|se lo|se la|se los|se las) (doy|damos|puedo dar|podemos dar|sigo dando|seguimos dando)\b")

TAKE_IT = _rx(
    r"\b(me|se) (lo|la|los|las) (tomo|tomamos|puedo tomar|podemos tomar|doy|damos|dejo poner|pongo|hago|puedo hacer)\b"
    r"|\b(me|le) (tomo|doy|damos|pongo) algo\b|\b(lo|la|los|las) (tomo|tomamos|doy|damos) (con|junto con) (el|la|mi|mis)\b"
)

INSTEAD = _rx(r"\ben (vez|lugar) (de|del)\b")

# something beside one's own treatment doing harm ("¿una copita con mi quimio me hace daño?"), or two of one's
# medicines the same ("me mandó alendronato pero ya me ponen zometa, ¿no es doble?")
HARM_ME = _rx(
    r"\b(me|le|nos) (hace|hacen|haria|harian|hara|haran|puede hacer|pueden hacer|va a hacer|van a hacer) (dano|mal|algo)\b|\b(me|le) (cae|caeria) mal\b"
)

DRINK_HARMS = _rx(
    r"\b(vino|vinito|copa|copita|cerveza|cervecita|chela|tequila|alcohol|trago|traguito|te|cafe|jugo)s?\b"
)

# "es lo mismo" compares two drugs in general (a curated question), "es doble / repetido" asks about one's own two
TWICE = _rx(r"\b(no )?(es|seria|son|estan) (doble|demasiado|repetid[oa]s?|duplicad[oa]s?)\b|\bse (repite|duplica)\b")

# another medicine the person takes, asked whether it affects them ("tomo cortisona, ¿eso me afecta los huesos?")
TAKING = _rx(
    r"\b(estoy|esta|estamos|sigo|sigue|ando|anda) (tomando|usando|recibiendo)\b|\b(tomo|toma|tomamos|uso|usa)\b"
    r"|\b(me|le|nos) (dan|dieron|recetaron|mandaron|pusieron|estan dando|recetan|mandan)\b"
)

AFFECTS_ME = _rx(
    r"\b(me|le|nos) (afecta|afectan|afectara|afectaria|perjudica|perjudican|perjudicaria|debilita|debilitan"
    r"|afloja|aflojan|danan|dana|empeora|empeoran)\b"
)

CONDITION = LISTS["SHAPE_CONDITION"]  # gripa, infección, riñones…

DRINK = _rx(
    r"\b(vino|vinito|copa|copita|cerveza|cervecita|chela|chelas|tequila|alcohol|trago|traguito|mezcal|ron|whisky"
    r"|te|cafe)s?\b"
)

# one's state now: "si ando tomando antibiótico", "si anda con gripa", "estando con la infección"
STATE_NOW = _rx(r"\b(si|mientras|cuando|estando) (ando|anda|andamos|andan|estoy|esta|estamos) (\w+ )?\w+")


# two of one's treatments on one day or on two: "me las dan en el mismo appointment o me toca venir dos veces", "¿se las
# ponen juntas?"; asked by "?" or by the choice itself
SAME_DAY = _rx(
    r"\b(me|le|nos|se) (las|los|lo|la) (dan|ponen|aplican|hacen|pueden dar|pueden poner|van a dar|van a poner)"
    r" (\w+ ){0,2}(el mismo|la misma|juntas|juntos|a la vez|separad\w+)\b"
    r"|\b(el mismo|la misma) (dia|appointment|cita|turno|sesion|visita)\b.* o (me|le|nos) (toca|tocan|tienen|tengo)\b"
)
