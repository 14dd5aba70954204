"""More Spanish care-team asks read by their shape (beside spanish_shapes.personal_ask): the eighth set's kinds.

Each is about a real person, so the same words asked in general stay FAQ questions:

- the person's own treatment plan asked as a yes/no question ("¿me van a dar radioterapia en la columna o no?", "¿me
  van a tener que operar la cadera?", "¿hay chance de que a mi esposa le quiten las metástasis?"); a statement ("me
  van a operar la cadera por la metástasis") or an information question after it ("me van a poner xgeva, ¿qué
  es?") is the FAQ's, as the curated examples are;
- the person said with emphasis, "a mí", "a él", "en mi caso", in a question about a dose, a schedule or a choice
  (not what a treatment is or does: "¿a mí me sirve el zometa?" is a curated question) ("¿a mí me toca cada 4 semanas o cada 12?", "¿qué dosis de vitamina D me corresponde a mí?",
  "quiere saber si a él le sirve más la radiación o la cirugía"): the asker sets their own case apart from the
  general answer;
- one's dose or turn said with "me corresponde(n)" or "me toca" and a schedule ("¿cuántas me corresponden?");
- whether a treatment is too much for the person, asked of what is to come ("¿aguantará el zometa o es mucho para
  ella?", "¿mi papá va a soportar la quimio?"): their own case, not the FAQ's side effects ("¿la quimio es fuerte?");
- a result told in words and asked about (`result_in_words`, over the whole message): a test of the person's
  ("me hicieron la gammagrafía", "mi resonancia", "le hicieron") that says a change in their course ("dice lesiones
  nuevas", "habla de progresión") and a question of what it means ("no entiendo", "¿qué quiere decir?"); a term to
  define ("dice lesiones líticas, ¿qué quiere decir?") is the FAQ's, as in English.

Words: content/safety_vocabulary.yml `es.word_lists` (SHAPE_*); spanish_shapes.hits calls both readers.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.safety import patterns
from bot.safety.accents import respell

_LISTS = patterns.current().vocabulary.spanish.word_lists
TREATMENT = _LISTS["SHAPE_TREATMENT"]
SCHEDULE = _LISTS["SHAPE_SCHEDULE"]
LAB = _LISTS["SHAPE_LAB"]
GENERIC = _LISTS["GENERIC_PERSON"]
CHANGED = _LISTS["SHAPE_CHANGED"]
ASK_START = _LISTS["SHAPE_ASK_START"] | _LISTS["QUESTION_START"]
_STEMS = ("pastill", "medic", "bifosfonat", "calmant", "analgesic", "quimio", "radiac", "radiot", "cirug", "operac")
INFO_START = frozenset({"que", "cual", "cuales", "como", "donde", "quien", "por", "porque", "para", "hasta"})
_ACCENTS = str.maketrans("áéíóúüñ", "aeiouun")
_WORD = re.compile(r"[a-z0-9]+")
_SPELLINGS = {"q": "que", "k": "que", "pq": "porque", "xq": "porque", "porq": "porque"}
Hit = Tuple[str, str, str]

# the clinic acting on the person, to come: "me van a dar", "le van a tener que operar", "me tienen que quitar"
_PLAN = re.compile(
    r"\b(me|le|les|nos) (van|iran|vayan|tienen|tendran|tendrian|piensan|planean) (a|que|de)? ?"
    r"(tener que )?(dar|poner|hacer|operar|quitar|sacar|cambiar|aplicar|recetar|mandar|radiar|internar|suspender"
    r"|subir|bajar|quitarme|quitarle|operarme|operarle|darme|darle|ponerme|ponerle)\w*(?P<what>( \w+){0,3})"
)
# a procedure by its verb; "dar", "poner" need a treatment after them ("¿me van a dar osteoporosis?" asks an effect)
_PROCEDURE = ("oper", "intern", "radi", "quit", "sac")
_DEVICES = ("placa", "clavo", "varilla", "protesis", "tornillo", "puerto", "cateter", "sonda")  # "poner una placa"
# a chance of it: "¿hay chance de que le quiten…?", "¿habrá forma de que me operen?"
_CHANCE = re.compile(
    r"\b(hay|habra|habria|existe|tengo|tiene) (alguna |una )?(chance|chanse|posibilidad|forma|manera|opcion|esperanza)"
    r" (de )?(que )?(a \w+ \w+ )?(me|le|les|nos)\b"
)
# "a mí", "a él", "para mí", "en mi caso": the person set apart; "a mi mamá" is possessive
_EMPHATIC = re.compile(r"\ba (mi|el|ella|nosotros|nosotras|ellos)\b(?= (me|le|les|nos|se)\b|$)|\ben (mi|su) caso\b")
_INFO_TAIL = re.compile(r"\b(que es|que son|como funciona|como actua|que hace|para que sirve)\b|^(para|por) que\b")
_MINE = re.compile(r"\b(me|le|les|nos) (corresponde|corresponden|corresponderia|toca|tocan|tocaria)\b")
_DOSE = re.compile(r"\b(dosis|cuant[oa]s?|cada|miligramos|mg|tabletas|pastillas|gotas|unidades)\b")
_CHOICE = re.compile(r"\b(sirve|sirven|serviria|funciona|funcionaria|conviene|va) (mas|mejor)\b|\b\w+ o (el |la )?\w+$")
# will the person bear it: a verb of bearing in the future ("aguantará", "va a soportar") or "too much for her"
_BEAR = re.compile(
    r"\b(aguant|soport|resist|toler)(ara|aria|aran|arian)\b|\b(va|van|podra|podria) a? ?(aguantar|soportar|resistir|tolerar)"
    r"|\b(es|sera|seria) (mucho|demasiado|muy fuerte|muy pesad[oa]) para (ella|el|mi|ti|usted|el cuerpo de)\b"
)
# a test of the person's, told in words, and what it means
_TEST_DONE = re.compile(r"\b(me|le|les|nos) (hicieron|hizo|sacaron|tomaron|dieron|entregaron|llego|llegaron)\b")
_SAYS = re.compile(
    r"\b(dice|dicen|decia|salio|salieron|sale|salen|reporta|reporto|muestra|mostro|aparece|aparecen|aparecio"
    r"|habla de|menciona|encontraron|vieron|ven|indica|pone)\b"
)
_MEANING = re.compile(
    r"\b(no entiendo|no entendi|no le entiendo|que quiere decir|que significa|que significan|me (lo )?explica"
    r"|es (malo|grave|bueno|preocupante)|que tan (malo|grave)|debo preocuparme)\b"
)


def _words(text: str) -> List[str]:
    return [_SPELLINGS.get(w, respell(w)) for w in _WORD.findall(text.lower().translate(_ACCENTS))]


def _treatment(words) -> bool:
    return any(w in TREATMENT or w.startswith(_STEMS) for w in words)


def _asks(text: str, words) -> bool:
    return "?" in text or "¿" in text or (bool(words) and words[0] in ASK_START)


def _planned(text: str) -> bool:
    """The clinic's act on the person: a procedure by its verb, or a treatment given ("¿me van a dar radioterapia?")."""
    for match in _PLAN.finditer(text):
        verb = match.group(0).split()[-1 - len(match.group("what").split())]
        what = match.group("what").split()
        if verb.startswith(_PROCEDURE) or _treatment(what) or any(w.startswith(_DEVICES) for w in what):
            return True
    return False


def own_case(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) for the module's kinds about a real person."""
    words = _words(sentence)
    if not words or words[0] in ("por", "porque") or any(w in GENERIC for w in words):
        return None  # "¿por qué a mí me dan zometa?" asks for an explanation; "uno", "la gente": nobody
    text = " ".join(words)
    clauses = [c for c in re.split(r"[,;:]", sentence) if c.strip()]
    planned = next((c for c in clauses if _planned(" ".join(_words(c))) or _CHANCE.search(" ".join(_words(c)))), "")
    if planned:
        own = _words(planned)
        if _asks(planned, own) and own[0] not in INFO_START and (_CHANCE.search(" ".join(own)) or "?" in planned):
            return ("care_team", "personal_decision", sentence)
    if not _asks(sentence, words) and "si" not in words:  # "quiere saber si a él le sirve más…"
        return None
    # the person set apart with a dose, a schedule or a choice; "a mí me ponen xgeva, ¿qué es?" asks what it is, and
    # "¿a mí me sirve el zometa?" what it does (the curated answers' own questions)
    emphatic = _EMPHATIC.search(text) and not _INFO_TAIL.search(text)
    if emphatic and (any(w in SCHEDULE for w in words) or _DOSE.search(text)):
        return ("care_team", "dosing", sentence)
    if _MINE.search(text) and (_DOSE.search(text) or any(w in SCHEDULE for w in words)):
        return ("care_team", "dosing", sentence)
    if emphatic and _CHOICE.search(text):
        return ("care_team", "which_drug", sentence)
    if _BEAR.search(text) and _treatment(words):
        return ("care_team", "personal_decision", sentence)
    return None


def result_in_words(message: str) -> Optional[Hit]:
    """The whole message: a test of the person's that says something, and a question of what it means."""
    text = " ".join(_words(message))
    owned = _TEST_DONE.search(text) or re.search(r"\b(mi|mis|su|sus) (\w+ )?(" + "|".join(sorted(LAB)) + r")\b", text)
    if not owned or not LAB & set(text.split()) or any(w in GENERIC for w in text.split()):
        return None
    says = _SAYS.search(text, owned.start())
    meaning = says and _MEANING.search(text, says.end())
    if meaning and set(text[says.end() : meaning.start()].split()) & CHANGED:
        return ("care_team", "lab_results", message)
    return None
