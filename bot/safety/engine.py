"""The deterministic safety net: red flags, crisis and personal questions found by rules, not a model.

`classify(text)` runs spaCy `Matcher` patterns over the lemmas of the message (the project's blank
English pipeline with the lookup lemmatizer, `python -m bot.nlu.spacy_pipeline`) and a small temperature
parser, and returns the most severe hit:

    emergency > crisis > urgent > care_team        (tiers of content/safety.yml)

so that a red flag reaches triage even when the intent classifier misses it (bot/nlu/safety_net.py puts
this in the NLU pipeline). Recall comes first: when unsure, escalate. Three kinds of pattern:

- "report": wording that is itself a report ("can't feel my legs", "wet myself", "want to die");
- "symptom": a sign named as a noun or adjective ("fever", "chest pain", "confused"), which can be
  negated cheaply ("no fever", "legs are not numb");
- "topic": a condition's name ("cord compression", "ONJ") that only counts with a person it happens
  to in the same sentence ("I think I have ONJ", not "what is ONJ?").

Any kind is skipped in a sentence that is a general question with nobody in it ("can Zometa cause
jaw problems?", "how rare is a femur fracture?"): those are FAQ questions. English only.

Pattern mini-language (`_compile`): words are written naturally and lemmatised with the same
pipeline; `a|b` alternatives; `a_b` a multi-word alternative; `x?` optional; `=word` the exact
lower-case word instead of its lemma; `*N` up to N other words (not crossing punctuation);
`@NAME` a macro from MACROS.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from bot.settings import ROOT
SPACY_PATH = ROOT / "var" / "spacy" / "en_bone_health"

TIERS = ("emergency", "crisis", "urgent", "care_team")  # most severe first
SEVERITY = {tier: rank for rank, tier in enumerate(TIERS)}


@dataclass(frozen=True)
class SafetyHit:
    tier: str            # emergency | crisis | urgent | care_team
    category: str        # a category of that tier in content/safety.yml
    matched: str         # the words that matched (never logged: it is health data)
    also: Tuple[str, ...] = ()   # less severe tiers that matched too (e.g. crisis with an overdose)


@dataclass(frozen=True)
class Rule:
    tier: str
    category: str
    kind: str            # report | symptom | topic
    pattern: str
    negatable: bool = False
    not_followed_by: FrozenSet[str] = frozenset()
    skip_questions: bool = False   # not in a sentence that starts as a question ("can I have dental work…")
    skip_info: bool = False        # not in a sentence asking for information ("can my spine mets cause…")
    not_preceded_by: FrozenSet[str] = frozenset()   # "hay fever" is not a fever
    skip_starts: FrozenSet[str] = frozenset()       # not in a sentence starting with these ("why do I have to…")


# -- the rules ------------------------------------------------------------------------------------

MACROS: Dict[str, str] = {
    # "can't", "cannot", "could not", "unable to", "not able to", "can no longer", "can barely"
    "CANT": "can_not|can_no_longer|can_barely|can_hardly|unable_to|not_able_to|no_longer_able_to",
    "LEGS": "leg|legs|foot|feet|toe|toes|knee|knees",
    "BONE": "bone|bones|hip|hips|leg|arm|wrist|rib|ribs|femur|back|spine|shoulder|pelvis|collarbone|"
            "ankle|thigh|neck|vertebra|vertebrae|knee|elbow|hand|foot|skull|shin|thighbone",
    # "my", "her", "mum's": two positions, so use it on its own, never inside an a|b alternation.
    "POSS": "@POSS1 's?",
    "POSS1": "my|his|her|their|mum|mom|mother|dad|husband|wife|partner|sister|daughter|son|brother|father|"
             "grandma|friend",
    "WHO": "i|she|he|we|mum|mom|mother|mam|dad|father|husband|wife|partner|sister|brother|daughter|"
           "son|aunt|grandma|grandmother|granny|nan|grandpa|friend|hubby|spouse|boyfriend|girlfriend",
    "THEY": "she|he|mum|mom|mother|mam|dad|father|husband|wife|partner|sister|brother|grandma|"
            "grandmother|nan|grandpa|granny|aunt|friend|patient|daughter|son|hubby|spouse",
    "SELF": "myself|himself|herself|themselves|themself|ourselves",
    "HUMAN": "someone|somebody|person|human|nurse|doctor|oncologist|team|staff|agent|representative|"
             "counsellor|counselor|operator|specialist|pharmacist|dr|gp|physician",
    "DENTAL": "tooth|teeth|extraction|extractions|implant|implants|root_canal|dental|oral_surgery|"
              "wisdom|crown|dentures|filling|gum_surgery|dentist",
    "LAB": "calcium|creatinine|egfr|gfr|alp|alkaline_phosphatase|vitamin_d|ctx|ca_15_3|ca_27_29|cea|"
           "phosphate|potassium|magnesium|hemoglobin|haemoglobin|hb|platelets|neutrophils|psa|t_score|"
           "tumor_marker|tumour_marker|tumor_markers|tumour_markers|marker|markers|level|levels|result|"
           "results|count|white_count|bilirubin|albumin",
    "BONEDRUG": "xgeva|zometa|prolia|denosumab|zoledronic_acid|aredia|pamidronate|infusion|shot|"
                "injection|bone_drug|drip|jab",
}

_CONFUSED = "=confused|=disoriented|=disorientated|=delirious|=muddled|=incoherent|=agitated"
_ABOUT = frozenset({"about", "by", "with", "on", "as", "whether", "if", "what", "why", "how", "which",
                    "when", "because", "over", "at", "reading", "trying", "regarding", "between", "re"})
_LUMP = "lump|lumps|bump|mass|knot|growth|swelling"

RULES: Tuple[Rule, ...] = (
    # ---------------- emergency: spinal cord compression ----------------
    Rule("emergency", "spinal_cord_compression", "report",
         "@CANT move|feel|lift|use|bend|control|wiggle|raise *2 @LEGS"),
    Rule("emergency", "spinal_cord_compression", "report", "@CANT walk|stand",
         not_followed_by=frozenset({"the", "it", "this", "that", "him", "her", "them", "being", "people",
                                    "how", "when", "what", "his", "my", "their", "your", "to", "far"})),
    Rule("emergency", "spinal_cord_compression", "report", "@CANT get_up|stand_up|get_out_of_bed"),
    Rule("emergency", "spinal_cord_compression", "symptom",
         "@LEGS *3 numb|numbness|weak|weakness|paralysed|paralyzed|dead|jelly|wobbly|buckle|buckling|"
         "collapse|collapsed|=heavy|useless|floppy", negatable=True),
    Rule("emergency", "spinal_cord_compression", "report", "@LEGS *2 give|keep|kept way|out"),
    Rule("emergency", "spinal_cord_compression", "report",
         "@LEGS *3 not|never|no_longer *1 hold|support|carry|work|obey|listen|move|cooperate"),
    Rule("emergency", "spinal_cord_compression", "report",
         "keep|keeps|kept|always|now *1 =tripping|=stumbling|=falling_over|=falling_down|=staggering"),
    Rule("emergency", "spinal_cord_compression", "symptom",
         "numb|numbness|weak|weakness|paralysis|no_feeling *3 in|of|down|around|between *2 @LEGS|groin|"
         "bottom|buttock|buttocks|bum|genitals|saddle|crotch|privates|lower_body", negatable=True),
    Rule("emergency", "spinal_cord_compression", "symptom",
         "numb|numbness|no_feeling|tingle|tingling *2 down_below|down_there|between_my_legs|my_bottom|"
         "my_bum|my_crotch|my_groin", negatable=True),
    Rule("emergency", "spinal_cord_compression", "report",
         "lose|lost|losing|no|without *1 feeling|sensation *3 in|of? *2 @LEGS|groin|bottom|bum|down_there|"
         "down_below|lower_body"),
    Rule("emergency", "spinal_cord_compression", "report",
         "lose|lost|loss|losing|no|not|without *2 control *3 bladder|bowel|bowels|pee|wee|urine|poo|poop|"
         "stool|toilet|waterworks"),
    Rule("emergency", "spinal_cord_compression", "report",
         "@CANT control|hold *2 bladder|bowel|bowels|pee|wee|urine|poo|poop|stool|it_in|wee_in|pee_in"),
    Rule("emergency", "spinal_cord_compression", "report",
         "wet|soil|pee|poo|poop|mess|=wetting|=soiling *1 @SELF|the_bed|pants|trousers|underwear|knickers"),
    Rule("emergency", "spinal_cord_compression", "symptom", "incontinent|incontinence", negatable=True),
    Rule("emergency", "spinal_cord_compression", "report", "@CANT pee|wee|urinate|pass_urine|pass_water"),
    Rule("emergency", "spinal_cord_compression", "symptom",
         "bladder|bowel|toilet accident|accidents", negatable=True),
    Rule("emergency", "spinal_cord_compression", "symptom",
         "trouble|difficulty|difficult|hard|problem|problems|struggle|struggling|struggled|unsteady|"
         "=stumbling|=wobbly *2 walk|walking|stand|standing|on_her_feet|on_his_feet|on_my_feet",
         negatable=True),
    Rule("emergency", "spinal_cord_compression", "topic", "=paralysed|=paralyzed|=paralysis", negatable=True,
         skip_info=True),
    Rule("emergency", "spinal_cord_compression", "topic",
         "think|might|may|could|suspect|sound|look|maybe|probably *4 "
         "paralysed|paralyzed|paralysis|spinal_cord_compression|cord_compression|mscc|"
         "pressure_on_the_spinal_cord|pressure_on_her_spinal_cord|pressure_on_his_spinal_cord|"
         "pressure_on_my_spinal_cord"),

    # ---------------- emergency: fracture ----------------
    Rule("emergency", "fracture", "report", "hear|feel *2 a|some|something? crack|snap|pop|crunch"),
    Rule("emergency", "fracture", "report",
         "@POSS *2 @BONE *3 crack|snap|break|broken|fracture|fractured|give_way|give_out|collapse|"
         "collapsed", negatable=True),
    Rule("emergency", "fracture", "report",
         "@WHO *3 =broke|=broken|=fractured|=cracked|=snapped|break|fracture *2 @POSS1|a|the? *1 @BONE"),
    Rule("emergency", "fracture", "report",
         "think|maybe|probably|suspect|possibly *4 =broken|=broke|=fractured|=cracked|a_fracture"),
    Rule("emergency", "fracture", "report", "@CANT put|bear|take|stand *3 weight"),
    Rule("emergency", "fracture", "report", "@CANT move|lift|use|raise *2 arm|arms|hand|shoulder|hip|neck"),
    Rule("emergency", "fracture", "report",
         "@WHO *3 =fell|=fallen|=tripped|=slipped|had_a_fall|took_a_fall|=falling|has_had_a_fall",
         not_followed_by=frozenset({"asleep", "apart", "behind", "ill", "sick", "pregnant", "short",
                                    "silent", "quiet", "for", "through", "off", "love"})),
    Rule("emergency", "fracture", "symptom",
         "@BONE *3 look|looks|looking|be *2 bent|deformed|crooked|out_of_shape|misshapen"),

    # ---------------- emergency: very high calcium ----------------
    Rule("emergency", "high_calcium", "symptom",
         f"@THEY *4 {_CONFUSED}|not_making_sense|talking_nonsense|=out_of_it", negatable=True,
         not_followed_by=_ABOUT),
    Rule("emergency", "high_calcium", "symptom",
         "suddenly|sudden|increasingly|getting|get|been|keep_getting|keeps_getting|more_and_more *1 "
         "=confused|=disoriented|=disorientated|=muddled", negatable=True, not_followed_by=_ABOUT),
    Rule("emergency", "high_calcium", "symptom",
         "=confusion|=disoriented|=disorientated|=delirious|=delirium|=incoherent|=hallucinating|"
         "=hallucinations", negatable=True, not_followed_by=_ABOUT),
    Rule("emergency", "high_calcium", "report",
         "not_know|no_idea *1 where|who *1 she|he|i|they *1 be|'s"),
    Rule("emergency", "high_calcium", "report",
         "not_recognise|not_recognize|not_know *1 me|us|anyone|her_family|his_family|her_husband|his_wife|"
         "her_kids|his_kids|what_day|what_year"),
    Rule("emergency", "high_calcium", "symptom",
         "extreme|extremely|very|really|so|constantly|always|unbearably|terribly|incredibly|insanely|"
         "super|crazy|abnormally|unusually|excessively|excessive|unquenchable|=raging *1 thirst|thirsty",
         negatable=True),
    Rule("emergency", "high_calcium", "symptom", "thirsty|thirst *3 all_the_time|constantly|nonstop|non_stop"),
    Rule("emergency", "high_calcium", "report", "@CANT stop|quench *1 drinking|thirst|drink"),
    Rule("emergency", "high_calcium", "symptom",
         "vomit|vomiting|=vomitting|=vomited|=throwing_up|=threw_up|=thrown_up|=puking|=puked|"
         "=being_sick|=been_sick|=keeps_being_sick", negatable=True),
    Rule("emergency", "high_calcium", "report",
         "@CANT keep *2 anything|food|fluid|fluids|water|drink|drinks|liquids|it *1 down"),
    Rule("emergency", "high_calcium", "symptom",
         "very|really|so|extremely|unusually|too|abnormally|always|constantly|super *1 =drowsy|=sleepy|"
         "=lethargic", negatable=True),
    Rule("emergency", "high_calcium", "symptom", "=drowsy|=drowsiness", negatable=True),
    Rule("emergency", "high_calcium", "report",
         "hard|difficult|impossible|@CANT|trouble|will_not *2 wake|waking|rouse|stay_awake"),
    Rule("emergency", "high_calcium", "symptom", "sleep|sleeping *2 all_day|all_the_time|constantly"),

    # ---------------- emergency: very low calcium ----------------
    Rule("emergency", "low_calcium", "symptom",
         "seizure|seizures|convulsion|convulsions|convulse|convulsing|=fitting|=tetany", negatable=True),
    Rule("emergency", "low_calcium", "report", "have|had|having *1 a? fit|fits"),
    Rule("emergency", "low_calcium", "symptom",
         "hand|hands|finger|fingers|muscle|muscles|foot|feet|wrist|wrists *3 claw|claws|clawing|lock|"
         "locking|locked|lock_up|locking_up|seize_up|seizing_up|seized_up", negatable=True),
    Rule("emergency", "low_calcium", "symptom",
         "spasm|spasms|=spasming|=spasmed|muscles_locking|muscles_locked|hands_curling|=clenching",
         negatable=True),

    # ---------------- emergency: fever or shaking chills (temperatures are parsed separately) -----
    Rule("emergency", "fever_chemo", "symptom",
         "fever|fevers|=feverish|=febrile|=pyrexia|=feaver|=fevor|=fevar|=fevers|high_temperature|high_temp|"
         "running_a_temperature|running_a_temp|got_a_temperature|got_a_temp|have_a_temperature|"
         "have_a_temp|has_a_temperature|has_a_temp|=burning_up|temperature_spike|spiking_a_temp|"
         "spike_a_temp|spiked_a_temp", negatable=True,
         not_preceded_by=frozenset({"hay", "scarlet", "yellow", "glandular", "rheumatic", "dengue", "typhoid",
                                    "valley", "cabin", "spring", "lassa", "q"})),
    Rule("emergency", "fever_chemo", "symptom",
         "shake|shaking|shaky|shiver|shivering|shivers|=shivery|uncontrollable|violent *2 chill|chills",
         negatable=True),
    Rule("emergency", "fever_chemo", "symptom",
         "chill|chills *2 and|with? *1 shake|shaking|shiver|shivering|shivers", negatable=True),
    Rule("emergency", "fever_chemo", "symptom", "=rigors|=rigor|teeth_chattering", negatable=True),
    Rule("emergency", "fever_chemo", "report", "@CANT stop shaking|shivering"),

    # ---------------- emergency: chest pain or breathlessness ----------------
    Rule("emergency", "chest_breathing", "symptom",
         "chest *3 pain|painful|hurt|hurts|ache|aching|tight|tightness|pressure|heavy|crushing|sore|"
         "squeezing|burning", negatable=True),
    Rule("emergency", "chest_breathing", "symptom",
         "pain|pains|pressure|tightness|ache|heaviness|crushing *3 in|across|on *2 chest", negatable=True),
    Rule("emergency", "chest_breathing", "report", "@CANT breathe|breath|=breath|=breth"),
    Rule("emergency", "chest_breathing", "report", "@CANT catch|get *2 breath|air"),
    Rule("emergency", "chest_breathing", "symptom",
         "short_of_breath|shortness_of_breath|breathless|breathlessness|out_of_breath|=gasping|"
         "fighting_for_breath|struggling_for_breath|=wheezing|=short_of_breathe", negatable=True),
    Rule("emergency", "chest_breathing", "symptom",
         "trouble|difficulty|difficult|hard|struggle|struggling|problem|problems|labored|laboured *2 "
         "breathe|breathing|=breath", negatable=True),
    Rule("emergency", "chest_breathing", "symptom", "cough|coughing|=coughed *2 up? *1 blood", negatable=True),
    Rule("emergency", "chest_breathing", "symptom", "lips|face|fingers *2 blue|grey|gray", negatable=True),

    # ---------------- emergency: collapse, unresponsive, "call an ambulance" ----------------
    Rule("emergency", "unspecified", "symptom",
         "=unresponsive|=unconscious|=passed_out|=fainted|=blacked_out|=collapsed|=not_responding|"
         "=not_breathing|=stopped_breathing|=fainting", negatable=True),
    Rule("emergency", "unspecified", "report", "will_not|can_not *1 wake_up|wake_her|wake_him"),
    Rule("emergency", "unspecified", "report", "call|calling|need|needs|get *2 an? ambulance|911|999|112|paramedics"),

    # ---------------- emergency: overdose ----------------
    Rule("emergency", "overdose", "symptom", "overdose|overdosed|=od|=od'd|=oded|=o.d|=overdosing", negatable=True),
    Rule("emergency", "overdose", "report",
         "=took|=taken|=swallowed|=gave|=given|=injected|=taking *4 too_many|too_much|double|=doubled|"
         "extra|twice|two_doses|2_doses|both_doses|whole_bottle|whole_packet|whole_box|all_my|all_of_my|"
         "all_her|all_his|a_bottle_of|a_handful|handful|all_the_pills|all_the_tablets|all_of_them|"
         "all_of_the|another_dose|an_extra_dose|double_dose|the_wrong_pills|the_wrong_medicine|"
         "someone_else_'s"),
    Rule("emergency", "overdose", "report", "=doubled|=double_dosed *2 dose|up|@POSS"),
    Rule("emergency", "overdose", "report",
         "son|daughter|child|kid|kids|baby|toddler|grandson|granddaughter|grandchild|grandkid|dog|cat|puppy "
         "*3 =swallowed|=ate|=took|=got_into|=taken|=chewed|=eaten *4 pill|pills|tablet|tablets|medicine|"
         "medication|meds|morphine|oxycodone|patch|patches|capsules"),
    Rule("emergency", "overdose", "report",
         "=swallowed *3 a_bottle|the_bottle|a_packet|the_packet|a_box|a_handful|handful|lots|loads|a_lot|all"),

    # ---------------- crisis ----------------
    Rule("crisis", "suicidal_thoughts", "symptom", "suicide|suicidal|=kms", negatable=True),
    Rule("crisis", "suicidal_thoughts", "report",
         "end|ending|take|taking *2 my|his|her|own|our|their *1 life|lives"),
    Rule("crisis", "suicidal_thoughts", "report", "kill|killing *1 @SELF"),
    Rule("crisis", "suicidal_thoughts", "report",
         "end|ending it_all|everything|things|it_now|it_today|it_tonight|this_all|it_for_good|all_of_this|"
         "it_all_now"),
    Rule("crisis", "suicidal_thoughts", "report", "want|wanna|ready|going|plan|planning *1 to? end|ending it"),
    Rule("crisis", "suicidal_thoughts", "report",
         "want|wanna|wish|ready|rather|like|plan|planning|prefer *2 to? die|dead|be_dead|be_gone|not_be_here|"
         "not_wake_up|not_exist|disappear_forever|go_to_sleep_forever|sleep_forever|never_wake_up",
         negatable=True),
    Rule("crisis", "suicidal_thoughts", "report",
         "wish *2 =was|=were|be *1 dead|gone|never_born|not_here|not_alive"),
    Rule("crisis", "suicidal_thoughts", "report",
         "better_off *1 dead|without_me|without_her|without_him|if_i_be_gone|gone"),
    Rule("crisis", "suicidal_thoughts", "report",
         "not *1 want *1 to *1 live|be_alive|be_here|go_on|wake_up|exist|carry_on|keep_going|be_around|"
         "live_anymore"),
    Rule("crisis", "suicidal_thoughts", "report",
         "no|not_any|nothing *1 point|reason|purpose *2 in|to|of? *1 living|going_on|live|"
         "go_on|life|carrying_on|carry_on|fighting|fight|anymore|being_here|being_alive|staying_alive"),
    Rule("crisis", "suicidal_thoughts", "report",
         "@CANT do_this_anymore|do_this_any_more|take_it_anymore|take_this_anymore|take_it_any_more|"
         "take_any_more|cope_anymore|keep_going|carry_on|face_another_day|live_like_this|go_on_like_this"),
    Rule("crisis", "suicidal_thoughts", "report", "@CANT go_on",
         not_followed_by=frozenset({"holiday", "vacation", "a", "the", "trips", "trip", "my", "her", "his",
                                    "with", "to", "like", "about", "xgeva", "zometa", "an", "it", "that",
                                    "this", "treatment", "chemo"})),
    Rule("crisis", "suicidal_thoughts", "report", "tired|sick|done *2 of|with *1 living|life|being_alive"),
    Rule("crisis", "suicidal_thoughts", "report",
         "what_be_the_point|what_'s_the_point|whats_the_point|what_s_the_point *2 of|in? *1 going_on|living|"
         "life|carrying_on|fighting|anything|trying|being_alive|being_here|any_of_this|it_all|staying_alive"),
    Rule("crisis", "suicidal_thoughts", "report", "to *1 end|ending *1 it", not_followed_by=frozenset({"with"})),
    Rule("crisis", "suicidal_thoughts", "report",
         "saved|saving|stockpile|stockpiling|hoard|hoarding|collecting|collected|save *2 up? *2 pills|tablets|"
         "meds|medication|morphine|painkillers"),
    Rule("crisis", "suicidal_thoughts", "report", "never *1 wake_up|wake_up_again|see_tomorrow"),
    Rule("crisis", "suicidal_thoughts", "report",
         "plan|planning|going|want|wanna|thinking|think|thought *3 take|swallow *2 all|every|the_whole|"
         "a_bottle_of|all_of *2 pills|tablets|meds|medication|morphine|painkillers"),
    Rule("crisis", "suicidal_thoughts", "report",
         "not *1 see *2 the|a|any? *1 point|reason *2 in|of? *1 living|going_on|life|anything|carrying_on|"
         "it_all|fighting|being_alive|being_here"),
    Rule("crisis", "suicidal_thoughts", "report",
         "want|wanna|wish *3 everything|it_all|this_all|life|things|my_life|all_of_this *1 to *1 end|stop|"
         "be_over|finish"),
    Rule("crisis", "suicidal_thoughts", "report",
         "what_be_the_use|what_'s_the_use|whats_the_use|what_s_the_use *2 of|in? *1 living|going_on|life|"
         "carrying_on|trying|anything|it_all|fighting|being_alive"),
    Rule("crisis", "suicidal_thoughts", "report",
         "life|living *2 not|no_longer *1 worth|worth_living|worth_it"),
    Rule("crisis", "suicidal_thoughts", "report", "not_worth_living|give_up_on_life|giving_up_on_life|gave_up_on_life"),
    Rule("crisis", "suicidal_thoughts", "report", "everyone|everybody|they|family *3 better_off_without"),
    Rule("crisis", "self_harm", "report",
         "harm|harming|cut|cutting|burn|burning|punish|punishing|injure|injuring|starve|starving *1 @SELF"),
    Rule("crisis", "self_harm", "report",
         "want|wanna|going|thinking|think|thought|thoughts|urge|urges|tempted|feel_like *3 hurt|hurting|"
         "harm|harming|cut|cutting *1 @SELF"),
    Rule("crisis", "self_harm", "report",
         "hurt|hurting *1 @SELF *2 on_purpose|deliberately|intentionally|again"),
    Rule("crisis", "self_harm", "report", "be_hurting|been_hurting|keep_hurting|started_hurting *1 @SELF"),
    Rule("crisis", "self_harm", "symptom", "self_harm|self_harming|selfharm|self_injury|self_hurt", negatable=True),
    Rule("crisis", "hopelessness", "symptom",
         "feel|feeling|felt|be|so|completely|totally|utterly *2 hopeless|worthless|=pointless", negatable=True),
    Rule("crisis", "hopelessness", "report", "no|lost|lose|losing|given_up|gave_up *1 all? hope",
         not_followed_by=frozenset({"of", "for", "that"})),
    Rule("crisis", "hopelessness", "report", "@CANT see *2 a? way_out|point|future"),

    # ---------------- urgent: jaw osteonecrosis ----------------
    Rule("urgent", "jaw_osteonecrosis", "symptom",
         "bone *3 =sticking_out|=poking_out|=poking_through|exposed|=bare", negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "symptom",
         "bone *2 =showing|visible *3 in|through|on *2 mouth|gum|gums|jaw", negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "symptom", "exposed|bare *1 bone|jawbone|jaw_bone", negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "topic", "dead *1 bone|jawbone|jaw_bone", negatable=True, skip_info=True),
    Rule("urgent", "jaw_osteonecrosis", "report", "see|feel *3 bone *3 mouth|gum|gums|jaw"),
    Rule("urgent", "jaw_osteonecrosis", "symptom",
         "jaw|jawbone|gum|gums|face *3 pain|painful|hurt|hurts|hurting|ache|aching|achy|sore|"
         "swollen|swell|swelling|numb|numbness|=heavy|heaviness|infected|infection|pus|bleed|bleeding|"
         "throbbing|tender|stiff|=killing", negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "topic",
         "mouth|tooth|teeth *3 pain|painful|hurt|hurts|hurting|ache|aching|achy|sore|sores|"
         "swollen|swell|swelling|numb|numbness|infected|infection|pus|bleed|bleeding|"
         "throbbing|tender|=killing", negatable=True, skip_info=True),
    Rule("urgent", "jaw_osteonecrosis", "symptom",
         "pain|swelling|ache|numbness|heaviness|infection|abscess|ulcer|sore|tenderness *3 in|on|of|around *2 "
         "jaw|jawbone|gum|gums|mouth", negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "symptom", "toothache|toothaches|=abscess|mouth_ulcer|mouth_ulcers",
         negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "symptom",
         "pus|discharge|=oozing|bad_taste *3 from|in|around|on *2 gum|gums|jaw|mouth|tooth|teeth|socket",
         negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "symptom",
         "tooth|teeth *3 loose|wobbly|=wiggly|falling_out|fell_out|fall_out|came_out|moving|shifting",
         negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "symptom", "loose|wobbly *2 tooth|teeth", negatable=True),
    Rule("urgent", "jaw_osteonecrosis", "report",
         "sore|ulcer|wound|socket|hole|gum|gums|spot|cut|blister|extraction|mouth|jaw|site|tooth|teeth *8 "
         "not|never|no_longer|still_not *2 heal|heal_up|close|closed|close_up|healing"),
    Rule("urgent", "jaw_osteonecrosis", "topic",
         "think|might|may|could|suspect|sound|look|maybe|probably *4 "
         "osteonecrosis|onj|necrosis|jaw_necrosis|bone_death|dead_jaw_bone|jaw_bone_dying"),

    # ---------------- urgent: tingling, twitching, cramps (low calcium) ----------------
    Rule("urgent", "calcium_symptoms", "symptom",
         "tingle|tingling|tingly|pins_and_needles|twitch|twitching|twitches|twitchy|cramp|cramps|cramping|"
         "=crampy", negatable=True),
    Rule("urgent", "calcium_symptoms", "symptom",
         "numb|numbness *3 lips|lip|mouth|fingers|fingertips|hands|face", negatable=True),

    # ---------------- urgent: thigh or groin ache ----------------
    Rule("urgent", "thigh_groin_ache", "symptom",
         "thigh|thighs|groin|femur|thighbone *3 pain|painful|hurt|hurts|hurting|ache|aching|achy|sore|"
         "throbbing|tender", negatable=True),
    Rule("urgent", "thigh_groin_ache", "symptom",
         "pain|ache|aching|soreness|throbbing *3 in|on|of|around *2 thigh|thighs|groin|femur", negatable=True),

    # ---------------- urgent: much less urine ----------------
    Rule("urgent", "less_urine", "report",
         "pee|peeing|urine|urinate|urinating|wee|weeing|pass_water|passing_water|passing_urine *3 "
         "less|=little|hardly|barely|not_much|much_less|very_little|reduced|=dark|brown|=cola|"
         "not_as_much|a_lot_less|=tiny"),
    Rule("urgent", "less_urine", "report",
         "hardly|barely|rarely|=haven't|=hasn't|=havent|=hasnt|not_been *2 pee|peeing|urine|urinate|"
         "urinating|wee|weeing|=peed|passing_water|passing_urine|=weed|been_to_the_toilet"),
    Rule("urgent", "less_urine", "report", "no_urine|no_pee|no_wee|not_peeing|not_weeing|not_urinating"),
    Rule("urgent", "less_urine", "report",
         "less|=little|hardly_any|barely_any|not_much|very_little|much_less|tiny_amount|small_amount|"
         "a_lot_less|no *2 urine|pee|wee|water_coming_out"),
    Rule("urgent", "less_urine", "topic",
         "kidney|kidneys *3 pain|hurt|hurts|ache|aching|failing|sore", negatable=True,
         skip_info=True),

    # ---------------- urgent: eye pain or redness ----------------
    Rule("urgent", "eye_inflammation", "symptom",
         "eye|eyes *3 pain|painful|hurt|hurts|hurting|sore|red|redness|bloodshot|blurry|blurred|swollen|"
         "=inflamed|light_sensitive|sensitive_to_light|ache|aching|burning|=watering", negatable=True),
    Rule("urgent", "eye_inflammation", "symptom",
         "red|painful|sore|blurry|swollen|bloodshot|=inflamed|=irritated *2 eye|eyes", negatable=True),
    Rule("urgent", "eye_inflammation", "symptom",
         "pink_eye|blurred_vision|blurry_vision|vision *2 =blurry|=blurred|=blurring|=changed|=worse",
         negatable=True),

    # ---------------- urgent: uncontrolled pain ----------------
    Rule("urgent", "uncontrolled_pain", "report",
         "pain|painkiller|painkillers|pain_meds|pain_medicine|pain_medication|pain_relief|morphine|oxycodone|"
         "tramadol|tylenol|ibuprofen|meds|medication|pills|patches|patch|advil *4 not|no_longer|stop|"
         "stopped|never *2 work|working|help|helping|touch|touching|control|controlled|enough|do_anything|"
         "doing_anything|doing_much|doing_a_thing|cutting_it|last|lasting"),
    Rule("urgent", "uncontrolled_pain", "symptom",
         "unbearable|excruciating|agony|agonizing|agonising|worst_pain|=severe_pain|10_out_of_10|10_/_10|"
         "crying_in_pain|crying_with_pain|screaming_in_pain|screaming_with_pain|out_of_control|uncontrolled|"
         "unmanageable|intolerable|=writhing|=crippling", negatable=True),
    Rule("urgent", "uncontrolled_pain", "report", "pain|hurt|hurts|ache *4 @CANT sleep|move|function|cope"),
    Rule("urgent", "uncontrolled_pain", "symptom",
         "pain|ache|hurt|hurts|hurting *3 =getting_worse|=worse_and_worse|=worsening|much_worse|a_lot_worse|"
         "=worse_every|=worse_each|=worse_than_ever", negatable=True),
    Rule("urgent", "uncontrolled_pain", "report", "@CANT sleep|cope|move|function *3 pain|because_of_the_pain|hurts"),

    # ---------------- urgent: new or worse back or neck pain ----------------
    Rule("urgent", "new_back_pain", "symptom",
         "new|=worse|=worsening|=getting_worse|increasing|sudden|severe|bad|terrible|awful|constant "
         "*3 back|neck|spine|spinal *1 pain|ache|aching|hurts", negatable=True),
    Rule("urgent", "new_back_pain", "symptom",
         "back|neck|spine *2 pain|ache|hurt|hurts|hurting|killing *4 =worse|=worsening|=getting_worse|badly|"
         "more_and_more|every_day|suddenly|unbearable|terrible|awful|severe", negatable=True),

    Rule("urgent", "new_back_pain", "symptom",
         "pain|ache|aching|hurting *3 in|of? *2 back|neck|spine *6 new|=worse|=worsening|=getting_worse|"
         "suddenly|severe|unbearable|terrible|awful|badly", negatable=True),

    # ---------------- urgent: new painful lump ----------------
    Rule("urgent", "new_lump", "symptom",
         f"new|hard|painful|sore|tender|growing|swollen|strange|odd *2 {_LUMP}", negatable=True),
    Rule("urgent", "new_lump", "report",
         f"find|found|feel|felt|notice|noticed|discover|discovered|there_be|there_'s|have|has|got|get *3 {_LUMP}"),

    # ---------------- urgent: high or low calcium result ----------------
    Rule("urgent", "calcium_result", "topic",
         "calcium|calcium_level|calcium_levels *3 high|low|up|down|raised|elevated|abnormal|dropped|=rising|"
         "=falling|=dangerous|=very_high|=very_low|=too_high|=too_low|=off", negatable=True),

    # ---------------- care team: doses ----------------
    Rule("care_team", "dosing", "report", "@POSS *1 dose|doses|dosage|dosing|=mg|milligrams"),
    Rule("care_team", "dosing", "report",
         "how_much|how_many|what_dose|what_dosage|what_amount|which_dose *3 should|can|do|must|shall|be|"
         "would *1 i|she|he|we|my|mum|mom|dad|husband|wife *2 take|have|give|use|get|be_taking|be_on|"
         "be_given|be_having"),
    Rule("care_team", "dosing", "report",
         "increase|decrease|lower|raise|change|up|reduce|cut|adjust|double|halve *2 my|her|his *2 "
         "dose|dosage|morphine|meds|medication|medicine|pills|tablets|painkillers|patch|patches|calcium|"
         "vitamin_d|steroids|xgeva|zometa|oxycodone|tramadol"),
    Rule("care_team", "dosing", "report",
         "be *1 my|her|his *1 dose|dosage *2 too|right|correct|ok|okay|enough|safe|high|low"),

    # ---------------- care team: test results ----------------
    Rule("care_team", "lab_results", "report",
         "@POSS *2 blood|bloods|lab|labs|test|tests|result|results|report|scan|scans|mri|ct|pet|x_ray|xray|"
         "bone_scan|dexa|dxa|level|levels|number|numbers|count|counts|calcium|creatinine|egfr|gfr|"
         "kidney_function|alp|alkaline_phosphatase|vitamin_d|ctx|marker|markers|ca_15_3|ca_27_29|phosphate|"
         "potassium|magnesium|hemoglobin|haemoglobin|platelets|white_count|liver_function|"
         "t_score|density *4 go_up|go_down|rise|=rose|=risen|=rising|=dropped|increase|=increased|=doubled|"
         "=fallen|=jumped|be_high|be_low|be_up|be_down|be_abnormal|be_normal|be_raised|be_elevated|be_bad|"
         "be_good|be_worse|be_better|=came_back_high|=came_back_low|=came_back_abnormal|be_too_high|be_too_low|"
         "be_off"),
    Rule("care_team", "lab_results", "report",
         "@POSS *2 blood|bloods|lab|labs|test|tests|result|results|report|scan|scans|mri|ct|pet|x_ray|xray|"
         "bone_scan|dexa|dxa|level|levels|number|numbers|marker|markers *3 show|say|read|come_back|indicate "
         "*1 high|low|raised|elevated|abnormal|increased|decreased|a_high|a_low|an_abnormal|very_high|very_low"),
    Rule("care_team", "lab_results", "report", "mean *1 for *1 me|her|him|us|my|mum|mom|dad|myself"),
    Rule("care_team", "lab_results", "report",
         "what *2 do|does|be *1 @POSS *3 result|results|report|scan|level|levels|number|numbers|test|"
         "blood_test|bloods|t_score *3 mean|say|show|tell|indicate"),
    Rule("care_team", "lab_results", "report",
         "explain|interpret|read|understand|look_at|check *2 @POSS *2 result|results|report|scan|bloods|"
         "blood_test|blood_work|labs|numbers|levels"),

    Rule("care_team", "lab_results", "report", "@POSS *2 @LAB *4 #NUM"),
    Rule("care_team", "lab_results", "topic", "@LAB *3 be|of|at|=is|=was|=were|=came_back|read|reading *1 #NUM"),

    # ---------------- care team: missed doses ----------------
    Rule("care_team", "missed_dose", "report",
         "miss|=missed|forget|=forgot|=forgotten|skip|=skipped|late_for|late_with|=didn't_get|=didn't_take|"
         "=did_not_get|=did_not_take|=couldn't_get|=postponed|=cancelled|=canceled|=delayed|=rescheduled "
         "*2 @POSS1|last|this|the|a|an|one? *2 dose|doses|shot|shots|injection|injections|infusion|infusions|"
         "pill|pills|tablet|tablets|xgeva|zometa|prolia|denosumab|drip|treatment|medication|"
         "meds|calcium|jab|jabs|chemo|zoledronic_acid|aredia|pamidronate|vitamin_d|letrozole|tamoxifen|"
         "anastrozole|exemestane|cycle"),
    Rule("care_team", "missed_dose", "report",
         "dose|shot|injection|infusion|appointment|xgeva|zometa|prolia|treatment *3 be|get|=got *1 "
         "=missed|=late|=delayed|=postponed|=cancelled|=canceled|=skipped|overdue"),

    # ---------------- care team: dental timing ----------------
    Rule("care_team", "dental_timing", "report",
         "i|she|he|we *2 =need|=needs|=have|=has|=getting|=get|=got|=booked|=scheduled|=due|=having|going_to_have|"
         "supposed_to_have|supposed_to_get|due_to_have|due_to_get|meant_to_have|meant_to_get|going_to_get|"
         "about_to_have|about_to_get *3 a|an|my|her|his|some|two|2|the? *2 @DENTAL", skip_questions=True),
    Rule("care_team", "dental_timing", "report",
         "mum|mom|mother|dad|father|husband|wife|partner|sister|brother|grandma|grandmother|nan|aunt|friend "
         "*2 =need|=needs|=has|=have|=booked|=scheduled|=due|is_having|is_getting|is_supposed_to_have *3 a|an|her|"
         "his|some|two|2|the? *2 @DENTAL", skip_questions=True),
    Rule("care_team", "dental_timing", "report",
         "@POSS *2 dentist|dental_surgeon|oral_surgeon|periodontist *4 want|wants|suggest|"
         "=suggested|recommend|=recommended|pull|remove|extract|need|needs|plan|planning|book|booked"),
    Rule("care_team", "dental_timing", "report",
         "@POSS *2 extraction|implant|root_canal|dental_work|dental_appointment|dentist_appointment|"
         "tooth_extraction|dental_surgery|oral_surgery|teeth_cleaning|dental_cleaning *6 "
         "before|after|when|timing|time|week|tomorrow|monday|tuesday|wednesday|thursday|friday|same|"
         "close_to|around|between|@BONEDRUG"),
    Rule("care_team", "dental_timing", "report", "when|how_long *5 @POSS *2 @DENTAL"),
    Rule("care_team", "dental_timing", "report", "when|how_long *5 @DENTAL *6 @POSS *2 @BONEDRUG|treatment|chemo"),

    # ---------------- care team: which drug is right for me ----------------
    Rule("care_team", "dosing", "report",
         "what_dose|what_dosage|what_amount|how_much *5 be *1 right|ok|okay|safe|correct|enough|best *2 for "
         "*1 me|her|him|my|us"),
    Rule("care_team", "which_drug", "report",
         "which|what *5 best|better|right|good|suitable|safer|safest|ideal *2 for *1 me|her|him|my|us|mum|mom|"
         "dad|husband|wife|myself"),
    Rule("care_team", "which_drug", "report",
         "be|would *1 xgeva|zometa|denosumab|zoledronic_acid|prolia|aredia|pamidronate|it|this|that|"
         "bisphosphonate|chemo|radiation|surgery *3 right|best|better|good|suitable|ok|okay|safe|worth_it "
         "*2 for *1 me|her|him|my|us|mum|mom|dad|husband|wife"),
    Rule("care_team", "which_drug", "report",
         "which|what *4 suit|suits|fit|fits *2 me|her|him|my|us|mum|mom|dad|husband|wife *2 best|better"),
    Rule("care_team", "which_drug", "report", "best|better *1 suited|suit|for_me|for_my|for_her|for_him"),
    Rule("care_team", "which_drug", "report",
         "should *1 i|she|he|we|my *3 xgeva|zometa|denosumab|zoledronic_acid|prolia|aredia|pamidronate *2 or"),

    # ---------------- care team: prognosis ----------------
    Rule("care_team", "prognosis", "report",
         "how_long *3 do|does|have|has|will|be|left *1 i|she|he|we|my|mum|mom|dad|husband|wife|me|her|him "
         "*3 have|left|live|survive|got|to_live", not_followed_by=frozenset({"to", "on", "been", "had"})),
    Rule("care_team", "prognosis", "report", "how_long *1 i|she|he|we|have|has *2 left|to_live|got"),
    Rule("care_team", "prognosis", "report",
         "be_i|be_she|be_he|be_we *1 =dying|going_to_die|gonna_die|going_to_make_it"),
    Rule("care_team", "prognosis", "report",
         "will|would|could|be *1 i|she|he|my|mum|mom|dad|husband|wife *2 die|=dying|survive|make_it|recover"),
    Rule("care_team", "prognosis", "topic", "life_expectancy|prognosis|survival|time_left|how_much_time|=outlook"),
    Rule("care_team", "prognosis", "report", "@POSS chances|odds", not_followed_by=frozenset({"of"})),

    # ---------------- care team: a person ----------------
    Rule("care_team", "request_human", "report",
         "talk|speak|chat|connect|=talking|=speaking *1 to|with *3 @HUMAN|care_team|a_person|a_human|real|"
         "actual|live|someone|somebody"),
    Rule("care_team", "request_human", "report", "@HUMAN|care_team *4 i|we *1 can|could *1 talk|speak|chat"),
    Rule("care_team", "request_human", "report",
         "call|phone|ring|contact|email|text|message *1 me|us", not_followed_by=frozenset({"if", "when"})),
    Rule("care_team", "request_human", "report", "callback|call_back|=callback"),
    Rule("care_team", "request_human", "report",
         "get|have|want|need|would_like|'d_like|like *2 a|an? *1 call|phone_call|callback|call_back|ring "
         "*1 from|back|today|please|soon"),
    Rule("care_team", "request_human", "report",
         "@HUMAN|care_team|clinic|team|office *2 call|phone|ring|contact|email|text *3 me|us|back"),
    Rule("care_team", "request_human", "report",
         "want|need|would_like|'d_like|get|prefer *2 a|an|to|the? *1 human|person|real_person|nurse|agent|"
         "representative|operator|someone|somebody|human_being"),
    Rule("care_team", "request_human", "report",
         "real_person|human_please|person_please|agent_please|representative|live_person|actual_person|"
         "real_human|human_being|connect_me|put_me_through|transfer_me|get_in_touch_with|get_hold_of|"
         "reach_my|reach_the_care_team|reach_a_nurse|reach_someone|contact_my|contact_the_care_team|"
         "speak_to_my|talk_to_my|message_my|hear_from"),

    # ---------------- care team: personal decisions (last: the more specific care-team categories win)
    Rule("care_team", "personal_decision", "report",
         "should|shall|ought|must *1 i|we|she|he|my_mum|my_mom|my_dad|my_husband|my_wife|my_partner|"
         "my_mother|my_father|mum|mom|dad *1 still|really|just|even|definitely|now|then|also? *1 "
         "take|stop|skip|start|continue|keep|have|go|delay|postpone|wait|worry|be|call|change|switch|double|"
         "try|use|cancel|eat|drink|avoid|refuse|accept|choose|pick|do|quit|pause|miss|hold|reduce|increase|"
         "let|agree|tell|stay|come_off|go_off|put_off|push_back|reschedule|bother|go_ahead|ask_for|give|rush",
         skip_starts=frozenset({"why"})),
    Rule("care_team", "personal_decision", "report",
         "be_it|it_be *1 ok|okay|safe|alright|fine|wise|a_good_idea|bad *1 for_me|for_her|for_him|if_i|if_she|"
         "if_he|if_we|for_my|to_take_my|to_stop_my|to_skip_my|to_delay_my|to_have_my|to_miss_my|to_start_my|"
         "to_give_her|to_give_him|to_give_my"),
    Rule("care_team", "personal_decision", "report",
         "do|be *1 i|she|he|we *1 need|have *1 to *2 stop|skip|start|take|delay|continue|keep|worry|"
         "postpone|cancel|change|go|call|see|get", skip_starts=frozenset({"why"})),
    Rule("care_team", "personal_decision", "report",
         "can|may|could *1 i|she|he|we *2 stop|skip|delay|postpone|double|quit|pause|miss|cancel|come_off|"
         "go_off|put_off|reschedule|halve|split|crush *2 my|her|his|the|this|our|it|next|tomorrow|today"),
    Rule("care_team", "personal_decision", "report",
         "can|may|could *1 i|she|he|we *2 have|get|take *2 my|her|his|the *2 @BONEDRUG|treatment|chemo|calcium "
         "*2 early|earlier|later|late|sooner|before|after|on_a_different|another_day|next_week"),
    Rule("care_team", "personal_decision", "report",
         "what_would_you_do|what_do_you_recommend|what_do_you_suggest|would_you_recommend|"
         "do_you_recommend|would_you_advise|what_do_you_advise|what_should_i_do|what_should_we_do|"
         "what_do_i_do|what_can_i_do_about_my|in_my_case|in_her_case|in_his_case|for_my_situation|"
         "in_my_situation|what_shall_i_do|what_do_we_do|what_would_you_advise"),
    Rule("care_team", "personal_decision", "report",
         "do|would *1 you *1 think *2 i|she|he|we|my *2 should|need|ought|must|can|could"),

)

# Caregiver and first-person words that make a sentence about a real person, not a general question.
FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
REPORTING_VERBS = frozenset("read hear see know wonder understand learn ask".split())
THIRD_PERSON = frozenset("she he her him his herself himself hers".split())
CAREGIVER = frozenset(
    "mom mum mother mam mama mommy mummy ma dad father papa daddy husband wife partner spouse hubby sister "
    "brother daughter son aunt auntie uncle grandma grandmother granny nan nana grandpa grandfather friend "
    "boyfriend girlfriend fiance fiancee neighbor neighbour cousin niece nephew relative".split())
QUESTION_START = frozenset(
    "what why how can could does do did is are am will would when which who where may might tell explain "
    "any define whats what's does doe isn't aren't".split())
FILLERS = frozenset("and so but ok okay also hi hello hey please um just well then oh".split())
INFO_CUES = frozenset(
    "cause mean meaning risk chance common rare likely sign symptom effect true happen explain define "
    "definition information info typical typically usually normally wonder wondering".split())
NEGATIONS = frozenset("no not never without none nor deny denies negative free".split())
CLAUSE_BREAKS = frozenset(", but ; . ? ! although though however yet - and".split())

# Fixes for the lookup lemmatizer's surprises and for contractions the tokenizer splits.
NORM_FIXES = {"ca": "can", "wo": "will", "sha": "shall", "nt": "not", "n't": "not", "dying": "die",
              "'m": "be", "m": "be", "'re": "be", "'ve": "have", "ve": "have", "'ll": "will", "'d": "would",
              "u": "you", "ur": "your", "’s": "'s", "s": "'s", "cannot": "can", "im": "i", "ive": "i",
              "worse": "worse", "better": "better", "confused": "confused", "wanna": "want",
              "shaky": "shaky", "numbness": "numbness", "weakness": "weakness", "tingly": "tingly",
              "tingling": "tingle", "agonising": "agonising", "dizzy": "dizzy", "okay": "ok", "does": "do",
              "as": "as", "worst": "worst", "best": "best", "less": "less", "more": "more", "most": "most",
              "tired": "tired"}


def _norm(token) -> str:
    lower = token.lower_
    if lower in NORM_FIXES:
        return NORM_FIXES[lower]
    if lower == "'s":
        return "'s"
    return token.lemma_.lower() or lower


# -- the engine -----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _nlp():
    import spacy

    if not (SPACY_PATH / "meta.json").exists():
        from bot.nlu import spacy_pipeline

        spacy_pipeline.build(SPACY_PATH)
    return spacy.load(SPACY_PATH, exclude=["entity_ruler"])


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "´": "'"})
_INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def normalise_text(text: str) -> str:
    """Lower case, straight quotes, "self-harm" -> "self harm", collapsed spaces."""
    text = (text or "").translate(_QUOTES).lower()
    text = _INNER_HYPHEN.sub(" ", text)
    return " ".join(text.split())


def _tokens(doc) -> List[str]:
    return [_norm(t) for t in doc]


@functools.lru_cache(maxsize=None)
def _word_tokens(word: str) -> Tuple[Tuple[str, str], ...]:
    """(attribute, value) per token of one pattern word: NORM of its lemma, or LOWER for `=word`."""
    exact = word.startswith("=")
    word = word.lstrip("=").replace("_", " ")
    doc = _nlp().make_doc(normalise_text(word))
    if exact:
        return tuple(("LOWER", t.lower_) for t in doc)
    doc = _nlp()(normalise_text(word))
    return tuple(("NORM", _norm(t)) for t in doc)


def _expand_macros(pattern: str) -> str:
    def repl(match: re.Match) -> str:
        return MACROS[match.group(1)]
    previous = None
    while previous != pattern:
        previous, pattern = pattern, re.sub(r"@([A-Z]+[0-9]?)", repl, pattern)
    return pattern


def _compile(pattern: str) -> List[List[Dict]]:
    """One rule string -> spaCy Matcher token patterns (alternatives of several words expand)."""
    slots: List[List[List[Dict]]] = []  # per position: alternatives, each a list of token dicts
    for part in _expand_macros(pattern).split():
        if part == "#NUM":
            slots.append([[{"LIKE_NUM": True}]])
            continue
        wildcard = re.fullmatch(r"\*(\d+)", part)
        if wildcard:
            for _ in range(int(wildcard.group(1))):
                slots.append([[{"IS_PUNCT": False, "OP": "?"}]])
            continue
        optional = part.endswith("?") and part != "?"
        part = part[:-1] if optional else part
        single: Dict[str, set] = {}
        multi: List[List[Dict]] = []
        for alternative in part.split("|"):
            # "kill_@SELF" was expanded to "kill_myself|himself|..." : rejoin the prefix to each.
            tokens: List[Tuple[str, str]] = []
            for word in alternative.split("_") if alternative != "_" else [alternative]:
                if word:
                    tokens += list(_word_tokens(word)) if word != "?" else [("LOWER", "?")]
            if len(tokens) == 1:
                attr, value = tokens[0]
                single.setdefault(attr, set()).add(value)
            elif tokens:
                multi.append([{attr: value} for attr, value in tokens])
        alternatives = [[{attr: {"IN": sorted(values)}}] for attr, values in single.items()] + multi
        if optional:
            alternatives.append([])
        slots.append(alternatives)
    patterns = []
    for combo in itertools.product(*slots):
        tokens = [dict(t) for alternative in combo for t in alternative]
        # Leading/trailing optional wildcards add nothing but duplicate matches.
        while tokens and tokens[0].get("OP") == "?" and "IS_PUNCT" in tokens[0]:
            tokens.pop(0)
        while tokens and tokens[-1].get("OP") == "?" and "IS_PUNCT" in tokens[-1]:
            tokens.pop()
        if tokens:
            patterns.append(tokens)
    return patterns


def _fix_macro_joins(rule: Rule) -> Rule:
    """`kill_@SELF` means kill + one of SELF: expand it into proper alternatives before compiling."""
    def repl(match: re.Match) -> str:
        prefix, name = match.group(1), match.group(2)
        return "|".join(f"{prefix}_{alt}" for alt in MACROS[name].split("|"))
    pattern = re.sub(r"([\w'=]+)_@([A-Z]+)", repl, rule.pattern)
    return Rule(rule.tier, rule.category, rule.kind, pattern, rule.negatable, rule.not_followed_by,
                rule.skip_questions, rule.skip_info, rule.not_preceded_by, rule.skip_starts)


@functools.lru_cache(maxsize=1)
def _matcher():
    from spacy.matcher import Matcher

    matcher = Matcher(_nlp().vocab, validate=False)
    for index, rule in enumerate(RULES):
        matcher.add(str(index), _compile(_fix_macro_joins(rule).pattern))
    return matcher


@dataclass
class _Sentence:
    start: int
    end: int
    personal: bool     # about a real person: "I", "my", "she", "my husband"…
    question: bool     # starts like a question: "what…", "can…", "is…"
    general: bool      # a question or an information request ("signs of…", "…cause…")
    info: bool         # asks for information ("…cause…", "…mean…", "signs of…")
    first: str = ""    # its first word


def _sentences(doc, norms: Sequence[str]) -> List[_Sentence]:
    bounds, start = [], 0
    for i, token in enumerate(doc):
        if token.text in {".", "?", "!", ";"} or "\n" in token.text:
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    sentences = []
    for s, e in bounds:
        words = norms[s:e]
        personal = False
        for i, word in enumerate(words):
            following = words[i + 1:i + 3]
            if word in FIRST_PERSON and not (word in {"i", "we"} and set(following) & REPORTING_VERBS):
                personal = True
            elif word in THIRD_PERSON or word in CAREGIVER:
                personal = True
        lower = [t.lower_ for t in doc[s:e]]
        first = next((w for w in lower if w not in FILLERS and any(c.isalnum() for c in w)), "")
        question = first in QUESTION_START
        info = any(w in INFO_CUES for w in words)
        sentences.append(_Sentence(s, e, personal, question, question or info, info, first))
    return sentences


def _negated(norms: Sequence[str], doc, start: int, end: int, sentence: _Sentence) -> bool:
    """A negation word just before the match or inside it, in the same clause ("no fever")."""
    for i in range(start - 1, max(sentence.start, start - 3) - 1, -1):
        if doc[i].text in CLAUSE_BREAKS or norms[i] in {"but", "and"}:
            break
        if norms[i] in NEGATIONS:
            return True
    return any(norms[i] in NEGATIONS for i in range(start, end))


# Temperatures: "38.5", "38,5 C", "101F", "100.4 °F", "39 degrees", with a fever word nearby.
_TEMP = re.compile(r"(?<![\d.,/])(\d{2,3}(?:[.,]\d{1,2})?)\s*(°|º|degrees?|deg)?\s*(c|f|celsius|centigrade|"
                   r"fahrenheit)?(?![\w/%])", re.IGNORECASE)
_FEVER_CONTEXT = re.compile(r"\b(fe+v[eo]?r\w*|feaver|febrile|temp\w*|thermometer|degrees?|hot|chills?|"
                            r"burning up|spiked?|spiking|running)\b|°|º", re.IGNORECASE)
_NOT_TEMP_UNITS = re.compile(r"^\s*(mg|mcg|ml|mmol|units?|%|kg|lbs?|pounds?|years?|yrs?|weeks?|days?|hours?|"
                             r"mins?|minutes?|times?|x|bpm|/)", re.IGNORECASE)


def temperature_hit(text: str) -> Optional[SafetyHit]:
    """Emergency at 38 °C / 100.4 °F or more, urgent for a raised temperature just below it."""
    best: Optional[SafetyHit] = None
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", text):
        if not _FEVER_CONTEXT.search(sentence):
            continue
        for match in _TEMP.finditer(sentence):
            if _NOT_TEMP_UNITS.match(sentence[match.end():]):
                continue
            value = float(match.group(1).replace(",", "."))
            unit = (match.group(3) or "").lower()[:1]
            if not unit:
                unit = "c" if 34 <= value <= 43 else "f" if 93 <= value <= 110 else ""
            if unit == "c" and 34 <= value <= 45:
                tier = "emergency" if value >= 38.0 else "urgent" if value >= 37.5 else None
            elif unit == "f" and 93 <= value <= 113:
                tier = "emergency" if value >= 100.4 else "urgent" if value >= 99.5 else None
            else:
                tier = None
            if tier:
                hit = SafetyHit(tier, "fever_chemo" if tier == "emergency" else "raised_temperature",
                                match.group(0).strip())
                if best is None or SEVERITY[hit.tier] < SEVERITY[best.tier]:
                    best = hit
    return best


def find_all(text: str) -> List[SafetyHit]:
    """Every hit in the message, in order of severity then position."""
    clean = normalise_text(text)
    if not clean:
        return []
    doc = _nlp()(clean)
    norms = _tokens(doc)
    for token, norm in zip(doc, norms):
        token.norm_ = norm
    sentences = _sentences(doc, norms)

    def sentence_of(i: int) -> _Sentence:
        return next((s for s in sentences if s.start <= i < s.end), sentences[-1])

    found: List[Tuple[int, int, int, SafetyHit]] = []
    for match_id, start, end in _matcher()(doc):
        index = int(doc.vocab.strings[match_id])
        rule = RULES[index]
        sentence = sentence_of(start)
        if rule.not_followed_by and end < len(doc) and (norms[end] in rule.not_followed_by
                                                        or doc[end].lower_ in rule.not_followed_by):
            continue
        if rule.kind == "topic" and not sentence.personal:
            continue
        if rule.skip_questions and sentence.question:
            continue
        if rule.skip_info and sentence.info:
            continue
        if rule.skip_starts and sentence.first in rule.skip_starts:
            continue
        if rule.not_preceded_by and start > 0 and doc[start - 1].lower_ in rule.not_preceded_by:
            continue
        if sentence.general and not sentence.personal and not (rule.tier == "crisis" and rule.kind == "report"):
            continue  # a general question ("can Zometa cause jaw pain?"); crisis wording always counts
        if rule.negatable and _negated(norms, doc, start, end, sentence):
            continue
        found.append((SEVERITY[rule.tier], index, start, SafetyHit(rule.tier, rule.category, doc[start:end].text)))
    temperature = temperature_hit(clean)
    if temperature:
        found.append((SEVERITY[temperature.tier], -1, -1, temperature))
    # Most severe tier first; within a tier the category listed first in RULES (then the position).
    found.sort(key=lambda item: item[:3])
    return [hit for *_, hit in found]


def classify(text: str) -> Optional[SafetyHit]:
    """The most severe hit, with the other tiers that matched in `also`; None when nothing matched."""
    hits = find_all(text)
    if not hits:
        return None
    best = hits[0]
    also = tuple(dict.fromkeys(h.tier for h in hits[1:] if h.tier != best.tier))
    return SafetyHit(best.tier, best.category, best.matched, also)


def warm_up() -> None:
    """Load the pipeline and compile the patterns now (the first message should not wait for it)."""
    _matcher()
    classify("warm up")


def explain(text: str) -> List[Tuple[str, str, str]]:
    """(tier, category, matched) for every hit: for developers tuning the rules."""
    return [(h.tier, h.category, h.matched) for h in find_all(text)]


if __name__ == "__main__":  # python -m bot.safety.engine "message" ...
    import sys

    for message in sys.argv[1:] or [line.rstrip("\n") for line in sys.stdin]:
        print(f"{classify(message)!s:80}  <- {message}")
