"""English asks about one's own PROGNOSIS in plain words (category prognosis): "is mine curable", "i haven't got
long", "buying time", "how long could he survive", "will i live to see…"."""

from __future__ import annotations

import re

from bot.safety.care_en.words import SUBJ

# prognosis in plain words
MINE_CURABLE = re.compile(
    r"\b(is|will|can|could) (mine|hers|his|theirs)( \w+)? (curable|cured|terminal|treatable|fatal)\b"
)

NOT_LONG = re.compile(
    r"\b(have|has|ha)( \w+){0,2} (not|nt|n't) got (long|much time|much longer)\b|\b(i|she|he|we) "
    r"(do|does) not have (long|much time|much longer)\b|\bbuying (me |her |him |us )?(some )?time\b"
)

# one's own prognosis
HOW_LONG_LIVE = re.compile(
    rf"\bhow long (can|will|could|would|do|does|have|has|might|may) {SUBJ} (\w+ )?(live|survive|last|have left|got "
    r"left|got)\b(?! (to|before|until|till)\b)"
)

LIVE_TO_SEE = re.compile(
    rf"\bwill {SUBJ} (\w+ )?(live to see|make it to|be (here|around) (for|to see)|still be (here|around)|see (my|her|"
    r"his|our) \w+ (start|grow|finish|graduate|get|turn|reach|born|wedding|married))\b"
)
