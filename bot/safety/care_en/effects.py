"""English asks about EFFECTS on one's own treatment.

A mild side effect of one's own put down to the drug ("is that from the tablet", "could it be the tablets?", "because
of the jab?") or what to take for it; not an effect hoped for ("it hurts less lately, is that the xgeva doing it?"
asks whether it works, the FAQ's); the treatment working for the person ("so is the xgeva working?", which_drug);
something to do differently now."""

from __future__ import annotations

import re

from bot.safety.care_en.words import TREATMENT_WORD, WHO

# the treatment working for the person ("what does lytic mean on my scan report" asks what a word means: the FAQ's)
WORKING = re.compile(
    r"\b(is|are) (the|my|her|his|this|it|that|they) ?(\w+ )?(actually |even |really )?(working|helping|doing anything)"
    r"\b|\bworking (on|for) (me|her|him|us)\b"
)

DIFFERENT = re.compile(
    rf"\b(do|does|should|must) {WHO} (need to |have to |got to )?(do|change) (anything|something) (different|"
    r"differently|else|now)\b"
)

# a mild side effect of one's own: "is that from the tablet", "anything i can take for that"
FROM_IT = re.compile(r"\b(is|was|could|might) (that|this|it) (be )?(from|because of|due to|caused by|down to) the\b")

OK_RIGHT = re.compile(
    r"\b(that|it|this) ('s|s|is) (ok|okay|fine|alright|all right) (right|yeah|yes|is not it|isn't it)\W*$"
)

TAKE_FOR = re.compile(
    r"\b(anything|something|what) (i|she|he|we) (can|could|should) (take|have|use) for (that|it|this)\b"
)

# a mild side effect put down to the treatment: "is that just the drug", "could it be the tablets"
IS_IT_THE = re.compile(
    r"\b(is|was|could|might|would|can) (that|this|it) (just |all |only |maybe |possibly |really |actually )?(be )?"
    rf"(the|my|her|his) (?!(same|other|different|only|best|right|wrong|new|generic|real|main|one) )(\w+ )?"
    rf"{TREATMENT_WORD}(?! (that|which|who)\b)"
)

GOOD = re.compile(
    r"\b(better|improved|improving|shrinking|shrunk|working|helping|eased|easing|clearer)\b"
)  # an effect hoped for

FROM_THE = re.compile(rf"^(from|because of|due to|caused by|down to) (the|my|her|his) (\w+ )?{TREATMENT_WORD}\W*$")

# round 6: a mild effect asked whether one of one's own medicines does it, or whether it is worth mentioning
FROM_THEM = re.compile(
    r"\b(is|was|could|might) (that|this|it) (be )?(from|because of|due to|caused by|down to) (them|those|these)\b"
    r"|\bwhich (one|of them|of the two) (is|'s|s) (doing|causing)\b"
)

WORTH_MENTION = re.compile(
    r"\b(worth|something to|one to) (mention|mentioning|report|reporting|bring up|bringing up|flag|flagging|raise|"
    r"raising)\b|\bhow it is for (me|her|him)\b"
)

# round 8 (the pair English 14): a mild effect put down to one of one's own medicines, the effect named between ("is
# this diarrhea from my abemaciclib or something else")
FROM_MINE = re.compile(
    r"\b(is|was|could|might|can|would) (this|that|it|the|my|her|his) (\S+ ){0,3}(be )?(from|because of|due to|caused "
    rf"by|down to|a side effect of) (my|her|his|our) (\w+ )?{TREATMENT_WORD}"
)
