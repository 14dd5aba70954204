"""English care-team asks by kind, round 3 (the English care-team DEV set, 2026-12-07): beside english_asks.

People ask about their own care in shapes the patterns and english_asks do not know. Each kind here needs a real
person in the sentence (i, me, my, she, mum…; "people", "someone", "you" are nobody), so the same words asked in
general stay FAQ questions:

- a person instead of the bot ("someone real", "a human", "enough of the chatbot", "put a person on"), or a
  message that is only such a word ("operator", "agent please"); the helpline asked for is the helpline's answer;
- seeing one's own doctor sooner or setting it up ("can i get in with my oncologist sooner", "book me in");
- whether one still needs a treatment, when or whether to go back on it, "is it ok that i stopped …";
- a dose moved or skipped by the person or the clinic ("they pushed my zometa back", "missed my ribociclib");
- one's own dose asked ("what dose am i on", "how much calcium am i meant to take");
- another medicine, a vaccine or dental work with one's own treatment ("does that clash with my tablets", "fine for
  me while i'm on …", "i'm on xgeva, is an implant a goer?");
- the treatment working for the person ("so is the xgeva working?"), something to do differently now; a term on
  one's report asked what it means stays the FAQ's ("what does lytic mean on my scan?");
- prognosis in plain words ("is mine curable", "i haven't got long", "buying time");
- a mild side effect of one's own, asked whether the drug did it or what to take for it.

Words: content/safety_vocabulary.yml `CARE_EN_*` (and the SHAPE_/ASK_ lists). english_shapes.hits calls `own_care`
on each sentence's words after the other readers.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence, Tuple

from bot.safety import patterns

_LISTS = patterns.current().vocabulary.word_lists
PERSON = _LISTS["FIRST_PERSON"] | _LISTS["THIRD_PERSON"] | _LISTS["CAREGIVER"]
TREATMENT = _LISTS["SHAPE_TREATMENT"] | _LISTS["CARE_EN_MORE_DRUGS"]
HELPLINE = _LISTS["CONTEXT_HELPLINE"]
Hit = Tuple[str, str, str]  # (tier, category, matched)


def _phrases(name: str) -> str:
    words = sorted(_LISTS[name], key=len, reverse=True)
    return r"(" + "|".join(re.escape(w.replace("_", " ")) for w in words) + r")"


_WHO = r"(i|we|she|he|my \w+|her \w+|his \w+|mum|mom|dad)"
_OWN = r"(my|her|his|our)"
_BE = r"('m|m|am|'s|s|is|are|'re|re|was|been|have been|'ve been|ve been)"
_ON_IT = rf"\b(i|we|she|he|they) {_BE} (\w+ ){{0,2}}on\b|\b(me|her|him|us) on\b"  # "i'm on", "has me on"
HUMAN = _phrases("CARE_EN_HUMAN")
BOT = _phrases("CARE_EN_BOT")
CLINICIAN = _phrases("CARE_EN_CLINICIAN")
# a person instead of the bot: "someone real", "a real person", "put a human on", "enough of the chatbot"
_REAL_PERSON = re.compile(
    rf"\b(someone|somebody|a person|person) (real|human|live|actual)\b|\b(real|actual|live|proper) {HUMAN}\b"
    rf"|\b(put|get|give|pass|transfer|connect) (me )?(to |through to )?(a|an|the)? ?{HUMAN} (on|through|please)\b"
    rf"|\b(enough|done|sick|tired|fed up|no more|stop|bored)( of| with)? (this |the |you |a )?{BOT}\b"
)
_IS_IT_HUMAN = re.compile(r"\b(are|is|am) (you|this|it|that|i talking to)\b")  # "are you a real person?": no wish
_ONLY_HUMAN = re.compile(rf"^(an? |the )?(real |live |human )?{HUMAN}( please| pls| now)?\W*$")
# seeing one's own doctor, or an appointment sooner or set up: "get in with my oncologist sooner"
_SEE = re.compile(
    rf"\b(see|get in with|get in to see|get in to|appointment with|book in with|get seen by) {_OWN} (\w+ )?{CLINICIAN}\b"
)
_SOONER = re.compile(
    r"\b(sooner|earlier|asap|this week|today|tomorrow|set up|book|booked|arrange|bring forward|brought forward|"
    r"move|moved|need|want|how do|how can|can i|could i)\b"
)
# whether one still needs a treatment or should go back on it: "do i still need it", "when do i go back on it"
_STILL_NEED = re.compile(rf"\b(do|does|will|would) {_WHO} (really |even )?still need\b")
_BACK_ON = re.compile(
    rf"\b(when|how soon|is it time|time to|do|does|should|can|could|shall|will) ({_WHO} )?(\w+ ){{0,2}}"
    r"(go back on|get back on|restart|re start|resume|start again|start back|back on)\b"
)
_STOPPED_OK = re.compile(
    rf"\b(ok|okay|alright|fine|bad|wrong|a problem|matter) (that|if) {_WHO} (stopped|quit|skipped|missed|dropped|"
    r"came off|went off|have stopped|'ve stopped|ve stopped|gave up|forgot)\b"
)
# a dose moved or skipped: "the clinic pushed my zometa back", "skipped the ribociclib 3 days"
_MOVED = re.compile(
    r"\b(pushed|moved|bumped|delayed|postponed|shifted)\b(?P<between>( \w+){0,3}) (back|till|until|to the|to next)\b"
)
_SKIPPED = re.compile(r"\b(skipped|missed|forgot|forgotten)\b")  # not "haven't taken 10, only 2": no missed dose
# one's own dose: "what dose of zometa are they giving me", "how much vitamin d am i meant to be on"
_DOSE_ASK = re.compile(r"\b(what|which) (dose|dosage|strength|amount)\b|\bhow (much|many)\b")
_DOSE_MINE = re.compile(
    rf"\b(giving|give|given|put|putting) (me|her|him|us|{_OWN} \w+)\b|\b(am|is|are) (i|she|he|we)( \w+)? "
    r"(meant|supposed|told|expected) to\b"
)
# another medicine, a vaccine or a procedure with one's own treatment
_CLASH = re.compile(
    r"\b(clash|clashes|interact|interacts|interfere|interferes|go|goes|mix|mixes|react|reacts|conflict|conflicts|"
    r"matter|ok|okay|safe|fine|alright) with (?P<whose>my|her|his|our|the)\b(?P<what>( \w+){1,3})"
)
_FINE_WHILE = re.compile(
    r"\b(fine|ok|okay|safe|alright|all right|allowed) (for|with) (me|her|him|us)\b( \w+){0,2} (while|when|on|with)\b"
)
_RIGHT_TO = re.compile(
    rf"\b(i|she|he|we) {_BE} (\w+ )?(right|ok|okay|safe|fine|alright|good) to (take|have|mix|combine|use|keep)\b"
    r"|\b(am|is|are) (i|she|he|we) (\w+ )?(right|ok|okay|safe|fine|alright|good) to (take|have|mix|combine|use)\b"
)
DENTAL = re.compile(r"\b" + _phrases("ASK_DENTAL") + r"\b|\b(implant|implants|dentures|extraction)\b")
_ASKING = re.compile(
    r"\?|\b(is|are|does|do|did|can|could|should|will|would) (that|this|it|i|we|she|he)\b|\b(right|yeah|ok)\W*$"
)
# the treatment working for the person ("what does lytic mean on my scan report" asks what a word means: the FAQ's)
_WORKING = re.compile(
    r"\b(is|are) (the|my|her|his|this|it|that|they) ?(\w+ )?(actually |even |really )?(working|helping|doing anything)"
    r"\b|\bworking (on|for) (me|her|him|us)\b"
)
_DIFFERENT = re.compile(
    rf"\b(do|does|should|must) {_WHO} (need to |have to |got to )?(do|change) (anything|something) (different|"
    r"differently|else|now)\b"
)
# prognosis in plain words
_MINE_CURABLE = re.compile(
    r"\b(is|will|can|could) (mine|hers|his|theirs)( \w+)? (curable|cured|terminal|treatable|fatal)\b"
)
_NOT_LONG = re.compile(
    r"\b(have|has|ha)( \w+){0,2} (not|nt|n't) got (long|much time|much longer)\b|\b(i|she|he|we) "
    r"(do|does) not have (long|much time|much longer)\b|\bbuying (me |her |him |us )?(some )?time\b"
)
# a mild side effect of one's own: "is that from the tablet", "anything i can take for that"
_FROM_IT = re.compile(r"\b(is|was|could|might) (that|this|it) (be )?(from|because of|due to|caused by|down to) the\b")
_OK_RIGHT = re.compile(
    r"\b(that|it|this) ('s|s|is) (ok|okay|fine|alright|all right) (right|yeah|yes|is not it|isn't it)\W*$"
)
_TAKE_FOR = re.compile(
    r"\b(anything|something|what) (i|she|he|we) (can|could|should) (take|have|use) for (that|it|this)\b"
)


def bare_request(text: str) -> bool:
    """The message is nothing but a word for a person ("operator", "agent please"): no other subject that could be out
    of this field, so SafetyNet lets its request stand against the classifier's out-of-scope guess."""
    return bool(_ONLY_HUMAN.search(" ".join(re.findall(r"[a-z']+|[^\sa-z']", text.lower().strip()))))


def _person(text: str) -> bool:
    return any(w in PERSON for w in text.split())


def own_care(words: Sequence[str]) -> Optional[Hit]:
    """One sentence's lower-case words: (care_team, category, text) for a kind of the module docstring."""
    text = " ".join(words)
    if not words:
        return None
    if set(words) & HELPLINE:
        return None  # "can i talk to someone real at the komen line": the helpline's number answers it
    if _ONLY_HUMAN.search(text) or (_REAL_PERSON.search(text) and not _IS_IT_HUMAN.search(text)):
        return ("care_team", "request_human", text)
    if not _person(text) or words[0] == "why":
        return None
    treatment = bool(set(words) & TREATMENT) or " bone drug" in text
    if _SEE.search(text) and _SOONER.search(text):
        return ("care_team", "request_human", text)
    if (_STILL_NEED.search(text) or _BACK_ON.search(text) or _STOPPED_OK.search(text)) and treatment | ("it" in words):
        return ("care_team", "personal_decision", text)
    moved = _MOVED.search(text)
    moved = moved if moved and "from" not in moved.group("between").split() else _SKIPPED.search(text)
    if treatment and "if" not in words and moved:  # "moved mum from monthly to 3-monthly" changes the schedule
        if set(text[moved.end() :].split()[:4] + text[: moved.start()].split()[-3:]) & TREATMENT or "it" in words:
            return ("care_team", "missed_dose", text)
    if _DOSE_ASK.search(text) and _DOSE_MINE.search(text) and treatment:
        return ("care_team", "dosing", text)
    clash = _CLASH.search(text)  # asked ("does that clash with…"), not a purpose ("…gave me adcal to go with my jab")
    clash = (
        clash if clash and re.search(r"\b(does|do|is|are|will|would|can|could|did)\b", text[: clash.start()]) else None
    )
    if (
        clash
        and (set(clash.group("what").split()) & TREATMENT or " bone drug" in clash.group("what"))
        and (clash.group("whose") != "the" or re.search(_ON_IT, text))
    ):
        return ("care_team", "personal_decision", text)
    if (_FINE_WHILE.search(text) or _RIGHT_TO.search(text)) and treatment:
        return ("care_team", "personal_decision", text)
    if DENTAL.search(text) and re.search(_ON_IT, text) and treatment and _ASKING.search(text):
        return ("care_team", "dental_timing", text)
    if _WORKING.search(text) and treatment and not re.search(r"\b(if|whether|how)\b", text):
        return ("care_team", "which_drug", text)
    if _DIFFERENT.search(text):
        return ("care_team", "personal_decision", text)
    if _MINE_CURABLE.search(text) or _NOT_LONG.search(text):
        return ("care_team", "prognosis", text)
    if (
        treatment
        and (_FROM_IT.search(text) or _TAKE_FOR.search(text) or _OK_RIGHT.search(text))
        and set(words) & {"my", "i", "me"}
    ):
        return ("care_team", "personal_decision", text)
    return None
