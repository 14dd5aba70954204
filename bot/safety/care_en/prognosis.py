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

# round 6: whether one will ever come off the treatment, one's odds ("is this me for good now", "my chances")
EVER_OFF = re.compile(
    r"\b(will|would|can|could) (i|she|he|we) ever (\w+ ){0,3}(come off|get off|be off|stop|go off|quit)\b"
    r"|\bis (this|that|it) (me|her|him) for (good|life|ever)\b"
)

MY_ODDS = re.compile(
    r"\b(my|her|his) (chances|odds|prognosis|outlook|life expectancy)\b"
    r"|\bhow (long|much time)\b( \w+){0,6} (for|give|gives) (me|her|him)\b|\b(people|someone|women|men) like (me|her|him)\b"
)

LOWER = re.compile(r"\b(lower|lowers|cut|reduce|reduces|lessen|minimise|minimize|raise|raises|increase|increases)\b")

# round 8 (the pair English 14): prognosis asked bluntly ("am i looking at months or years", "is she looking at weeks")
LOOKING_AT = re.compile(
    rf"\b(am|is|are) {SUBJ} (\w+ )?looking at (\w+ )?(days|weeks|months|years)\b"
    r"|\b(days|weeks|months) or (weeks|months|years)\b(?! (of|on) )"
)

STRAIGHT = re.compile(r"\b(be|being) (straight|honest|upfront|blunt|real) with (me|us)\b|\blevel with (me|us)\b")
