"""Safety in Spanish end to end (issue 12, part 1): the real action server and Rasa server (REST channel,
the session's servers of tests/conftest.py), a real SQLite ticket store. A Spanish red flag gets the
Spanish emergency reply first and a ticket with language "es"; thoughts of suicide in Spanish get the
Spanish crisis reply (988 in Spanish); a request for a person goes through the care-team form in
Spanish; a message in a language the bot does not speak gets the emergency number and the helpline in
English and Spanish.
"""

from __future__ import annotations

import pytest

from bot.safety import content as safety_content
from tests.conftest import texts
from tests.test_safety_e2e import Chat, tickets_of


@pytest.fixture(scope="module")
def bot(running_bot):
    return running_bot


@pytest.fixture(scope="module")
def wording():
    return safety_content.load()


EMERGENCY_FIRST_ES = "Por favor, llame al 911 (o al número de emergencias de su zona) ahora."
HELPLINE = "1-877-465-6636"


def test_spanish_spinal_cord_signs_get_the_spanish_emergency_reply_first_and_a_spanish_ticket(bot, wording):
    chat = Chat(bot)
    replies = chat.say("mi mamá no puede mover las piernas desde anoche")
    assert replies[0]["text"] == wording.reply("emergency", "spinal_cord_compression", "es")
    assert replies[0]["text"].startswith(EMERGENCY_FIRST_ES)
    (ticket,) = tickets_of(bot, chat.sender)
    assert (ticket.tier, ticket.category, ticket.language) == ("emergency", "spinal_cord_compression", "es")
    assert replies[-1]["text"] == wording.message("ticket_filed", "es", reference=ticket.reference)


def test_spanish_thoughts_of_suicide_get_the_spanish_crisis_reply(bot, wording):
    chat = Chat(bot)
    replies = chat.say("ya no aguanto, quiero quitarme la vida")
    assert replies[0]["text"] == wording.reply("crisis", "suicidal_thoughts", "es")
    assert "llame al 988 y marque el 2" in replies[0]["text"] and "llame al 911" in replies[0]["text"]
    (ticket,) = tickets_of(bot, chat.sender)
    assert ticket.tier == "crisis" and ticket.language == "es" and ticket.reference in texts(replies)


def test_a_spanish_request_for_a_person_goes_through_the_form_in_spanish(bot, wording):
    chat = Chat(bot)
    replies = chat.say("quiero hablar con una enfermera por favor")
    assert replies[0]["text"] == wording.reply("care_team", "request_human", "es")
    assert replies[-1]["text"] == wording.message("ask_consent", "es")
    assert texts(chat.say("sí, por favor")) == wording.message("ask_name", "es")
    assert texts(chat.say("me llamo Rosa Pérez")) == wording.message("ask_contact", "es")
    assert texts(chat.say("555 234 9876")) == wording.message("ask_best_time", "es")
    assert texts(chat.say("Tarde")) == wording.message("ask_description", "es")
    confirm = texts(chat.say("Quiero saber cuándo es mi próxima infusión"))
    assert "Rosa Pérez" in confirm and "¿Se lo mando a su equipo de atención?" in confirm
    done = texts(chat.say("/affirm"))  # the "Sí, mándelo" button
    (ticket,) = tickets_of(bot, chat.sender)
    assert (ticket.tier, ticket.category, ticket.language) == ("care_team", "request_human", "es")
    assert ticket.contact["name"] == "Rosa Pérez" and ticket.contact["best_time"] == "Tarde"
    assert ticket.reference in done and "por teléfono" in done and HELPLINE in done


def test_a_language_the_bot_does_not_speak_gets_the_emergency_number_and_helpline_in_both(bot):
    chat = Chat(bot)
    reply = texts(chat.say("Bonjour, ma mère a des douleurs aux os depuis une semaine, pouvez-vous m'aider ?"))
    assert "In an emergency, call 911" in reply and "En una emergencia, llame al 911" in reply
    assert reply.count(HELPLINE) == 2 and "[[" not in reply
    assert tickets_of(bot, chat.sender) == []


def test_a_spanish_message_not_understood_gets_a_kind_spanish_reply_with_the_helpline(bot):
    chat = Chat(bot)
    reply = texts(chat.say("quiero saber más sobre lo otro"))
    assert reply.startswith("Lo siento") and HELPLINE in reply and "llame al 911" in reply
    assert "Sorry" not in reply
    assert tickets_of(bot, chat.sender) == []


def test_spanish_small_talk_and_a_drug_question_are_answered_in_spanish(bot, content):
    """Issue 12: "¿Para qué sirve el Zometa?" was unanswered (general Spanish questions were trained as
    non_english); "hola", "gracias", "adiós", "¿eres un robot?" got the English-only or the helpline reply."""
    chat = Chat(bot)
    assert texts(chat.say("hola")).startswith("Hola, soy Bone Health Companion")
    reply = texts(chat.say("¿Para qué sirve el Zometa?"))
    assert " ".join(content.spanish["zoledronic_acid"].answer.split()[:8]) in " ".join(reply.split()), reply
    assert texts(chat.say("muchas gracias")) == "De nada. Aquí estoy si tiene más preguntas."
    assert texts(chat.say("¿eres un robot?")).startswith("Sí, soy un programa de computadora")
    assert texts(chat.say("adiós")).startswith("Cuídese.") and "911" in texts(chat.say("chao"))
    assert tickets_of(bot, chat.sender) == []
