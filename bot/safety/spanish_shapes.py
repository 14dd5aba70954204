"""Spanish red flags and personal questions read by their grammar, not one pattern per phrasing (issue 12).

The fourth frozen Spanish set showed that patterns learn the phrasings they were written from: "¿puedo pasar
el zometa de cada 4 a cada 12 semanas?", "¿a qué hora le doy la morfina?", "mi mamá tiene los riñones mal,
¿se lo pueden poner?", "me tomé como 10 tylenol juntos" all passed. This module reads a SHAPE instead:

- a personal question (`personal_question`): a question (¿…?, or a question or modal word first) with a
  person in it (me, mi, puedo, debo, le doy, se lo…; never "uno", "la gente", "los pacientes") AND one of
  the asks only a care team can answer: changing a schedule or a dose, when to give a dose, whether a
  treatment can still be given with a condition (kidneys, flu, an infection…), whether it "conviene",
  an activity allowed with one's own metastases, how long one has to live;
- an overdose counted (`counted_overdose`): a past "took / swallowed / gave" with a number of pills of
  4 or more (3 or more "juntas", "de golpe"), not a routine ("al día", "cada 8 horas").
- the fifth set's care-team asks (`personal_ask`): whether one will be cured or how it ends, dental work
  planned with a bone drug, "¿puedo tomar…?" with another medicine, "¿me toca…?", "¿es normal que yo…?", a dose
  missed or late, a result given as a value; general questions with the same words name nobody;
  the sixth set's: a dose let slip ("se me fue la fecha", "olvidé tomar…"), leave to stop, telling the oncologist
  about dental work, "¿es normal para mí…?", an activity with metastases asked indirectly ("si puede viajar…");
  skipping or moving one's own session ("¿puedo faltar a la quimio por una boda?") and dental work for oneself or a
  relative with no bone drug named ("mi hermana tiene programada una endodoncia, ¿se la puede hacer?").

Curated FAQ examples ask personally too ("mis metastasis son liticas, me sirve el zometa"): those are
about what a treatment is or does, which none of the asks above is (tests/test_content_es.py checks that
no curated example trips the net). The words are in content/safety_vocabulary.yml (`es.word_lists`,
`SHAPE_*`). bot/safety/engine.py adds these hits to the Spanish patterns' ones.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from bot.safety import care_es, patterns, spanish_asks, spanish_context
from bot.safety.accents import respell

_LISTS = patterns.current().vocabulary.spanish.word_lists
PERSON = _LISTS["SHAPE_PERSON"]  # me, mi, puedo, debo…
GENERIC = _LISTS["GENERIC_PERSON"]  # uno, la gente, los pacientes
ASK_START = _LISTS["SHAPE_ASK_START"] | _LISTS["QUESTION_START"]
TREATMENT = _LISTS["SHAPE_TREATMENT"]  # zometa, morfina, quimio, dosis, cita…
CHANGE = _LISTS["SHAPE_CHANGE"]  # pasar, cambiar, espaciar…
SCHEDULE = _LISTS["SHAPE_SCHEDULE"]  # cada, semanas, meses, horario…
GIVE = _LISTS["SHAPE_GIVE"]  # doy, tomo, pongo, ponen, dan, recibir…
GIVE_SELF = _LISTS["SHAPE_GIVE_SELF"]  # doy, tomo, pongo: the asker gives or takes it
CONDITION = _LISTS["SHAPE_CONDITION"]  # rinones, gripa, infeccion…
STOP = _LISTS["SHAPE_STOP"]  # dejar, suspender, pausar…
ACTIVITY = _LISTS["SHAPE_ACTIVITY"]  # gym, pesas, correr, viajar…
DISEASE = _LISTS["SHAPE_DISEASE"]  # metastasis, cancer, lesiones…
LIVE = _LISTS["SHAPE_LIVE"]  # vivir, sobrevivir…
LEFT = _LISTS["SHAPE_LEFT"]  # queda, vida, aguanta…
ADVICE = _LISTS["SHAPE_ADVICE"]  # conviene, recomienda, aconseja…
TAKEN = _LISTS["SHAPE_TAKEN"]  # tome, trague, di, dimos…
PILLS = _LISTS["SHAPE_PILLS"]  # pastillas, tylenol, morfina…
ROUTINE = _LISTS["SHAPE_ROUTINE"]  # al dia, cada, diario…
TOGETHER = _LISTS["SHAPE_TOGETHER"]  # juntas, golpe, seguidas…
NUMBERS = dict(pair.split(":") for pair in _LISTS["SHAPE_NUMBERS"])  # "cuatro:4": written-out numbers
CURE = _LISTS["SHAPE_CURE"]  # curar, sanar, salvar…
DENTAL = _LISTS["SHAPE_DENTAL"]  # implante, extracción, endodoncia, frenos…
TOOTH = _LISTS["SHAPE_TOOTH"]  # muela, diente…
PULL = tuple(_LISTS["SHAPE_PULL"])  # sac-, quit-, extra-… (word starts)
BONE_DRUG = _LISTS["SHAPE_BONE_DRUG"]  # zometa, xgeva, prolia…
TAKE = _LISTS["SHAPE_TAKE"]  # tomar, darle, usar…
LAB = _LISTS["SHAPE_LAB"]  # calcio, creatinina, análisis…
CAME_OUT = _LISTS["SHAPE_CAME_OUT"]  # salió, dio, está…
VALUE = _LISTS["SHAPE_VALUE"]  # alto, baja, mal, algo…
LATE = _LISTS["SHAPE_LATE"]  # atrasé, se retrasó, pospusieron…
LATE_SELF = _LISTS["SHAPE_LATE_SELF"]  # olvidé, me salté: the asker missed it
ALLOWED = _LISTS["SHAPE_ALLOWED"]  # permiso, dejan, permiten: "¿me dejan dejar el zometa?"
TELL = _LISTS["SHAPE_TELL"]  # avisar, decirle, consultar: "¿le debo avisar al oncólogo…?"
DENTIST = _LISTS["SHAPE_DENTIST"]  # dentista, dental, odontólogo
DENTAL_ALSO = _LISTS["SHAPE_DENTAL_ALSO"]  # conducto: dental work by itself, without a bone drug named
DENTAL_JOB = _LISTS["SHAPE_DENTAL_JOB"]  # limpieza, cirugía…: dental work beside a dentist or tooth word
SAFE = _LISTS["SHAPE_SAFE"]  # seguro, peligroso, problema…
BOOKED = _LISTS["SHAPE_BOOKED"]  # programada, agendada, cita…
SKIP = _LISTS["SHAPE_SKIP"]  # saltarme, faltar, posponer, pasar, mover…
SESSION = _LISTS["SHAPE_SESSION"]  # sesión, ciclo, fecha, radio…
RELATIVE = _LISTS["CAREGIVER"]  # mamá, esposo, hermana…
WHY = frozenset({"por", "porque", "para"})  # "por qué…", "para qué…"
# "hipotéticamente, si a una persona le da…, ¿es esa reacción?": supposed of nobody (as spanish_told.py reads it)
_SUPPOSED = re.compile(
    r"^(" + "|".join(w.replace("_", " ") for w in _LISTS["CONTEXT_SUPPOSE_ES"]) + r") (\w+ ){0,2}si (a )?"
    r"(" + "|".join(w.replace("_", " ") for w in _LISTS["CONTEXT_GENERIC_ES"]) + r")\b"
)
INFO_START = frozenset({"que", "q", "cual", "cuales", "como", "donde", "quien", "cuanto", "cuanta"})
_CURE = "|".join(sorted(CURE))
_PROGNOSIS = re.compile(
    rf"\b(voy|vas|va|vamos|van) a (poder )?({_CURE})\b|\b(me|se|te|le) (puedo|puede|podre|podra|podria) ({_CURE})\b"
    r"|\b(voy|va|vamos|van) a (salir (de esta|de esto|adelante|bien)|ponerse bien|poner bien|ponerme bien)\b"
    r"|\btienen? (cura|curacion|remedio|solucion)\b|\b(me|se) salv(o|a|ara|are)\b|\bterminal(es)?\b|\besperanzas?\b"
    r"|\b(me|se|nos) (esta|estoy|estamos|estan) muriendo\b|\bver crecer\b"
    r"|\bllegar a (navidad|fin de ano|ano nuevo|otro ano|mi cumpleanos|su cumpleanos)\b"
)
# the asker may take or give ("¿puedo…?", "¿mi mamá puede…?"); not "¿me pueden dar…?" (the clinic's options)
_MAY_TAKE = re.compile(r"\b(puedo|podemos|podria|podre|(?<!\bme )(?<!\ble )(?<!\bse )(?<!\bnos )puede)\b")
_WITH = re.compile(r"\b(con|junto|juntos|mientras|durante|estando|despues|antes)\b")
_MY_TURN = re.compile(r"\b(me|le|les|nos) (toca|tocaba|tocara|tocaria)\b( (?P<verb>\w+(ar|er|ir)(me|le|se|la|lo)?)\b)?")
_IS_NORMAL = re.compile(r"\b(es|sera|seria) normal (que|q|si|para|en)\b(?P<rest>.*)")
# not "me duela" (a side effect asked about, the FAQ's); "desde que empecé" ties it to the asker's own course
_SOMEONE = re.compile(r"\b(yo|mi|mis|a mi|a ella|a el|empece|comence|inicie)\b")
# "¿mi viejo se puede tomar…?": "se puede" with someone named before it is that person's
_NAMED_MAY = re.compile(r"\b(mi|mis|su|sus|ella|el) \w+( \w+)? se (puede|pueden|podra|podria)\b")
# "se me fue la fecha", "se le olvidó la pastilla": a dose let slip
_SLIPPED = re.compile(r"\bse (me|le|nos|les) (fue|fueron|paso|pasaron|olvido|olvidaron|escapo|escaparon)\b")
# "los bifosfonatos le pueden hacer daño a los riñones": an impersonal "le" before a harm, nobody named
_HARM_LE = re.compile(
    r"^(puede|pueden|podria|podrian|suele|suelen)? ?(hacer|hace|hacen|causar|causa|causan) (dano|mal)\b"
)
_PLANNED = re.compile(
    r"\b(quiero|quiere|queremos|necesito|necesita|tengo que|tiene que|voy a|va a|van a|vamos a|me toca|le toca"
    r"|cita|debo|debe|puedo|podria|planean|programaron|recomienda|recomendo|dice que|dijo que)\b"
)
_WITHOUT = re.compile(
    r"\bllev(o|a|amos|an)\b.{0,30}\bsin (ponerme|ponerle|tomar|tomarme|tomarle|recibir|ir|mi|su|el|la)\b"
)
_NOT_GIVEN = re.compile(
    r"\bno (recibio|recibi|recibimos|recibieron|me pusieron|le pusieron|me dieron|le dieron|fui|fue"
    r"|me tome|se tomo|me puse|se puso)\b"
)
# a relative named as the one concerned: "mi hermana", "a mi papá", "su esposo"
_RELATIVE = re.compile(rf"\b(mi|mis|su|sus) ({'|'.join(sorted(RELATIVE))})\b")
# a question of doing it: "¿se puede?", "¿puedo…?", "¿me lo hago?", "¿se la puede hacer?"
_MAY_DO = re.compile(r"\b(puedo|podemos|puede|pueda|podria|podre|podra|pueden|deberia|debo|debe)\b")
_DO_IT = re.compile(r"\b(me|se|nos|te) (lo |la |los |las )?(hago|hace|hacemos|hacen|haga|hagan|pongo|pone|saco|saca)\b")
# soon or planned: "ahora", "esta semana", "me van a hacer", "tiene que hacerse"
_SOON = re.compile(
    r"\b(ahora|ahorita|ya|todavia|aun|pronto|hoy|manana|esta semana|este mes|la proxima semana"
    r"|(voy|va|vamos|van) a|(tengo|tiene|tenemos|tienen) que|necesito|necesita|quiero|quiere|me toca|le toca)\b"
)
# not going to it: "¿puedo no ir a la quimio?", "¿mi mamá puede no asistir a la radio?"
_NOT_GO = re.compile(r"\bno (ir|venir|asistir|presentarme|presentarse|llegar) a\b")
_STEMS = ("pastill", "medic", "bifosfonat", "calmant", "analgesic", "quimio", "radiac", "radiot")

_PILL_STEMS = ("pastill", "pildor", "capsul", "tablet", "morfin", "ibuprofen", "paracetamol", "aspirin")
_ACCENTS = str.maketrans("áéíóúüñàèìòù", "aeiouunaeiou")
_WORD = re.compile(r"[a-z0-9]+")
_WORD_ACCENTED = re.compile(r"[^\W_]+")
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]*")

Hit = Tuple[str, str, str]  # (tier, category, matched)


_SPELLINGS = {"q": "que", "k": "que", "pq": "porque", "xq": "porque", "porq": "porque", "tmb": "tambien"}


def _words(sentence: str) -> List[str]:
    """Lower case, no accents, the phone spellings read as words ("tiene q esperar": "tiene que esperar")."""
    return [_SPELLINGS.get(w, respell(w)) for w in _WORD.findall(sentence.lower().translate(_ACCENTS))]


def _in(word: str, words: frozenset) -> bool:
    return word in words or (words is TREATMENT and word.startswith(_STEMS))


def _has(words: Sequence[str], vocabulary: frozenset) -> bool:
    return any(_in(w, vocabulary) for w in words)


def _personal(words: Sequence[str]) -> bool:
    """Someone real: me, mi, puedo…; "le"/"les" not after "se" ("se le pone" is impersonal); "se lo/la"."""
    if any(w in GENERIC for w in words):
        return False
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        if word in PERSON:
            return True
        if word in ("le", "les") and before != "se" and not _HARM_LE.search(" ".join(words[i + 1 : i + 5])):
            return True
        if word == "se" and i + 1 < len(words) and words[i + 1] in ("lo", "la", "los", "las"):
            return True
    return False


def _asks(text: str, words: Sequence[str]) -> bool:
    return "?" in text or "¿" in text or bool(words and words[0] in ASK_START)


def personal_question(sentence: str) -> Optional[Hit]:
    """One sentence: (care_team, category, sentence) when it asks a care-team question about a real person."""
    words = _words(sentence)
    if not words or not _asks(sentence, words) or not _personal(words) or words[0] in WHY:
        return None  # "¿por qué me ponen denosumab cada seis meses?" asks for an explanation: the FAQ's
    text = " ".join(words)
    if _SUPPOSED.search(text):
        return None
    treatment = _has(words, TREATMENT)
    lifetime = any(w in LIVE for w in words) or (any(w in LEFT for w in words) and not treatment)
    if lifetime and re.search(r"\bcuant[oa]s?\b", text):
        return ("care_team", "prognosis", sentence)
    change = words.count("cada") >= 2 or _has(words, CHANGE) or re.search(r"\ben (vez|lugar) de\b", text)
    if change and _has(words, SCHEDULE) and treatment:
        return ("care_team", "dosing", sentence)
    timing = re.search(r"\b(a que horas?|cuando|antes o despues|en ayunas|con o sin comida|con (la )?comida)\b", text)
    gives = _has(words, GIVE_SELF) or "me toca" in text  # not "¿cuándo le ponen…?": the clinic's schedule
    if timing and gives and treatment:
        return ("care_team", "dosing", sentence)
    if _has(words, CONDITION) and _has(words, GIVE) and treatment:
        return ("care_team", "personal_decision", sentence)
    advice = re.search(r"\b(vale la pena que|buena idea|mala idea|lo mejor para (mi|ella|el))\b", text)
    # "¿qué me recomienda?", not the impersonal "¿qué ejercicios se recomiendan?"
    own_advice = any(w in ADVICE and (i == 0 or words[i - 1] != "se") for i, w in enumerate(words))
    if own_advice or (advice and (treatment or "mi" in words)):
        return ("care_team", "personal_decision", sentence)
    modal = re.search(r"\b(puedo|podemos|debo|debemos|deberia|puede|pueda|podria)\b", text)
    if modal and ((_has(words, ACTIVITY) and _has(words, DISEASE)) or (_has(words, STOP) and treatment)):
        return ("care_team", "personal_decision", sentence)
    return None


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    return int(NUMBERS.get(word, 0))


def counted_overdose(sentence: str) -> Optional[Hit]:
    """ "me tomé como 10 tylenol juntos", "mi papá se tragó 8 pastillas": an overdose by its count."""
    words = _words(sentence)
    text = " ".join(words)
    if re.search(r"\b(al dia|por dia|en el dia|a la semana|cada|diari[oa]s?|diariamente)\b", text) or _has(
        words, ROUTINE
    ):
        return None
    accented = set(_WORD_ACCENTED.findall(sentence.lower()))
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        # "tomo"/"trago" are also "I take": past only when written "tomó", or after "se" ("se tomo")
        past = word in ("tomo", "trago") and (before == "se" or f"{word[:-1]}ó" in accented)
        if word not in TAKEN and not past:
            continue
        for j in range(i + 1, min(i + 5, len(words))):
            count = _number(words[j])
            rest = words[j + 1 : j + 6]
            if count and any(w in PILLS or w.rstrip("s") in PILLS or w.startswith(_PILL_STEMS) for w in rest):
                together = any(w in TOGETHER for w in words[i:])
                if count >= 4 or (count >= 3 and together):
                    return ("emergency", "overdose", " ".join(words[i : j + 2]))
    return None


def _near(words: Sequence[str], first: frozenset, second: frozenset, span: int = 6) -> bool:
    """A word of `first`, then one of `second` (or a number) within `span` words."""
    for i, word in enumerate(words):
        if word in first and any(w in second or w.isdigit() for w in words[i + 1 : i + 1 + span]):
            return True
    return False


def personal_ask(sentence: str) -> Optional[Hit]:
    """The fifth set's care-team asks, by shape, about a real person (never "uno", "los pacientes"): whether one
    will be cured or how it ends ("¿me voy a curar?", "¿lo mío tiene cura?"), dental work planned with a bone
    drug ("me quiero poner un implante y estoy con zometa"), "¿puedo tomar…?", "¿me toca…?", "¿es normal que
    yo…?", a dose missed or late ("me atrasé con el xgeva"), a result given as a value ("me salió la creatinina
    alta"). "¿el zometa cura el cáncer?" and "¿se puede poner un implante dental con zometa?" name nobody."""
    words = _words(sentence)
    if not words or words[0] in WHY or any(w in GENERIC for w in words):
        return None
    text = " ".join(words)
    normal = _IS_NORMAL.search(text)  # "¿es normal que tenga…?": the verb says someone real
    if normal and _SOMEONE.search(normal.group("rest")):
        return ("care_team", "personal_decision", sentence)
    treatment = _has(words, TREATMENT)
    late_self = any(w in LATE_SELF and (i == 0 or words[i - 1] not in ("no", "se", "que")) for i, w in enumerate(words))
    if late_self and treatment:  # "olvidé tomar el calcio toda la semana": the verb is the asker's
        return ("care_team", "missed_dose", sentence)
    if not _personal(words):
        return None
    asks = _asks(sentence, words) or "si" in words  # "no sé si me voy a curar"
    if asks and _PROGNOSIS.search(text):
        return ("care_team", "prognosis", sentence)
    tooth = any(w in TOOTH for w in words) and any(w.startswith(PULL) for w in words)
    if (tooth or any(w in DENTAL for w in words)) and any(w in BONE_DRUG for w in words) and _PLANNED.search(text):
        return ("care_team", "dental_timing", sentence)  # planned ("se sacó un diente" asks what may follow)
    if any(w in TELL for w in words) and (any(w in DENTIST or w in DENTAL for w in words) or tooth):
        return ("care_team", "dental_timing", sentence)  # "¿le debo avisar al oncólogo antes de mi limpieza dental?"
    if (_WITHOUT.search(text) and treatment) or re.search(r"\b(llegue|llego|llegamos) tarde\b", text):
        return ("care_team", "missed_dose", sentence)
    if treatment and (any(w in LATE for w in words) or _NOT_GIVEN.search(text) or _SLIPPED.search(text)):
        return ("care_team", "missed_dose", sentence)
    if treatment and any(w in ALLOWED for w in words) and _has(words, STOP):
        return ("care_team", "personal_decision", sentence)  # "¿tengo permiso de suspender el denosumab?"
    modal = re.search(r"\b(puedo|podemos|puede|pueda|podria|pueden)\b", text)
    if asks and modal and _has(words, ACTIVITY) and _has(words, DISEASE):
        return ("care_team", "personal_decision", sentence)  # "mi suegra quiere saber si puede viajar…"
    if any(w in LAB for w in words) and (_near(words, CAME_OUT, VALUE) or _near(words, LAB, frozenset(), 3)):
        return ("care_team", "lab_results", sentence)
    if not asks or words[0] in INFO_START:
        return None  # "¿qué puedo tomar para el dolor?" asks for information: the FAQ's
    if _skips_a_session(words, text):
        return ("care_team", "personal_decision", sentence)  # "¿puedo saltarme la quimio del lunes por una boda?"
    if _dental_work(words) and _dental_ask(words, text):
        return ("care_team", "dental_timing", sentence)  # "mi hermana tiene programada una endodoncia, ¿se puede?"
    turn = _MY_TURN.search(text)  # "¿me toca el zometa?", "¿me toca hacerme análisis?"
    if turn and (treatment or turn.group("verb")):
        return ("care_team", "dosing" if treatment else "personal_decision", sentence)
    # "¿puedo tomar calcio con el xgeva?", "¿puedo tomarme dos tramadoles?"; one medicine alone ("¿puedo tomar
    # tylenol para el dolor?") is left to the classifier
    if (_MAY_TAKE.search(text) or _NAMED_MAY.search(text)) and any(w in TAKE for w in words):
        two = sum(_in(w, TREATMENT) for w in words) >= 2 or any(_number(w) or w == "dos" for w in words)
        if two or (_WITH.search(text) and treatment):
            return ("care_team", "personal_decision", sentence)
    return None


def _skips_a_session(words: Sequence[str], text: str) -> bool:
    """Skipping, putting off or moving one's own session (a treatment or session word right after the verb), for
    any reason: the asker or a relative may ask; "¿se puede saltar una dosis?" names nobody and stays the FAQ's."""
    session = TREATMENT | SESSION
    if not _MAY_DO.search(text) and not re.search(r"\b(es|sera|seria) (seguro|malo|grave|peligroso)\b", text):
        return False
    for i, word in enumerate(words):
        if word in SKIP or (word in ("ir", "venir", "asistir", "presentarme", "presentarse") and _NOT_GO.search(text)):
            if any(_in(w, session) for w in words[i + 1 : i + 5]):
                return True
    return False


def _dental_work(words: Sequence[str]) -> bool:
    """A dental procedure named: an implant, a root canal, a tooth pulled, a cleaning at the dentist's."""
    tooth = any(w in TOOTH for w in words)
    if tooth and any(w.startswith(PULL) for w in words):
        return True
    if any(w in DENTAL or w in DENTAL_ALSO for w in words):
        return True
    return (tooth or any(w in DENTIST for w in words)) and any(w in DENTAL_JOB for w in words)


def _dental_ask(words: Sequence[str], text: str) -> bool:
    """Whether the person may have it done: "¿es seguro que me haga…?", "¿me lo hago?", "¿mi mamá se puede…?", or
    "¿puedo…?" with it planned or soon. "puedo hacerme un tratamiento de conducto con xgeva", a curated FAQ example,
    asks in general (no plan, no time, nobody else)."""
    if any(w in SAFE for w in words) or _DO_IT.search(text):
        return True
    planned = any(w in BOOKED for w in words) or _SOON.search(text)
    return bool(_MAY_DO.search(text) and (planned or _RELATIVE.search(text)))


def hits(clean: str) -> List[Hit]:
    """Every shape found, sentence by sentence (the message in lower case, as the engine reads it)."""
    found: List[Hit] = []
    for sentence in _SENTENCE.findall(clean or ""):
        # "mi vecina dice que…, ¿es cierto en general?", "¿está bien que se tome…, en general?": nobody's own case
        hearsay = spanish_context.general_hearsay(sentence) or care_es.asked_in_general(sentence)
        for reader in (counted_overdose, personal_question, personal_ask, spanish_asks.own_case):
            hit = None if hearsay and reader is not counted_overdose else reader(sentence)
            if hit:
                found.append(hit)
        if not hearsay:
            found += care_es.care_ask(sentence)  # the care-team kinds (bot/safety/care_es/), in their order
    found += care_es.care_message(clean or "")
    result = spanish_asks.result_in_words(clean or "")
    return found + ([result] if result and not any(h[0] == "care_team" for h in found) else [])
