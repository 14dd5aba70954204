"""English care-team asks by kind, round 4 (the English care DEV set 9, 2026-12-07): beside english_care.

english_care reached its kinds; these are further shapes of a person asking about their own care, each needing a
real person in the sentence (i, me, my, she, mum…; "you" and "people" are nobody), so the same words asked in
general stay FAQ questions:

- what one's own result, scan or report says about one ("what does that tell us about me", "do you think my scans
  look ok", "what stage is my cancer");
- whether a treatment suits the person ("would surgery help my back", "is she a candidate for…", "too late for me");
- something done while on one's own treatment, or asking leave with it (dental work stays english_care's) ("can i swim while i'm on the chemo",
  "i'm on xgeva, ok to go ahead?", "my dad's on letrozole, can he have…");
- wanting to stop one's own treatment ("she wants to come off the tablets");
- when to take one's own tablets ("can i take them in the morning instead");
- how much treatment is left for one ("how many more cycles does she have").

Words: content/safety_vocabulary.yml (FIRST_PERSON, THIRD_PERSON, CAREGIVER, SHAPE_TREATMENT, CARE_EN_MORE_DRUGS).
english_shapes.hits calls `own_care` after english_care's.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.safety.english_care import _BE, _OWN, _WHO, DENTAL, PERSON, TREATMENT, Hit

_ME = r"(me|her|him|us|my \w+|her \w+|his \w+)"
# what one's own result says: "what's that telling us about me", "what does this tell us about her"
_ABOUT_ME = re.compile(
    rf"\bwhat (does|do|'s|s|is|are|did) (that|this|it|these|those|they|the \w+) (\w+ )?(tell|telling|say|saying|"
    rf"show|showing)( us| me| you)? (about|for) {_ME}\W*$"
)
_LOOK = re.compile(
    rf"\b{_OWN} (\w+ )?(scan|scans|results|result|bloods|blood work|report|x ray|xray|mri|ct|bone scan|pet scan)"
    r" (look|looks|looked|seem|seems|are|is|was|were) (good|ok|okay|fine|bad|alright|normal|clear|worse|better)\b"
)
_STAGE = re.compile(rf"\b(what|which) stage (is|am|are) ({_OWN} (\w+ )?(cancer|disease|tumour|tumor)|i|she|he|we)\b")
# whether a treatment suits the person
_SUITS = re.compile(
    r"\b(am|is|are|would|will) (i|she|he|we|my \w+|her \w+|his \w+)( \w+)? (a )?(good |suitable |possible )?(candidate|eligible|suitable)\b"
    r"|\b(do|does|would|will|could) (i|she|he|we) (qualify|be eligible) for\b"
    rf"|\btoo late for {_ME}\b"
)
_HELP_ME = re.compile(rf"\b(would|will|could|can|might) (\w+ ){{1,2}}(help|work for|do anything for) {_ME}\b")
# something done while on one's own treatment, or leave asked with it
_ON_MINE = rf"\b(i|we|she|he|they) {_BE} (\w+ ){{0,2}}on\b|\b(me|her|him|us) on\b|\b{_OWN} \w+ {_BE} (\w+ )?on\b"
_WHILE_ON = re.compile(rf"\bwhile {_WHO} {_BE} (\w+ ){{0,2}}on\b|\bwhile on {_OWN}\b")
_LEAVE = re.compile(
    r"\b(ok|okay|safe|fine|alright|allowed) to\b|\b(can|could|should|may|shall) (i|she|he|we)\b"
    r"|\b(is it|it is|is that|that's|that is) (ok|okay|safe|fine|alright)\b"
)
# wanting to stop one's own treatment
_STOP_WISH = re.compile(
    r"\b(wants|want|wanting|wanted|thinking of|thinking about|considering|planning|going|decided) (to )?"
    r"(stop|stopping|quit|quitting|come off|coming off|pause|pausing|drop|dropping|give up|giving up)\b"
)
# when to take one's own tablets
_WHEN_TAKE = re.compile(
    r"\b(can|could|should|may) (i|she|he|we) (take|have) (them|it|those|these|my \w+|her \w+|his \w+|the \w+) "
    r"(at night|in the morning|in the evening|before bed|at bedtime|with food|with breakfast|with dinner|later|"
    r"earlier|instead|together)\b"
)
# how much treatment is left for one
_LEFT = re.compile(
    r"\bhow (many|much) (more|longer)\b.*\b(do|does|will|have|has) (i|she|he|we)\b"
    r"|\bhow (many|much) (more )?(\w+ ){1,3}(do|does|have|has) (i|she|he|we) (got |have )?left\b"
)


def own_care(words: Sequence[str]) -> Optional[Hit]:
    """One sentence's lower-case words: (care_team, category, text) for a kind of the module docstring."""
    text = " ".join(words)
    if not words or not any(w in PERSON for w in words) or words[0] == "why":
        return None
    treatment = bool(set(words) & TREATMENT) or " bone drug" in text
    if _ABOUT_ME.search(text) or _LOOK.search(text) or _STAGE.search(text):
        return ("care_team", "lab_results", text)
    if _SUITS.search(text) or (_HELP_ME.search(text) and treatment):
        return ("care_team", "which_drug", text)
    if (
        treatment
        and _LEAVE.search(text)
        and not DENTAL.search(text)
        and (_WHILE_ON.search(text) or re.search(_ON_MINE, text))
    ):
        return ("care_team", "personal_decision", text)
    if treatment and _STOP_WISH.search(text):
        return ("care_team", "personal_decision", text)
    if _WHEN_TAKE.search(text) and (treatment or "instead" in words):
        return ("care_team", "dosing", text)
    if _LEFT.search(text) and (treatment or "left" in words):
        return ("care_team", "personal_decision", text)
    return None
