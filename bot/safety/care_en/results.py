"""English asks about one's own RESULTS read for oneself (category lab_results).

What one's own result, scan or report says about one ("what does that tell us about me", "do you think my scans look
ok", "what stage is my cancer", "what does that mean for me", "does this mean she's responding"); a term on one's
report asked what it means stays the FAQ's ("what does lytic mean on my scan?"). Words: ASK_REPORT."""

from __future__ import annotations

import re

from bot.safety.care_en.words import ME, OWN, SUBJ, phrases_bounded

# what one's own result says: "what's that telling us about me", "what does this tell us about her"
ABOUT_ME = re.compile(
    rf"\bwhat (does|do|'s|s|is|are|did) (that|this|it|these|those|they|the \w+) (\w+ )?(tell|telling|say|saying|"
    rf"show|showing)( us| me| you)? (about|for) {ME}\W*$"
)

LOOK = re.compile(
    rf"\b{OWN} (\w+ )?(scan|scans|results|result|bloods|blood work|report|x ray|xray|mri|ct|bone scan|pet scan)"
    r" (look|looks|looked|seem|seems|are|is|was|were) (good|ok|okay|fine|bad|alright|normal|clear|worse|better)\b"
)

STAGE = re.compile(rf"\b(what|which) stage (is|am|are) ({OWN} (\w+ )?(cancer|disease|tumour|tumor)|i|she|he|we)\b")

# one's own report read for oneself
FOR_ME_REPORT = re.compile(
    rf"\b(which|what) (is|does|do|'s|s) (it|that|this|that all|this all|they) (\w+ )?(for|about) {ME}\b"
    rf"|\bmean (for|to) {ME}\b"
)

REPORT = re.compile(phrases_bounded("ASK_REPORT"))

MEANS_ME = re.compile(
    rf"\b(does|do|did|would|could) (that|this|it|these|those) (\w+ )?mean (that )?{SUBJ} ('m|m|am|is|'s|s|are|'re|"
    r"re|will be|'ll be|ll be|can be|could be|might be|have been|'ve been|ve been|has been|'s been)( \w+){0,2} (in "
    r"remission|cured|clear|all clear|cancer free|better|worse|improving|responding|stable|progressing|dying|"
    r"terminal|beating it|winning|safe|out of the woods)\b"
    rf"|\b(am|is|are) {SUBJ} (\w+ )?(in|into|going into) remission\b"
)

# round 6: one's own report read for oneself in other words ("is that saying my bone is healing", "good or bad for me")
SAYING = re.compile(
    r"\b(is|does) (that|this|it) (saying|say|telling|tell|showing|show) (that )?(my|her|his) (\w+ ){0,2}(is|are) "
    r"(healing|growing|shrinking|better|worse|working|improving|responding|stable|spreading)\b"
    r"|\b(good|bad)( or (good|bad))? for (me|her|him)\b"
)
