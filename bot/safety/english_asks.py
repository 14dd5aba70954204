"""More English care-team asks read by their shape (beside english_shapes.personal_question): the English parity
of bot/safety/spanish_shapes.py `personal_ask`.

The first independent English safety set showed care-team questions that no pattern's phrasing covers, of a few
kinds. Each is read here as a SHAPE, always about a real person (i, my, she, mum…), so the same words asked in
general ("is every 4 weeks too often for zometa?", "can you drink alcohol on xgeva?") stay FAQ questions:

- one's own result given with a value or a direction, asked about ("vitamin d 18, is that bad for me?", "my
  sodium dropped, does that matter?"); not after a cause or a condition ("does xgeva make my calcium low?");
- dental work for the person with a treatment, in a clause that asks about the person ("can i have a crown
  while on my bone infusions?"); "…, is dental work possible on denosumab?" names nobody;
- stopping or pausing a treatment the asker wishes ("i want to come off the zometa") or asks leave for ("am i
  allowed to pause my xgeva?", "can my dad stop his denosumab?");
- "is it normal for me / that my…": the person's own experience;
- a dose again or doubled after a problem ("do i take another?", "should she double up?"), or being behind
  with one's tablets;
- alcohol with one's own treatment, asked about the person ("is a glass of wine ok with my chemo?");
- a treatment someone recommends that the person hesitates over, or a bare "should she?";
- one's own schedule weighed ("is every month too much for my xgeva?", or two schedules compared).

Words: content/safety_vocabulary.yml `ASK_*` (and the SHAPE_ lists english_shapes reads). english_shapes.hits
calls `personal_ask` on each sentence's words.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from bot.safety import patterns

_LISTS = patterns.current().vocabulary.word_lists
PERSON = _LISTS["FIRST_PERSON"] | _LISTS["THIRD_PERSON"] | _LISTS["CAREGIVER"]
QUESTION_START = _LISTS["QUESTION_START"] | _LISTS["SHAPE_MODAL"]
TREATMENT = _LISTS["SHAPE_TREATMENT"]
DRUGS = _LISTS["SHAPE_DRUGS"]
INFO_START = frozenset({"what", "how", "why", "which", "where", "who", "whats"})
SCHEDULE = _LISTS["SHAPE_SCHEDULE"]
BREAKS = _LISTS["CONTEXT_BREAKS"]
OWNER = frozenset({"my", "her", "his", "our", "their", "'s"})  # whose result: "my", "mum's"
Hit = Tuple[str, str, str]  # (tier, category, matched)


def _phrases(name: str) -> str:
    words = sorted(_LISTS[name], key=len, reverse=True)
    return r"\b(" + "|".join(re.escape(w.replace("_", " ")) for w in words) + r")\b"


LAB = _phrases("ASK_LAB")
LAB_VALUE = _phrases("ASK_LAB_VALUE")
NOT_AFTER = _LISTS["ASK_LAB_NOT_AFTER"]
DENTAL = re.compile(_phrases("ASK_DENTAL"))
STOP = _phrases("ASK_STOP")
WISH = _phrases("ASK_WISH")
LEAVE = _phrases("ASK_LEAVE")
AGAIN = _phrases("ASK_AGAIN")
BEHIND = _phrases("ASK_BEHIND")
ALCOHOL = re.compile(_phrases("ASK_ALCOHOL"))
ADVISED = _phrases("ASK_ADVISED")
HESITANT = re.compile(_phrases("ASK_HESITANT"))
HOW_OFTEN = re.compile(_phrases("ASK_HOW_OFTEN"))
_SUBJECT = r"\b(i|we|she|he|they)\b"
_MODAL_PERSON = re.compile(
    r"\b(do|does|should|shall|can|could|may|must|would|will|am|is) (i|we|she|he|my \w+|mum|mom|dad)\b"
)
_ASKING = re.compile(r"\b(is|are|was|does|do|did|should|can|could|will|would|am) (that|this|it|i|we|she|he)\b")
_NUMBER = re.compile(r"\b\d+(\.\d+)?\b(?! (days?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?|times?)\b)")
# "…, am i allowed", "is it ok if i", "can i", "could my dad"
_LEAVE = re.compile(
    rf"\b(am|are|is|would|will) (i|we|she|he|it|that|this) \w* ?{LEAVE}|\b(can|could|may) (i|we|she|he|my \w+)\b"
)
# "i want to stop", "i'd like a break from", "i'm thinking of coming off", "we have decided to pause"
_WISHED = re.compile(
    rf"{_SUBJECT}( 'd| 'm| am| have| 've| would| really| just| kind of)* {WISH}( to| of| about| a| on)* {STOP}"
)
_STOPPED = re.compile(rf"{STOP}( \w+){{0,3}} (from )?(the |my |her |his |our )?(\w+ )?(?P<what>\w+)")
# the person's own dental work, or its timing ("my implant", "before my next zometa"); "can i have a tooth pulled
# while on the bone jab?" asks whether it can be done at all: the curated dental answer's question
_DENTAL_PLAN = re.compile(
    rf"\b(my|her|his|our) (\w+ )?{DENTAL.pattern}|\b(when|time|timing|before|after|wait|delay|due|booked|schedule"
    r"|scheduled|weeks?|months?|days?|until|first)\b"
)
# "is it normal for me…", "is this much pain usual in my mum": the person's own course; "is it normal that my
# mum feels fluey after zometa?" asks about a side effect (the FAQ's, or the classifier's)
_NORMAL = re.compile(
    r"\b(normal|usual|expected|typical|ok|okay) (for|in) (me|her|him|us|them|my|our|mum|mom|dad|someone like me)\b"
)
_AGAIN = re.compile(
    rf"\b(take|have|give|repeat|do)( (it|them|one|her|him|the dose|the tablet|the pill))? {AGAIN}|\bdouble up\b"
)
_BEHIND = re.compile(rf"{BEHIND} (with|on|for) (my|her|his|our|the|their)\b")
_ADVISED = re.compile(
    rf"{ADVISED} (me|her|him|us|them) to (start|stop|have|go on|try|switch|take|begin|get|come off)\b"
)
_WHO = r"(me|her|him|us|them|my \w+|mum|mom|dad|my|her|his|our)"
# "will the treatment work for me", "is radiotherapy right for my hip", "is xgeva the best option for her"
_SUITS = re.compile(rf"{_phrases('ASK_SUITS')} (\w+ )?(option |choice |thing |idea )?for {_WHO}\b")
# "…, is that alright for me", "is it safe for my mum"
_FINE = re.compile(rf"\b(is|are|would|will) (that|it|this|they) (\w+ )?{_phrases('ASK_FINE')} (for|with) {_WHO}\b")
# another medicine with one's own treatment: "is it ok to take ibuprofen with my capecitabine"
_WITH_MINE = re.compile(
    r"\b(take|taking|have|having|give|giving|use|using|mix|mixing|combine|drink|start|get)\b( \w+){1,4} "
    r"(with|alongside|while on|on top of|and) (my|her|his|our)\b( \w+)?(?P<what> \w+)"
)
# an activity with one's port or mets: "can i go in the hot tub with my port and bone mets"
_WITH_CONDITION = re.compile(
    r"\b(with|on|despite) (my|her|his|our) (\w+ )?(port|picc|line|mets|metastases|metastasis|secondaries|tumou?rs?"
    r"|lesions?|cancer|fracture|bones?)\b"
)
# dental work while the person is on a treatment now: "can i have a tooth implant while im on bone treatment"
_ON_NOW = re.compile(
    r"\b(while|as|when|since) (i|she|he|we) (am|is|are|be|'m|m|'s|s|'re|re) (\w+ )?(on|having|getting)\b"
)
# how long one has: "how many years am i looking at", "is my mum going to see christmas"
_HOW_LONG = re.compile(
    r"\bhow (many|much|long) (more )?(years?|months?|weeks?|time|longer)\b(?!.*\b(infusions?|injections?|treatment|"
    r"chemo|radiotherapy|zometa|xgeva|tablets?|doses?|course)\b)"
)
_SEE_DAY = re.compile(
    r"\b(going to|gon ?na|will|'ll|be) (see|make it to|reach|be here for|be around for|live to see|last (until|till|to))"
    r" (christmas|easter|thanksgiving|new year|next year|the summer|the spring|the winter|her birthday|his birthday|my "
    r"birthday|(her|his|my|our|the) (birthday|wedding|graduation|anniversary)|another (year|christmas|birthday))\b"
)
# whether one will get through it: "is mama gonna beat this", "will my husband pull through"
_BEAT = re.compile(
    r"\b(going to|gon ?na|will|'ll|can|could) (\w+ ){0,3}(beat|survive|pull through|get through|make it through|come through|"
    r"fight off) (this|it|the cancer|cancer|the disease)\b"
)
REPORT = re.compile(_phrases("ASK_REPORT"))
SAID = re.compile(_phrases("ASK_SAID"))
MEANING = re.compile(_phrases("ASK_MEANING"))
CHANGED = _LISTS["ASK_CHANGED"]
_BARE_SHOULD = re.compile(
    r"\b(should|shall|must) (i|we|she|he|they)( or not| go ahead| do it| have it| bother)?\s*\??$"
)


def _clauses(words: Sequence[str]) -> List[List[str]]:
    found, current = [], []
    for word in words:
        if word in BREAKS:
            found.append(current)
            current = []
        else:
            current.append(word)
    return [c for c in found + [current] if c]


def _asks(words: Sequence[str]) -> bool:
    return bool(words) and (words[0] in QUESTION_START or "?" in words or bool(_ASKING.search(" ".join(words))))


def _person(words: Sequence[str]) -> bool:
    """Someone real before any "if" ("what happens if i need a tooth out" asks what may come)."""
    before_if = words[: words.index("if")] if "if" in words else words
    return any(w in PERSON for w in before_if)


def _asks_about_person(words: Sequence[str]) -> bool:
    return any(_asks(c) and _person(c) for c in _clauses(words))


def _info_question(words: Sequence[str]) -> bool:
    """A clause asks for information ("what happens then?", "how common is jaw damage?")."""
    return any(c[0] in INFO_START for c in _clauses(words) if _asks(c))


def _lab_value(text: str) -> bool:
    """A result word that is the person's ("my", "mum's") or starts the clause, with a number or a direction near
    it, given as a fact: no cause or condition before it ("does xgeva make my calcium low?", "if my calcium…")."""
    for match in re.finditer(LAB, text):
        before, after = text[: match.start()].split(), text[match.end() :].split()
        if set(before) & NOT_AFTER:
            continue
        owned = bool(set(before[-3:]) & OWNER) or not before or before[-1] in BREAKS
        value = re.search(LAB_VALUE, " ".join(before[-2:] + after[:5])) or _NUMBER.search(" ".join(after[:4]))
        if owned and value:
            return True
    return False


def own_case(words: Sequence[str]) -> Optional[Hit]:
    """The eighth Spanish set's kinds in English, each about a real person: how long one has, a treatment working or
    right for the person, something all right for them, another medicine with their own treatment, an activity with
    their port or mets, dental work while they are on a treatment, a result told in words and asked about."""
    text = " ".join(words)
    if not words or words[0] == "why" or not any(w in PERSON for w in words):
        return None
    treatment = any(w in TREATMENT for w in words)
    asks = _asks(words) or any(_asks(c) for c in _clauses(words))
    how_long = _HOW_LONG.search(text)  # "how many months has my dad got" asks by itself; not "…has she had cancer"
    if how_long and not re.search(r"\b(had|been|since|ago|for)\b", text[how_long.end() :]):
        return ("care_team", "prognosis", text)
    if asks and (_SEE_DAY.search(text) or _BEAT.search(text)):
        return ("care_team", "prognosis", text)
    report = REPORT.search(text)
    said = report and SAID.search(text, report.end())
    meaning = said and MEANING.search(text, said.end())
    if meaning and set(text[said.end() : meaning.start()].split()) & CHANGED:
        owned = set(words[: len(text[: report.start()].split())][-3:]) & OWNER
        if owned:
            return ("care_team", "lab_results", text)
    if not asks:
        return None
    if _SUITS.search(text) and (treatment or {"it", "this", "that"} & set(words)) and words[0] not in INFO_START:
        return ("care_team", "which_drug", text)
    if _FINE.search(text):
        return ("care_team", "personal_decision", text)
    mine = _WITH_MINE.search(text) if "why" not in words and not _info_question(words) else None
    if mine and (mine.group("what").strip() in TREATMENT or mine.group("what").strip() in DRUGS):
        return ("care_team", "personal_decision", text)
    if _MODAL_PERSON.search(text) and _WITH_CONDITION.search(text):
        return ("care_team", "personal_decision", text)
    if DENTAL.search(text) and treatment and _ON_NOW.search(text) and _MODAL_PERSON.search(text):
        return ("care_team", "dental_timing", text)
    return None


def personal_ask(words: Sequence[str]) -> Optional[Hit]:
    """One sentence's lower-case words: (care_team, category, text) when it asks one of the module's asks."""
    text = " ".join(words)
    if not words or words[0] == "why" or not any(w in PERSON for w in words):
        return None  # "why is zometa given every 4 weeks?" asks for an explanation; nobody: the FAQ's
    treatment = any(w in TREATMENT for w in words)
    asks = _asks(words) or any(_asks(c) for c in _clauses(words))
    if asks and _lab_value(text):
        return ("care_team", "lab_results", text)
    if DENTAL.search(text) and treatment and _asks_about_person(words) and _DENTAL_PLAN.search(text):
        return ("care_team", "dental_timing", text)
    stopped = _STOPPED.search(text)
    stops = bool(stopped) and (stopped.group("what") in TREATMENT or treatment)
    info = _info_question(words)  # "i want to come off xgeva, what happens then?": the FAQ's answer
    if stops and ((_WISHED.search(text) and not info) or (asks and _LEAVE.search(text))):
        return ("care_team", "personal_decision", text)
    if asks and _NORMAL.search(text):
        return ("care_team", "personal_decision", text)
    if _MODAL_PERSON.search(text) and _AGAIN.search(text) and (treatment or "another" in words):
        return ("care_team", "dosing", text)
    if _BEHIND.search(text) and treatment:
        return ("care_team", "missed_dose", text)
    if ALCOHOL.search(text) and treatment and _asks_about_person(words):
        return ("care_team", "personal_decision", text)
    advised = _ADVISED.search(text) and treatment and (HESITANT.search(text) or "should" in words) and not info
    if advised or any(_BARE_SHOULD.search(" ".join(c)) for c in _clauses(words)):
        return ("care_team", "personal_decision", text)
    # one drug's schedule weighed; not two drugs compared or explained ("xgeva every 4 weeks, prolia every 6
    # months, why the difference?": the FAQ's)
    weighed = HOW_OFTEN.search(text) or words.count("every") >= 2
    compared = len(set(words) & DRUGS) >= 2 or bool({"why", "difference"} & set(words))
    if weighed and asks and treatment and any(w in SCHEDULE for w in words) and not compared:
        return ("care_team", "dosing", text)
    return own_case(words)
