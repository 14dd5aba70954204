"""Safety in Spanish (issue 12, part 1): the Spanish patterns of the deterministic net, the language of
a message, the Spanish wording and static replies, tickets that record the language, and the trained
model's whole NLU pipeline on the frozen Spanish test set tests/data/safety_heldout_es.yml.

Targets (the issue's): emergency and crisis 100%, urgent and care team at least 98% (reaching the tier
or a more severe one), and no question with nobody in it escalated.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
import textstat
import yaml

from actions.care_team_form import CANCEL, clean_name
from bot.names import SEVERITY, TIER_OF_INTENT
from bot.safety import content as safety_content
from bot.safety import engine as safety
from bot.safety import language
from bot.tickets import notify
from bot.tickets.records import TicketRequest, language_note
from bot.tickets.store import TicketStore

ROOT = Path(__file__).resolve().parent.parent
HELDOUT_ES = yaml.safe_load((ROOT / "tests" / "data" / "safety_heldout_es.yml").read_text())["messages"]
HELDOUT_EN = yaml.safe_load((ROOT / "tests" / "data" / "safety_heldout.yml").read_text())["messages"]
FAQ_EN = yaml.safe_load((ROOT / "tests" / "data" / "heldout_faq.yml").read_text())["questions"]
TARGET = {"emergency": 1.0, "crisis": 1.0, "urgent": 0.98, "care_team": 0.98}


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def reaches(expected: str, got: str) -> bool:
    if expected == "none":
        return got == "none"
    return got != "none" and SEVERITY[got] <= SEVERITY[expected]


def net_tier(text: str) -> str:
    hit = safety.classify(text)
    return hit.tier if hit else "none"


# -- the frozen set and the net alone ---------------------------------------------------------------


def test_the_frozen_spanish_set_is_big_enough_and_not_training_data():
    counts = Counter(m["tier"] for m in HELDOUT_ES)
    assert sum(n for tier, n in counts.items() if tier != "none") >= 30
    assert counts["emergency"] >= 15 and counts["crisis"] >= 6 and counts["urgent"] >= 6 and counts["care_team"] >= 6
    assert counts["none"] >= 15
    trained = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            trained |= {norm(line.strip()[2:]) for line in block["examples"].splitlines() if line.strip()}
    assert not [m["text"] for m in HELDOUT_ES if norm(m["text"]) in trained]


@pytest.mark.parametrize("tier", ["emergency", "crisis", "urgent", "care_team"])
def test_the_net_alone_reaches_each_tier_on_the_frozen_set(tier):
    rows = [(m["text"], net_tier(m["text"])) for m in HELDOUT_ES if m["tier"] == tier]
    missed = [r for r in rows if not reaches(tier, r[1])]
    assert 1 - len(missed) / len(rows) >= TARGET[tier], missed


def test_the_net_alone_escalates_no_question_of_the_frozen_set():
    escalated = [(m["text"], net_tier(m["text"])) for m in HELDOUT_ES if m["tier"] == "none"]
    assert not [r for r in escalated if r[1] != "none"]


@pytest.mark.parametrize(
    "text, tier, category",
    [
        # first person and relatives, accents or not, phone spellings
        ("no puedo mover las piernas", "emergency", "spinal_cord_compression"),
        ("mi mamá no puede mover las piernas", "emergency", "spinal_cord_compression"),
        ("mi mama no puede mover las piernas", "emergency", "spinal_cord_compression"),
        ("mi esposo tiene fiebre y está en quimio", "emergency", "fever_chemo"),
        ("mi esposo tiene fiebre y esta en quimio", "emergency", "fever_chemo"),
        ("me caí y creo que me rompí la cadera", "emergency", "fracture"),
        ("nesesito una ambulancia, mi papa no respira", "emergency", "unspecified"),
        ("kiero morirme", "crisis", "suicidal_thoughts"),
        ("ya no quiero vivir", "crisis", "suicidal_thoughts"),
        ("se me ve el hueso en la encía", "urgent", "jaw_osteonecrosis"),
        ("me dijeron que tengo el calcio alto", "urgent", "calcium_result"),
        ("¿debo dejar el Xgeva?", "care_team", "personal_decision"),
        ("quiero hablar con una enfermera", "care_team", "request_human"),
        ("¿alguien del equipo me podría devolver la llamada mañana?", "care_team", "request_human"),
        # personal questions in the kinds the seventh set found (written here in other words)
        ("el oncólogo le dijo a mi papá que le quedan semanas, ¿eso es seguro?", "care_team", "prognosis"),
        (
            "la tomografía salió peor, ¿será que ya no le está sirviendo la quimio a mi esposa?",
            "care_team",
            "personal_decision",
        ),
        ("me ofrecieron pasarme a denosumab, ¿es mejor que me quede con el zometa?", "care_team", "personal_decision"),
        (
            "¿el calcio en pastilla lo sigo tomando o lo dejo ahora que estoy con prolia?",
            "care_team",
            "personal_decision",
        ),
        ("como bastante queso, ¿ocupo tomar las pastillas de calcio?", "care_team", "personal_decision"),
        ("quiero darme una pausa de las infusiones en diciembre", "care_team", "personal_decision"),
        ("mi oncóloga me puede regresar la llamadita? es sobre mis estudios", "care_team", "request_human"),
        ("¿cuánto tiempo de vida me queda?", "care_team", "prognosis"),
    ],
)
def test_spanish_red_flags_and_personal_questions_are_caught(text, tier, category):
    hit = safety.classify(text)
    assert hit is not None and (hit.tier, hit.category) == (tier, category), hit
    assert hit.language == "es"


@pytest.mark.parametrize(
    "text",
    [
        "¿qué es la compresión medular?",
        "¿El cáncer de mama causa fiebre?",  # "mama" after "de" is the breast, not a mother
        "¿Qué síntomas da el calcio alto?",
        "no tengo fiebre",
        "no quiero morir",
        "ya no quiero seguir con la quimio",  # the treatment, not living
        "se me cayó el pelo",
        "estoy confundida con las dosis",
        "tengo 38 años y me duele la cabeza",  # years, not degrees
        "¿qué quiere decir devolver la llamada en el formulario?",  # no "me/nos": nobody asks for a call
        "me quedan dos meses de quimio y luego empiezo radiación",  # months of treatment, not of life
        "¿qué pasa cuando el tratamiento no funciona?",  # nobody's own treatment
        "¿se necesita vitamina D con el xgeva?",
        "necesito información sobre el zometa",
    ],
)
def test_spanish_questions_negations_and_look_alikes_are_not_escalated(text):
    assert safety.classify(text) is None


@pytest.mark.parametrize(
    "text, tier",
    [
        ("fiebre de 38.5", "emergency"),
        ("tengo 39 grados", "emergency"),
        ("temperatura de 38,1 después de la quimio", "emergency"),
        ("tengo 37.7 de temperatura y estoy en quimio", "urgent"),
        ("mi papá anda con 37.9, ¿es pura febrícula?", "urgent"),
        ("me siento destemplada, 38.3 y me dieron quimio el lunes", "emergency"),
        ("mi esposa amaneció con 38,2 y le toca quimio mañana", "emergency"),
        ("estoy en quimioterapia y el termómetro no, pero me tomé la temperatura: 37,6", "urgent"),
    ],
)
def test_spanish_temperatures(text, tier):
    hit = safety.temperature_hit(text)
    assert hit is not None and hit.tier == tier


def test_english_messages_are_read_as_before():
    """English messages (no Spanish word or mark) never reach the Spanish patterns."""
    for text in [m["text"] for m in HELDOUT_EN] + [q["text"] for q in FAQ_EN]:
        hit = safety.classify(text)
        assert hit is None or hit.language == "en", (text, hit)
    assert safety.classify("does chemo cause nausea and vomiting") is None


# -- the language of a message ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mi mamá no puede mover las piernas", "es"),
        ("¿qué es el Zometa?", "es"),
        ("Bonjour, ma mère a des douleurs aux os, pouvez-vous m'aider ?", "other"),
        ("我妈妈的腿不能动了", "other"),
        ("أمي لا تستطيع تحريك ساقيها", "other"),
        ("Minha mãe tem dor nos ossos e não consegue andar", "other"),
        ("my husband can't move his legs", "en"),
        ("no thanks", "en"),
    ],
)
def test_the_language_of_a_message(text, expected):
    assert language.detect(text) == expected


def test_english_test_messages_are_all_english():
    wrong = [t for t in [m["text"] for m in HELDOUT_EN] + [q["text"] for q in FAQ_EN] if language.detect(t) != "en"]
    assert not wrong


# -- the Spanish wording ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wording():
    return safety_content.load(env={})


def test_every_category_has_spanish_wording_and_every_message_a_spanish_one(wording):
    for tier in ("emergency", "urgent", "crisis", "care_team"):
        spanish = wording.spanish["tiers"][tier]
        assert spanish["reply"]
        assert set(spanish.get("categories") or {}) <= set(wording.categories(tier)), tier
        if tier != "care_team":  # care-team categories share the tier's reply unless they have their own
            assert set(spanish["categories"]) == set(wording.categories(tier)), tier
        for category, body in wording.categories(tier).items():
            if body.get("reply"):
                assert (spanish["categories"].get(category) or {}).get("reply"), (tier, category)
    assert set(wording.spanish["messages"]) == set(wording.messages)


def test_spanish_emergency_reply_starts_by_telling_the_person_to_call_now(wording):
    for category in list(wording.categories("emergency")) + [None]:
        first = wording.reply("emergency", category, "es").split(". ")[0]
        assert first == "Por favor, llame al 911 (o al número de emergencias de su zona) ahora", category


def test_spanish_crisis_reply_gives_988_in_spanish_and_911(wording):
    reply = wording.reply("crisis", "suicidal_thoughts", "es")
    assert "llame al 988 y marque el 2" in reply and "AYUDA al 988" in reply and "llame al 911" in reply


def test_spanish_urgent_reply_says_contact_the_care_team_today(wording):
    for category in wording.categories("urgent"):
        assert "hable hoy con su equipo de atención" in wording.reply("urgent", category, "es")


SAMPLE_SLOTS = {
    "care_team_name": "Ana",
    "care_team_contact": "555-123-4567",
    "care_team_best_time": "Mañana",
    "care_team_description": "Tengo una pregunta sobre mi dosis",
}


def test_every_spanish_text_is_plain_spanish_and_filled_in(wording):
    textstat.set_lang("es")
    try:
        for key, text in wording.patient_texts("es").items():
            assert text.strip() or key == "urgent.unspecified", key
            assert not safety_content.unfilled_placeholders(text), (key, text)
            filled = safety_content._fill(text, SAMPLE_SLOTS)
            score = textstat.fernandez_huerta(filled)
            assert score >= 70, f"{key}: Fernández-Huerta {score}: {filled}"
    finally:
        textstat.set_lang("en_US")


def test_spanish_wording_follows_the_deployment_numbers():
    local = safety_content.load(env={"EMERGENCY_NUMBER": "112", "CRISIS_LINE": "116 123"})
    assert local.reply("emergency", language="es").startswith("Por favor, llame al 112 (o al número")
    crisis = local.reply("crisis", language="es")
    assert "116 123" in crisis and "marque el 2" not in crisis and "AYUDA" not in crisis and "911" not in crisis


def test_static_replies_have_one_variation_per_category_and_language(tmp_path, wording):
    safety_content.build(tmp_path, wording)
    written = yaml.safe_load((tmp_path / "safety_responses.yml").read_text())["responses"]
    responses = safety_content.fill_markers(written, wording.settings)
    for name, variations in responses.items():
        conditions = [json.dumps(v["condition"], sort_keys=True) for v in variations if "condition" in v]
        assert len(conditions) == len(set(conditions)), name  # Rasa picks at random among matches
        assert len([v for v in variations if "condition" not in v]) == 1, name
    for tier in ("emergency", "urgent", "crisis"):
        by_key = {
            tuple(c["value"] for c in v["condition"]): v["text"]
            for v in responses[f"utter_safety_{tier}"]
            if "condition" in v
        }
        for category in wording.categories(tier):
            assert by_key[(category, "es")] == wording.reply(tier, category, "es")
            assert by_key[(category, "en")] == wording.reply(tier, category)
    consent = {tuple(c["value"] for c in v.get("condition", [])): v for v in responses["utter_ask_care_team_consent"]}
    assert consent[("urgent", "es")]["text"] == wording.message("ask_consent_urgent", "es")
    assert consent[("care_team", "es")]["buttons"][0] == {"title": "Sí", "payload": "/affirm"}
    name = {tuple(c["value"] for c in v.get("condition", [])): v["text"] for v in responses["utter_ask_care_team_name"]}
    assert name[("es",)] == wording.message("ask_name", "es") and name[()] == wording.message("ask_name")


def test_a_language_the_bot_does_not_speak_gets_the_emergency_number_and_helpline_in_both():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    variations = domain["responses"]["utter_non_english"]
    default = next(v["text"] for v in variations if "condition" not in v)
    spanish = next(
        v["text"] for v in variations if v.get("condition") == [{"type": "slot", "name": "language", "value": "es"}]
    )
    for text in (default, spanish):
        assert "[[emergency_number]]" in text and "1-877-465-6636" in text and "En una emergencia" in text
    assert "In an emergency, call [[emergency_number]]" in default
    assert domain["slots"]["language"]["initial_value"] == "en"


# -- the care-team form in Spanish ------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["no, gracias", "cancelar", "ya no", "olvídelo", "no lo mande"])
def test_spanish_answers_that_stop_the_form(answer):
    assert CANCEL.match(answer)


def test_spanish_names():
    assert clean_name("me llamo Ana López") == "Ana López"
    assert clean_name("mi nombre es Rosa") == "Rosa"
    assert clean_name("sí") is None


# -- tickets record the language ---------------------------------------------------------------------


def test_tickets_record_the_language_and_the_care_team_is_told(tmp_path):
    store = TicketStore(f"sqlite:///{tmp_path / 'tickets.db'}")
    request = TicketRequest(
        tier="emergency", category="fever_chemo", channel="rest", conversation_id="c1", language="es"
    ).cleaned()
    ticket = store.insert(
        request, ["email"], lambda t, d, k: notify.payload(t.to_dict(), d, k, {"emergency_number": "911"})
    )
    stored = store.get(ticket.reference)
    assert stored.language == "es" and stored.to_dict()["language"] == "es"
    document = json.loads(notify.payload(stored.to_dict(), "email", "k", {"emergency_number": "911"}))
    text = notify.email_text(document)
    assert "Language: Spanish — call back in Spanish." in text
    assert text.index("call back in Spanish") < text.index("Reference:"), "the language comes first"
    assert document["language_note"] == language_note("es") and "call back in Spanish" in document["language_note"]
    english = store.insert(TicketRequest("urgent", "new_lump", "rest", "c2").cleaned(), [], lambda *a: "")
    assert store.get(english.reference).language is None


def test_an_older_ticket_store_gets_the_language_column(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE tickets (id VARCHAR(32) PRIMARY KEY, reference VARCHAR(16))"))
    engine.dispose()
    store = TicketStore(url)
    store.engine()
    columns = {c["name"] for c in sa.inspect(store.engine()).get_columns("tickets")}
    assert "language" in columns


# -- the trained model's whole NLU pipeline on the frozen set -----------------------------------------


@pytest.fixture(scope="module")
def parses(agent):
    async def parse_all():
        return [await agent.parse_message(m["text"]) for m in HELDOUT_ES]

    return dict(zip([m["text"] for m in HELDOUT_ES], asyncio.run(parse_all())))


def tier_of(parse) -> str:
    return TIER_OF_INTENT.get(parse["intent"]["name"], "none")


@pytest.mark.parametrize("tier", ["emergency", "crisis", "urgent", "care_team"])
def test_the_whole_pipeline_reaches_each_tier_in_spanish(parses, tier):
    rows = [(m["text"], tier_of(parses[m["text"]])) for m in HELDOUT_ES if m["tier"] == tier]
    missed = [r for r in rows if not reaches(tier, r[1])]
    assert 1 - len(missed) / len(rows) >= TARGET[tier], missed


def test_spanish_red_flags_are_answered_in_spanish(parses):
    for message in HELDOUT_ES:
        parse = parses[message["text"]]
        if message["tier"] != "none":
            assert parse["bone_health_safety"]["language"] == "es", message["text"]
            assert {"entity": "language", "value": "es"}.items() <= next(
                e for e in parse["entities"] if e["entity"] == "language"
            ).items()


def test_the_whole_pipeline_escalates_no_spanish_question(parses):
    escalated = [(m["text"], tier_of(parses[m["text"]])) for m in HELDOUT_ES if m["tier"] == "none"]
    assert not [r for r in escalated if r[1] != "none"]
    # A Spanish general question gets its curated answer in Spanish (routed to action_answer_faq), small talk
    # ("hola, buenas tardes") its Spanish reply (the language slot's variant), or, when the classifier is
    # unsure, the Spanish reply with the helpline: never a guess in English.
    from bot.nlu.language_guard import SMALL_TALK

    for m in HELDOUT_ES:
        if m["tier"] == "none":
            parse = parses[m["text"]]
            answered = parse["intent"]["name"] == "drug_followup" and parse.get("bone_health_route")
            assert answered or parse["intent"]["name"] in SMALL_TALK | {"non_english"}, m["text"]
            assert {"entity": "language", "value": "es"}.items() <= next(
                e for e in parse["entities"] if e["entity"] == "language"
            ).items(), m["text"]


def test_spanish_requests_for_a_person_get_request_human(parses):
    wants_person = [m["text"] for m in HELDOUT_ES if m.get("person")]
    assert len(wants_person) >= 3
    assert not [t for t in wants_person if parses[t]["intent"]["name"] != "request_human"]


@pytest.mark.parametrize(
    "text, intent", [("sí, por favor", "affirm"), ("no gracias", "deny"), ("por la tarde", "non_english")]
)
def test_spanish_answers_in_the_care_team_form(agent, text, intent):
    """A short Spanish yes or no stays affirm/deny (the form's consent and confirm); other Spanish is
    non_english (free-text answers are taken as they are)."""
    parse = asyncio.run(agent.parse_message(text))
    assert parse["intent"]["name"] == intent


def test_ticket_limit_replies_follow_the_conversation_language():
    """The repeated reference or "not filed, call the helpline" (bot/serve/conversation_guard.py) in Spanish
    for a Spanish red flag or a Spanish conversation, as the escalation actions reply."""
    from types import SimpleNamespace

    from bot.serve import conversation_guard

    def tracker(safety_language=None, slot=None):
        parse = {"bone_health_safety": {"language": safety_language}} if safety_language else {}
        return SimpleNamespace(latest_message=SimpleNamespace(parse_data=parse), get_slot=lambda name: slot)

    assert conversation_guard.reply_language(tracker("es")) == "es"
    assert conversation_guard.reply_language(tracker(slot="es")) == "es"
    assert conversation_guard.reply_language(tracker("en", slot="es")) == "en"
    assert conversation_guard.reply_language(tracker()) == "en"
    [said] = conversation_guard.not_filed(tracker("es"))
    assert said.text == safety_content.load().message("ticket_failed", "es")


@pytest.mark.parametrize(
    "text, intent, confidence, tier",
    [
        ("mi vecina dice que es otra cosa", "ask_personal", 0.15, None),  # an unsure care-team guess: none
        ("mi vecina dice que es otra cosa", "report_urgent", 0.2, None),  # an unsure urgent guess: none
        ("mi vecina dice que es otra cosa", "report_urgent", 0.8, "urgent"),  # a sure one still escalates
        ("mi vecina dice que es otra cosa", "report_crisis", 0.15, "crisis"),  # crisis: never gated
        ("mi vecina dice que es otra cosa", "report_emergency", 0.15, "emergency"),  # emergency: never gated
        ("no puedo mover las piernas", "faq_pain", 0.9, "emergency"),  # a pattern hit always escalates
        ("no puedo mover las piernas", "report_emergency", 0.1, "emergency"),
    ],
)
def test_the_classifier_alone_escalates_only_when_sure(text, intent, confidence, tier):
    """SafetyNet's MIN_MODEL_SAFETY_CONFIDENCE gates model-only urgent and care-team guesses; an emergency or
    crisis top guess always escalates (a needless crisis reply costs far less than a missed one), and the
    deterministic patterns are never gated."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.safety_net import MIN_MODEL_SAFETY_CONFIDENCE, SafetyNet

    assert 0 < MIN_MODEL_SAFETY_CONFIDENCE <= 0.3
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence}})
    SafetyNet({}).process([message])
    assert (message.get("bone_health_safety") or {}).get("tier") == tier
