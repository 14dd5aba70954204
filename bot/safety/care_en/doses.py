"""English asks about one's own DOSES and course of treatment.

Whether one still needs it, when or whether to go back on it, "is it ok that i stopped…"; a dose moved or skipped by
the person or the clinic ("they pushed my zometa back", "missed my ribociclib"); one's own dose ("what dose am i on");
whether a treatment suits one ("is she a candidate for…", "too late for me"); wanting to stop it ("she wants to come
off the tablets"); when to take one's tablets ("can i take them in the morning instead"); how much is left ("how many
more cycles does she have"); when one is due; one's amount weighed ("are two calcium tablets enough for her"); the
plan for one, what happens to one's treatment; coming off asked as a chance, a schedule one moves to ("could i switch
to the three-monthly one"); treatment still given despite a result; one's treatment swapped for another, why one is
on one drug rather than another (which_drug); how long one stays on it ("is it for life" with a person)."""

from __future__ import annotations

import re

from bot.safety.care_en.words import ME, OWN, SUBJ, TREATMENT_WORD, WHO, phrases_bounded

# whether one still needs a treatment or should go back on it: "do i still need it", "when do i go back on it"
STILL_NEED = re.compile(rf"\b(do|does|will|would) {WHO} (really |even )?still need\b")

BACK_ON = re.compile(
    rf"\b(when|how soon|is it time|time to|do|does|should|can|could|shall|will) ({WHO} )?(\w+ ){{0,2}}"
    r"(go back on|get back on|restart|re start|resume|start again|start back|back on)\b"
)

STOPPED_OK = re.compile(
    rf"\b(ok|okay|alright|fine|bad|wrong|a problem|matter) (that|if) {WHO} (stopped|quit|skipped|missed|dropped|"
    r"came off|went off|have stopped|'ve stopped|ve stopped|gave up|forgot)\b"
)

# a dose moved or skipped: "the clinic pushed my zometa back", "skipped the ribociclib 3 days"
MOVED = re.compile(
    r"\b(pushed|moved|bumped|delayed|postponed|shifted)\b(?P<between>( \w+){0,3}) (back|till|until|to the|to next)\b"
)

SKIPPED = re.compile(r"\b(skipped|missed|forgot|forgotten)\b")  # not "haven't taken 10, only 2": no missed dose

# one's own dose: "what dose of zometa are they giving me", "how much vitamin d am i meant to be on"
DOSE_ASK = re.compile(r"\b(what|which) (dose|dosage|strength|amount)\b|\bhow (much|many)\b")

DOSE_MINE = re.compile(
    rf"\b(giving|give|given|put|putting) (me|her|him|us|{OWN} \w+)\b|\b(am|is|are) (i|she|he|we)( \w+)? "
    r"(meant|supposed|told|expected) to\b"
)

# whether a treatment suits the person
SUITS = re.compile(
    r"\b(am|is|are|would|will) (i|she|he|we|my \w+|her \w+|his \w+)( \w+)? (a )?(good |suitable |possible )?(candidate|eligible|suitable)\b"
    r"|\b(do|does|would|will|could) (i|she|he|we) (qualify|be eligible) for\b"
    rf"|\btoo late for {ME}\b"
)

HELP_ME = re.compile(rf"\b(would|will|could|can|might) (\w+ ){{1,2}}(help|work for|do anything for) {ME}\b")

# wanting to stop one's own treatment
STOP_WISH = re.compile(
    r"\b(wants|want|wanting|wanted|thinking of|thinking about|considering|planning|going|decided) (to )?"
    r"(stop|stopping|quit|quitting|come off|coming off|pause|pausing|drop|dropping|give up|giving up)\b"
)

# when to take one's own tablets
WHEN_TAKE = re.compile(
    r"\b(can|could|should|may) (i|she|he|we) (take|have) (them|it|those|these|my \w+|her \w+|his \w+|the \w+) "
    r"(at night|in the morning|in the evening|before bed|at bedtime|with food|with breakfast|with dinner|later|"
    r"earlier|instead|together)\b"
)

# how much treatment is left for one
LEFT = re.compile(
    r"\bhow (many|much) (more|longer)\b.*\b(do|does|will|have|has) (i|she|he|we)\b"
    r"|\bhow (many|much) (more )?(\w+ ){1,3}(do|does|have|has) (i|she|he|we) (got |have )?left\b"
)

SCHEDULE = phrases_bounded("SHAPE_SCHEDULE")

# when one is due
DUE = re.compile(
    rf"\b(when|how soon) (am|is|are) {SUBJ} (\w+ )?(due|overdue)\b|^(\W+ )?(am|is|are) {SUBJ} (\w+ )?due\b"
    r"|\bwhen (i|she|he|we) ('m|m|am|is|'s|s|are|'re|re) (\w+ )?due\b"
)

# going back on it: "am i back on", "when i start it again"
BACK = re.compile(
    rf"\b(when|how soon|do|does|should|can|could|shall|will|am|is|are) ({SUBJ} )?(\w+ )?(back on\b|(re)?start(ing)? "
    r"(it|them|that|those|the \w+|my \w+|her \w+|his \w+) (again|back up|back)\b)"
)

# one's own amount weighed
AMOUNT = re.compile(
    r"\b(too much|too little|too many|too high|too low|too strong|enough|the right amount|the right dose)"
    rf"( \w+){{0,2}} for {ME}\b"
)

DOSE_NUMBER = re.compile(r"\b\d+ ?(mg|mcg|iu|units|g|ml)\b")

# the plan for the person, what happens to their treatment
PLAN = re.compile(
    rf"\bwhat ('s|s|is|are|will be|would be) (the |my |her |his )?(plan|plans|next step|next steps|options|option|"
    rf"plan b|alternative|alternatives)( \w+)? for {ME}\b|\bwhat (are|is|'s|s) (my|her|his|our) (options|plan|"
    r"next steps?|alternatives)\b"
)

HAPPENS_TO = re.compile(
    rf"\bwhat (happens|will happen|should happen) (to|with) (my|her|his|our) (\S+ ){{0,2}}{TREATMENT_WORD}"
)

# coming off asked as a chance, a schedule moved to
CHANCE_OFF = re.compile(
    r"\b(any chance|is there a chance|is there any chance|possible|time for (me|her|him|us) to|ready to) (that )?"
    r"((i|she|he|we|my \w+) )?(could |can |might |will |get to |should )?(come off|stop|quit|drop|give up|pause|"
    r"go off|have a break|take a break)\b"
)

MOVE_TO = re.compile(
    rf"\b(do|does|should|will|would|can|could|must|shall) {SUBJ} (\w+ )?(move|switch|change|go|swap|step up|step "
    rf"down|be moved|be switched|get moved) (to|onto|over to|up to|down to) (the |a )?(\w+ )?({SCHEDULE}|one)\b"
)

STILL_GIVE = re.compile(
    r"\b(will|would|can|could|do|does|are|is) (they|the \w+|my \w+) (still|even|now) (give|giving|let|treat|allow) "
    r"(me|her|him|us)\b"
)

# one's own treatment swapped, or why one is on it rather than another
SWAP = re.compile(
    rf"\b(can|could|may|should|shall|will|would) {SUBJ} (\w+ )?(swap|switch|change|trade) (my|her|his|our) (\w+ )?"
    rf"{TREATMENT_WORD}( \w+){{0,2}} (for|to|with|onto)\b"
)

WHY_ME_ON = re.compile(
    rf"\b(why (am|is|are) {SUBJ}|how come {SUBJ} ('m|m|am|is|'s|s|are|'re|re)) (on|getting|having|given|taking) (the )?"
    r"(\w+ ){1,2}(and not|instead of|"
    r"rather than|not|over)\b"
)

# how long one stays on it
HOW_LONG_ON = re.compile(
    rf"\bhow long (do|does|will|would|should|must|can|shall|have|has) {SUBJ} (\w+ ){{0,2}}(stay|be|remain|keep|"
    r"continue|carry on|been) (on|taking|having|getting)\b"
)

FOREVER = re.compile(r"\b(is|will) (it|this|that) (be )?(forever|for life|for ever|lifelong)\b")

# round 6: unsure whether one is meant to take something ("idk if i'm meant to take the vit d on…"); a dose another
# doctor changed asked why for the person ("changed my mother's zometa from 4mg to 3mg. why for her?")
WONDER = re.compile(
    r"\b(if|whether) (i|she|he|we) ('m|m|am|is|'s|s|are|'re|re) (meant|supposed|allowed) to (take|have|keep|continue|"
    r"stop|get)\b"
)

CHANGED = re.compile(
    r"\b(changed|change|halved|doubled|increased|reduced|lowered|raised|upped|switched|cut|moved|spaced)\b"
)

WHY_FOR = re.compile(r"^why (\w+ )?(for|with) (me|her|him|us)\b")

# round 7 (the pair English 13): a late dose, asked whether to have it now or wait ("do i get it asap or wait")
NOW_OR_WAIT = re.compile(
    r"\b(do|should|shall|can|could) (i|we|she|he) (get|have|take|give|book|do) (it|them|that|this|the \w+|my \w+|her "
    r"\w+|his \w+)( \w+)? (asap|now|straight away|right away|early|anyway|this week|today) or (wait|skip|leave|hold)\b"
)
