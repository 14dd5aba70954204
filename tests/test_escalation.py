"""Offline tests of the escalation actions (actions/escalation.py) against a real SQLite ticket store.

Trackers are built as the action server receives them (financial-demo style); no servers needed.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import care_team_form, escalation
from bot.safety import content as safety_content
from bot.tickets import TicketService, TicketStoreError

SECRET_WORDS = "my husband can't move his legs since lunch"


def user(text: str, intent: str = "report_emergency", **parse: Any) -> Dict[str, Any]:
    return {
        "event": "user",
        "text": text,
        "input_channel": "rest",
        "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0}, **parse},
    }


def bot(text: str, utter_action: Optional[str] = None) -> Dict[str, Any]:
    return {"event": "bot", "text": text, "metadata": {"utter_action": utter_action} if utter_action else {}}


def make_tracker(
    events: List[Dict[str, Any]], slots: Optional[Dict[str, Any]] = None, active_loop: Optional[str] = None
) -> Tracker:
    last_user = next(e for e in reversed(events) if e["event"] == "user")
    return Tracker.from_dict(
        {
            "sender_id": "conv-1",
            "slots": slots or {},
            "latest_message": {**last_user["parse_data"]},
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen",
        }
    )


@pytest.fixture
def store(tmp_path, monkeypatch) -> TicketService:
    monkeypatch.setenv("TICKET_DB_URL", f"sqlite:///{tmp_path / 'tickets.db'}")
    monkeypatch.setattr(escalation, "_service", None)
    return TicketService.from_env()


def slot_events(events, name):
    return [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name]


def run(action, tracker, dispatcher, domain):
    result = action.run(dispatcher, tracker, domain)
    return asyncio.run(result) if asyncio.iscoroutine(result) else result


def test_emergency_after_the_static_reply_files_a_ticket_and_gives_the_reference(store, dispatcher, domain):
    wording = safety_content.load()
    events = [
        user("hello", "greet"),
        user(
            SECRET_WORDS,
            bone_health_safety={
                "tier": "emergency",
                "category": "spinal_cord_compression",
                "source": "both",
                "also": [],
            },
        ),
        bot(wording.reply("emergency", "spinal_cord_compression"), "utter_safety_emergency"),
    ]
    run(escalation.ActionEscalateEmergency(), make_tracker(events), dispatcher, domain)
    (ticket,) = store.list()
    assert (ticket.tier, ticket.category, ticket.channel, ticket.conversation_id) == (
        "emergency",
        "spinal_cord_compression",
        "rest",
        "conv-1",
    )
    assert ticket.trigger_message == SECRET_WORDS and ticket.recent_messages == ["hello", SECRET_WORDS]
    assert ticket.contact is None
    texts = [m["text"] for m in dispatcher.messages]
    assert texts == [wording.message("ticket_filed", reference=ticket.reference)]  # reply not repeated


def test_emergency_without_the_static_reply_sends_it_first(store, dispatcher, domain):
    events = [user("fever of 39 on chemo", bone_health_safety={"tier": "emergency", "category": "fever_chemo"})]
    run(escalation.ActionEscalateEmergency(), make_tracker(events), dispatcher, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0].startswith("Please call 911 (or your local emergency number) now.")
    assert "38 °C" in texts[0] and "BH-" in texts[1]


def test_at_most_five_recent_messages_go_with_a_ticket(store, dispatcher, domain):
    events = [user(f"question {n}", "faq_jaw") for n in range(8)] + [user("I want to die", "report_crisis")]
    run(escalation.ActionEscalateCrisis(), make_tracker(events), dispatcher, domain)
    (ticket,) = store.list()
    assert ticket.tier == "crisis" and len(ticket.recent_messages) == 5
    assert ticket.recent_messages[-1] == "I want to die"


def test_red_flag_inside_the_form_stops_it_and_forgets_the_details(store, dispatcher, domain):
    events = [
        user("should I skip my xgeva", "ask_personal"),
        user("yes", "affirm"),
        user("I can't breathe", bone_health_safety={"tier": "emergency", "category": "chest_breathing"}),
    ]
    tracker = make_tracker(
        events, slots={"care_team_consent": True, "care_team_tier": "care_team"}, active_loop="care_team_form"
    )
    result = run(escalation.ActionEscalateEmergency(), tracker, dispatcher, domain)
    assert any(e.get("event") == "active_loop" and e.get("name") is None for e in result)
    assert slot_events(result, "care_team_consent") == [None]


def test_unwritable_store_tells_the_person_to_call_the_helpline_and_logs_no_words(
    tmp_path, monkeypatch, dispatcher, domain, caplog
):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("TICKET_DB_URL", f"sqlite:///{blocked / 'tickets.db'}")
    monkeypatch.setattr(escalation, "_service", None)
    caplog.set_level(logging.DEBUG)
    events = [
        user(SECRET_WORDS, bone_health_safety={"tier": "emergency", "category": "spinal_cord_compression"}),
        bot("Please call 911…", "utter_safety_emergency"),
    ]
    run(escalation.ActionEscalateEmergency(), make_tracker(events), dispatcher, domain)
    wording = safety_content.load()
    assert [m["text"] for m in dispatcher.messages] == [wording.message("ticket_failed")]
    assert "Please call the Susan G. Komen Breast Care Helpline now at 1-877-465-6636" in dispatcher.messages[0]["text"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("Ticket store unavailable" in r.getMessage() for r in errors)
    assert "legs" not in caplog.text and "husband" not in caplog.text


def test_store_error_raised_while_filing_is_handled_the_same_way(monkeypatch, dispatcher, domain, caplog):
    class Broken:
        def file(self, request):
            raise TicketStoreError("disk full")

    monkeypatch.setattr(escalation, "_service", Broken())
    events = [user("I want to end my life", "report_crisis")]
    run(escalation.ActionEscalateCrisis(), make_tracker(events), dispatcher, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert "988" in texts[0] and "1-877-465-6636" in texts[-1]
    assert "end my life" not in caplog.text


def test_urgent_files_a_ticket_and_prepares_the_callback_offer(store, dispatcher, domain):
    events = [
        user(
            "my jaw has exposed bone",
            "report_urgent",
            bone_health_safety={"tier": "urgent", "category": "jaw_osteonecrosis"},
        ),
        bot("Please contact your care team today…", "utter_safety_urgent"),
    ]
    result = run(escalation.ActionEscalateUrgent(), make_tracker(events), dispatcher, domain)
    (ticket,) = store.list()
    assert (ticket.tier, ticket.category) == ("urgent", "jaw_osteonecrosis")
    assert slot_events(result, "care_team_tier")[-1] == "urgent"
    assert slot_events(result, "care_team_trigger")[-1] == "my jaw has exposed bone"


def test_personal_question_gets_a_kind_no_and_the_general_answer(dispatcher, domain, content):
    events = [
        user(
            "should I have my tooth pulled before my next xgeva",
            "ask_personal",
            bone_health_safety={"tier": "care_team", "category": "dental_timing"},
            bone_health_route={"retrieval_intent": "faq_jaw", "topic": "dental_work_during_treatment"},
        )
    ]
    result = run(escalation.ActionOfferCareTeam(), make_tracker(events), dispatcher, domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0] == safety_content.load().reply("care_team", "dental_timing")
    assert "can't answer it for you" in texts[0]
    assert content.topics["dental_work_during_treatment"].answer in texts[1] and "Source:" in texts[1]
    assert slot_events(result, "care_team_category")[-1] == "dental_timing"


def test_spanish_personal_question_gets_the_general_answer_in_spanish(dispatcher, domain, content):
    events = [
        user(
            "¿me saco la muela antes de la próxima inyección de xgeva?",
            "ask_personal",
            bone_health_safety={"tier": "care_team", "category": "dental_timing", "language": "es"},
            bone_health_route={"retrieval_intent": "faq_jaw", "topic": "dental_work_during_treatment"},
        )
    ]
    run(escalation.ActionOfferCareTeam(), make_tracker(events, {"language": "es"}), dispatcher, domain)
    texts = [m["text"] for m in dispatcher.messages]
    safety = safety_content.load()
    assert texts[0] == safety.reply("care_team", "dental_timing", "es")
    assert texts[1].startswith(safety.message("general_answer_intro", "es"))
    assert content.spanish["dental_work_during_treatment"].answer in texts[1] and "Fuente" in texts[1]
    assert content.topics["dental_work_during_treatment"].answer not in texts[1]
    assert "inglés," not in texts[1]


def test_general_answer_needs_a_sure_response_selector(dispatcher, domain, content):
    route = {"retrieval_intent": "faq_pain", "topic": "pain_relievers"}
    for confidence, shown in [(0.97, True), (0.3, False)]:
        events = [
            user(
                "what can my mum take for her bone pain, she is 80",
                "ask_personal",
                bone_health_safety={"tier": "care_team", "category": "personal_decision"},
                bone_health_route=route,
                response_selector={"faq_pain": {"response": {"confidence": confidence}}},
            )
        ]
        dispatcher = CollectingDispatcher()
        run(escalation.ActionOfferCareTeam(), make_tracker(events), dispatcher, domain)
        answer = content.topics["pain_relievers"].answer
        assert any(answer in m["text"] for m in dispatcher.messages) == shown, confidence


def test_prognosis_gets_no_faq_answer(dispatcher, domain):
    events = [
        user(
            "how long do I have",
            "ask_personal",
            bone_health_safety={"tier": "care_team", "category": "prognosis"},
            bone_health_route={"retrieval_intent": "faq_bonemets", "topic": "treatment_goals"},
            response_selector={"faq_bonemets": {"response": {"confidence": 1.0}}},
        )
    ]
    run(escalation.ActionOfferCareTeam(), make_tracker(events), dispatcher, domain)
    assert [m["text"] for m in dispatcher.messages] == [safety_content.load().reply("care_team", "prognosis")]


def test_request_for_a_person_gets_no_faq_answer(dispatcher, domain):
    events = [
        user(
            "I want to talk to a nurse",
            "request_human",
            bone_health_route={"retrieval_intent": "faq_support", "topic": "komen_helpline"},
        )
    ]
    run(escalation.ActionOfferCareTeam(), make_tracker(events), dispatcher, domain)
    assert [m["text"] for m in dispatcher.messages] == [safety_content.load().reply("care_team", "request_human")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ann@example.com", {"method": "email", "value": "ann@example.com"}),
        ("my email is Ann.Lee+bh@mail.example.org thanks", {"method": "email", "value": "Ann.Lee+bh@mail.example.org"}),
        ("555-123-4567", {"method": "phone", "value": "555-123-4567"}),
        ("call me on +1 (555) 123 4567", {"method": "phone", "value": "+1 (555) 123 4567"}),
        ("not sure", None),
        ("12345", None),
        ("ann@", None),
    ],
)
def test_contact_must_be_a_phone_number_or_an_email(text, expected):
    assert care_team_form.parse_contact(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ann", "Ann"),
        ("my name is Mary Ann Lee", "Mary Ann Lee"),
        ("I'm Joe.", "Joe"),
        ("yes", None),
        ("555 1234", None),
        ("", None),
        ("x" * 70, None),
        ("please can somebody just phone my wife this afternoon", None),
    ],
)
def test_names_are_cleaned_and_checked(text, expected):
    assert care_team_form.clean_name(text) == expected


def form_tracker(**slots):
    return make_tracker([user("should I skip my xgeva", "ask_personal")], slots=slots, active_loop="care_team_form")


def test_invalid_contact_is_asked_again_with_an_example(dispatcher, domain):
    result = care_team_form.ValidateCareTeamForm().validate_care_team_contact(
        "tomorrow", dispatcher, form_tracker(), domain
    )
    assert result == {"care_team_contact": None, "care_team_contact_method": None}
    assert "555-123-4567" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize("answer", ["cancel", "no", "No thanks.", "stop", "never mind"])
def test_no_or_cancel_as_a_free_text_answer_stops_the_form(dispatcher, domain, answer):
    form = care_team_form.ValidateCareTeamForm()
    assert form.validate_care_team_name(answer, dispatcher, form_tracker(), domain) == {"care_team_confirm": False}
    required = asyncio.run(
        form.required_slots(
            ["care_team_consent", "care_team_name"], dispatcher, form_tracker(care_team_confirm=False), domain
        )
    )
    assert required == []


def test_no_idea_is_not_a_cancel(dispatcher, domain):
    result = care_team_form.ValidateCareTeamForm().validate_care_team_contact(
        "no idea", dispatcher, form_tracker(), domain
    )
    assert result == {"care_team_contact": None, "care_team_contact_method": None}


FILLED = {
    "care_team_consent": True,
    "care_team_name": "Ann",
    "care_team_contact": "ann@example.com",
    "care_team_contact_method": "email",
    "care_team_best_time": "Morning",
    "care_team_description": "When should I have my tooth out?",
    "care_team_confirm": True,
    "care_team_tier": "care_team",
    "care_team_category": "dental_timing",
    "care_team_trigger": "should I skip my xgeva",
}


def test_confirmed_request_files_a_ticket_with_the_consented_contact(store, dispatcher, domain):
    events = [
        user("hi", "greet"),
        user("should I skip my xgeva", "ask_personal"),
        user("yes", "affirm"),
        user("Ann", "inform"),
        user("ann@example.com", "inform"),
        user("Morning", "inform"),
        user("When should I have my tooth out?", "ask_personal"),
        user("yes", "affirm"),
    ]
    result = run(escalation.ActionEscalateCareTeam(), make_tracker(events, slots=FILLED), dispatcher, domain)
    (ticket,) = store.list()
    assert (ticket.tier, ticket.category) == ("care_team", "dental_timing")
    assert ticket.contact == {"name": "Ann", "method": "email", "value": "ann@example.com", "best_time": "Morning"}
    assert ticket.trigger_message == "should I skip my xgeva"
    assert ticket.recent_messages == ["hi", "should I skip my xgeva", "When should I have my tooth out?"]
    text = dispatcher.messages[0]["text"]
    assert ticket.reference in text and "by email within one working day" in text and "1-877-465-6636" in text
    assert all(v is None for v in (slot_events(result, "care_team_contact") + slot_events(result, "care_team_name")))


@pytest.mark.parametrize(
    "slots, key",
    [({**FILLED, "care_team_consent": False}, "declined"), ({**FILLED, "care_team_confirm": False}, "cancelled")],
)
def test_declined_or_cancelled_request_files_nothing(store, dispatcher, domain, slots, key):
    run(escalation.ActionEscalateCareTeam(), make_tracker([user("no", "deny")], slots=slots), dispatcher, domain)
    assert store.list() == []
    assert dispatcher.messages[0]["text"] == safety_content.load().message(key)


def test_rasa_side_fallback_gives_helpline_and_emergency_numbers():
    from bot.serve import rasa_entry as rasa_server

    for action in ("action_answer_faq", "action_escalate_urgent", "validate_care_team_form"):
        text = rasa_server.fallback_text(action)
        assert "1-877-465-6636" in text and "911" in text, action
        spanish = rasa_server.fallback_text(action, "es")
        assert "1-877-465-6636" in spanish and "911" in spanish and spanish != text, action
