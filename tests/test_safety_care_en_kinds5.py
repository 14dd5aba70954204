"""English care-team questions by KIND, round 5 (bot/safety/care_en/ message pass; the kinds the English care-team DEV
set 2 of 2026-12-07 showed): leave asked for oneself, a mild side effect put down to the treatment, when one is due,
getting ready for one's own visit, going back on a treatment, dental work in lay words, a remedy or food with one's
own treatment, two dated plans, one's own amount, one's own report read for oneself, the plan for the person, coming
off as a chance, a schedule moved to, an appointment wished for, treatment still given. Often the person is named in
one sentence and the ask is in the next. Texts written for this file in other words, never copied from tests/data;
the same words asked in general (nobody in them) stay general."""

from __future__ import annotations

import pytest

from bot.safety import engine

PERSONAL = [
    # leave asked for oneself, the treatment named in the same sentence or an earlier one
    ("is my dad fit to go on a cruise next month with his zometa", None),
    ("she has her denosumab every four weeks. is she alright to go skiing in february?", "personal_decision"),
    ("i take letrozole and fancy some st john's wort for my mood, safe for me?", "personal_decision"),
    # a mild side effect put down to the treatment
    ("my mouth tastes of metal since the capecitabine started, could it be the tablets?", "personal_decision"),
    ("got a small bruise on my tummy where the nurse did my prolia. because of the jab?", "personal_decision"),
    # when one is due, getting ready for one's own visit
    ("when is mum due her next zoledronic acid?", "dosing"),
    ("should i stop eating the night before my dexa on friday?", "personal_decision"),
    # going back on a treatment
    ("they paused my letrozole for the biopsy, can i start it back up now", "personal_decision"),
    ("once the wound heals is he back on his xgeva straight away", "personal_decision"),
    # dental work in lay words, or asked which comes first
    ("she's on prolia and her dentist is taking out two teeth on tuesday, is that alright?", None),
    ("the oncologist wants me on zometa and i also need an implant put in, which goes first", "dental_timing"),
    # a remedy or food with one's own treatment
    ("could my husband have co-codamol for the bone pain alongside his xgeva?", "personal_decision"),
    ("my mum gets anastrozole, she can drink green tea with it?", "personal_decision"),
    # two dated plans of one's own
    ("shingles vaccine on tuesday, zometa drip on wednesday, is that ok?", "personal_decision"),
    # one's own amount weighed
    ("are two adcal tablets a day enough for her with the denosumab", "dosing"),
    # one's own report read for oneself, the plan for the person
    ("the mri report mentions 'sclerotic foci' and 'no cord compromise', what does that mean for me", "lab_results"),
    ("my markers fell by half. does this mean she's responding?", "lab_results"),
    ("what are my options once the letrozole stops doing its job", None),
    ("what will happen with my dad's zometa while he has his hip replaced", "personal_decision"),
    # coming off asked as a chance, a schedule moved to
    ("five years on prolia now, is there any chance she could stop it", "personal_decision"),
    ("my scans are stable on monthly xgeva. could i switch to the three-monthly one?", "dosing"),
    # an appointment wished for, treatment still given
    ("we would like to speak to a physio about her spine, how do we arrange it", "request_human"),
    ("her calcium came back a touch low. will they still let her have the injection", None),
    # round 6: one's own treatment swapped or why one is on it, how long one stays on it, stopped around one's own
    # operation, one's own prognosis, a remedy with a named treatment, dental work and one's treatment apart
    ("could my husband change his prolia to the yearly drip instead", None),
    ("how come she is on denosumab rather than zoledronic acid", "which_drug"),
    ("how long will my mum have to keep taking the alendronate", "personal_decision"),
    ("she has had prolia for years now. is it for life?", "personal_decision"),
    ("dad has his knee surgery in june, will they pause his denosumab for the operation", "personal_decision"),
    ("how long could he survive with this", "prognosis"),
    ("will i still be around for my daughter's wedding next summer", None),
    ("is it ok if i have paracetamol along with the oxycodone the hospital sent me home with", None),
    ("mum is having two teeth pulled on friday. she has been on prolia for 2 years. should she tell them?", None),
]

GENERAL = [
    "is it safe to go skiing while on zometa?",
    "am i right that prolia and xgeva are both denosumab?",
    "can people have co-codamol alongside xgeva?",
    "do patients have to fast before a dexa scan?",
    "what happens to zometa in the body once it is given",
    "what are the options when letrozole stops working, in general",
    "how often is denosumab usually due for bone mets",
    "how much calcium is too much for someone on denosumab",
    "is there any chance people come off prolia after five years?",
    "my dad is on xgeva. is it the xgeva that strengthens the bones?",
    "is it possible to see a dietitian through the breast clinic?",
    "i had my flu jab on monday. can flu jabs cause a sore arm?",
    "can you drink green tea with anastrozole?",
    "my mum's scan showed her cancer went to the bones. does that mean she has bone cancer?",
    "what does 'sclerotic' mean on an mri report",
    "it hurts less since my wife started the tablets, is that the tablets shrinking the tumour?",
    "how long do people usually stay on zometa",
    "can you switch from zometa to denosumab",
    "do you stop xgeva before surgery",
    "how long can people live with bone metastases",
    "is denosumab a lifelong treatment",
    "what dental work is safe for someone on zometa",
    "dad is on xgeva. how long do most people stay on it, is it for life?",
]


FIELD_CHANGED = [
    # how the field moved on, asked of nobody after a relative's story: general (the classifier's guess alone is not
    # acted on)
    ("my grandad had prostate cancer in his bones in 1995. have the drugs improved since?", True),
    ("how much have bone treatments come on in the last twenty years", True),
    # about the person's own treatment: not general
    ("my aunt is on zometa, has her treatment changed since the scan?", False),
    ("has my medication been changed?", False),
]


@pytest.mark.parametrize("text, general", FIELD_CHANGED)
def test_how_the_field_moved_on_is_a_general_question(text, general):
    from bot.safety import english_messages

    assert english_messages.general_question(text) is general, text


def test_history_before_how_the_field_moved_on_is_history():
    from bot.safety import english_messages

    assert english_messages.history_question(
        "my grandad had prostate cancer in his bones in 1995. have the drugs improved?"
    )
    assert not english_messages.history_question("my grandad has cancer in his bones. have his drugs been changed?")


# Round 6 (English care DEV set 3, bot/safety/care_en/ `_own_case`): a real person's own case asked about: another
# medicine or a vaccine with one's treatment, a trial for oneself, a trip or work with it, a dose another doctor
# changed, two doctors disagreeing, radiotherapy with it, someone who speaks one's language, a mild effect put down to
# one's medicines, one's report read, coming off for good, one's odds, a dose one may be meant to take. Own wordings.
OWN_CASE = [
    ("my brother started echinacea last week and gets zometa every three months, any problem with that?", None),
    ("booked my pneumonia jab for the morning and my prolia is that afternoon, does that matter?", None),
    ("my oncologist mentioned a new bone drug trial. might i be able to get on it?", "which_drug"),
    ("we're off to canada for three weeks and she's on xgeva monthly. will the trip affect her injections?", None),
    ("my boss has asked for a note about my treatment, who writes that for me?", "personal_decision"),
    ("the stand-in consultant cut my dad's denosumab to every eight weeks, is that enough for him?", None),
    ("the new consultant switched my husband's zometa to the yearly one. why for him?", "dosing"),
    ("my gp says pause my letrozole, the oncologist says carry on, who should i go with?", "personal_decision"),
    ("five sessions of radiation on my hip next week and my xgeva is due the same week. is that alright?", None),
    ("can you find someone who can speak punjabi to my grandmother at her infusion", "request_human"),
    ("a little queasy since i began the calcium chews alongside my prolia, is that from them?", "personal_decision"),
    ("the letter from my scan says 'healing changes in the rib'. does this show my rib is healing?", "lab_results"),
    ("will she ever get to stop the zometa, or is that her for life?", None),
    ("what are his chances now it has spread to his ribs", "prognosis"),
    ("not sure whether i'm supposed to keep the calcium going during my xgeva break", None),
    ("teeth cleaning at the dentist on monday, any problem with her being on prolia?", None),
]

OWN_CASE_GENERAL = [
    "can people on zometa take echinacea, any problem in general?",
    "how do clinical trials for bone drugs usually pick who joins?",
    "do travel insurers usually need to know about bone drug injections?",
    "why do doctors sometimes change zometa to every twelve weeks?",
    "my mum is on xgeva. why is it given with calcium?",
    "my aunt had zometa. is a headache after the drip common in most people?",
    "what do the words 'healing changes' mean on a bone scan report",
    "will people ever be able to stop bone drugs once they start?",
    "what are the chances of jaw problems on denosumab",
    "does the hospital offer interpreters?",
]


@pytest.mark.parametrize("text, category", PERSONAL + OWN_CASE)
def test_own_care_kind_reaches_the_care_team(text, category):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "care_team", (text, hit)
    if category:
        assert hit.category == category, (text, hit)


@pytest.mark.parametrize("text", GENERAL + OWN_CASE_GENERAL)
def test_same_words_in_general_stay_general(text):
    assert engine.classify(text) is None, text


# Round 8 (the pair English 14, bot/safety/care_en/ `_round_8`): what one's own clinician said at one's last visit,
# asked back; a letter or a doctor abroad that disagrees, which to follow; a form for one's clinician to sign; prognosis
# asked bluntly; a supplement with one's own treatment asked "should i" then "how much"; a mild effect put down to one
# of one's medicines; a test before each of one's doses. Own wordings, both ways.
ROUND_8 = [
    ("my consultant brought up a drug holiday from the zometa at our last review, when does that kick in?", None),
    (
        "the surgeon said at her latest appointment that she could stop the tablets, does she still take them tonight?",
        None,
    ),
    (
        "the discharge letter says every 4 weeks but the nurse told me every 6, which one do i go with",
        "personal_decision",
    ),
    ("the clinic back home had me on a higher dose than this hospital does, which dose should i take", None),
    ("my insurer sent a claim form that my oncologist has to fill in, where should i send it?", "request_human"),
    ("give it to me plainly, with the liver involved too, is my dad looking at weeks or months", "prognosis"),
    ("should my wife be having calcium alongside her xgeva, and how many a day", "personal_decision"),
    ("could this itchy rash be a side effect of my anastrozole, it comes and goes", "personal_decision"),
    ("she's on prolia, does she need her kidney bloods checked before every injection?", None),
]

ROUND_8_GENERAL = [
    "at a last appointment doctors often mention a drug holiday, what is a drug holiday?",
    "my oncologist mentioned radiotherapy at the last visit, what is radiotherapy exactly",
    "if a letter and a doctor say different things, which one should a patient follow?",
    "what forms do patients with bone mets usually need for work?",
    "for people with spine mets, is it usually months or years?",
    "should you take calcium alongside xgeva, how many a day",
    "is an itchy rash a common side effect of anastrozole",
    "do people on prolia need kidney bloods before every injection?",
]


@pytest.mark.parametrize("text, category", ROUND_8)
def test_round_8_kind_reaches_the_care_team(text, category):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "care_team", (text, hit)
    if category:
        assert hit.category == category, (text, hit)


@pytest.mark.parametrize("text", ROUND_8_GENERAL)
def test_round_8_general_look_alike_stays_general(text):
    assert engine.classify(text) is None, text


@pytest.mark.parametrize(
    "text, general",
    [
        ("how do oncology teams normally respond when you phone about chills during chemo", True),
        ("what does the chemo nurse usually do when my husband phones about chills", False),
    ],
)
def test_what_a_care_team_usually_does_is_a_general_question(text, general):
    from bot.safety import english_messages

    assert english_messages.general_question(text) is general, text
