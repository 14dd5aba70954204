"""Safety and escalation end to end: the real action server and Rasa server (REST channel), a real
SQLite ticket store. Red flags first; the care-team form with its confirm step; red flags that
interrupt a form, an FAQ and a fallback; the action server down; the ticket store unwritable.
"""

from __future__ import annotations

import uuid
from typing import Dict, List

import pytest

from bot.safety import content as safety_content
from bot.tickets import TicketService
from tests.conftest import texts

EMERGENCY_FIRST = "Please call 911 (or your local emergency number) now."
HELPLINE = "1-877-465-6636"


@pytest.fixture(scope="module")
def bot(running_bot):
    """The session's servers (one model load fewer); every test here restores what it stops."""
    return running_bot


@pytest.fixture(scope="module")
def wording():
    return safety_content.load()


def store(bot) -> TicketService:
    return TicketService.from_env({"TICKET_DB_URL": f"sqlite:///{bot.settings.var_dir / 'tickets.db'}"})


def tickets_of(bot, sender: str):
    return [t for t in store(bot).list() if t.conversation_id == sender]


class Chat:
    def __init__(self, bot) -> None:
        self.bot, self.sender = bot, uuid.uuid4().hex

    def say(self, text: str) -> List[Dict]:
        return self.bot.say(text, self.sender)


def test_emergency_message_comes_first_then_the_reference(bot, wording):
    chat = Chat(bot)
    replies = chat.say("my husband can't move his legs")
    assert replies[0]["text"] == wording.reply("emergency", "spinal_cord_compression")
    assert replies[0]["text"].startswith(EMERGENCY_FIRST)
    (ticket,) = tickets_of(bot, chat.sender)
    assert (ticket.tier, ticket.category, ticket.channel) == ("emergency", "spinal_cord_compression", "rest")
    assert ticket.trigger_message == "my husband can't move his legs"
    assert ticket.reference in replies[-1]["text"]


def test_fever_on_chemo_gets_the_fever_wording(bot, wording):
    replies = Chat(bot).say("my temp is 38.3 and I had chemo on monday")
    assert replies[0]["text"] == wording.reply("emergency", "fever_chemo")


def test_crisis_gets_988_and_911_and_a_crisis_ticket(bot):
    chat = Chat(bot)
    replies = chat.say("I don't want to be here anymore, I want to end my life")
    assert "call or text 988" in replies[0]["text"] and "call 911" in replies[0]["text"]
    (ticket,) = tickets_of(bot, chat.sender)
    assert ticket.tier == "crisis" and ticket.reference in texts(replies)


def test_urgent_then_callback_through_the_form_with_confirm(bot, wording):
    chat = Chat(bot)
    replies = chat.say("my jaw has exposed bone")
    assert replies[0]["text"].startswith("Please contact your care team today")
    (first,) = tickets_of(bot, chat.sender)
    assert first.tier == "urgent" and first.category == "jaw_osteonecrosis" and first.contact is None
    assert first.reference in texts(replies)
    assert replies[-1]["text"] == wording.message("ask_consent_urgent")

    assert texts(chat.say("yes please")) == wording.message("ask_name")
    assert texts(chat.say("my name is Ann Lee")) == wording.message("ask_contact")
    reply = texts(chat.say("no idea"))  # neither a phone number nor an email
    assert wording.message("invalid_contact") in reply and wording.message("ask_contact") in reply
    assert texts(chat.say("ann.lee@example.com")) == wording.message("ask_best_time")
    assert texts(chat.say("Morning")) == wording.message("ask_description")
    confirm = texts(chat.say("The sore spot by my back tooth is getting bigger"))
    for detail in ("Ann Lee", "ann.lee@example.com", "Morning", "The sore spot by my back tooth"):
        assert detail in confirm
    done = texts(chat.say("yes"))
    callback = [t for t in tickets_of(bot, chat.sender) if t.id != first.id]
    assert len(callback) == 1
    ticket = callback[0]
    assert (ticket.tier, ticket.category) == ("urgent", "jaw_osteonecrosis")
    assert ticket.contact == {
        "name": "Ann Lee",
        "method": "email",
        "value": "ann.lee@example.com",
        "best_time": "Morning",
    }
    assert ticket.trigger_message == "my jaw has exposed bone"
    assert ticket.recent_messages[-1] == "The sore spot by my back tooth is getting bigger"
    assert ticket.reference in done and "by email within one working day" in done and HELPLINE in done


def test_personal_question_gets_the_general_answer_and_a_declined_offer_sends_nothing(bot, wording, content):
    chat = Chat(bot)
    replies = chat.say("should I stop my xgeva before my tooth extraction next week?")
    assert "can't answer it for you" in replies[0]["text"]
    assert any("Source:" in r.get("text", "") for r in replies[1:-1]), replies
    assert replies[-1]["text"] == wording.message("ask_consent")
    assert texts(chat.say("no thanks")) == wording.message("declined")
    assert tickets_of(bot, chat.sender) == []
    assert "not medical advice" in texts(chat.say("hi"))  # the form is over


def test_request_for_a_person_through_the_form_to_a_care_team_ticket(bot, wording):
    chat = Chat(bot)
    replies = chat.say("I want to talk to someone from my care team")
    assert replies[0]["text"] == wording.reply("care_team", "request_human")
    for answer in ["yes", "Joe", "555-123-4567", "after 3pm", "About my pain medicine"]:
        chat.say(answer)
    done = texts(chat.say("yes"))
    (ticket,) = tickets_of(bot, chat.sender)
    assert (ticket.tier, ticket.category) == ("care_team", "request_human")
    assert ticket.contact == {"name": "Joe", "method": "phone", "value": "555-123-4567", "best_time": "after 3pm"}
    assert ticket.reference in done and "by phone" in done


def test_cancel_in_the_middle_of_the_form_sends_nothing(bot, wording):
    chat = Chat(bot)
    chat.say("can somebody call me back today")
    chat.say("yes")
    assert texts(chat.say("Maria")) == wording.message("ask_contact")
    assert texts(chat.say("cancel")) == wording.message("cancelled")
    assert tickets_of(bot, chat.sender) == []
    assert "not medical advice" in texts(chat.say("hello"))


def test_no_at_the_confirm_step_sends_nothing(bot, wording):
    chat = Chat(bot)
    for answer in ["I need to speak to a nurse", "yes", "Maria", "maria@example.org", "Evening", "My dose"]:
        chat.say(answer)
    assert texts(chat.say("no")) == wording.message("cancelled")
    assert tickets_of(bot, chat.sender) == []


def test_red_flag_interrupts_the_form(bot, wording):
    chat = Chat(bot)
    chat.say("should I skip my zometa this month")
    chat.say("yes")
    replies = chat.say("wait, my wife has a fever of 39 and shaking chills, she's on chemo")
    assert replies[0]["text"].startswith(EMERGENCY_FIRST)
    (ticket,) = tickets_of(bot, chat.sender)
    assert ticket.tier == "emergency" and ticket.contact is None
    assert "not medical advice" in texts(chat.say("hi"))  # the form was stopped, not resumed


def test_red_flag_interrupts_an_faq_and_a_fallback(bot, content):
    chat = Chat(bot)
    assert content.topics["onj_what"].answer in texts(chat.say("what is osteonecrosis of the jaw?"))
    assert chat.say("she is so confused and keeps vomiting")[0]["text"].startswith(EMERGENCY_FIRST)
    chat.say("blorf quimble zanx")
    assert chat.say("i want to kill myself")[0]["text"].startswith("I'm really sorry")


def test_faq_safety_question_is_answered_not_escalated(bot, content):
    chat = Chat(bot)
    reply = texts(chat.say("what are the signs of spinal cord compression?"))
    assert "Source:" in reply and EMERGENCY_FIRST not in reply
    assert tickets_of(bot, chat.sender) == []


def test_with_the_action_server_down_the_bot_still_gives_the_numbers(bot, wording, content):
    bot.stop_actions()
    try:
        chat = Chat(bot)
        replies = chat.say("I can't feel my legs")
        assert replies[0]["text"] == wording.reply("emergency", "spinal_cord_compression")
        assert HELPLINE in texts(replies[1:]) and "911" in texts(replies[1:])
        crisis = chat.say("I want to die")
        assert "988" in crisis[0]["text"] and HELPLINE in texts(crisis)
        personal = texts(chat.say("should I skip my xgeva?"))
        assert HELPLINE in personal and "911" in personal
        assert content.topics["onj_what"].answer in texts(chat.say("what is osteonecrosis of the jaw?"))
        assert "Custom action action_escalate_emergency failed" in bot.logs()
        assert "can't feel my legs" not in bot.logs()
    finally:
        bot.start_actions()
    after = Chat(bot).say("my mum can't stand up, her legs are too weak")
    assert "BH-" in texts(after)


def test_with_the_ticket_store_unwritable_the_person_is_told_to_call_the_helpline(bot, wording, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    bot.stop_actions()
    saved = bot.env.get("TICKET_DB_URL")
    bot.env["TICKET_DB_URL"] = f"sqlite:///{blocked / 'tickets.db'}"
    try:
        bot.start_actions()
        replies = Chat(bot).say("my dad fell and heard a crack in his hip")
        assert replies[0]["text"].startswith(EMERGENCY_FIRST)
        assert replies[-1]["text"] == wording.message("ticket_failed")
        assert "Ticket store unavailable" in bot.logs()
        assert "heard a crack" not in bot.logs()
    finally:
        bot.stop_actions()
        if saved is None:
            bot.env.pop("TICKET_DB_URL", None)
        else:
            bot.env["TICKET_DB_URL"] = saved
        bot.start_actions()
