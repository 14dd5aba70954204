"""Remove what could identify a person from a question before anyone keeps it (issue 15).

Why our own: no well-kept de-identification package runs offline on English and Spanish without a
model download (Presidio needs a spaCy language model; scrubadub's last release is from 2023, finds
names only with an NLTK/TextBlob or spaCy model, and has no Spanish dates or ages). This one is rules
only, tested on realistic messages (tests/test_scrub.py), and errs towards removing too much: a
content editor needs the *shape* of a question, never who asked it.

What goes, replaced by a tag: e-mail addresses [EMAIL], web addresses [URL], phone numbers [PHONE],
dates in any format and month names, English and Spanish [DATE], ages [AGE], street addresses
[ADDRESS], postcodes [POSTCODE], times of day [TIME], identifiers mixing letters and digits [ID], every other number
[NUMBER] (lab values, doses, record numbers: only "every 4 weeks"-like durations and "stage 4" stay),
names [NAME] (a list of common names, cues such as "my name is", "I'm", "me llamo", "mi hija",
"Dr.", and any capitalised word in mid-sentence the content does not know), places after "I live in",
"vivo en" [PLACE]. Drug names and the content's own words stay.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Iterator, Set

import yaml

from bot.settings import ROOT

DATA = Path(__file__).resolve().parent / "data" / "names.txt"
CONTENT = ROOT / "content"
#: Content files whose words are not names (sources.yml and facts/ quote authors: left out).
LEXICON_FILES = (
    "drugs.yml",
    "replies.yml",
    "vocabulary.yml",
    "out_of_scope.yml",
    "safety.yml",
    "safety_vocabulary.yml",
)

U = "A-ZÁÉÍÓÚÑÜ"  # capitals
L = "a-záéíóúñü"  # small letters
WORD = rf"[{U}{L}'’-]+"
CAP = rf"[{U}][{L}'’-]+"

# Capitalised words that are never names (besides the content's words and the tags); titles too: the
# name is the word after them ("Dr. Nguyen"), not the title itself.
# fmt: off
KEEP = {
    "i", "im", "ive", "id", "ill", "ok", "okay", "hi", "hello", "hey", "hola", "thanks", "thank", "gracias",
    "english", "spanish", "espanol", "ingles", "god", "dios", "please", "por", "favor", "dear", "querido",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lunes", "martes",
    "miercoles", "jueves", "viernes", "sabado", "domingo", "medicare", "medicaid", "komen", "google", "covid",
    "tylenol", "advil", "aleve", "motrin", "ibuprofen", "paracetamol", "acetaminophen", "oxycodone",
    "morphine", "morfina", "calcium", "calcio", "vitamin", "vitamina", "ct", "mri", "pet", "er", "icu",
    "hospital", "doctor", "doctora", "nurse", "oncologist", "oncologo", "oncologa", "yes", "no", "nhs", "mrn",
    "dni", "nie", "ssn", "psa", "dr", "dra", "mr", "mrs", "ms", "miss", "mx", "sr", "sra",
    "srta", "don", "dona", "prof",
}
# fmt: on
# Ordinary words that are also names: removed only with a cue, never from the list alone.
RELATIONS = (
    r"wife|husband|partner|mom|mum|mother|mama|dad|father|papa|daughter|son|sister|brother|friend|aunt|"
    r"uncle|niece|nephew|grandma|grandmother|grandpa|grandfather|neighbou?r|cousin|patient|oncologist|"
    r"doctor|nurse|esposa|esposo|marido|mujer|pareja|madre|mam[aá]|padre|pap[aá]|hija|hijo|hermana|"
    r"hermano|amiga|amigo|t[ií]a|t[ií]o|sobrina|sobrino|abuela|abuelo|vecina|vecino|prima|primo|"
    r"paciente|on?c[oó]logo|on?c[oó]loga|enfermera|enfermero"
)
TITLES = r"dr|dra|doctor|doctora|mr|mrs|ms|miss|mx|sr|sra|srta|don|do[ñn]a|nurse|enfermera|enfermero|prof"

MONTHS_EN = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
MONTHS_ES = (
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    r"ene|abr|ago|dic"
)
# Month names that are ordinary words ("may I", "march", "mar"): a date only next to a number or cue.
AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "sep", "dec", "ago", "dic", "ene", "jun", "jul", "oct", "nov", "abr"}
MONTH = rf"(?:{MONTHS_EN}|{MONTHS_ES})\.?"
ORD = r"\d{1,2}(?:st|nd|rd|th|º|°|o)?"
YEAR = r"(?:19|20)\d{2}"
TENS_EN = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
TENS_ES = r"veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|veinti\w+"
UNITS = (
    r"days?|weeks?|months?|years?|hours?|minutes?|d[ií]as?|semanas?|mes(?:es)?|a[ñn]os?|horas?|minutos?|"
    r"times?|veces|vez|doses?|dosis|infusions?|infusiones|shots?|inyecciones|pills?|pastillas"
)
DURATION_CUE = r"every|each|for|in|within|after|per|cada|durante|hace|tras|en|por|despu[eé]s\s+de"

ICASE = re.IGNORECASE


def _sub(pattern: str, tag: str, flags: int = ICASE):
    compiled = re.compile(pattern, flags)
    return lambda text: compiled.sub(tag, text)


def fold(word: str) -> str:
    """Lower case without accents: "García" and "garcia" are one name."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


@functools.lru_cache(maxsize=1)
def names() -> Set[str]:
    found: Set[str] = set()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            found.update(fold(w) for w in line.split())
    return found


def _strings(node) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@functools.lru_cache(maxsize=1)
def lexicon() -> Set[str]:
    """Every word of the content (answers, examples, drugs, wording), folded: not a name when capitalised."""
    files = [CONTENT / name for name in LEXICON_FILES] + sorted((CONTENT / "topics").glob("*.yml"))
    files.append(CONTENT / "es" / "topics.yml")
    words: Set[str] = set()
    for path in files:
        if path.exists():
            for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                words.update(fold(w) for w in re.findall(WORD, text))
    return (words | KEEP) - names()


# -- the passes, in order: each leaves tags ([EMAIL] …) that later passes do not touch -----------------

_email = _sub(r"[\w.+-]+\s*(?:@|\(at\)|\[at\]|\barroba\b)\s*[\w-]+(?:\s*(?:\.|\bdot\b|\bpunto\b)\s*[\w-]+)+", "[EMAIL]")
_spoken_email = _sub(
    r"[\w.+-]+\s+at\s+[\w-]+\s*(?:\.|\bdot\b|\bpunto\b)\s*(?:com|org|net|edu|gov|es|mx|co|uk|io)\b", "[EMAIL]"
)
_url = _sub(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|edu|gov|es|mx|co|uk|io)\b(?:/\S*)?", "[URL]")
_handle = _sub(r"(?<![\w@])@\w{2,}", "[NAME]")
_uk_postcode = _sub(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b", "[POSTCODE]", 0)
_zip_cue = _sub(
    r"\b(zip(?:\s*code)?|postcode|post code|postal code|c[oó]digo postal|c\.?p\.?)\s*:?\s*\d{4,5}(?:-\d{4})?",
    r"\1 [POSTCODE]",
)
_numeric_date = _sub(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}/\d{1,2}\b|\b\d{4}-\d{2}\b", "[DATE]")
_time = _sub(r"\b\d{1,2}(?::\d{2}|h\d{2})(?:\s*(?:[ap]\.?m\.?|hrs?|h)\b)?|\b\d{1,2}\s*[ap]\.?m\.?(?=\W|$)", "[TIME]")
_phone = _sub(r"(?<![\w[])(?:\+|00)?\(?\d(?:[\s().-]{0,3}\d){6,14}(?![\w\]])", "[PHONE]")
_named_dates = [
    _sub(rf"\b(?:the\s+)?{ORD}\s+(?:of\s+|de\s+)?{MONTH}(?:,?\s+(?:of\s+|de(?:l)?\s+)?{YEAR})?\b", "[DATE]"),
    _sub(rf"\b{MONTH}\s+(?:the\s+)?{ORD}\b(?:,?\s+{YEAR})?", "[DATE]"),
    _sub(rf"\b{MONTH}\s+(?:of\s+|de(?:l)?\s+)?{YEAR}\b", "[DATE]"),
    _sub(rf"\b(?:on\s+the|el\s+d[ií]a)\s+{ORD}\b", "[DATE]"),
]
_years = _sub(rf"\b(?:in|since|from|until|of|en|desde|de|del|hasta)\s+{YEAR}\b|\b{YEAR}\b", "[DATE]")
_ages = [
    _sub(rf"\b(?:\d{{1,3}}|(?:{TENS_EN})(?:[\s-]\w+)?)[\s-]*(?:years?|yrs?|y)[\s-]*(?:old|/o|o\b)", "[AGE]"),
    _sub(r"\b\d{1,3}\s*y/?o\b", "[AGE]"),
    _sub(
        r"\b(?:i'?m|i am|she'?s|he'?s|she is|he is|aged?|turn(?:ed|s|ing)?)\s+(?:only\s+|just\s+)?\d{1,3}\b(?!\s*(?:mg|ml|%))",
        "[AGE]",
    ),
    _sub(
        rf"\b(?:tengo|tiene|cumpl[oeií]\w*|edad(?:\s+de)?|de)\s+(?:\d{{1,3}}|(?:{TENS_ES})(?:\s+y\s+\w+)?)\s+a[ñn]os\b",
        "[AGE]",
    ),
    _sub(rf"\b(?:{TENS_ES})(?:\s+y\s+\w+)?\s+a[ñn]os\b", "[AGE]"),
    _sub(r"\b(?<!hace\s)(?<!cada\s)(?<!durante\s)\d{2,3}\s+a[ñn]os\b", "[AGE]"),
    _sub(r"\bedad\s*:?\s*\d{1,3}\b|\bage\s*:?\s*\d{1,3}\b", "[AGE]"),
]
STREET = (
    r"street|st|avenue|ave|av|road|rd|lane|ln|boulevard|blvd|drive|dr|court|ct|way|place|pl|terrace|"
    r"circle|cir|highway|hwy|parkway|pkwy|square|sq|close|crescent"
)
STREET_ES = r"calle|c/|avenida|avda\.?|av\.|paseo|plaza|pza\.?|camino|carretera|ronda|traves[ií]a|glorieta|urbanizaci[oó]n|barrio|colonia"
_addresses = [
    _sub(
        rf"\b\d{{1,6}}[a-z]?\s+(?:[{U}{L}.]+\s+){{0,4}}(?:{STREET})\b\.?(?:,?\s*(?:apt|apartment|unit|suite|#)\.?\s*\w+)?",
        "[ADDRESS]",
    ),
    _sub(
        rf"(?:\b|(?<=\s))(?:{STREET_ES})\s+(?:(?:de|del|la|las|los|el|y)\s+|{CAP}\s+|{CAP}$){{1,5}},?\s*(?:n[ºo°]?\.?\s*)?\d{{0,5}}(?:\s*,?\s*\d{{1,2}}\s*[ºo°]?\s*[a-z]?\b)?",
        "[ADDRESS]",
    ),
    _sub(rf"\b(?:{STREET_ES})\s+\w+(?:\s+\w+)?,?\s*(?:n[ºo°]?\.?\s*)?\d{{1,5}}\b", "[ADDRESS]"),
    _sub(
        rf"\b(?:on|at|off|near)\s+(?:{CAP}\s+){{1,3}}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Boulevard|Blvd|Drive|Way|Court)\b\.?",
        "[ADDRESS]",
        0,
    ),
    _sub(r"\b(?:apt|apartment|unit|suite|piso|puerta|dpto|depto|departamento)\.?\s*#?\s*\w*\d\w*\b", "[ADDRESS]"),
    _sub(r"\b(?:p\.?\s*o\.?\s*box|apartado(?:\s+de\s+correos)?)\s*\d+", "[ADDRESS]"),
]
_ids = _sub(r"\b(?=[\w-]*\d)(?=[\w-]*[a-z])[a-z0-9][\w-]{4,}\b", "[ID]")
_keep_durations = re.compile(
    rf"\b((?:{DURATION_CUE})\s+(?:the\s+|los\s+|las\s+|unos\s+|unas\s+|about\s+|like\s+)?)(\d{{1,2}})(\s+(?:more\s+|m[aá]s\s+)?(?:{UNITS})\b)|"
    rf"\b(\d{{1,2}})(\s+(?:{UNITS})\s+(?:ago|later|after|before|apart)\b)|\b((?:stage|estadio|etapa|grade|grado)\s+)([0-4])\b",
    ICASE,
)
_numbers = _sub(r"(?<![\w\[\x00])[<>≤≥~]?\d+(?:[.,]\d+)*(?:\s*%)?", "[NUMBER]")


def _protect_durations(text: str) -> str:
    """Digits that tell *how often* or the stage ("every 4 weeks", "hace 3 meses", "stage 4") become
    words-in-waiting (\x00N\x00) so the number pass keeps them; every other number goes."""

    def keep(m: re.Match) -> str:
        g = m.groups()
        if g[1] is not None:
            return f"{g[0]}\x00{g[1]}\x00{g[2]}"
        if g[3] is not None:
            return f"\x00{g[3]}\x00{g[4]}"
        return f"{g[5]}\x00{g[6]}\x00"

    return _keep_durations.sub(keep, text)


def _months(text: str) -> str:
    """Month names left alone in the text ("since March", "en mayo"): dates too, except the ambiguous
    ones ("may I", "march") unless a date cue stands before them."""

    def month(m: re.Match) -> str:
        word, before = m.group(2), (m.group(1) or "")
        if fold(word).rstrip(".") in AMBIGUOUS_MONTHS and not before.strip():
            return m.group(0)
        return before + "[DATE]"

    pattern = rf"(\b(?:in|since|until|last|next|early|late|mid|of|by|en|desde|hasta|de|el|pasado|pr[oó]ximo)\s+)?\b({MONTH})(?=\W|$)"
    return re.sub(pattern, month, text, flags=ICASE)


def _cued_names(text: str) -> str:
    """Names a cue points at: "my name is X", "I'm X", "me llamo X", "mi hija X", "Dr. X".

    Cues are matched in any case, the name after them case-sensitively (a capitalised run of words)."""
    known, listed = lexicon(), names()
    name = rf"({WORD}(?:\s+{CAP}){{0,2}})"

    def check(unknown_only: bool):
        def replace(m: re.Match) -> str:
            first = m.group(2).split()[0]
            folded = fold(first)
            capital = first[:1].isupper() and folded not in KEEP and (not unknown_only or folded not in known)
            return m.group(1) + "[NAME]" if folded in listed or capital else m.group(0)

        return replace

    said = r"my name is|my name's|name is|name's|me llamo|mi nombre es|se llama|llamad[ao]|named|called|signed|firma"
    text = re.sub(rf"((?i:\b(?:{said}))\s+){name}", lambda m: m.group(1) + "[NAME]", text)
    text = re.sub(rf"((?i:\b(?:{TITLES}))\.?\s+){name}", check(False), text)
    owners = r"my|mi|our|nuestra|nuestro|her|his|su"
    text = re.sub(rf"((?i:\b(?:{owners})\s+(?:{RELATIONS})),?\s+){name}", check(False), text)
    text = re.sub(rf"((?i:\b(?:soy|habla|le escribe|de parte de))\s+){name}", check(False), text)
    text = re.sub(rf"((?i:\b(?:i'?m|i am|this is|it'?s|call me))\s+){name}", check(True), text)
    signoff = r"thanks|thank you|gracias|regards|saludos|love|besos|cheers"
    return re.sub(rf"((?:^|[,.!?]\s*|(?i:\b(?:{signoff}))[,!.]?\s+))({CAP})(?=\s*[.!]?\s*$)", check(True), text)


def _loose_names(text: str) -> str:
    """Listed names anywhere, in any case; capitalised words the content does not know in mid-sentence."""
    known, listed = lexicon(), names()
    out = []
    for m in re.finditer(rf"{WORD}|\[[A-Z]+\]|[^\w\[]+|.", text):
        token = m.group(0)
        if re.fullmatch(WORD, token):
            folded = fold(token.strip("'’-"))
            start = m.start() == 0 or re.search(r"[.!?¿¡:;\n\"(]\s*$", text[: m.start()]) is not None
            unknown_capital = token[:1].isupper() and folded not in known and (not start or token.isupper())
            if folded in listed or (unknown_capital and len(folded) > 1):
                token = "[NAME]"
        out.append(token)
    return "".join(out)


def _places(text: str) -> str:
    return re.sub(
        rf"(\b(?:live in|living in|lives in|from|moved to|near|vivo en|vive en|vivimos en|soy de|es de|cerca de)\s+)(?:{CAP}|\[NAME\])(?:[\s,]+(?:{CAP}|\[NAME\]))*",
        lambda m: m.group(1) + "[PLACE]",
        text,
    )


def scrub(text: str) -> str:
    """The text with every identifier replaced by a tag; the rest (drug names, questions) kept."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\x00", " ")
    for step in (_email, _spoken_email, _url, _handle, _uk_postcode, _zip_cue, _numeric_date, *_named_dates, _years):
        text = step(text)
    text = _phone(_time(text))
    for step in (*_ages, *_addresses):
        text = step(text)
    text = _ids(_months(text))
    text = _places(text)
    text = _cued_names(text)
    text = _places(_loose_names(text))
    text = _numbers(_protect_durations(text)).replace("\x00", "")
    text = re.sub(r"(\[NAME\])(?:[\s,]*\[NAME\])+", r"\1", text)  # "[NAME] [NAME]" -> "[NAME]"
    return re.sub(r"[ \t]{2,}", " ", text).strip()
