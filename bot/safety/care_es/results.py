"""Spanish asks about one's own RESULTS and tests: lab values, reports, scans (category lab_results, and one's next
test as personal_decision).

One's value moved to a number ("la creatinina de mi mamá subió a 1.5") or out of range ("me salió por encima del
rango"); words of one's own report applied to oneself, in one sentence or across two (`own_report`: "mi resonancia dice
enfermedad estable. ¿eso es bueno para mí?"); whether one's results are out ("me hicieron labs, ¿ya salieron?"); one's
next test ("¿me toca la tomografía?"). "¿qué significa enfermedad estable?" names nobody and stays the FAQ's. Words:
`es.word_lists` CARE_REPORT, CARE_TEST, SHAPE_LAB."""

from __future__ import annotations

import re
from typing import Optional

from bot.safety.care_es.words import ASKED_TAIL, GENERIC, LISTS, TEST, Hit, split_words

_rx = re.compile

MY_TURN = _rx(r"\b(me|le|nos) (toca|tocan|tocara|tocaria|hacen|repiten)\b")

TEST_PLAN = _rx(r"\b(me|le) (van a|vayan a|tienen que) (hacer|repetir|mandar|sacar|tomar)\b")

READY = re.compile(r"\bya (salieron|salio|estan|llegaron|esta|estaran)\b")

REPORT = LISTS["CARE_REPORT"] | TEST  # where a result is written: el informe, el portal, la tomografía

# -- one's report applied to oneself ------------------------------------------------------------------------------
SAYS = _rx(
    r"\b(dice|dicen|decia|puso|pusieron|pone|ponen|salio|salieron|sale|reporta|reporto|habla de|hablan de|menciona"
    r"|mencionan|aparece|aparecen|indica|muestra|mostro|escribieron|escribio|quiere decir|significa|significan"
    r"|quieren decir)\b"
)

FOR_ME = _rx(
    r"\b(es|sera|seria|son|eso es|esto es) (algo |una )?(bueno|buena|malo|mala|buena noticia|mala noticia|buena senal"
    r"|mala senal|buen signo|mal signo|grave|preocupante)( o (bueno|buena|malo|mala|no))? (para|en) (mi|el|ella"
    r"|nosotros|mi \w+|su \w+)\b"
    r"|\b(quiere decir|significa|o sea|entonces) (que )?(\w+ ){0,3}(me|le|nos) (sirve|sirvio|funciona|funciono"
    r"|esta sirviendo|esta funcionando|hace efecto|ayuda|esta ayudando)\b"
    r"|\b(quiere decir|significa|o sea|entonces) (que )?(ya )?(voy|va|vamos|estoy|esta|estamos) (bien|mejor|peor"
    r"|curad[oa]|san[oa]|limpi[oa]|libre)\b"
    r"|\b(ya )?(me|se|nos) (cure|curo|curamos|sane|sano|salve|salvo)\b|\bya (estoy|esta) (curad[oa]|san[oa]|limpi[oa])\b"
    r"|\b(me|le) (sirve|funciona|esta sirviendo|esta funcionando) (el|la|mi|su)\b"
    r"|\btiene (algo )?que ver con (mi|mis|su|sus|lo de)\b"
)

# one's own value, moved to a number: "la creatinina de mi mamá subió a 1.5", "mi calcio bajó hasta 8"
MOVED_TO = _rx(
    r"\b(subio|subieron|bajo|bajaron|aumento|disminuyo|llego|anda|andaba|quedo|marco|amanecio)( \w+)? (a|en|hasta|de)"
    r" (\w+ )?\d"
)


def report_for_me(words, text: str) -> bool:
    said = SAYS.search(text)
    return bool(said and any(w in REPORT for w in words) and FOR_ME.search(text, said.end()))


def own_report(message: str) -> Optional[Hit]:
    """The whole message: the report said in one sentence, applied to oneself in another ("mi resonancia dice
    enfermedad estable. ¿eso es bueno para mí?")."""
    words = split_words(message)
    text = " ".join(words)
    asked = "?" in message or "¿" in message or bool(ASKED_TAIL.search(text))
    if asked and not any(w in GENERIC for w in words) and report_for_me(words, text):
        return ("care_team", "lab_results", message)
    return None


OUT_OF_RANGE = _rx(
    r"\b(me|le|nos) (dio|dieron|salio|salieron|sale|salen|da|sigue|sigo) (muy )?(arriba|abajo|fuera|por encima"
    r"|por debajo|encima|debajo) (del|de|de los) (rango|rangos|normal|limite|limites|valores)\b"
)
