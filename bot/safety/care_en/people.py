"""English asks for a PERSON of one's care (category request_human).

A person instead of the bot ("someone real", "a human", "enough of the chatbot", "put a person on"), or a message that
is only such a word (`bare_request`: "operator", "agent please"; SafetyNet lets it stand against the classifier's
out-of-scope guess); "are you a real person?" asks about the bot; seeing one's own doctor sooner or setting it up ("can
i get in with my oncologist sooner", "book me in"); an appointment wished for ("we would like to speak to a physio").
Words: CARE_EN_HUMAN, CARE_EN_BOT, CARE_EN_CLINICIAN, CARE_EN_PROFESSIONAL."""

from __future__ import annotations

import re

from bot.safety.care_en.words import OWN, phrases, phrases_bounded

HUMAN = phrases("CARE_EN_HUMAN")

BOT = phrases("CARE_EN_BOT")

CLINICIAN = phrases("CARE_EN_CLINICIAN")

# a person instead of the bot: "someone real", "a real person", "put a human on", "enough of the chatbot"
REAL_PERSON = re.compile(
    rf"\b(someone|somebody|a person|person) (real|human|live|actual)\b|\b(real|actual|live|proper) {HUMAN}\b"
    rf"|\b(put|get|give|pass|transfer|connect) (me )?(to |through to )?(a|an|the)? ?{HUMAN} (on|through|please)\b"
    rf"|\b(enough|done|sick|tired|fed up|no more|stop|bored)( of| with)? (this |the |you |a )?{BOT}\b"
)

IS_IT_HUMAN = re.compile(r"\b(are|is|am) (you|this|it|that|i talking to)\b")  # "are you a real person?": no wish

ONLY_HUMAN = re.compile(rf"^(an? |the )?(real |live |human )?{HUMAN}( please| pls| now)?\W*$")

# seeing one's own doctor, or an appointment sooner or set up: "get in with my oncologist sooner"
SEE = re.compile(
    rf"\b(see|get in with|get in to see|get in to|appointment with|book in with|get seen by) {OWN} (\w+ )?{CLINICIAN}\b"
)

SOONER = re.compile(
    r"\b(sooner|earlier|asap|this week|today|tomorrow|set up|book|booked|arrange|bring forward|brought forward|"
    r"move|moved|need|want|how do|how can|can i|could i)\b"
)


def bare_request(text: str) -> bool:
    """The message is nothing but a word for a person ("operator", "agent please"): no other subject that could be out
    of this field, so SafetyNet lets its request stand against the classifier's out-of-scope guess."""
    return bool(ONLY_HUMAN.search(" ".join(re.findall(r"[a-z']+|[^\sa-z']", text.lower().strip()))))


PROFESSIONAL = phrases_bounded("CARE_EN_PROFESSIONAL")

# an appointment wished for, treatment still given
APPOINTMENT = re.compile(
    r"\b(i|we|she|he) ('d|d|would|want|wants|need|needs|wanna|am hoping|'m hoping|m hoping)( like| love| to)*"
    r"( get| book| make| have| arrange)? (an? )?(appointment|appt|referral|consultation|consult)\b"
    rf"|\b(i|we|she|he) ('d|d|would|want|wants|need|needs|wanna)( like| love| to)* (see|speak to|talk to|speak with|"
    rf"talk with) (a|an|the|my|her|his) ({PROFESSIONAL}|{CLINICIAN})\b"
)

# round 6: two doctors disagreeing about one's own care ("who's right for her", "who do i listen to")
WHO_RIGHT = re.compile(
    r"\bwho ('s|s|is) (right|correct)\b|\bwho (do|should) (i|we) (listen to|believe|trust|go with|follow)\b"
    r"|\bwhich (one )?(is|would be) (best|better|right|suitable|correct) for (me|her|him|us|my \S+|her \S+|his \S+)"
)

# someone who speaks one's language ("could you arrange an interpreter", "someone who speaks tagalog")
INTERPRETER = re.compile(
    phrases_bounded("CARE_EN_INTERPRETER")
    + r"|\b(someone|somebody|anyone|anybody|a nurse|a person|a doctor|staff) (who|that) (speaks|speak|can speak)\b"
)

# round 8 (the pair English 14): what one's own clinician said at one's last visit, asked back ("at my last appointment
# the doctor said…, can you remind me…", "we were told at the last visit to…, is it one week or two"); two sources
# about one's own care that disagree, asked which to follow ("the letter says 3 months, which one should i follow")
CLINICIAN_SAID = re.compile(
    rf"\b({CLINICIAN}|they|we were|i was|she was|he was|was|were)\b( \S+){{0,3}} (said|says|told|mentioned|suggested|"
    r"advised|recommended|talked about|spoke about|brought up|wants|wanted)\b"
)

AT_VISIT = re.compile(
    r"\b(at|in|during|from|after) (my|our|her|his|the|mum 's|dad 's) (last|latest|recent|previous|most recent|last "
    r"clinic) (visit|appointment|appt|consultation|consult|clinic|review|check up|checkup|session|meeting)\b"
)

ASKED_BACK = re.compile(
    r"^(is it|is that|was it|was that|when would|when will|when is|when do|when does|when should|which|do i|does she|"
    r"does he|do we|should i|should we|should she|should he|am i|is she|is he|are we|can you remind|could you remind|"
    r"remind me)\b|\bremind (me|us)\b|\b(meant|supposed) to be\b"
)

WHICH_FOLLOW = re.compile(
    r"\bwhich (one|dose|date|plan|advice|of (them|the two|these))( (should|do|shall|must|would|can))? (i|we|she|he) "
    r"(follow|believe|trust|go with|listen to|take|stick with|go by|do|have|use)\b"
)

# round 8: a form for one's own clinician to sign or fill in, asked who, where or how ("the form from my work needs my
# oncologist to sign…, who do i send it to")
FORM = re.compile(
    r"\b(form|forms|letter|letters|paperwork|papers|sick note|fit note|certificate|claim|letter for work|insurance letter|disability "
    r"letter)\b"
)

SIGNED_BY = re.compile(
    rf"\b(my|her|his|our) (\w+ )?{CLINICIAN}( \w+){{0,2}} (to )?(sign|signs|signed|signing|fill|fills|filling|complete|"
    rf"completes|completing|write|writes|stamp)\b|\b(signed|filled in|filled out|completed) by (my|her|his|our) (\w+ )?"
    rf"{CLINICIAN}\b"
)

FORM_ASK = re.compile(
    r"\b(who|where|how) (do|does|should|can|could|would|shall) (i|we|she|he)\b|\b(can|could|will|would) (you|they|my "
    r"\w+|the \w+) (sign|do|fill|complete|send)\b|\?"
)
