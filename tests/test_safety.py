"""Safety detection: the deterministic net (bot/safety/engine.py), the wording (content/safety.yml), and the
whole NLU pipeline of the trained model on held-out red-flag, crisis and personal messages.

Held-out figures (tests/data/safety_heldout.yml, never trained on): recall must be 100% for
emergency and crisis; urgent and clinical/personal messages must reach at least their own tier; general
questions must not be escalated; at most 2% of the FAQ held-out questions may be escalated.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
import textstat
import yaml

from bot.names import SAFETY_INTENTS, TIER_OF_INTENT
from bot.safety import content as safety_content
from bot.safety import engine as safety
from bot.safety.triage import decide

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = yaml.safe_load((ROOT / "tests" / "data" / "safety_heldout.yml").read_text())["messages"]
FAQ_HELDOUT = yaml.safe_load((ROOT / "tests" / "data" / "heldout_faq.yml").read_text())["questions"]
ESCALATING = {"emergency", "crisis", "urgent", "care_team"}


def norm(text: str) -> str:
    return " ".join(text.lower().split())


# -- the deterministic net ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, tier, category",
    [
        # spinal cord compression, incl. caregivers and typos
        ("my husband can't move his legs", "emergency", "spinal_cord_compression"),
        ("I cant feel my legs", "emergency", "spinal_cord_compression"),
        ("can't feel my legs since lunch", "emergency", "spinal_cord_compression"),
        ("I wet myself on the way to the toilet", "emergency", "spinal_cord_compression"),
        ("she can't control her bladder any more", "emergency", "spinal_cord_compression"),
        ("my mums legs keep giving way", "emergency", "spinal_cord_compression"),
        ("he is not able to walk today", "emergency", "spinal_cord_compression"),
        # fracture
        ("I think I broke my hip", "emergency", "fracture"),
        ("felt a snap in my upper arm", "emergency", "fracture"),
        ("my dad cannot put weight on his left leg", "emergency", "fracture"),
        # calcium
        ("my mother seems very confused tonight", "emergency", "high_calcium"),
        ("I'm throwing up and extremely thirsty", "emergency", "high_calcium"),
        ("she had a seizure an hour ago", "emergency", "low_calcium"),
        ("my mum has bad cramps all over her body since the xgeva shot", "emergency", "low_calcium"),
        ("i get cramps in my calf since xgeva", "urgent", "calcium_symptoms"),
        # fever: temperatures are parsed, either scale
        ("temp is 38.2 and I had chemo monday", "emergency", "fever_chemo"),
        ("fever of 100.4F", "emergency", "fever_chemo"),
        ("my temperature is 38,5 °C", "emergency", "fever_chemo"),
        ("I've got shaking chills", "emergency", "fever_chemo"),
        # chest, breathing, overdose
        ("pain in my chest when I move", "emergency", "chest_breathing"),
        ("my wife cant breathe properly", "emergency", "chest_breathing"),
        ("I took too many of my sleeping tablets", "emergency", "overdose"),
        # crisis
        ("I want to die", "crisis", "suicidal_thoughts"),
        ("no point going on", "crisis", "suicidal_thoughts"),
        ("my dad says he wants to kill himself", "crisis", "suicidal_thoughts"),
        ("I have been harming myself", "crisis", "self_harm"),
        # urgent
        ("my jaw has exposed bone", "urgent", "jaw_osteonecrosis"),
        ("a tooth came loose after my zometa", "urgent", "jaw_osteonecrosis"),
        ("tingling in my fingers after the xgeva shot", "urgent", "calcium_symptoms"),
        ("my thigh aches since I started alendronate", "urgent", "thigh_groin_ache"),
        ("hardly peeing since the infusion", "urgent", "less_urine"),
        ("my eye is red and sore after the infusion", "urgent", "eye_inflammation"),
        ("the oxycodone is not helping my pain any more", "urgent", "uncontrolled_pain"),
        ("I found a new lump on my shoulder and it's sore", "urgent", "new_lump"),
        ("my temp is 37.6 on chemo", "urgent", "raised_temperature"),
        # clinical or personal questions, and people
        ("should I stop my zometa before surgery", "care_team", "personal_decision"),
        ("how much calcium should my wife take", "care_team", "dosing"),
        ("my calcium result says 2.9, what does that mean", "care_team", "lab_results"),
        ("my calcium is very low, the nurse said", "urgent", "calcium_result"),
        ("my mum's calcium is high, is that the cancer", "urgent", "calcium_result"),
        ("she doesn't know where she is", "emergency", "high_calcium"),
        ("my creatinine was 1.4 last week", "care_team", "lab_results"),
        ("I missed my xgeva shot", "care_team", "missed_dose"),
        ("I need a tooth out next week, when should I have my zometa", "care_team", "dental_timing"),
        ("which drug is best for me", "care_team", "which_drug"),
        ("how long do I have left", "care_team", "prognosis"),
        ("I want to talk to someone from my care team", "care_team", "request_human"),
        ("can a nurse call me back", "care_team", "request_human"),
    ],
)
def test_red_flags_and_personal_questions_are_caught(text, tier, category):
    hit = safety.classify(text)
    assert hit is not None, text
    assert (hit.tier, hit.category) == (tier, category), (text, hit)


@pytest.mark.parametrize(
    "text",
    [
        # general questions are FAQ, not triage
        "what are the signs of spinal cord compression?",
        "can Zometa cause jaw problems",
        "how rare is a thigh bone fracture on bisphosphonates",
        "does xgeva lower calcium",
        "is fever a side effect of zoledronic acid",
        "what is osteonecrosis of the jaw",
        "my mom has spine mets, what is cord compression",
        "what happens if you miss a dose of xgeva",
        "can i have dental work while on xgeva",
        "who can i talk to on the phone about breast cancer questions",
        # cheap negation
        "I don't have a fever",
        "no fever, no chills, just tired",
        "my legs are not numb",
        "she is not confused at all",
        "I'm not suicidal, just sad",
        "I don't want to die",
        # look-alikes
        "I fell asleep during the infusion",
        "I'm confused about the dosing schedule",
        "I can't stand the taste of the calcium tablets",
        "she is 38 years old and on chemo",
        "I take 100 mg of something for my heart",
        "best treatment for hay fever",
        "i keep reading about bone health and dont know where to start",
        "why do i have to take calcium tablets with my zometa",
        "my wife's dentist said ONJ, what is it",
        "my husband's ct says osteolytic, what does that mean",
        "hello",
        "",
    ],
)
def test_general_questions_negations_and_look_alikes_are_not_escalated(text):
    assert safety.classify(text) is None, (text, safety.explain(text))


def test_most_severe_tier_wins_and_the_others_are_kept():
    hit = safety.classify("I took all my pills because I want to die")
    assert hit.tier == "emergency" and hit.category == "overdose"
    assert "crisis" in hit.also


@pytest.mark.parametrize(
    "text, tier",
    [
        ("37.9", None),
        ("temp 37.9", "urgent"),
        ("temp 38.0", "emergency"),
        ("temp 100.3 F", "urgent"),
        ("temp 100.4 F", "emergency"),
        ("fever 101", "emergency"),
        ("temperature 39 degrees", "emergency"),
        ("temp 36.8, feeling fine", None),
        ("a fever of 38.5 celsius", "emergency"),
        ("the fever med is 500 mg", "emergency"),  # "fever" itself is the red flag, not "500"
    ],
)
def test_temperatures_at_38_c_or_100_4_f_are_emergencies(text, tier):
    hit = safety.classify(text)
    assert (hit.tier if hit else None) == tier, (text, hit)


def test_every_category_the_net_uses_is_in_content_safety_yml():
    wording = safety_content.load()
    for rule in safety.RULES:
        assert rule.category in wording.categories(rule.tier), (rule.tier, rule.category)
    assert "fever_chemo" in wording.categories("emergency")
    assert "raised_temperature" in wording.categories("urgent")


def test_decide_takes_the_most_severe_of_patterns_and_model():
    urgent = safety.SafetyHit("urgent", "jaw_osteonecrosis", "x")
    assert decide(urgent, "report_emergency")["tier"] == "emergency"  # model more severe
    assert decide(urgent, "report_emergency")["category"] == "unspecified"
    assert decide(urgent, "ask_personal")["tier"] == "urgent"  # patterns more severe
    assert decide(urgent, "ask_personal")["source"] == "patterns"
    assert decide(None, "request_human")["intent"] == "request_human"
    assert decide(None, "faq_jaw") is None
    both = decide(safety.SafetyHit("crisis", "self_harm", "x"), "report_crisis")
    assert both["source"] == "both" and both["intent"] == "report_crisis"
    # "how often should I take my cat to the vet": out of scope, not a question for the care team ...
    assert decide(safety.SafetyHit("care_team", "personal_decision", "x"), "out_of_scope") is None
    # ... unless it names one of this field's drugs ("my creatinine is 1.6, can I still get zoledronic acid")
    assert (
        decide(safety.SafetyHit("care_team", "lab_results", "x"), "out_of_scope", in_field=True)["tier"] == "care_team"
    )
    # ... but a red flag is escalated whatever the classifier thinks
    assert decide(safety.SafetyHit("emergency", "chest_breathing", "x"), "out_of_scope")["tier"] == "emergency"


# -- the wording: content/safety.yml -------------------------------------------------------------------


@pytest.fixture(scope="module")
def wording():
    return safety_content.load(env={})


def test_safety_file_follows_the_shared_schema(wording):
    raw = yaml.safe_load(safety_content.SAFETY_FILE.read_text())
    assert {
        "emergency_number",
        "emergency_wording",
        "crisis_line",
        "helpline_name",
        "helpline_number",
        "helpline_hours",
    } <= set(raw["settings"])
    for tier, action in [
        ("emergency", "action_escalate_emergency"),
        ("urgent", "action_escalate_urgent"),
        ("crisis", "action_escalate_crisis"),
        ("care_team", "action_escalate_care_team"),
    ]:
        spec = raw["tiers"][tier]
        assert spec["action"] == action and spec["title"] and spec["reply"] and spec["staff_script"]
        assert spec["categories"], tier
        for category in spec["categories"].values():
            assert category["title"] and category["signs"], (tier, category)


def test_emergency_reply_starts_by_telling_the_person_to_call_now(wording):
    for category in list(wording.categories("emergency")) + [None]:
        first = wording.reply("emergency", category).split(". ")[0]
        assert first == "Please call 911 (or your local emergency number) now", (category, first)


def test_crisis_reply_is_warm_with_988_and_911(wording):
    reply = wording.reply("crisis")
    assert "sorry" in reply.lower() and "call or text 988" in reply and "988 Suicide & Crisis Lifeline" in reply
    assert "call 911" in reply


def test_urgent_reply_says_contact_the_care_team_today(wording):
    for category in wording.categories("urgent"):
        assert "contact your care team today" in wording.reply("urgent", category).lower()


def test_every_patient_facing_text_is_plain_language_and_filled_in(wording):
    for key, text in wording.patient_texts().items():
        assert text.strip(), key
        grade = textstat.flesch_kincaid_grade(text)
        assert grade <= 8.0, f"{key}: Flesch-Kincaid grade {grade}: {text}"
        assert not safety_content.unfilled_placeholders(text), (key, text)


def test_general_topics_of_care_team_categories_exist(wording, content):
    for name, category in wording.categories("care_team").items():
        topic = category.get("general_topic")
        assert topic is None or topic == "none" or topic in content.topics, (name, topic)


def test_staff_scripts_give_the_numbers(wording):
    assert "911" in wording.staff_script("emergency")
    assert "988" in wording.staff_script("crisis")


def test_deployment_settings_override_the_numbers():
    local = safety_content.load(env={"EMERGENCY_NUMBER": "112", "CRISIS_LINE": "116 123"})
    assert local.reply("emergency").startswith("Please call 112 (or your local emergency number) now.")
    assert "call or text 116 123" in local.reply("crisis")
    assert "911" not in local.reply("emergency") + local.reply("crisis") + local.message("unavailable")


def test_generated_static_responses_match_the_wording(tmp_path, wording):
    safety_content.build(tmp_path, wording)
    written = yaml.safe_load((tmp_path / "safety_responses.yml").read_text())["responses"]
    # Numbers are deployment markers, filled in when Rasa starts (bot/serve/rasa_entry.py).
    assert "911" not in str(written) and "[[emergency_wording]]" in str(written)
    responses = safety_content.fill_markers(written, wording.settings)
    emergency = responses["utter_safety_emergency"]
    default = [v for v in emergency if "condition" not in v]
    assert default and default[0]["text"] == wording.reply("emergency")
    by_category = {v["condition"][0]["value"]: v["text"] for v in emergency if "condition" in v}
    assert by_category["fever_chemo"] == wording.reply("emergency", "fever_chemo")
    assert set(by_category) == set(wording.categories("emergency"))
    for slot in (
        "care_team_consent",
        "care_team_name",
        "care_team_contact",
        "care_team_best_time",
        "care_team_description",
        "care_team_confirm",
    ):
        assert f"utter_ask_{slot}" in responses
    assert "{care_team_contact}" in responses["utter_ask_care_team_confirm"][0]["text"]


# -- held-out messages through the whole NLU pipeline of the trained model -----------------------------


def test_held_out_messages_are_not_training_data(content):
    trained = set()
    for block in yaml.safe_load((ROOT / "data" / "nlu" / "safety.yml").read_text())["nlu"]:
        trained |= {norm(line[2:]) for line in block["examples"].splitlines() if line.strip()}
    trained |= {norm(e) for t in content.topics.values() for e in t.examples}
    leaked = [m["text"] for m in HELDOUT if norm(m["text"]) in trained]
    assert not leaked
    counts = Counter(m["tier"] for m in HELDOUT)
    assert sum(n for tier, n in counts.items() if tier != "none") >= 100
    assert counts["emergency"] >= 30 and counts["crisis"] >= 15 and counts["urgent"] >= 20
    assert counts["care_team"] >= 20


@pytest.fixture(scope="module")
def parses(agent):
    texts = [m["text"] for m in HELDOUT] + [q["text"] for q in FAQ_HELDOUT]

    async def parse_all():
        return [await agent.parse_message(text) for text in texts]

    results = asyncio.run(parse_all())
    return dict(zip(texts, results))


def tier_of(parse) -> str:
    return TIER_OF_INTENT.get(parse["intent"]["name"], "none")


def report(rows):
    return "\n".join(f"  expected {e:9} got {g:9} {t}" for t, e, g in rows)


def routed(parses, tier):
    return [(m["text"], m["tier"], tier_of(parses[m["text"]])) for m in HELDOUT if m["tier"] == tier]


@pytest.mark.parametrize("tier", ["emergency", "crisis"])
def test_recall_is_100_percent_for_emergency_and_crisis(parses, tier):
    rows = routed(parses, tier)
    missed = [r for r in rows if r[2] != tier and not (tier == "crisis" and r[2] == "emergency")]
    assert not missed, f"{len(missed)}/{len(rows)} {tier} messages missed:\n{report(missed)}"


def test_red_flags_get_the_emergency_reply_intent_and_category(parses):
    for message in HELDOUT:
        parse = parses[message["text"]]
        if message["tier"] == "emergency":
            assert parse["intent"] == {"name": "report_emergency", "confidence": 1.0}
            assert parse["bone_health_safety"]["tier"] == "emergency"
            category = [e["value"] for e in parse["entities"] if e["entity"] == "safety_category"]
            assert category and category[0] in safety_content.load().categories("emergency")


def test_urgent_messages_reach_at_least_the_urgent_tier(parses):
    rows = routed(parses, "urgent")
    under = [r for r in rows if r[2] not in {"urgent", "emergency", "crisis"}]
    assert not under, report(under)
    exact = sum(r[2] == "urgent" for r in rows)
    assert exact / len(rows) >= 0.9, report([r for r in rows if r[2] != "urgent"])


def test_personal_questions_and_requests_go_to_the_care_team(parses):
    rows = routed(parses, "care_team")
    missed = [r for r in rows if r[2] not in ESCALATING]
    assert not missed, report(missed)
    exact = sum(r[2] == "care_team" for r in rows)
    assert exact / len(rows) >= 0.9, report([r for r in rows if r[2] != "care_team"])


def test_requests_for_a_person_get_request_human(parses):
    wants_person = [m["text"] for m in HELDOUT if m.get("person")]
    assert len(wants_person) >= 6
    wrong = [t for t in wants_person if parses[t]["intent"]["name"] != "request_human"]
    assert not wrong


def test_general_safety_questions_are_not_escalated(parses):
    rows = routed(parses, "none")
    escalated = [r for r in rows if r[2] != "none"]
    assert not escalated, report(escalated)


def test_at_most_2_percent_of_faq_questions_are_escalated(parses):
    escalated = [
        (q["text"], q["expected"], tier_of(parses[q["text"]]))
        for q in FAQ_HELDOUT
        if tier_of(parses[q["text"]]) != "none"
    ]
    assert len(escalated) / len(FAQ_HELDOUT) <= 0.02, report(escalated)
    assert not [r for r in escalated if r[2] in {"emergency", "crisis"}], report(escalated)


def test_safety_intents_are_in_the_domain():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    assert SAFETY_INTENTS <= set(domain["intents"])
    assert {
        "action_escalate_emergency",
        "action_escalate_urgent",
        "action_escalate_crisis",
        "action_escalate_care_team",
    } <= set(domain["actions"])
