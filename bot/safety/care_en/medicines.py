"""English asks about ANOTHER MEDICINE, A REMEDY OR FOOD with one's own treatment (category personal_decision).

"does that clash with my tablets", "fine for me while i'm on…", "am i ok to take…"; a remedy with one's own treatment
("could he have paracetamol for it alongside his zometa", "the oxycodone they gave him"); food or drink with it ("she
can drink green tea with it?"). Words: CARE_EN_REMEDY."""

from __future__ import annotations

import re

from bot.safety.care_en.words import BE, SUBJ, TREATMENT_WORD, phrases_bounded

# another medicine, a vaccine or a procedure with one's own treatment
CLASH = re.compile(
    r"\b(clash|clashes|interact|interacts|interfere|interferes|go|goes|mix|mixes|react|reacts|conflict|conflicts|"
    r"matter|ok|okay|safe|fine|alright) with (?P<whose>my|her|his|our|the)\b(?P<what>( \w+){1,3})"
)

FINE_WHILE = re.compile(
    r"\b(fine|ok|okay|safe|alright|all right|allowed) (for|with) (me|her|him|us)\b( \w+){0,2} (while|when|on|with)\b"
)

RIGHT_TO = re.compile(
    rf"\b(i|she|he|we) {BE} (\w+ )?(right|ok|okay|safe|fine|alright|good) to (take|have|mix|combine|use|keep)\b"
    r"|\b(am|is|are) (i|she|he|we) (\w+ )?(right|ok|okay|safe|fine|alright|good) to (take|have|mix|combine|use)\b"
)

REMEDY = re.compile(phrases_bounded("CARE_EN_REMEDY"))

# a remedy or food with one's own treatment
TAKE_REMEDY = re.compile(
    rf"\b(can|could|may|should|shall) {SUBJ} (\w+ )?(take|have|use|try|give (her|him|me))( \w+){{1,3}} "
    r"(for|with|after|alongside|on top of|while on)\b"
)

EAT_WITH = re.compile(
    rf"\b({SUBJ} (can|could)|(can|could|may|should) {SUBJ}) (eat|drink|have|take|use|mix|try)( \w+){{1,3}} "
    r"(with|on|alongside) (it|them|that|this)\b"
)

OWN_TREATMENT = re.compile(rf"\b(my|her|his|our) (\w+ )?{TREATMENT_WORD}")

# a remedy with a named treatment of one's own ("as well as the morphine they gave her")
TOGETHER_WITH = re.compile(
    rf"\b(can|could|may|should|shall) {SUBJ} (\w+ )?(take|have|use|mix|combine) (\w+ ){{1,3}}(as well as|along with|"
    rf"together with|alongside|on top of|with|and) (the|her|his|my|our) (\w+ )?{TREATMENT_WORD}"
)

# round 6: another medicine, a supplement or a vaccine with one's own treatment, asked whether it harms or may go on
# ("any harm in me taking…", "anything i need to watch with my…", "kindly confirm if she may continue these", "ok?")
HARM = re.compile(
    r"\bany (harm|issue|issues|problem|problems|risk|risks|concern|concerns|danger|interaction|interactions|reason not "
    r"to|reason why not)\b|\banything (i|she|he|we) (need|needs|should|have|has|must|ought)( to)? (watch|look out|know "
    r"about|be careful|worry)|\banything to (watch|worry|look out|be careful)|\b(if|whether) (i|she|he|we) (may|can|should|could) (continue|keep|carry on|take|have|go "
    r"ahead)\b|\b(am|is|are) (i|we|she|he) to (continue|keep|stop|take|have)\b|\b(keep|continue|stop|take) both\b"
    r"|^(\W+ )?(ok|okay|alright|fine|safe|all good)\W*$"
    r"|\b(ok|okay|alright|fine|safe) (alongside|along with|together with|on top of|with) (my|her|his|our)\b"
)

# round 8 (the pair English 14): a supplement or another medicine with one's own named treatment, asked whether one
# should be on it, whatever general question follows ("should i be taking vitamin d with my prolia, how much": the
# "how much" after it made english_asks read it as an information question)
SHOULD_WITH = re.compile(
    rf"\b(should|do|must|can|could|shall|may|ought) {SUBJ} (\w+ )?(be )?(taking|take|having|have|using|use|on|adding|add|"
    r"starting|start)( \S+){1,3} (with|alongside|while on|on top of|as well as|together with) (my|her|his|our) (\w+ )?"
    rf"{TREATMENT_WORD}"
)
