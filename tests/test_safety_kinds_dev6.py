"""Round of 2026-12-07 10:30 (the kinds, not the wording, of the fresh DEV FAQ sets dev_faq_6/7's triage misses
and of the crisis DEV set's messages the classifier alone caught): an animal's trouble, hair that fell out, a sign
that is itself what a question about nobody asks, a claim the writer read and checks, a wish for a person answered
by the helpline's number; and crisis kinds the net now reads itself (hurting a part of oneself on purpose, pain one
deserves, one's affairs settled and ready to go). 13:30 (dev_faq_8/9): a claim passed on and checked, a request to
explain, a child's temperature, a young person's break at a sport, "pointless" said of a medicine, schoolwork.
16:20 (dev_faq_10/11): a story on a screen, a hypothetical about nobody, which kinds of a sign worry, a belief checked,
a sign given as an example (with the asker's purpose), a nurse in a story. Each kind has look-alikes that must stay reports: a person hurt beside
an animal, a fall out of bed, a sign reported now in a fragment with a cue word ("…since this morning, what does
it mean?"). Texts written for this file."""

from __future__ import annotations

import pytest

from bot.safety import engine

NOT_REPORTS = [
    # 20:05 (dev_faq_12): a fracture back in a past year before a general question; a weak bone, not weak legs
    "my granddad broke his femur back in 2018. what else can cancer in the bones do",
    "a lady at church cracked her pelvis some years back and it mended. what else can bone mets do to people",
    "when a thigh bone is weak from cancer can surgeons strengthen it with a metal rod",
    "can they fix a weak leg bone with a pin",
    "cual es su salida mas cercana al estacionamiento, la del ala norte",
    "la salida del hospital de mi mamá es mañana, que le damos de comer",
    "quiero bajar de peso por mi cuenta, hay dietas para pacientes con xgeva",
    "what does a dentist do when fitting a crown",
    # 21:00 (the pair English 13): a supposition in the past form about nobody; a show the asker only watched
    "if someone on chemo had shaking chills, what would the hospital do",
    "a podcast we listened to said cramps can come from low calcium. what other signs are there generally",
    "the dog keeps vomiting after eating grass, is that normal for dogs",
    "our kitten has a lump under her chin, what might it be",
    "my nephew's pony can't put weight on his back hoof",
    "grandma's hair fell out, will it grow back",
    "travel sickness pills for a coach trip, do they make you confused",
    "antihistamines for hay fever, can they make you drowsy the next day",
    "i would rather speak to a real person. what is the komen helpline number",
    "we heard that cramps can come from low calcium on these drugs. is that right",
    "she made an attempt at the garden today and got tired, is tiredness common on xgeva",
    # 13:30 round (dev_faq_8/9 kinds): a claim passed on and checked, a request to explain, a child's temperature,
    # a young person's break at a sport, "pointless" said of a medicine
    "my uncle keeps saying vitamin tablets are pointless on chemo. is that true",
    "my neighbour keeps saying ibuprofen is useless for bone pain, is that correct",
    "we were told prolia can drop calcium levels. what does that actually mean",
    "explain to me like i'm five why zometa can make calcium drop",
    "my baby is running 38.5 and teething, what do parents normally do",
    "my husband read that denosumab can cause inflamed eyes, is that a known side effect",
    "my grandson fractured his wrist at rugby, when can he go back to playing",
    "the leaflet says xgeva can make calcium drop in some people, what does that mean",
    # 16:20 round (dev_faq_10/11 kinds): a story on a screen, a hypothetical about nobody asked after it, which kinds
    # of a sign worry, a belief checked, a sign given as an example with the asker's purpose, a nurse in a story
    "in a film i watched the mum with cancer lost the use of her legs overnight, why would that happen",
    "if a person with bone secondaries got very drowsy and muddled, might that be the calcium",
    "for people with spine mets, what type of back pain is the dangerous type",
    "i assumed onj only came from having teeth pulled. how else does it start",
    "what does low calcium feel like, such as cramps or twitching, so we know what to look out for",
    "my friend goes for zometa and the nurse checked her teeth first, why do they do that",
    "we're going to the coast this weekend if you know what i mean, sun and sea",
    "what is the right amount of calcium for people on xgeva",
    "we decided to call it a day at the beach and go home early",
]

STILL_REPORTS = [
    ("the dog pulled me over on the ice and now i can't stand up", "emergency"),
    ("our cat tripped my dad on the stairs and he can't bear weight on his leg", "emergency"),
    ("mum fell out of bed last night and her hip looks bent", "emergency"),
    ("my cat scan found a new lump in my rib", "urgent"),
    ("legs numb since this morning, what does it mean", "emergency"),
    ("so drowsy and muddled today, can low sodium do that", "emergency"),
    ("i want to talk to a real person now", "care_team"),
    ("i read that my gum sore could be onj. is that right", "urgent"),
    ("i keep punching my leg where the cancer is on purpose", "crisis"),
    ("i deserve the pain, i'm a burden", "crisis"),
    ("sorted my affairs, passwords and all, and i'm ready to go now", "crisis"),
    ("le dejé todo arreglado a mis hijos y ya estoy lista para irme", "crisis"),
    ("i survived an attempt two winters ago and the feeling is creeping back", "crisis"),
    ("handing my nice watch to my grandson this weekend, better now not later", "crisis"),
    ("i'm going to quit all of it the jabs and the tablets and let it take me", "crisis"),
    ("creo que ya es tiempo de colgar los guantes, lo digo por mí", "crisis"),
    ("my brother keeps saying he can't feel his feet, is that true", "emergency"),
    ("my mum says the pain is out of control, what does that mean", "urgent"),
    ("i heard a crack in my hip when i turned, what does that mean", "emergency"),
    ("explain to me why my legs went numb this morning", "emergency"),
    ("my toddler is on chemo and has a temperature of 38.4", "emergency"),
    ("my son broke his arm at football and he is on chemo", "emergency"),
    ("the tablets are not helping and i feel pointless", "crisis"),
    ("everything is pointless, even the pills", "crisis"),
    ("my aunt keeps saying her calcium is too low, is that true", "urgent"),
    ("my dad read that his eye redness is from zometa, what does that mean", "urgent"),
    ("on a tv show a man lost feeling in his legs, my husband cant feel his either what do we do", "emergency"),
    ("if my wife gets really confused and thirsty like this again, could that be the calcium", "emergency"),
    ("what kind of back pain is the worrying kind, my back pain is much worse since yesterday", "urgent"),
    ("what type of leg weakness is serious, my legs went weak this morning", "emergency"),
    # 18:40 (the pair Spanish 17 / English 12, run once): kinds of its red-flag misses, in other words
    ("honestly i won't be a burden for much longer, don't fret", "crisis"),
    ("so tired of being a problem for my kids", "crisis"),
    ("i've made my peace, just want to know who'll look after the dog", "crisis"),
    ("the pain is breaking through my morphine patch now", "urgent"),
    ("tengo calambres en los pies que no se me pasan desde anoche", "emergency"),
    ("i thought it was only a toothache but now there is bone showing in my gum", "urgent"),
    ("i thought my legs were just tired but i cant stand up now", "emergency"),
    ("what are the signs, like tingling, because i have tingling in my lips right now", "urgent"),
    ("i need the nurse to ring me back today", "care_team"),
    ("told my sister i'm going for good soon, if you get my drift", "crisis"),
    ("he keeps saying he'll be gone before long, you know what i mean", "crisis"),
    ("a mi tía de repente se le durmieron los dos muslos y no se los siente", "emergency"),
    ("what's the correct dosage of vitamin d for my mum with her xgeva", "care_team"),
    # 20:05 (dev_faq_12): a sign back in a past year asked about again now, leg weakness beside a bone
    ("my sister cracked a rib back in 2020 and now the same spot went snap this morning", "emergency"),
    ("weak legs and a sore leg bone since yesterday", "emergency"),
    # 19:45: death named as one's way out, in Spanish (the possessive keeps a door or a discharge out)
    ("mi papa guardo la morfina y me dijo que esa seria su salida", "crisis"),
    ("ya lo pense bien, es mi unica salida", "crisis"),
    # 21:00 (the pair English 13, run once): an overdose threatened, a decision with no way back, shaking under the
    # blankets on chemo
    ("he told his brother he's gonna neck the whole bottle if the news is bad", "crisis"),
    ("she keeps saying she's going to take the lot one night", "crisis"),
    ("my will is done and i feel calm. please don't try to talk me out of it", "crisis"),
    ("mum's on chemo and she's shivering under two duvets, burning hot", "emergency"),
    # 21:15 (the pair English 13, DEV Spanish care 5): a remedy "ok alongside" one's own treatment, a crown booked with
    # one's own bone drug, a late dose now or later, an interpreter asked for in Spanish
    ("got some turmeric tablets, fine alongside my letrozole and xgeva?", "care_team"),
    (
        "dental appointment on monday for a crown and she's on zometa every month, does she tell them or wait",
        "care_team",
    ),
    ("her xgeva was due last week but she was poorly. should she have it now or wait for the next one", "care_team"),
    ("quisiera un traductor para la consulta de mi papa el martes", "care_team"),
    # 20:50: losing what is left by one's own hand
    ("ya perdi la salud y la casa, mejor terminar con lo que me queda por mi propia mano", "crisis"),
]

# The classifier's guess alone is not acted on (SafetyNet): True = a general message, False = still its to make.
GUESS_NOT_ACTED_ON = [
    ("claim", "my brother keeps saying tamoxifen makes everyone put on weight. is that true", True),
    ("claim", "my brother keeps saying he wants to give up. is that true", False),
    ("claim", "my gran keeps saying the pain is unbearable. is that normal", False),
    ("schoolwork", "can you help with my maths homework, what is 7 times 8", True),
    ("schoolwork", "help with the algebra, my chemo brain is bad", False),
    (
        "general",
        "my aunt has been prescribed letrozole. i'd be grateful for an explanation of what this drug does",
        True,
    ),
    ("general", "mi tia recibe prolia, what is this medicine for", True),
    ("general", "my mum was prescribed xgeva. please explain why her jaw hurts", False),
    ("general", "my dad is on xgeva, what is this pain in his jaw", False),
    ("general", "my husband has just been prescribed letrozole, can you tell me what it is", True),
    ("general", "tell me what to do, she has jaw pain", False),
    ("impersonal", "kindly explain about malaria and its treatment", True),
    ("impersonal", "explain about the fever i have now", False),
    # 20:05 (dev_faq_12): whether an illness passes between people is asked of nobody
    ("general", "is ringworm passed from one person to the next", True),
    ("general", "can i catch ringworm from my husband, he has it", False),
]


@pytest.mark.unit
@pytest.mark.parametrize("text", NOT_REPORTS)
def test_an_animal_hair_a_question_about_nobody_or_the_helpline_is_no_report(text):
    hit = engine.classify(text)
    assert hit is None, engine.explain(text)


@pytest.mark.unit
@pytest.mark.parametrize("text, tier", STILL_REPORTS)
def test_a_person_hurt_a_fall_or_a_sign_happening_now_stays_a_report(text, tier):
    hit = engine.classify(text)
    assert hit is not None and engine.SEVERITY[hit.tier] <= engine.SEVERITY[tier], engine.explain(text)


@pytest.mark.unit
def test_a_question_about_an_animal_gets_no_curated_answer_unless_it_is_about_cancer_care():
    from bot.safety.lookalikes import about_an_animal

    assert about_an_animal("which calcium tablets suit an old spaniel with thin bones")
    assert not about_an_animal("my cat scan showed a spot on a rib, what is a bone scan for")
    assert not about_an_animal("the dog sits with me at every chemo, can zometa make me tired")


@pytest.mark.unit
@pytest.mark.parametrize("shape, text, general", GUESS_NOT_ACTED_ON)
def test_a_claim_checked_schoolwork_or_a_request_to_explain_is_general_unless_someone_is_in_it(shape, text, general):
    from bot.safety import english_general, english_messages, lookalikes

    reader = {
        "claim": english_general.claim_check,
        "schoolwork": lookalikes.schoolwork,
        "general": english_messages.general_question,
        "impersonal": english_messages.impersonal_question,
    }[shape]
    assert reader(text) is general
