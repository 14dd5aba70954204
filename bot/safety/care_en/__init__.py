"""English care-team asks read by KIND: one entry point per reading, `care_ask(words)` for one sentence (called by
bot/safety/english_shapes.py `hits` after personal_question and english_asks), `care_message(sentences)` for the whole
message (called when no sentence reached the care team), and `bare_request(text)` (bot/nlu/safety_net.py: a message
that is only a word for a person).

People ask about their own care in shapes the patterns and english_asks do not know. Each kind needs a real person
(i, me, my, she, mum…; "people", "someone", "you" are nobody), so the same words asked in general stay FAQ
questions. The kinds, one module each (patterns with their examples):

- people.py: a person instead of the bot, one's own doctor sooner, an appointment wished for (request_human);
- doses.py: one's doses and course: still needed, back on, stopped, moved, skipped, due, how much is left, swapped,
  how long, whether a treatment suits one, the plan for one;
- effects.py: a mild effect of one's own put down to the treatment, whether it works, doing something differently;
- medicines.py: another medicine, a remedy or food with one's own treatment;
- plans.py: leave asked for something while on one's treatment, getting ready for a visit, dated plans, an operation;
- results.py: one's own result, scan or report read for oneself;
- prognosis.py: prognosis in plain words;
- dental.py: dental work with one's own treatment;
- general.py: the helpline and nobody ("you", "people"): the FAQ's;
- words.py: the shared words (a real person, a treatment named, one's own).

THE ORDER. `care_ask` tries pass 1 then pass 2, each returning the FIRST kind it finds; `care_message` tries each
sentence of the message with `_message_sentence` (then `_message_sentence_more`), then dental work and dated plans told
across sentences, then `_own_case` (round 6) and `_round_8` (the pair English 14). The passes were written one per DEV
set of care-team questions (2026-12-07; docs/safety.md tells that history); their order and each pass's order of kinds
are kept as they were, since a sentence may match several kinds. Words: content/safety_vocabulary.yml `CARE_EN_*` (and the SHAPE_/ASK_ lists)."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from bot.safety.care_en import dental, doses, effects, general, medicines, people, plans, prognosis, results
from bot.safety.care_en.words import IN_GENERAL, ON_IT, OWN_DRUG, PERSON, TREATMENT, Hit, person_named


def _pass_1(words: Sequence[str]) -> Optional[Hit]:
    """Pass 1, one sentence's lower-case words: not the helpline; a person instead of the bot; then, with a real
    person and not "why…": one's doctor sooner, still needed or back on, a dose moved or skipped, one's own dose,
    another medicine with it, dental work, whether it works, doing something differently, prognosis, a mild effect."""
    text = " ".join(words)
    if not words:
        return None
    if set(words) & general.HELPLINE:
        return None  # "can i talk to someone real at the komen line": the helpline's number answers it
    if people.ONLY_HUMAN.search(text) or (people.REAL_PERSON.search(text) and not people.IS_IT_HUMAN.search(text)):
        return ("care_team", "request_human", text)
    if not person_named(text) or words[0] == "why":
        return None
    treatment = bool(set(words) & TREATMENT) or " bone drug" in text
    if people.SEE.search(text) and people.SOONER.search(text):
        return ("care_team", "request_human", text)
    if (doses.STILL_NEED.search(text) or doses.BACK_ON.search(text) or doses.STOPPED_OK.search(text)) and treatment | (
        "it" in words
    ):
        return ("care_team", "personal_decision", text)
    moved = doses.MOVED.search(text)
    moved = moved if moved and "from" not in moved.group("between").split() else doses.SKIPPED.search(text)
    if treatment and "if" not in words and moved:  # "moved mum from monthly to 3-monthly" changes the schedule
        if set(text[moved.end() :].split()[:4] + text[: moved.start()].split()[-3:]) & TREATMENT or "it" in words:
            return ("care_team", "missed_dose", text)
    if doses.DOSE_ASK.search(text) and doses.DOSE_MINE.search(text) and treatment:
        return ("care_team", "dosing", text)
    clash = medicines.CLASH.search(
        text
    )  # asked ("does that clash with…"), not a purpose ("…gave me adcal to go with my jab")
    clash = (
        clash if clash and re.search(r"\b(does|do|is|are|will|would|can|could|did)\b", text[: clash.start()]) else None
    )
    if (
        clash
        and (set(clash.group("what").split()) & TREATMENT or " bone drug" in clash.group("what"))
        and (clash.group("whose") != "the" or re.search(ON_IT, text))
    ):
        return ("care_team", "personal_decision", text)
    if (medicines.FINE_WHILE.search(text) or medicines.RIGHT_TO.search(text)) and treatment:
        return ("care_team", "personal_decision", text)
    if dental.DENTAL.search(text) and re.search(ON_IT, text) and treatment and dental.ASKING.search(text):
        return ("care_team", "dental_timing", text)
    if effects.WORKING.search(text) and treatment and not re.search(r"\b(if|whether|how)\b", text):
        return ("care_team", "which_drug", text)
    if effects.DIFFERENT.search(text):
        return ("care_team", "personal_decision", text)
    if prognosis.MINE_CURABLE.search(text) or prognosis.NOT_LONG.search(text):
        return ("care_team", "prognosis", text)
    if (
        treatment
        and (effects.FROM_IT.search(text) or effects.TAKE_FOR.search(text) or effects.OK_RIGHT.search(text))
        and set(words) & {"my", "i", "me"}
    ):
        return ("care_team", "personal_decision", text)
    return None


def _pass_2(words: Sequence[str]) -> Optional[Hit]:
    """Pass 2, one sentence's lower-case words, a real person and not "why…": one's result read for oneself, whether a
    treatment suits one, something done while on it (not dental work), wanting to stop it, when to take it, how much
    is left."""
    text = " ".join(words)
    if not words or not any(w in PERSON for w in words) or words[0] == "why":
        return None
    treatment = bool(set(words) & TREATMENT) or " bone drug" in text
    if results.ABOUT_ME.search(text) or results.LOOK.search(text) or results.STAGE.search(text):
        return ("care_team", "lab_results", text)
    if doses.SUITS.search(text) or (doses.HELP_ME.search(text) and treatment):
        return ("care_team", "which_drug", text)
    if (
        treatment
        and plans.LEAVE.search(text)
        and not dental.DENTAL.search(text)
        and (plans.WHILE_ON.search(text) or re.search(plans.ON_MINE, text))
    ):
        return ("care_team", "personal_decision", text)
    if treatment and doses.STOP_WISH.search(text):
        return ("care_team", "personal_decision", text)
    if doses.WHEN_TAKE.search(text) and (treatment or "instead" in words):
        return ("care_team", "dosing", text)
    if doses.LEFT.search(text) and (treatment or "left" in words):
        return ("care_team", "personal_decision", text)
    return None


def _message_sentence_more(text: str, words: Sequence[str], here: bool, person: bool, treated: bool) -> Optional[Hit]:
    """The message pass (end of one sentence): swapped or why this drug, how long on it, stopped around an operation,
    prognosis, a remedy with a named treatment of one's own."""
    if (doses.SWAP.search(text) or doses.WHY_ME_ON.search(text)) and treated:
        return ("care_team", "which_drug", text)
    if doses.HOW_LONG_ON.search(text) and (treated or "it" in words):
        return ("care_team", "personal_decision", text)
    # not nobody: "do people stay on it, forever?"
    if doses.FOREVER.search(text) and person and treated and not general.NOBODY.search(text):
        return ("care_team", "personal_decision", text)
    if plans.STOP_AROUND.search(text) and person and treated:
        return ("care_team", "personal_decision", text)
    if prognosis.HOW_LONG_LIVE.search(text) or prognosis.LIVE_TO_SEE.search(text):
        return ("care_team", "prognosis", text)
    if medicines.TOGETHER_WITH.search(text) and medicines.REMEDY.search(text):
        return ("care_team", "personal_decision", text)
    return None


def _asks(words: Sequence[str]) -> bool:
    return "?" in words or words[0] in ("is", "am", "are", "can", "could", "do", "does", "should", "will", "what")


def _message_sentence(text: str, words: Sequence[str], message: str, person: bool, treated: bool) -> Optional[Hit]:
    """The message pass, one sentence: leave asked, a mild effect put down to it, due, getting ready, back on, dental
    work, a remedy or food with it, one's amount, one's report, the plan, coming off, a schedule, an appointment, still
    given; then `_message_sentence_more`. One sentence of the message (`message`: all of it; `person`: a real person in it; `treated`: a treatment
    named in it)."""
    here = person or any(w in PERSON for w in words)
    if here and treated and (plans.LEAVE_ME.search(text) or ("?" in words and plans.FOR_ME.search(text.rstrip(" ?")))):
        return ("care_team", "personal_decision", text)
    attributed = effects.IS_IT_THE.search(text) or effects.FROM_THE.search(text)
    if person and treated and _asks(words) and attributed and not effects.GOOD.search(message):
        return ("care_team", "personal_decision", text)
    if doses.DUE.search(text):
        return ("care_team", "dosing" if treated else "personal_decision", text)
    if plans.PREPARE.search(text):
        return ("care_team", "personal_decision", text)
    if doses.BACK.search(text) and (treated or "it" in words):
        return ("care_team", "personal_decision", text)
    teeth = dental.PULL.search(text) or dental.DENTAL.search(text)
    if teeth and re.search(ON_IT, text) and treated and dental.ASKED.search(text):
        return ("care_team", "dental_timing", text)
    own = medicines.OWN_TREATMENT.search(text) or re.search(ON_IT, text)
    if medicines.TAKE_REMEDY.search(text) and medicines.REMEDY.search(text) and own:
        return ("care_team", "personal_decision", text)
    if medicines.EAT_WITH.search(text) and "?" in words and treated and person:
        return ("care_team", "personal_decision", text)
    if doses.AMOUNT.search(text) and (set(words) & TREATMENT or doses.DOSE_NUMBER.search(text)):
        return ("care_team", "dosing", text)
    if results.FOR_ME_REPORT.search(text) and results.REPORT.search(message):
        return ("care_team", "lab_results", text)
    if results.MEANS_ME.search(text):
        return ("care_team", "lab_results", text)
    if doses.PLAN.search(text):
        return ("care_team", "which_drug", text)
    if doses.HAPPENS_TO.search(text):
        return ("care_team", "personal_decision", text)
    if doses.CHANCE_OFF.search(text) and here and (treated or "it" in words):
        return ("care_team", "personal_decision", text)
    if doses.MOVE_TO.search(text) and treated:
        return ("care_team", "dosing", text)
    if people.APPOINTMENT.search(text):
        return ("care_team", "request_human", text)
    if doses.STILL_GIVE.search(text) and treated:
        return ("care_team", "personal_decision", text)
    return _message_sentence_more(text, words, here, person, treated)


def _message_pass(sentences: List[Sequence[str]]) -> Optional[Hit]:
    """The message pass: every sentence's lower-case words of one message; the kind of one sentence (a real person or a
    treatment may be named in another), else dental work or dated plans told across sentences, else None."""
    sentences = [list(s) for s in sentences if any(w.isalnum() for w in s)]
    if not sentences:
        return None
    message = " ".join(" ".join(s) for s in sentences)
    words = message.split()
    person = any(w in PERSON for w in words)
    treated = bool(set(words) & TREATMENT) or " bone drug" in message
    for sentence in sentences:
        if sentence[0] == "why" and not (doses.WHY_ME_ON.search(" ".join(sentence)) and treated):
            continue  # "why do i get zometa every 4 weeks?" asks for an explanation: the FAQ's
        hit = _message_sentence(" ".join(sentence), sentence, message, person, treated)
        if hit:
            return hit
    teeth = dental.DENTAL.search(message) or dental.PULL.search(message)
    if teeth and dental.OWN_HAD.search(message) and dental.ASKED.search(message) and not general.NOBODY.search(message):
        return ("care_team", "dental_timing", message)  # "a filling next week. i've had zometa for a year. ok?"
    if treated and person and doses.NOW_OR_WAIT.search(message):
        return ("care_team", "dosing", message)  # "meant to get xgeva on the 5th… do i get it asap or wait?"
    dated = plans.DAYS.search(message) and plans.OTHER_PLAN.search(message) and treated
    if dated and plans.TOGETHER.search(message) and not re.search(r"\b(you|people|patients|someone|anyone)\b", message):
        return ("care_team", "personal_decision", message)  # "booster on thursday and xgeva on friday, too close?"
    return _own_case(sentences, message, person) or _round_8(sentences, message, person)


def _own_case(sentences: List[List[str]], message: str, person: bool) -> Optional[Hit]:
    """Round 6 (English care DEV set 3), a message about a real person: someone who speaks one's language; whether one
    will ever come off, one's odds; a trial for oneself; and, with one's own treatment named (words.OWN_DRUG), two
    doctors disagreeing, another medicine or a vaccine with it, one's plans judged with it, a mild effect put down to
    one of one's medicines or worth mentioning, one's report read, a dose one may be meant to take, a dose another
    doctor changed asked why. A sentence asked in general ("people", "usually", "in general") is skipped."""
    if not person:
        return None
    own = OWN_DRUG.search(message)
    for sentence in sentences:
        text = " ".join(sentence)
        if people.INTERPRETER.search(text):
            return ("care_team", "request_human", text)  # "could you arrange an interpreter for my mother"
        if set(sentence) & (IN_GENERAL | general.HELPLINE):
            continue  # "is that common for most people?"
        if sentence[0] == "why":
            if own and doses.CHANGED.search(message) and doses.WHY_FOR.search(text):
                return ("care_team", "dosing", text)
            continue
        here = any(w in PERSON for w in sentence)
        if not here and sentence[0] in ("what", "how", "which", "when", "where", "who"):
            continue  # "what happens when denosumab is stopped, is there any risk?": asked of nobody
        odds = here and prognosis.MY_ODDS.search(text) and not prognosis.LOWER.search(text)  # "cut my chances of onj"
        if prognosis.EVER_OFF.search(text) or odds:
            return ("care_team", "prognosis", text)
        if here and people.WHO_RIGHT.search(text):
            return ("care_team", "personal_decision", text)  # two doctors disagree: "who's right for her?"
        if plans.TRIAL.search(message) and here and (_asks(sentence) or sentence[0] in ("who", "which", "how", "any")):
            return ("care_team", "which_drug", text)
        if here and results.SAYING.search(text) and (results.REPORT.search(message) or "says" in message.split()):
            return ("care_team", "lab_results", text)
        if not own:
            continue
        if (here or len(sentence) <= 5) and (medicines.HARM.search(text) or plans.FITS.search(text)):
            return ("care_team", "personal_decision", text)
        if effects.FROM_THEM.search(text) or effects.WORTH_MENTION.search(text):
            return ("care_team", "personal_decision", text)
        if doses.WONDER.search(text):
            return ("care_team", "dosing", text)
    return None


_CLAUSE_BREAK = re.compile(r" [,?.;:!] | (?:but|so|and then) ")


def _round_8(sentences: List[List[str]], message: str, person: bool) -> Optional[Hit]:
    """Round 8 (the pair English 14), a message about a real person, none of whose words asks in general: what one's
    own clinician said at one's last visit, asked back; two sources that disagree, which to follow; a form for one's
    clinician to sign, asked who or how; prognosis asked bluntly; a supplement with one's own treatment asked "should
    i"; a mild effect put down to one of one's medicines; a test before each of one's doses."""
    if not person or set(message.split()) & (IN_GENERAL | general.HELPLINE):
        return None  # "do people usually get told at the last visit…": asked in general
    clauses = [c.strip() for c in _CLAUSE_BREAK.split(message) if c and c.strip()]
    if people.CLINICIAN_SAID.search(message) and people.AT_VISIT.search(message):
        if any(people.ASKED_BACK.search(c) for c in clauses):
            return ("care_team", "personal_decision", message)  # "…at my last visit, do i need it"
    sources = re.search(rf"\b{people.CLINICIAN}\b", message) or re.search(r"\b(letter|dose|doses|dosage)\b", message)
    if sources and people.WHICH_FOLLOW.search(message):
        return ("care_team", "personal_decision", message)  # "…the letter says 3 months, which one should i follow"
    if people.FORM.search(message) and people.SIGNED_BY.search(message) and people.FORM_ASK.search(message):
        return ("care_team", "request_human", message)  # "a form for my oncologist to sign, who do i send it to"
    own = OWN_DRUG.search(message) or re.search(ON_IT, message)
    for sentence in sentences:
        text = " ".join(sentence)
        here = any(w in PERSON for w in sentence)
        if here and prognosis.LOOKING_AT.search(text):
            return ("care_team", "prognosis", text)  # "am i looking at months or years"
        if medicines.SHOULD_WITH.search(text):
            return ("care_team", "personal_decision", text)  # "should i be taking vitamin d with my prolia, how much"
        if effects.FROM_MINE.search(text) and _asks(sentence) and not effects.GOOD.search(text):
            return ("care_team", "personal_decision", text)  # "is this rash from my letrozole"
        if own and plans.TEST_BEFORE.search(text):
            return ("care_team", "personal_decision", text)  # "i'm on xgeva, do i need bloods before each one"
    return None


def care_ask(words: Sequence[str]) -> Optional[Hit]:
    """One sentence's lower-case words: the first kind found, pass 1 then pass 2 (each in its own order of kinds)."""
    return _pass_1(words) or _pass_2(words)


def care_message(sentences: List[Sequence[str]]) -> Optional[Hit]:
    """Every sentence's lower-case words of one message: the first kind found across the message."""
    return _message_pass(sentences)


bare_request = people.bare_request
