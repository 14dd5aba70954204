"""English red flags in strangers' words, by KIND (after the first run of the frozen English set 2, whose misses
the lead described by kind only): messages written for this file, never copied from tests/data, several
wordings per kind, and look-alikes sharing their words that must not become a red flag.

Why: the English patterns reached 100% on the dev set they were tuned on and 72-82% on strangers' wording. The
fixes are general patterns (content/safety.yml, macros @PILLS @PAINMED @SADDLE @SPINE @EYE @EDGE in
content/safety_vocabulary.yml); these tests keep each family caught (the net alone and the whole pipeline)
and keep the look-alikes out."""

from __future__ import annotations

import asyncio

import pytest

from bot.names import SEVERITY, TIER_OF_INTENT
from bot.safety import engine

RED_FLAGS = ("emergency", "crisis", "urgent")

CRISIS = [
    # end of 2026-12-06, kinds the third English set missed (other words)
    "everyone would be happier without me around",
    "ive made a list for them in case i do something",
    "there's nothing to live for anymore",
    "this is no life worth living",
    "every night i ask god to take me",
    "i just want to vanish",
    # researching a method or an amount
    "i've been looking up how many of my oxycodone it would take",
    "i keep googling how many of my sleeping tablets would be enough to not wake up",
    "where can i get enough sleeping pills to not wake up",
    "i worked out what dose of my painkillers would be lethal",
    "been reading about how many paracetamol would kill me",
    "i checked online what amount of zopiclone would be fatal",
    "trying to find out how many sleeping pills it'd take to not wake up",
    # self-harm again, hitting oneself to cope
    "i started cutting again last week",
    "i've gone back to cutting my arms, it's the only thing that helps",
    "i keep hitting my head against the wall until it bruises",
    "when it gets too much i punch myself in the legs",
    "she has been scratching her arms till they bleed to cope",
    "i relapsed and cut my wrists again",
    "i bang my head on the wall till it bleeds when the pain gets too much",
    "i'm self harming again after two years clean",
    # a plan and a time
    "i have a plan",
    "i've got a plan and tonight is the night",
    "tonight's the night, i've decided",
    "today's the day, goodbye",
    "i know exactly how and when",
    # stockpiling "just in case"
    "i've been stashing my morphine just in case i decide i've had enough",
    "i squirrel away a few sleeping pills every week in case it gets too much",
    "i'm keeping a supply of my tablets hidden in case i've had enough",
    "been saving up my oxycodone, there's a stash in the drawer",
    "i hide a few of my sleeping tablets every night in case i decide it's enough",
    # nobody would notice or miss them
    "nobody would notice if i disappeared",
    "would anyone even miss me",
    "no one would care if i died tomorrow",
    "i could vanish and no one would notice",
    "my family wouldn't even notice i was gone",
    "if i disappeared tomorrow no one would even notice",
    "would it even matter if i died",
    # at an edge, thinking about it
    "i'm standing on the bridge thinking about it",
    "sitting on the balcony railing, thinking about it",
    "on the roof of my building right now, just thinking",
    "at the top of the car park again thinking about it",
    "i'm on the wrong side of the railing",
]

EMERGENCY = [
    # end of 2026-12-06, kinds the third English set missed (other words)
    "dad's feet won't budge this morning",
    "she peed herself in her sleep twice now",
    "grandad slumped over at the table",
    "his ankle is sitting at a funny angle since he slipped",
    # saddle numbness in lay words
    "i can't feel anything when i wipe",
    "everything down there has gone dead",
    "my bottom and inner thighs are numb like after the dentist",
    "no feeling in my private parts since this morning",
    "i can't feel my bum when i sit on the toilet",
    "when i wipe i feel nothing at all",
    "my privates and the inside of my thighs have gone numb",
    # a bone that went snap, crack or pop after a small movement
    "i rolled over in bed and something in my ribs went snap, now it hurts to breathe",
    "something cracked in my chest when i reached for the remote",
    "felt my hip go crunch getting out of the car",
    "something went pop in my side when i sneezed, agony",
    "my collarbone cracked when i lifted the kettle",
    # calcium a clinician called very high or low, "come in", "go to the ER"
    "the nurse rang and said my calcium is dangerously high and i need to come in",
    "my calcium was critically low, they told me to go to the er",
    "doctor says mum's calcium is sky high and she has to come straight in",
    "the hospital phoned, my calcium is too high and they want me in today",
    "the gp called, my calcium is really high and i should go to hospital",
    # breathlessness in lay words and spellings
    "i can't finish a sentence without stopping for air",
    "puffed out just from talking today",
    "i get out of breth going to the bathroom",
    "she has to stop for breath between words",
    "i'm out of puff walking to the kitchen",
    "can't say more than a few words without gasping",
    # pain on breathing in, a swollen calf
    "sharp stabbing pain in my ribs when i breathe in and my calf is swollen and sore",
    "it hurts to take a deep breath and my left calf is puffy",
    "my side catches when i breathe and my leg is swollen",
    # a whole strip or packet by mistake
    "i swallowed a whole strip of my letrozole by mistake",
    "i took a full blister pack of oxycodone by accident",
    "my husband took his whole week of pills at once by mistake",
    "i accidentally swallowed a full packet of my letrozole",
    "dad took a week's worth of his pills all at once",
    # fainting in lay words
    "i keep blacking out when i stand up",
    "mum keeps passing out in the kitchen",
    "everything goes black when i get up and i nearly fall",
    "i feel like i'm going to faint",
    "she keeled over this morning",
    # a temperature beside "chemo" with no fever word, and shivering said by how hard it is (end of 2026-12-06)
    "on my 3rd round of chemo and the thermometer app says nothing but im 38.4",
    "hubby had chemo tuesday, hes 101.3 now",
    "chemo last week, 38.9 tonight",
    "shes been shivering so hard her bed shakes, chemo was on monday",
]

URGENT = [
    # end of 2026-12-06
    "the nurofen is no use for my hip any more",
    "oramorph does nothing now",
    # a thigh ache in lay words, on a bone drug for years
    "a new deep ache at the top of my leg, been on zometa for years",
    "my upper leg has a dull ache that won't go away, i've had zometa for 4 years",
    "the top of my leg aches all the time now",
    "a niggly pain high up in my leg near the hip, on xgeva a long time",
    # the eye after the infusion, in slang
    "my peeper went pink and stings since the drip yesterday",
    "the day after the drip my eye went pink and stings",
    "my eyeball is red and gritty since the infusion",
    "since the infusion my peepers are bloodshot and sting",
    # pain not controlled
    "i'm taking the max dose of oramorph and still in tears",
    "on the maximum dose of morphine and i'm still crying with it",
    "the morphine wears off hours before i'm allowed the next dose",
    "my patch wears off a day early and the pain is back",
    "the oramorph doesn't touch it anymore",
    "the pain comes back long before i'm allowed more morphine",
    # new or worse back pain in lay words
    "the bit between my shoulder blades is getting worse each day",
    "something new in the middle of my spine is waking me every night",
    "pain between my shoulder blades keeps me up at night",
    "my lower back has got worse over the last week",
    "new ache in my lower back that wakes me every night",
]

# General questions sharing the words: nothing at all from the net.
GENERAL = [
    "what can be done when painkillers do nothing for bone pain?",
    "how much morphine is too much for the kidneys?",
    "what dose of vitamin d would be enough to raise my levels?",
    "what is a lethal dose of paracetamol?",
    "what does numbness in the saddle area mean?",
    "is numbness down there a sign of cord compression?",
    "does zometa cause numbness?",
    "what happens if calcium gets dangerously high?",
    "can denosumab make calcium critically low?",
    "what level of calcium is dangerously high?",
    "is breathlessness a side effect of zometa?",
    "can a blood clot cause pain when breathing?",
    "can zometa make you faint?",
    "is fainting a side effect of xgeva?",
    "can zometa cause pain at the top of the leg?",
    "can zometa affect the eyes?",
    "what does it mean if light hurts your eyes?",
    "how long does oramorph last?",
    "is back pain a sign of spinal mets?",
]

# Statements and personal questions sharing the words: no red flag (a care-team question may still be one).
LOOK_ALIKES = [
    "how many tylenol can i take with my oxycodone?",
    "i cut my finger chopping onions, can i still have my zometa?",
    "i cut my leg shaving",
    "trying to get an appointment is like banging my head against a wall",
    "we made a plan with the dentist for my extraction",
    "we have a plan for my dental work before zometa",
    "tonight is the night before my first zometa infusion, what should i expect?",
    "today is the day of my first xgeva injection, any tips?",
    "tomorrow is the day i get my results",
    "i keep a spare week of tablets in case i'm away on holiday",
    "i keep extra tablets in case i run out while travelling",
    "i keep my tablets in a dosette box",
    "i miss my old life before cancer",
    "will i miss my infusion if i go on holiday?",
    "i sat on the balcony thinking about my treatment options, is zometa right?",
    "my bum is sore from the injection",
    "i took a full day off work after my infusion",
    "my back is fine but my knee aches",
    "im 39 and just started chemo",  # an age beside chemo, not a temperature
    "my hands shake so bad on the new tablets",  # a tremor, not shivering
    "i slept on my back and woke up with a stiff neck",
    "i came back from holiday and the fatigue is getting worse",
    "the side effects of my zometa wore off after two days",
    "i hurt my hand in the garden and it bled a little, is that ok on xgeva?",
]

BANK = [(t, "crisis") for t in CRISIS] + [(t, "emergency") for t in EMERGENCY] + [(t, "urgent") for t in URGENT]


def reaches(got: str, tier: str) -> bool:
    return got in SEVERITY and SEVERITY[got] <= SEVERITY[tier]


def test_the_bank_is_new_and_covers_every_kind():
    texts = [t for t, _ in BANK] + GENERAL + LOOK_ALIKES
    assert len(set(texts)) == len(texts)
    assert len(CRISIS) >= 18 and len(EMERGENCY) >= 21 and len(URGENT) >= 12


@pytest.mark.parametrize("text, tier", BANK)
def test_the_net_reaches_the_tier(text, tier):
    hit = engine.classify(text)
    assert hit is not None and reaches(hit.tier, tier), (hit, tier)


@pytest.mark.parametrize("text", GENERAL)
def test_general_questions_get_nothing_from_the_net(text):
    assert engine.classify(text) is None


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_no_red_flag_for_the_net(text):
    hit = engine.classify(text)
    assert hit is None or hit.tier not in RED_FLAGS, hit


@pytest.fixture(scope="module")
def pipeline_tiers(agent):
    texts = [t for t, _ in BANK] + GENERAL

    async def parse_all():
        return [await agent.parse_message(text) for text in texts]

    return {t: TIER_OF_INTENT.get(p["intent"]["name"], "none") for t, p in zip(texts, asyncio.run(parse_all()))}


def test_the_whole_pipeline_reaches_every_tier_and_leaves_general_questions(pipeline_tiers):
    # Statements (LOOK_ALIKES) are checked on the net only: the classifier's own guess on a statement such as
    # "i cut my leg shaving" is its judgement, not a pattern's (it escalates three of them on its own).
    missed = [(t, tier, pipeline_tiers[t]) for t, tier in BANK if not reaches(pipeline_tiers[t], tier)]
    escalated = [(t, pipeline_tiers[t]) for t in GENERAL if pipeline_tiers[t] in RED_FLAGS]
    assert not missed and not escalated, (missed, escalated)
