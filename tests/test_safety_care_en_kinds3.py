"""English care-team questions by KIND, round 3 (bot/safety/care_en/ pass 1; the kinds the English care-team DEV set
of 2026-12-07 07:05 showed): a person instead of the bot, one's own doctor seen sooner, a treatment still needed or
restarted, a dose moved or skipped, one's own dose, another medicine or dental work with one's own treatment, the
treatment working for the person, plain prognosis words, a mild side effect of one's own. Texts written for this
file in other words, never copied from tests/data; the same words asked in general (nobody in them) stay general."""

from __future__ import annotations

import pytest

from bot.safety import care_en, engine

PERSONAL = [
    # a person instead of the bot, or only a word for one
    ("could i chat with somebody real about this", "request_human"),
    ("sick of this bot, get a person on please", "request_human"),
    ("agent", "request_human"),
    ("a live person please", "request_human"),
    # one's own doctor sooner, or set up
    ("can i get in to see my consultant before the scan results", "request_human"),
    ("mum wants to see her gp tomorrow about the pills, how do we arrange it", "request_human"),
    # still needed, back on it, stopped and asked
    ("she's had prolia for five years, does she still need it", "personal_decision"),
    ("the dentist finished last month so can i restart my denosumab", "personal_decision"),
    ("is it alright that i quit the vitamin d tablets last week", "personal_decision"),
    # a dose moved or skipped
    ("the hospital postponed my xgeva till next month because of the strike, is that a problem", "missed_dose"),
    ("forgot my letrozole two nights running on holiday", "missed_dose"),
    # one's own dose
    ("how many calcium tablets is she supposed to take with her denosumab", "dosing"),
    ("which strength of tamoxifen are they putting me on", "dosing"),
    # another medicine, a vaccine or dental work with one's own treatment
    ("my doctor started me on lansoprazole, will it interfere with my bone infusions", "personal_decision"),
    ("flu jab ok for her while she's on ribociclib?", "personal_decision"),
    ("am i safe to take the magnesium and the exemestane at the same time", "personal_decision"),
    ("i'm on zometa every 3 months and the dentist wants to put in an implant, is that possible", "dental_timing"),
    # the treatment working for the person; something to do differently
    ("my scan showed the spots are smaller, so is my zometa helping?", "which_drug"),
    ("the dexa says my bones got thinner, should i change anything now?", "personal_decision"),
    # plain prognosis words
    ("is hers curable at this stage", "prognosis"),
    ("be straight with me, has my husband not got long", None),
    # a mild side effect of one's own
    ("my nails went brittle on the anastrozole, could that be from the tablets", "personal_decision"),
    ("a bit of a headache after my zometa drip, something i can have for it", None),
]

GENERAL = [
    "are you a real person?",
    "what does a care team nurse do",
    "do people on zometa still need calcium after five years",
    "when do patients usually restart denosumab after dental surgery",
    "what happens if you miss a dose of letrozole",
    "they moved my aunt from monthly to three-monthly xgeva, why would they do that",
    "how much calcium do people on denosumab usually take",
    "does omeprazole interact with bisphosphonates in general",
    "the nurse gave me calcium to go with my injection, why is that",
    "are dental implants possible for people on xgeva",
    "how do doctors tell if zometa is working",
    "what does lytic mean on a scan report",
    "is breast cancer in the bones curable",
    "can letrozole cause thinning hair",
]


# Round 4 (bot/safety/care_en/ pass 2; the kinds English care DEV set 9
# showed): what one's own result says about one, whether a treatment suits the person, something done or asked leave
# for while on one's own treatment, wanting to stop it, when to take one's own tablets, how much treatment is left.
# Texts written for this file in other words, never copied from tests/data; the same words asked in general (nobody in
# them) stay general.
PERSONAL_ROUND_4 = [
    # what one's own result or report says about one
    ("her tumour marker went up on the letter, what does it tell us about her", "lab_results"),
    ("be honest, do my bloods look ok to you", "lab_results"),
    ("which stage is her disease at now", "lab_results"),
    # whether a treatment suits the person
    ("is my dad a suitable candidate for the new infusion", "which_drug"),
    ("might zometa help my mother with the pain", "which_drug"),
    # something done while on one's own treatment, or leave asked with it
    ("can she go swimming while she's on the zometa", "personal_decision"),
    ("my husband's on anastrozole, can he have the covid booster this week", "personal_decision"),
    # wanting to stop one's own treatment
    ("my sister is thinking of coming off the letrozole because of the joint pain", "personal_decision"),
    # when to take one's own tablets
    ("should i take my vitamin d tablets with breakfast instead", None),
    # how much treatment is left
    ("how many more infusions of zometa does she have left", "personal_decision"),
]

GENERAL_ROUND_4 = [
    "what does a high alkaline phosphatase usually mean",
    "what stage of cancer spreads to the bones",
    "who is a good candidate for radium 223",
    "can people go swimming while on chemo",
    "can you take st john's wort with tamoxifen",
    "why do some people stop letrozole early",
    "how many cycles of chemo do people usually have",
]


@pytest.mark.unit
@pytest.mark.parametrize("text, category", PERSONAL + PERSONAL_ROUND_4)
def test_a_personal_question_of_these_kinds_goes_to_the_care_team(text, category):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "care_team", engine.explain(text)
    if category:
        assert hit.category == category, engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", GENERAL + GENERAL_ROUND_4)
def test_the_same_words_asked_in_general_are_not_escalated(text):
    assert engine.classify(text) is None, engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize(
    "text, bare", [("operator", True), ("Agent please!", True), ("the operator of a crane", False)]
)
def test_only_a_word_for_a_person_is_a_bare_request(text, bare):
    assert care_en.bare_request(text) is bare
