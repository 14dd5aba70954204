"""English asks about DENTAL work with one's own treatment (category dental_timing).

"i'm on xgeva, is an implant a goer?"; dental work in lay words or asked which comes first ("taking out two teeth",
"which goes first"); dental work told in one sentence and one's own treatment in another ("a filling next week. i've
had zometa for a year. ok?"). Words: ASK_DENTAL."""

from __future__ import annotations

import re

from bot.safety.care_en.words import TREATMENT_WORD, phrases

DENTAL = re.compile(r"\b" + phrases("ASK_DENTAL") + r"\b|\b(implant|implants|dentures|extraction)\b")

ASKING = re.compile(
    r"\?|\b(is|are|does|do|did|can|could|should|will|would) (that|this|it|i|we|she|he)\b|\b(right|yeah|ok)\W*$"
)

# dental work in lay words, asked how or which first
PULL = re.compile(
    r"\b(pull|pulled|pulling|take out|taken out|taking out|extract|extracting|yank|yanked)( \w+){0,3} (tooth|teeth|"
    r"molar|molars)\b|\b(molar|molars) (out|pulled|removed|extracted)\b"
)

ASKED = re.compile(
    r"\?|\b(is|are|does|do|did|can|could|should|will|would) (that|this|it|i|we|she|he)\b|\bwhich (one|comes|goes|first)"
    r"\b|\b(what|which) (\w+ )?(first|order)\b|\btiming\b"
)

# dental work in one sentence, one's own treatment in another ("i've had zometa for a year")
OWN_HAD = re.compile(
    r"\b(i|ive|im|we|she|he|shes|hes)( ('ve|ve|have|has|'s|s|'m|m|am|is|are|was))?( been)? (had|having|on|get|gets|"
    rf"getting|got|take|takes|taking|given|started|receive|receives|receiving)( \w+)? {TREATMENT_WORD}"
)
