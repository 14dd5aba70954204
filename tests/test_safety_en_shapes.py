"""English messages read by shape (bot/safety/english_shapes.py, issue 11), written for this file (never copied
from tests/data): context versus question, and the English parity of the Spanish personal questions and counted
overdoses.

Clinical line: a symptom happening now to a person is a report; a person who merely receives a drug, needs
dental work or has bone metastases, or a sign long past or gone, is context for a general question. Each report must reach its tier (that
tier or a more severe one) through the deterministic net alone; each question must get nothing from it."""

from __future__ import annotations

import pytest

from bot.names import SEVERITY
from bot.safety import engine
from bot.safety.triage import decide

# The person only in an earlier clause or sentence, the question general: left to the FAQ.
CONTEXT_THEN_QUESTION = [
    "my wife gets zometa, can it cause jaw pain?",
    "mum is on xgeva. does it make your teeth fall out",
    "my husband has bone mets — what does hypercalcemia mean?",
    "my dad is having zometa every 3 months, what are the signs of jaw problems",
    "my sister just started denosumab; is numbness around the mouth a side effect?",
    "my mother has secondaries in her spine, what does cord compression feel like",
    "my partner gets the bone drip, how common is a thigh fracture with it",
    "i'm on xgeva - what are the symptoms of low calcium?",
    "my wife's on zoledronic acid. can it cause kidney problems or eye pain?",
    "my husband has mets in his hips, what is a pathological fracture",
    "mum has just had her first zometa infusion, is a fever afterwards common?",
    "my dad is on morphine for bone pain, can it cause confusion?",
    "my brother has bone mets. what are the warning signs of spinal cord compression?",
    "my aunt gets prolia, why does it sometimes cause the jaw bone to die?",
    "my friend has breast cancer in her bones, can that cause high calcium?",
    "my husband is on xgeva - does it cause muscle cramps or tingling?",
    "my wife has bone mets, how is bone pain treated?",
    "i'm on zoledronic acid. can it make your eyes red and sore?",
    "my dad gets zometa, what does acute phase reaction mean?",
    "my mom has lytic lesions in her spine — can they lead to broken bones?",
    "my husband starts denosumab next week, can it cause numb lips?",
    "my sister has secondaries, what does it mean if calcium is high?",
    "my daughter gets the bone jab. is it true it can cause thigh bone breaks?",
    "my gran gets xgeva injections, can it cause low calcium and cramps?",
    "i have bone mets, what is hypercalcaemia?",
    "my mum has bone secondaries. are broken bones common with bone mets?",
    "my dad has had 6 zometa infusions, can it cause kidney damage?",
    "my wife is on zometa, how rare is osteonecrosis of the jaw",
    "mum's on the bone drip - what does a femur fracture from it feel like?",
    "my husband has spinal mets, what causes loss of bladder control in cord compression?",
    "my mum has zometa every month, can it cause a sore in the mouth that does not heal?",
    "my husband gets xgeva, does it cause loose teeth?",
    "my wife is on zoledronic acid, can it cause pain in the thigh or groin?",
    "my dad is on the bone drip, can it make you pass less urine?",
    "my sister gets zometa, can it cause red painful eyes?",
    "my mum has bone mets, what are the signs of a broken hip?",
    "my husband has spine mets, what does leg weakness from cord compression mean?",
    "my wife is on xgeva, does it cause tingling in the fingers?",
    "my dad has bone secondaries, can high calcium cause confusion and vomiting?",
    "my mother is on denosumab, is jaw swelling a known side effect?",
    "my husband has bone mets - can they cause new back pain?",
    "my wife gets zometa, why does it cause fever and chills the first time?",
    "my partner has mets in her ribs, what does a cracked rib feel like?",
    "my dad is on zometa, can it make your jaw bone exposed?",
    # a sign that is history (long ago, or gone) as context for a general question
    "my husband broke his hip last year, does zometa help prevent fractures?",
    "mum had a fracture in her spine in 2022, what is a pathological fracture exactly",
    "my wife had jaw pain after a tooth out months ago, it healed. is onj always painful?",
    "my dad's legs were weak last month but physio helped, can bone mets affect walking",
    "my mum was confused after surgery last year, can high calcium cause confusion",
    "i had chest pain years ago from anxiety, can zometa cause chest pain",
    # a sign that may come, in a question
    "who do i call if i get a high temperature on chemo",
    "if my mum gets a fever on chemo what number do we ring",
    "my mum keeps asking what happens if she gets jaw pain on xgeva",
    "what if i get confused and can't walk?",
    "where do we go if he ever can't feel his legs?",
    "suppose my temp spikes on chemo one night, who should we ring?",
    "what if dad's calcium climbs too high later on, how is it brought down?",
    # a care-team word in the general question, the person only before it
    "my mum only has mets in her bones, does that mean a better outlook",
    "i have bone mets, what affects survival?",
    # an urgent sign in a sentence about nobody written like a search
    "jaw pain after xgeva?",
    "sore gums from zometa?",
    "mouthwash for sore gums",
    # a result with no number, or a request for a person, answered by a general question
    "my bone density came back low. is denosumab used for that?",
    "i need to talk to someone about all this. is there a helpline?",
    # a situation (dental plans) as context, the question general
    "my husband needs two fillings and he's on zometa. can dentists do fillings during bone treatment?",
    "i'm having a crown fitted soon and i get xgeva, is dental work possible on denosumab?",
]

# The report in the clause with the person, the question after it: still a red flag.
REPORT_THEN_QUESTION = [
    ("my wife can't feel her legs, is that the zometa?", "emergency"),
    ("i'd say i spike a fever most nights on chemo, what do i do?", "emergency"),  # "say" not opening the clause
    ("if her calcium is too high and she is confused what do we do", "emergency"),
    ("mum can't stand up this morning, what does it mean?", "emergency"),
    ("my husband's legs are numb, can it be the cancer?", "emergency"),
    ("my dad has jaw pain, can it be from xgeva?", "urgent"),
    ("my mum has a fever of 38.5 after chemo, is it the zometa?", "emergency"),
    ("my wife has chest pain and is breathless, is that a side effect?", "emergency"),
    ("my sister's been vomiting and is very confused, could it be high calcium?", "emergency"),
    ("i can't control my bladder, is that cord compression?", "emergency"),
    ("my mom's lips are tingling after her xgeva shot, what does it mean?", "urgent"),
    ("my dad has a new ache in his thigh, can zometa cause that?", "urgent"),
    ("my jaw bone is showing through my gum, is that onj?", "urgent"),
    ("my eye is red and painful after zometa, is that a side effect?", "urgent"),
    ("my husband is on xgeva and now he can't walk, can it cause that?", "emergency"),
    ("mum is on zometa, her legs gave way this morning, what could cause it?", "emergency"),
    ("my dad gets the bone drip. he's so confused today, is that high calcium?", "emergency"),
    ("i'm on denosumab and my face keeps twitching, is that low calcium?", "urgent"),
    ("my wife gets zometa. the bone is showing where her tooth was, what is it?", "urgent"),
    ("my sister has bone mets, she fell and can't put weight on her leg, is it broken?", "emergency"),
    ("my mum is on chemo and has shaking chills, what should we do?", "emergency"),
    ("i've got bone mets and my pain medicine isn't working anymore, what can help?", "urgent"),
    ("my husband's on xgeva - he wet himself and didn't notice, is that the drug?", "emergency"),
    ("mum has mets in her spine, her legs feel heavy, what does that mean?", "emergency"),
    ("my dad can't get out of bed, his legs won't work, is it the mets?", "emergency"),
    ("my wife gets zometa and her calcium came back high, what does that mean?", "urgent"),
    # the subject dropped after the context: a statement, still a report
    ("mum is on xgeva, can't walk since yesterday, what could it be?", "emergency"),
    ("my husband is on zometa, jaw pain for a week now, is that onj?", "urgent"),
    ("my dad has bone mets, numb legs since last night, can it be the spine?", "emergency"),
    ("i have numb legs", "emergency"),
    ("she has weak legs and back pain", "emergency"),
    # a question that says the sign is happening
    ("my wife gets xgeva, is jaw pain normal?", "urgent"),
    ("my husband is on zometa, how do we treat this jaw pain?", "urgent"),
    # a sign in the past that is back, or gone but asked about personally
    ("my mum broke her hip last year and now it hurts again, could it be broken?", "emergency"),
    ("she fell months ago and has had hip pain since, could it be a fracture?", "emergency"),
    ("my dad had cord compression last year and his legs are weak again, what does it mean?", "emergency"),
    ("i had jaw pain years ago and it's back now, is that onj?", "urgent"),
    ("she had a fever after chemo yesterday but it went away, should we call someone?", "emergency"),
    ("my wife broke her arm years ago, she can't move her leg today, is it the mets?", "emergency"),
    # the person's own prognosis
    ("my wife has bone mets, what is the prognosis?", "care_team"),
    ("my husband has mets, what is his life expectancy?", "care_team"),
    # "if" with a sign that is here
    ("what do i do if i can't feel my legs", "emergency"),
    ("if my legs go numb and i get back pain what should i do", "emergency"),
    ("she gets a fever if she misses her antibiotics, what should we do?", "emergency"),
    ("i get chest pain if i walk, is it the mets?", "emergency"),
    # written like a search but with a person, without "?", or an emergency sign
    ("my jaw pain after xgeva?", "urgent"),
    ("jaw pain after xgeva", "urgent"),
    ("chest pain after zometa?", "emergency"),
    ("she needs something for her jaw pain", "urgent"),
    # a personal question after the context, or a situation with a personal ask
    ("my mum gets zometa, can she still have her teeth out next week?", "care_team"),
    ("i'm on xgeva, my dentist wants to pull a tooth, when should i have it?", "care_team"),
    ("i need a tooth out and my zometa is due friday, which should come first?", "care_team"),
    ("i missed my xgeva shot last week. what happens if a dose is missed?", "care_team"),
    ("my oncologist says my markers went up, what does that mean?", "care_team"),
]

# The English parity of bot/safety/spanish_shapes.py: personal questions only a care team can answer …
PERSONAL_QUESTIONS = [
    "can i switch my zometa to every 12 weeks?",
    "is it ok if i skip my xgeva shot this month",
    "should my mom stop zometa before her implant",
    "will i be cured?",
    "how long do i have",
    "can we move mum's infusions to every 3 months instead",
    "could my xgeva be spaced out to every 12 weeks",
    "can i have my zometa every 6 months instead of every 3",
    "can my dad go from monthly xgeva to every three months",
    "do i take my calcium before or after my xgeva shot",
    "i have a cold, can i still get my zometa tomorrow?",
    "my kidneys are not great, can i still have zometa",
    "mum has the flu, can she still have her xgeva injection",
    "can i go to the gym with my spine mets?",
    "can i fly with my bone mets",
    "will my wife be cured",
    "is my mum going to get better",
    "can she be cured",
    "will i beat this",
    "can i play tennis with the mets in my spine",
    "can i go running with bone mets in my pelvis",
    "can i swap my zometa for xgeva",
]

# … and overdoses counted.
OVERDOSES = [
    "i took 10 tylenol",
    "my dad swallowed all his pain pills",
    "i just took 8 paracetamol",
    "mum took 6 of her morphine tablets at once",
    "he swallowed 20 oxycodone",
    "i took twelve advil an hour ago",
    "my husband took 5 of his sleeping pills together",
    "i accidentally took 4 oxycodone instead of 1",
    "my wife took 15 tylenol last night",
    "i have taken 10 paracetamol today",
]

# Look-alikes of those shapes: general questions and routines.
GENERAL = [
    "i took 2 tylenol for the pain",
    "i take 4 paracetamol a day",
    "i took 1 ibuprofen",
    "how many tylenol can you take in a day",
    "can you take 2 paracetamol with zometa",
    "i took 2 of my oxycodone as prescribed",
    "the nurse said take 2 tablets every 4 hours",
    "i took 4 calcium tablets a day for years",
    "i haven't taken 10 tylenol, only 2",
    "can zometa be given every 12 weeks?",
    "why do i get zometa every 4 weeks and my friend every 12?",
    "how long does xgeva stay in the body",
    "is metastatic breast cancer curable?",
    "can bone mets be cured",
    "can you exercise with bone mets?",
    "how long do people live with bone mets",
    "what happens if you take too many painkillers",
    "exercises for weak legs",
    "my aunt wants a break from her bone jab, what happens when it stops",
    "the leaflet said to report muscle cramps on xgeva. is that low calcium?",
]


def _reaches(text: str, tier: str) -> bool:
    hit = engine.classify(text)
    return hit is not None and SEVERITY[hit.tier] <= SEVERITY[tier]


@pytest.mark.parametrize("text", CONTEXT_THEN_QUESTION)
def test_a_person_as_context_for_a_general_question_is_not_escalated(text):
    assert engine.classify(text) is None, engine.explain(text)


@pytest.mark.parametrize("text, tier", REPORT_THEN_QUESTION)
def test_a_report_before_a_question_still_reaches_its_tier(text, tier):
    assert _reaches(text, tier), (text, engine.explain(text))


@pytest.mark.parametrize("text", PERSONAL_QUESTIONS)
def test_english_personal_questions_go_to_the_care_team(text):
    assert _reaches(text, "care_team"), text


@pytest.mark.parametrize("text", OVERDOSES)
def test_english_overdoses_counted_are_emergencies(text):
    hit = engine.classify(text)
    assert hit is not None and hit.tier == "emergency" and hit.category == "overdose", (text, hit)


@pytest.mark.parametrize("text", GENERAL)
def test_look_alikes_of_the_shapes_are_not_escalated(text):
    assert engine.classify(text) is None, engine.explain(text)


def test_each_direction_has_at_least_25_examples():
    assert len(CONTEXT_THEN_QUESTION) >= 25 and len(REPORT_THEN_QUESTION) >= 25


def test_out_of_scope_never_overrules_a_prognosis_question():
    """The classifier says "out of scope" to "how long has my mum got": a prognosis pattern still escalates,
    while a generic care-team pattern in an unrelated question does not ("should i take my cat to the vet")."""
    prognosis = engine.classify("how long has my mum got")
    assert prognosis.category == "prognosis"
    assert decide(prognosis, "out_of_scope")["tier"] == "care_team"
    generic = engine.classify("how often should i take my cat to the vet")
    assert generic.tier == "care_team" and decide(generic, "out_of_scope") is None


@pytest.mark.parametrize(
    "text, general, impersonal",
    [
        ("my wife is on xgeva, does it cause tingling in the fingers?", True, False),
        ("my mum has zometa every month, can it cause a sore in the mouth that does not heal?", True, False),
        ("does zometa cause jaw pain?", True, True),
        ("my wife is on xgeva and her fingers are tingling, does it cause that?", True, False),  # patterns catch it
        ("my wife is on xgeva, is tingling in the fingers normal?", False, False),
        ("my wife is on xgeva, can she still have it?", False, False),
        ("my fingers are tingling", False, False),
        ("what reading on the thermometer is classed as a fever for someone on chemo?", True, True),
        ("what temperature is considered too high during chemotherapy", True, True),
        ("numb legs, what does it mean?", True, False),  # a sign stated, then a question
        ("is 38.3 a fever on chemo?", False, False),  # a value: the patterns' temperature reading decides
        ("what should you do if your legs go numb?", False, False),
    ],
)
def test_the_classifier_alone_is_not_trusted_on_a_general_question(text, general, impersonal):
    """SafetyNet drops the classifier's urgent or care-team guess alone (no pattern hit) when every question of
    the message is general (english_messages.general_question), and its emergency guess only on a message that is
    nothing but such questions, with nobody and no number in it (impersonal_question); crisis guesses count."""
    from bot.nlu.safety_net import _general_english_question
    from bot.safety import english_messages

    assert english_messages.general_question(text) is general
    assert english_messages.impersonal_question(text) is impersonal
    assert _general_english_question(text, "report_urgent") is general
    assert _general_english_question(text, "ask_personal") is general
    assert _general_english_question(text, "report_emergency") is impersonal
    assert _general_english_question(text, "report_crisis") is False


@pytest.mark.parametrize(
    "text, tier",
    [
        ("can i play tennis with the mets in my spine", "care_team"),
        ("is it ok for me to swim with bone mets in my hip", "care_team"),
        ("how often should i take my cat to the vet", None),
    ],
)
def test_a_care_team_question_in_this_fields_words_stands_against_an_out_of_scope_guess(agent, text, tier):
    """The whole pipeline: the classifier may call an activity question out of scope; the care-team pattern stands
    when the message uses this field's words (a drug, "mets", "spine"), not in a question about a cat."""
    import asyncio

    parse = asyncio.run(agent.parse_message(text))
    assert (parse.get("bone_health_safety") or {}).get("tier") == tier, parse["intent"]


# The first independent English safety set's care-team misses, by kind (bot/safety/english_asks.py), in this
# file's own words: each about a real person, so each reaches the care team through the net alone …
CARE_TEAM_ASKS = [
    # one's own result with a value or a direction
    "sodium a bit low on her last bloods, does she need to do anything?",
    "my egfr dropped to 48, does that change anything for me",
    "vit d 22 on my results, is that too low",
    "my magnesium has come down again, is that a problem?",
    # dental work into the bone, planned or timed, for the person
    "is it ok for me to have an extraction the week after my zometa?",
    "can i get my implant done before my next prolia shot?",
    "could mum have her wisdom tooth out a few days before her xgeva?",
    # stopping or pausing, wished or asked leave for
    "i'm thinking of coming off the letrozole",
    "we've decided to stop mum's zometa, is that ok",
    "am i allowed to take a break from xgeva while we travel?",
    "could my husband pause his chemo for our daughter's wedding?",
    # "is it normal for me / that my…"
    "is it normal for my mum to be this wiped out after the drip?",
    "is a week of aching usual for me after zometa?",
    # a dose again after a problem, or behind with it
    "i vomited just after my morning pills, do i take them again?",
    "i'm a few days behind on my letrozole, do i make up the ones i missed?",
    "she spat out half her tablet, should she take an extra one?",
    # alcohol with one's own treatment
    "is a pint ok with my letrozole?",
    "could my husband have a beer or two while he's on chemo?",
    # a recommended treatment the person hesitates over, or a bare "should she?"
    "the team wants me to go on denosumab but i'm worried about my jaw",
    "dad's consultant wants him to start zometa and he's not sure about it",
    "my oncologist has offered me xgeva, should i or not",
    # one's own schedule weighed
    "is my xgeva every 4 weeks too frequent?",
    "is once every 12 weeks often enough for my zoledronic acid?",
    "my sister has zometa every month and her friend every 3 months, is that right for her?",
]

# … and the same words asked in general, or with the person only as context, stay FAQ questions.
GENERAL_ASK_LOOKALIKES = [
    "does xgeva make your calcium low?",
    "what does a low vitamin d level mean?",
    "is low potassium common on chemo?",
    "what are the signs of low calcium, i'm on xgeva",
    "can you have a tooth out while on zometa?",
    "is oral surgery safe on bone drugs?",
    "can i have a filling while on xgeva?",
    "can i have a tooth taken out while on the bone jab",
    "what happens if you stop taking xgeva?",
    "i want to know how long people stay on zometa",
    "does the ache stop after the first infusion?",
    "is it normal to feel achy after zometa?",
    "is it normal that my mum feels fluey after zometa?",
    "i'd like to come off xgeva, what happens to the bones when it is stopped?",
    "my oncologist recommended zometa but i'm nervous, how common is jaw damage?",
    "my mum gets xgeva every 4 weeks and her friend gets prolia every 6 months, why the difference?",
    "what should you do if you are sick after a tablet?",
    "can you double up on calcium if you miss a day?",
    "does alcohol interact with zometa?",
    "can you drink wine on chemotherapy?",
    "my oncologist wants me to start xgeva, what are the side effects?",
    "how often is zometa given?",
    "is every 4 weeks too often for zometa?",
    "why is xgeva monthly but prolia every 6 months?",
    # a sign that is history (years ago, or treated and better) as context for a general question
    "my dad broke his arm 2 yrs ago, how do bone drugs protect the bones?",
    "when my wife was first diagnosed she could not stand but it got better after radiotherapy, how does "
    "radiotherapy work on bone?",
]

# A temporal "when" with a sign that is here, or back, is still a report.
STILL_REPORTS = [
    ("when my husband was diagnosed his legs went weak and they still are, what does radiotherapy do?", "emergency"),
    ("when i stand up my legs give way, what does it mean?", "emergency"),
    ("my mum broke her hip 2 yrs ago and now she can't walk again, what could it be", "emergency"),
]


@pytest.mark.parametrize("text", CARE_TEAM_ASKS)
def test_care_team_asks_by_shape_reach_the_care_team(text):
    assert _reaches(text, "care_team"), (text, engine.explain(text))


@pytest.mark.parametrize("text", GENERAL_ASK_LOOKALIKES)
def test_general_questions_with_the_same_words_are_not_escalated(text):
    assert engine.classify(text) is None, engine.explain(text)


@pytest.mark.parametrize("text, tier", STILL_REPORTS)
def test_a_sign_here_or_back_after_a_time_is_still_a_report(text, tier):
    assert _reaches(text, tier), (text, engine.explain(text))


def test_a_dropped_classifier_guess_gives_way_to_its_best_other_intent():
    """SafetyNet's early return left the classifier's safety intent in the parse, so the turn still escalated:
    the guess it does not act on is replaced by the best other intent of the ranking (the classifier's own
    ranking kept for the staff lookup and the figures)."""
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.names import CLASSIFIER_RANKING_KEY
    from bot.nlu.safety_net import _drop_safety_guess

    ranking = [
        {"name": "report_urgent", "confidence": 0.6},
        {"name": "faq_jaw", "confidence": 0.3},
        {"name": "ask_personal", "confidence": 0.05},
        {"name": "faq_bma", "confidence": 0.05},
    ]
    message = Message(data={TEXT: "my uncle had zometa years back and a sore jaw, how common is that?"})
    message.set(INTENT, ranking[0])
    message.set(INTENT_RANKING_KEY, ranking)
    _drop_safety_guess(message)
    # The dropped guesses' share (0.65) goes to the others in proportion: 0.3 / 0.35 and 0.05 / 0.35.
    assert message.get(INTENT) == {"name": "faq_jaw", "confidence": pytest.approx(0.3 / 0.35)}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["faq_jaw", "faq_bma"]
    assert message.get(INTENT_RANKING_KEY)[1]["confidence"] == pytest.approx(0.05 / 0.35)
    # Without this field's words ("solve x plus 5 equals 12"), the others keep their own confidences.
    message.set(INTENT, ranking[0])
    message.set(INTENT_RANKING_KEY, ranking)
    _drop_safety_guess(message, share=False)
    assert message.get(INTENT) == {"name": "faq_jaw", "confidence": 0.3}
    assert message.get(CLASSIFIER_RANKING_KEY) == ranking


@pytest.mark.parametrize(
    "text, tier",
    [
        # general questions: history or a threshold, nobody now (the classifier alone may guess a red flag)
        ("my nan had bisphosphonates a long time ago and her gum went sore, is that a frequent thing?", None),
        ("my uncle was on zometa years back and got a painful jaw, how common is that?", None),
        ("what temperature is classed as a fever on chemotherapy", None),
        ("my gran broke her wrist 4 yrs ago, how does xgeva differ from zometa?", None),
        # the person's own treatment is this field's ("treatment" alone is everyone's)
        ("is a small glass of wine alright with my treatment?", "care_team"),
        # a report stays one
        ("my wife can't feel her legs, is that the zometa?", "emergency"),
        ("my dad's gum has gone sore on xgeva, how common is that?", "urgent"),
    ],
)
def test_the_whole_pipeline_on_general_questions_and_own_treatment(agent, text, tier):
    import asyncio

    parse = asyncio.run(agent.parse_message(text))
    assert (parse.get("bone_health_safety") or {}).get("tier") == tier, parse["intent"]
    if tier is None:
        assert not parse["intent"]["name"].startswith(("report_", "ask_personal", "request_human")), parse["intent"]
