"""English care-team asks by kind, round 5 (the English care-team DEV set 2, 2026-12-07): beside english_care_own.

The earlier rounds read one sentence at a time; people also state their own treatment in one sentence and ask in the
next ("she has prolia. is she alright to fly?", "a bruise where the nurse did my jab. because of the jab?"). So this
module reads the whole message: a kind is asked in one sentence, and the person or their treatment may be named in
another. Each kind still needs a real person in the message (i, my, she, mum…; "you", "people" are nobody) or a plan
of one's own (named days), so the same words asked in general stay FAQ questions:

- leave asked for oneself ("is my dad fit to go on a cruise with his zometa", "…, safe for me?");
- a mild side effect put down to the treatment ("could it be the tablets?", "because of the jab?"; not an effect
  hoped for: "it hurts less lately, is that the xgeva doing it?" asks whether it works, the FAQ's);
- when one is due ("when is mum due her next infusion");
- getting ready for one's own visit ("should she stop eating before her scan");
- going back on a treatment ("is he back on his tablets after", "can i start it back up");
- dental work in lay words or asked which comes first ("taking out two teeth", "which goes first");
- a remedy or food with one's own treatment ("could he have paracetamol for it alongside his zometa", "she can
  drink green tea with it?");
- two dated plans of one's own ("flu vaccine tuesday, prolia wednesday, is that ok?");
- one's own amount weighed ("are two calcium tablets enough for her");
- one's own report read for oneself ("what does that mean for me", "does this mean she's responding");
- the plan for the person, or what happens to their treatment ("what are my options once…", "what will happen with
  his zometa while he has the operation");
- coming off asked as a chance ("is there any chance she could stop it"), a schedule one moves to ("could i switch
  to the three-monthly one");
- an appointment wished for ("we would like to speak to a physio"), treatment still given despite a result ("will
  they still let her have it").

Round 6 (held-back pair English 10, now DEV), the same whole-message reading: one's own treatment swapped for
another ("could she change her prolia for a pill"), why one is on one drug rather than another, how long one stays
on it ("is it for life" with a person), one's treatment stopped around one's own operation, one's own prognosis
("how long could he survive", "will i live to see…"), a remedy taken with a named treatment of one's own ("the
oxycodone they gave him"), dental work told in one sentence and one's own treatment in another.

Words: content/safety_vocabulary.yml `CARE_EN_*`. english_shapes.hits calls `own_care` once per message.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from bot.safety import patterns
from bot.safety.english_care import _ON_IT, CLINICIAN, DENTAL, PERSON, TREATMENT, Hit

_LISTS = patterns.current().vocabulary.word_lists


def _phrases(*names: str) -> str:
    words = sorted(set().union(*(_LISTS[n] for n in names)), key=len, reverse=True)
    return r"\b(" + "|".join(re.escape(w.replace("_", " ")) for w in words) + r")\b"


REMEDY = re.compile(_phrases("CARE_EN_REMEDY"))
DAYS = re.compile(_phrases("CARE_EN_DAYS"))
VISIT = _phrases("CARE_EN_VISITS", "SHAPE_TREATMENT")
PROFESSIONAL = _phrases("CARE_EN_PROFESSIONAL")
OTHER_PLAN = re.compile(_phrases("SHAPE_CONDITION", "CARE_EN_REMEDY"))
SCHEDULE = _phrases("SHAPE_SCHEDULE")
TREATMENT_WORD = r"\b(" + "|".join(sorted(TREATMENT, key=len, reverse=True)) + r")\b"
_SUBJ = r"(i|we|she|he|my \w+|her \w+|his \w+|mum|mom|dad)"
_ME = r"(me|her|him|us|my \w+|her \w+|his \w+)"

# leave asked for oneself: "am i ok for a flight", "is she fine to travel" ("am i right to think…" asks a fact)
_LEAVE_ME = re.compile(
    rf"\b(am|is|are) {_SUBJ} (\w+ )?(ok|okay|safe|fine|alright|right|good|fit|cleared|allowed) (for|to)\b"
    r"(?! (think|say|assume|understand|believe|ask)\b)"
)
_FOR_ME = re.compile(r"\b(ok|okay|safe|fine|alright|all right|good|a problem|an issue)( \w+)? for (me|her|him|us)\W*$")
# a mild side effect put down to the treatment: "is that just the drug", "could it be the tablets"
_IS_IT_THE = re.compile(
    r"\b(is|was|could|might|would|can) (that|this|it) (just |all |only |maybe |possibly |really |actually )?(be )?"
    rf"(the|my|her|his) (?!(same|other|different|only|best|right|wrong|new|generic|real|main|one) )(\w+ )?"
    rf"{TREATMENT_WORD}(?! (that|which|who)\b)"
)
_GOOD = re.compile(
    r"\b(better|improved|improving|shrinking|shrunk|working|helping|eased|easing|clearer)\b"
)  # an effect hoped for
_FROM_THE = re.compile(rf"^(from|because of|due to|caused by|down to) (the|my|her|his) (\w+ )?{TREATMENT_WORD}\W*$")
# when one is due
_DUE = re.compile(
    rf"\b(when|how soon) (am|is|are) {_SUBJ} (\w+ )?(due|overdue)\b|^(\W+ )?(am|is|are) {_SUBJ} (\w+ )?due\b"
    r"|\bwhen (i|she|he|we) ('m|m|am|is|'s|s|are|'re|re) (\w+ )?due\b"
)
# getting ready for one's own visit
_PREPARE = re.compile(
    rf"\b(do|does|should|must|will|can|could) {_SUBJ} (have to|need to|got to|need|be able to)( \w+){{1,3}} "
    rf"(before|ahead of|prior to|for) (my|her|his|our) (\w+ )?{VISIT}"
)
# going back on it: "am i back on", "when i start it again"
_BACK = re.compile(
    rf"\b(when|how soon|do|does|should|can|could|shall|will|am|is|are) ({_SUBJ} )?(\w+ )?(back on\b|(re)?start(ing)? "
    r"(it|them|that|those|the \w+|my \w+|her \w+|his \w+) (again|back up|back)\b)"
)
# dental work in lay words, asked how or which first
_PULL = re.compile(
    r"\b(pull|pulled|pulling|take out|taken out|taking out|extract|extracting|yank|yanked)( \w+){0,3} (tooth|teeth|"
    r"molar|molars)\b|\b(molar|molars) (out|pulled|removed|extracted)\b"
)
_ASKED = re.compile(
    r"\?|\b(is|are|does|do|did|can|could|should|will|would) (that|this|it|i|we|she|he)\b|\bwhich (one|comes|goes|first)"
    r"\b|\b(what|which) (\w+ )?(first|order)\b|\btiming\b"
)
# a remedy or food with one's own treatment
_TAKE_REMEDY = re.compile(
    rf"\b(can|could|may|should|shall) {_SUBJ} (\w+ )?(take|have|use|try|give (her|him|me))( \w+){{1,3}} "
    r"(for|with|after|alongside|on top of|while on)\b"
)
_EAT_WITH = re.compile(
    rf"\b({_SUBJ} (can|could)|(can|could|may|should) {_SUBJ}) (eat|drink|have|take|use|mix|try)( \w+){{1,3}} "
    r"(with|on|alongside) (it|them|that|this)\b"
)
_OWN_TREATMENT = re.compile(rf"\b(my|her|his|our) (\w+ )?{TREATMENT_WORD}")
# two dated plans of one's own asked about together
_TOGETHER = re.compile(
    r"\bany (issue|issues|problem|problems|worries)\b|\btoo (close|soon|near)\b|\b(clash|clashes|together)\b"
    r"|\b(is|are) (that|this|it|they) (ok|okay|fine|safe|alright|a problem)\b|\bsame (day|week)\b"
)
# one's own amount weighed
_AMOUNT = re.compile(
    r"\b(too much|too little|too many|too high|too low|too strong|enough|the right amount|the right dose)"
    rf"( \w+){{0,2}} for {_ME}\b"
)
_DOSE_NUMBER = re.compile(r"\b\d+ ?(mg|mcg|iu|units|g|ml)\b")
# one's own report read for oneself
_FOR_ME_REPORT = re.compile(
    rf"\b(which|what) (is|does|do|'s|s) (it|that|this|that all|this all|they) (\w+ )?(for|about) {_ME}\b"
    rf"|\bmean (for|to) {_ME}\b"
)
_REPORT = re.compile(_phrases("ASK_REPORT"))
_MEANS_ME = re.compile(
    rf"\b(does|do|did|would|could) (that|this|it|these|those) (\w+ )?mean (that )?{_SUBJ} ('m|m|am|is|'s|s|are|'re|"
    r"re|will be|'ll be|ll be|can be|could be|might be|have been|'ve been|ve been|has been|'s been)( \w+){0,2} (in "
    r"remission|cured|clear|all clear|cancer free|better|worse|improving|responding|stable|progressing|dying|"
    r"terminal|beating it|winning|safe|out of the woods)\b"
    rf"|\b(am|is|are) {_SUBJ} (\w+ )?(in|into|going into) remission\b"
)
# the plan for the person, what happens to their treatment
_PLAN = re.compile(
    rf"\bwhat ('s|s|is|are|will be|would be) (the |my |her |his )?(plan|plans|next step|next steps|options|option|"
    rf"plan b|alternative|alternatives)( \w+)? for {_ME}\b|\bwhat (are|is|'s|s) (my|her|his|our) (options|plan|"
    r"next steps?|alternatives)\b"
)
_HAPPENS_TO = re.compile(
    rf"\bwhat (happens|will happen|should happen) (to|with) (my|her|his|our) (\S+ ){{0,2}}{TREATMENT_WORD}"
)
# coming off asked as a chance, a schedule moved to
_CHANCE_OFF = re.compile(
    r"\b(any chance|is there a chance|is there any chance|possible|time for (me|her|him|us) to|ready to) (that )?"
    r"((i|she|he|we|my \w+) )?(could |can |might |will |get to |should )?(come off|stop|quit|drop|give up|pause|"
    r"go off|have a break|take a break)\b"
)
_MOVE_TO = re.compile(
    rf"\b(do|does|should|will|would|can|could|must|shall) {_SUBJ} (\w+ )?(move|switch|change|go|swap|step up|step "
    rf"down|be moved|be switched|get moved) (to|onto|over to|up to|down to) (the |a )?(\w+ )?({SCHEDULE}|one)\b"
)
# an appointment wished for, treatment still given
_APPOINTMENT = re.compile(
    r"\b(i|we|she|he) ('d|d|would|want|wants|need|needs|wanna|am hoping|'m hoping|m hoping)( like| love| to)*"
    r"( get| book| make| have| arrange)? (an? )?(appointment|appt|referral|consultation|consult)\b"
    rf"|\b(i|we|she|he) ('d|d|would|want|wants|need|needs|wanna)( like| love| to)* (see|speak to|talk to|speak with|"
    rf"talk with) (a|an|the|my|her|his) ({PROFESSIONAL}|{CLINICIAN})\b"
)
_STILL_GIVE = re.compile(
    r"\b(will|would|can|could|do|does|are|is) (they|the \w+|my \w+) (still|even|now) (give|giving|let|treat|allow) "
    r"(me|her|him|us)\b"
)
# round 6: one's own treatment swapped, or why one is on it rather than another
_SWAP = re.compile(
    rf"\b(can|could|may|should|shall|will|would) {_SUBJ} (\w+ )?(swap|switch|change|trade) (my|her|his|our) (\w+ )?"
    rf"{TREATMENT_WORD}( \w+){{0,2}} (for|to|with|onto)\b"
)
_WHY_ME_ON = re.compile(
    rf"\b(why (am|is|are) {_SUBJ}|how come {_SUBJ} ('m|m|am|is|'s|s|are|'re|re)) (on|getting|having|given|taking) (the )?"
    r"(\w+ ){1,2}(and not|instead of|"
    r"rather than|not|over)\b"
)
# how long one stays on it
_HOW_LONG_ON = re.compile(
    rf"\bhow long (do|does|will|would|should|must|can|shall|have|has) {_SUBJ} (\w+ ){{0,2}}(stay|be|remain|keep|"
    r"continue|carry on|been) (on|taking|having|getting)\b"
)
_FOREVER = re.compile(r"\b(is|will) (it|this|that) (be )?(forever|for life|for ever|lifelong)\b")
# one's treatment stopped around one's own operation
_OP = r"(op|operation|surgery|procedure|replacement|anaesthetic|anesthetic)"
_STOP_AROUND = re.compile(
    r"\b(do|does|will|would|should|must|can|could|shall) (they|you|i|we|she|he|the \w+|my \w+) (\w+ )?(need to |have "
    r"to )?(stop|pause|hold|halt|skip|delay|withhold|suspend|come off) (it|them|this|that|my \w+|the \w+|her \w+|his "
    rf"\w+)( \w+){{0,2}} (before|ahead of|for|around|after|until) (the|my|her|his|an|a) (\w+ )?{_OP}\b"
)
# one's own prognosis
_HOW_LONG_LIVE = re.compile(
    rf"\bhow long (can|will|could|would|do|does|have|has|might|may) {_SUBJ} (\w+ )?(live|survive|last|have left|got "
    r"left|got)\b(?! (to|before|until|till)\b)"
)
_LIVE_TO_SEE = re.compile(
    rf"\bwill {_SUBJ} (\w+ )?(live to see|make it to|be (here|around) (for|to see)|still be (here|around)|see (my|her|"
    r"his|our) \w+ (start|grow|finish|graduate|get|turn|reach|born|wedding|married))\b"
)
# a remedy with a named treatment of one's own ("as well as the morphine they gave her")
_TOGETHER_WITH = re.compile(
    rf"\b(can|could|may|should|shall) {_SUBJ} (\w+ )?(take|have|use|mix|combine) (\w+ ){{1,3}}(as well as|along with|"
    rf"together with|alongside|on top of|with|and) (the|her|his|my|our) (\w+ )?{TREATMENT_WORD}"
)
# dental work in one sentence, one's own treatment in another ("i've had zometa for a year")
_OWN_HAD = re.compile(
    r"\b(i|ive|im|we|she|he|shes|hes)( ('ve|ve|have|has|'s|s|'m|m|am|is|are|was))?( been)? (had|having|on|get|gets|"
    rf"getting|got|take|takes|taking|given|started|receive|receives|receiving)( \w+)? {TREATMENT_WORD}"
)
_NOBODY = re.compile(r"\b(you|people|patients|someone|anyone|somebody|anybody)\b")


def _sixth(text: str, words: Sequence[str], here: bool, person: bool, treated: bool) -> Optional[Hit]:
    """Round 6's kinds in one sentence (see the module docstring)."""
    if (_SWAP.search(text) or _WHY_ME_ON.search(text)) and treated:
        return ("care_team", "which_drug", text)
    if _HOW_LONG_ON.search(text) and (treated or "it" in words):
        return ("care_team", "personal_decision", text)
    if _FOREVER.search(text) and person and treated and not _NOBODY.search(text):  # "do people stay on it, forever?"
        return ("care_team", "personal_decision", text)
    if _STOP_AROUND.search(text) and person and treated:
        return ("care_team", "personal_decision", text)
    if _HOW_LONG_LIVE.search(text) or _LIVE_TO_SEE.search(text):
        return ("care_team", "prognosis", text)
    if _TOGETHER_WITH.search(text) and REMEDY.search(text):
        return ("care_team", "personal_decision", text)
    return None


def _asks(words: Sequence[str]) -> bool:
    return "?" in words or words[0] in ("is", "am", "are", "can", "could", "do", "does", "should", "will", "what")


def _kind(text: str, words: Sequence[str], message: str, person: bool, treated: bool) -> Optional[Hit]:
    """One sentence of the message (`message`: all of it; `person`: a real person in it; `treated`: a treatment
    named in it)."""
    here = person or any(w in PERSON for w in words)
    if here and treated and (_LEAVE_ME.search(text) or ("?" in words and _FOR_ME.search(text.rstrip(" ?")))):
        return ("care_team", "personal_decision", text)
    attributed = _IS_IT_THE.search(text) or _FROM_THE.search(text)
    if person and treated and _asks(words) and attributed and not _GOOD.search(message):
        return ("care_team", "personal_decision", text)
    if _DUE.search(text):
        return ("care_team", "dosing" if treated else "personal_decision", text)
    if _PREPARE.search(text):
        return ("care_team", "personal_decision", text)
    if _BACK.search(text) and (treated or "it" in words):
        return ("care_team", "personal_decision", text)
    dental = _PULL.search(text) or DENTAL.search(text)
    if dental and re.search(_ON_IT, text) and treated and _ASKED.search(text):
        return ("care_team", "dental_timing", text)
    own = _OWN_TREATMENT.search(text) or re.search(_ON_IT, text)
    if _TAKE_REMEDY.search(text) and REMEDY.search(text) and own:
        return ("care_team", "personal_decision", text)
    if _EAT_WITH.search(text) and "?" in words and treated and person:
        return ("care_team", "personal_decision", text)
    if _AMOUNT.search(text) and (set(words) & TREATMENT or _DOSE_NUMBER.search(text)):
        return ("care_team", "dosing", text)
    if _FOR_ME_REPORT.search(text) and _REPORT.search(message):
        return ("care_team", "lab_results", text)
    if _MEANS_ME.search(text):
        return ("care_team", "lab_results", text)
    if _PLAN.search(text):
        return ("care_team", "which_drug", text)
    if _HAPPENS_TO.search(text):
        return ("care_team", "personal_decision", text)
    if _CHANCE_OFF.search(text) and here and (treated or "it" in words):
        return ("care_team", "personal_decision", text)
    if _MOVE_TO.search(text) and treated:
        return ("care_team", "dosing", text)
    if _APPOINTMENT.search(text):
        return ("care_team", "request_human", text)
    if _STILL_GIVE.search(text) and treated:
        return ("care_team", "personal_decision", text)
    return _sixth(text, words, here, person, treated)


def own_care(sentences: List[Sequence[str]]) -> Optional[Hit]:
    """Every sentence's lower-case words of one message: (care_team, category, text) for a kind of the module
    docstring, else None."""
    sentences = [list(s) for s in sentences if any(w.isalnum() for w in s)]
    if not sentences:
        return None
    message = " ".join(" ".join(s) for s in sentences)
    words = message.split()
    person = any(w in PERSON for w in words)
    treated = bool(set(words) & TREATMENT) or " bone drug" in message
    for sentence in sentences:
        if sentence[0] == "why" and not (_WHY_ME_ON.search(" ".join(sentence)) and treated):
            continue  # "why do i get zometa every 4 weeks?" asks for an explanation: the FAQ's
        hit = _kind(" ".join(sentence), sentence, message, person, treated)
        if hit:
            return hit
    dental = DENTAL.search(message) or _PULL.search(message)
    if dental and _OWN_HAD.search(message) and _ASKED.search(message) and not _NOBODY.search(message):
        return ("care_team", "dental_timing", message)  # "a filling next week. i've had zometa for a year. ok?"
    dated = DAYS.search(message) and OTHER_PLAN.search(message) and treated
    if dated and _TOGETHER.search(message) and not re.search(r"\b(you|people|patients|someone|anyone)\b", message):
        return ("care_team", "personal_decision", message)  # "booster on thursday and xgeva on friday, too close?"
    return None
