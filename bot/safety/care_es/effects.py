"""Spanish asks about EFFECTS the person feels on their treatment, and whether it works for them.

"¿es normal en ella?", "¿es normal que me duelan las manos con el letrozol?" (a flare after radiation is the FAQ's); an
effect put down to one's treatment named as the cause ("me deja agotada, ¿será por el xgeva?"; "¿el cansancio es por el
zometa?" names nobody); whether it is working or harming one ("¿me está sirviendo?"); waiting an effect out or telling
the clinic, asked as a choice ("¿aguanto o le aviso?", "¿manejo o mejor no?")."""

from __future__ import annotations

import re

_rx = re.compile

# "¿es normal en ella?", "¿nomás a mí?"
FOR_HER = _rx(
    r"\b(es|sera|seria) (lo )?(normal|esperado|comun|tipico) (para|en) (ella|mi|nosotros|ellos)\b"
    r"|\b(nomas|nada mas|solo|solamente) a (mi|ella)\b"
)

WORKING = _rx(
    r"\b(me|le|nos) (esta|estan) (sirviendo|funcionando|haciendo efecto|debilitando|afectando|danando|haciendo dano"
    r"|haciendo mal|ayudando)\b"
)

# "¿es normal que me duela la espalda con el anastrozol?": a trouble of one's own while on one's treatment
NORMAL_FOR = _rx(
    r"\b(es|sera|seria) (normal|comun|de esperarse|esperado|usual|logico) que (me|le|nos|a (mi|ella|el) (me |le )?)"
    r"|\b(normal|comun) que (me|le|nos) (duela|duelan|de|den|salga|salgan|pase|pasen|sienta|sienten|suceda|ande)\b"
)

RADIATION = ("radiac", "radiot", "radio", "rayos")  # the pain flare after radiation is an FAQ answer

# an effect put down to a cause: "es por la medicina", "será del zometa", "puede ser culpa de la inyección"
BECAUSE = re.compile(
    r"\b(es|sera|seria|sera que es|puede ser|podria ser|viene|vendra) (por|de|del|culpa de|culpa del|a causa de)"
    r" (la |el |lo |los |las |mi |su |mis |sus |esa |ese |esta |este )?(\w+)"
)

CAUSE_WORDS = frozenset(
    "medicina medicinas medicamento medicamentos tratamiento inyeccion inyecciones infusion infusiones shot suero"
    " pastilla pastillas".split()
)

WAIT_OR = _rx(
    r"\b(aguanto|me aguanto|aguantamos|espero|me espero|esperamos|lo dejo pasar|la dejo pasar) o (mejor )?(le |me |lo"
    r" |la |les )?(aviso|avisamos|hablo|hablamos|llamo|llamamos|marco|voy|vamos|pongo|tomo|doy|hago|reporto|escribo"
    r"|digo)\b|\b(le )?(aviso|hablo|llamo|marco) o (me )?(aguanto|espero)\b"
)

OR_NOT = _rx(r"\bo mejor (no|espero|me espero|lo dejo|la dejo|me aguanto|aguanto)\b")


# an effect felt since one's treatment began, put down to it by "eso": "desde que empecé el ibrance…, ¿será de eso?"
SINCE_STARTED = re.compile(
    r"\bdesde (que )?(empece|empezo|empezamos|comence|comenzo|inicie|inicio|me (pusieron|ponen|dieron|dan)|le (pusieron"
    r"|ponen|dieron|dan)|tomo|toma|estoy con|esta con)\b"
)

THAT_CAUSE = frozenset({"eso", "esto", "ello", "ese", "esa", "este", "esta"})
