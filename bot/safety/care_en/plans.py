"""English asks about one's PLANS with one's own treatment.

Something done while on one's treatment, or leave asked with it ("can i swim while i'm on the chemo", "i'm on xgeva,
ok to go ahead?", "is my dad fit to go on a cruise with his zometa", "…, safe for me?"); getting ready for one's own
visit ("should she stop eating before her scan"); two dated plans of one's own ("flu vaccine tuesday, prolia
wednesday, is that ok?"); one's treatment stopped around one's own operation. Dental work is dental.py's. Words:
CARE_EN_DAYS, CARE_EN_VISITS."""

from __future__ import annotations

import re

from bot.safety.care_en.words import BE, OWN, SUBJ, WHO, phrases_bounded

# something done while on one's own treatment, or leave asked with it
ON_MINE = rf"\b(i|we|she|he|they) {BE} (\w+ ){{0,2}}on\b|\b(me|her|him|us) on\b|\b{OWN} \w+ {BE} (\w+ )?on\b"

WHILE_ON = re.compile(rf"\bwhile {WHO} {BE} (\w+ ){{0,2}}on\b|\bwhile on {OWN}\b")

LEAVE = re.compile(
    r"\b(ok|okay|safe|fine|alright|allowed) to\b|\b(can|could|should|may|shall) (i|she|he|we)\b"
    r"|\b(is it|it is|is that|that's|that is) (ok|okay|safe|fine|alright)\b"
)

DAYS = re.compile(phrases_bounded("CARE_EN_DAYS"))

VISIT = phrases_bounded("CARE_EN_VISITS", "SHAPE_TREATMENT")

OTHER_PLAN = re.compile(phrases_bounded("SHAPE_CONDITION", "CARE_EN_REMEDY"))

# leave asked for oneself: "am i ok for a flight", "is she fine to travel" ("am i right to think…" asks a fact)
LEAVE_ME = re.compile(
    rf"\b(am|is|are) {SUBJ} (\w+ )?(ok|okay|safe|fine|alright|right|good|fit|cleared|allowed) (for|to)\b"
    r"(?! (think|say|assume|understand|believe|ask)\b)"
)

FOR_ME = re.compile(r"\b(ok|okay|safe|fine|alright|all right|good|a problem|an issue)( \w+)? for (me|her|him|us)\W*$")

# getting ready for one's own visit
PREPARE = re.compile(
    rf"\b(do|does|should|must|will|can|could) {SUBJ} (have to|need to|got to|need|be able to)( \w+){{1,3}} "
    rf"(before|ahead of|prior to|for) (my|her|his|our) (\w+ )?{VISIT}"
)

# two dated plans of one's own asked about together
TOGETHER = re.compile(
    r"\bany (issue|issues|problem|problems|worries)\b|\btoo (close|soon|near)\b|\b(clash|clashes|together)\b"
    r"|\b(is|are) (that|this|it|they) (ok|okay|fine|safe|alright|a problem)\b|\bsame (day|week)\b"
)

# one's treatment stopped around one's own operation
OP = r"(op|operation|surgery|procedure|replacement|anaesthetic|anesthetic)"

STOP_AROUND = re.compile(
    r"\b(do|does|will|would|should|must|can|could|shall) (they|you|i|we|she|he|the \w+|my \w+) (\w+ )?(need to |have "
    r"to )?(stop|pause|hold|halt|skip|delay|withhold|suspend|come off) (it|them|this|that|my \w+|the \w+|her \w+|his "
    rf"\w+)( \w+){{0,2}} (before|ahead of|for|around|after|until) (the|my|her|his|an|a) (\w+ )?{OP}\b"
)

# round 6: one's own plans judged with one's own treatment: a trip, work, a move, radiotherapy, an operation, a schedule
# ("does that delay my shot", "reckon … is fine?", "is the gap sufficient", "how do i fit them around each other")
FITS = re.compile(
    r"\b(would|does|do|will|could|did|can) (it|that|this|they|one|being \w+( \w+)?|the \w+|my \w+) (really |even |still )?"
    r"(matter|change anything|change how|affect|delay|mess with|interfere with|hold up)\b"
    r"|(^|, |\b(and|or|so|but|then) )(is|are|was|isnt|is not) (\S+ ){0,2}(ok|okay|alright|fine|safe|a problem|an issue|"
    r"bad|enough|sufficient|too long|too soon|too short|too close|long enough|appropriate|suitable|worth it)\b(?! to\b)"
    r"|\bis (fine|ok|okay|alright|safe) \?$"
    r"|\b(better|best|safer|right|suitable|enough|too long|too soon|worth it) for (me|her|him|us|my \w+)\b"
    r"|\b(still )?go ahead with\b|\bhow (do|can|should) (i|we|she|he) (fit|keep|manage|time)\b"
    r"|\bhow (long|soon) (after|before)\b.*\b(am|is|can|should|do) (i|we|she|he)\b"
    r"|\b(do|does) (i|we|she|he) (miss|skip|lose|keep|stop|still \w+)\b"
    r"|\b(would|will|could) (\S+ ){1,3}be (\S+ )?(appropriate|ok|okay|fine|alright|safe|wise|a problem|an issue)\b"
    r"|\b(if|whether) (i|she|he|we) ('m|m|am|is|'s|s|are) (still )?(ok|okay|fine|alright|safe|good) (for|to)\b"
    r"|\b(need|needs|have|has|should) to (let|tell|inform) (\S+ ){0,2}(know|about)\b|\bwhat (do|should) (i|we|she|he) (need to )?(ask|tell|say to) "
    r"(them|him|her|my \S+|work)\b|\bwhat (do|should) (i|we|she|he) do about\b|\b(need|needs|have|has) to (know|be told) (i|she|he|that)\b|\bwho (gives|writes|signs)\b"
)

# a clinical trial for oneself ("any trial i could join", "would it matter for me which arm i get")
TRIAL = re.compile(phrases_bounded("CARE_EN_TRIAL"))

# round 8 (the pair English 14): a test before each of one's own doses ("i'm on xgeva, do i need a calcium blood test
# before each one")
TEST_BEFORE = re.compile(
    r"\b(do|does|should|will|must|would) (i|we|she|he|my \w+) (still )?(need|have|get|have to have|have to get|need to "
    r"have|need to get|need to do)( \S+){0,4} (test|tests|bloods|blood work|bloodwork|check|checks|check up|scan|scans|"
    r"levels)( checked| done| taken| tested| drawn)? (before|ahead of|prior to|after|with) (each|every|my|her|his|the "
    r"next|each of)\b"
)
