"""End to end over Rasa's REST channel: the real action server and Rasa server on free ports."""

from __future__ import annotations

import uuid

import requests

from tests.conftest import texts


def test_hi_gets_the_educational_notice_and_topic_buttons(running_bot):
    replies = running_bot.say("hi")
    assert "not medical advice" in texts(replies)
    assert "911" in texts(replies)
    assert any(r.get("buttons") for r in replies)


def test_faq_answer_cites_its_source(running_bot, content):
    replies = running_bot.say("what is osteonecrosis of the jaw?")
    assert content.topics["onj_what"].answer in texts(replies)
    assert "Source:" in texts(replies)


def test_drug_follow_up_uses_the_remembered_drug(running_bot, content):
    sender = uuid.uuid4().hex
    first = running_bot.say("what is Xgeva?", sender)
    assert content.topics["denosumab_what"].answer in texts(first)
    follow_up = running_bot.say("how often do I get it?", sender)
    assert content.topics["denosumab_what"].answer in texts(follow_up)
    assert content.topics["zoledronic_acid"].answer not in texts(follow_up)


def test_what_about_xgeva_after_zometa_side_effects(running_bot, content):
    sender = uuid.uuid4().hex
    first = running_bot.say("what are the side effects of Zometa?", sender)
    assert content.topics["bisphosphonate_side_effects"].answer in texts(first)
    second = running_bot.say("what about Xgeva?", sender)
    assert content.topics["denosumab_side_effects"].answer in texts(second)


def test_topic_button_payload(running_bot, content):
    replies = running_bot.say('/ask_topic{"topic":"pain_relievers"}')
    assert content.topics["pain_relievers"].answer in texts(replies)


def test_off_topic_is_declined(running_bot):
    assert "I can only help with questions about breast cancer" in texts(
        running_bot.say("what's the weather in Paris tomorrow?")
    )


def test_spanish_gets_a_spanish_answer_and_other_languages_the_helpline(running_bot):
    # Issue 12: a Spanish question gets the curated answer in Spanish (content/es/topics.yml) ...
    reply = texts(running_bot.say("¿Qué es el Zometa? Mi mamá tiene cáncer en los huesos"))
    assert "ácido zoledrónico" in reply and "no es consejo médico" in reply, reply
    # ... a language the bot does not speak, the emergency number and the helpline in English and Spanish.
    reply = texts(running_bot.say("bonjour, qu'est-ce que le Zometa ? ma mère a un cancer des os", sender="e2e-fr"))
    assert "1-877-465-6636" in reply and "911" in reply and "español" in reply, reply


def test_bad_input_gets_a_clear_answer(running_bot):
    for junk in ["   ", "\x00\x01\x02\x03", "🙂🙂🙂", "?" * 50]:
        reply = texts(running_bot.say(junk))
        assert "couldn't understand" in reply or "not sure I understood" in reply, (junk, reply)
    # A huge message gets a clear refusal naming the limit (issue 14; BOT_MAX_MESSAGE_CHARS).
    huge = "my mom has bone mets and I want to know about zometa side effects " * 2000
    response = requests.post(running_bot.rest_url, json={"sender": "e2e-huge", "message": huge}, timeout=60)
    assert response.status_code == 413 and response.json()["max_chars"] == 1000


def test_gibberish_offers_choices_not_a_guess(running_bot):
    for gibberish in ["blorf quimble zanx", "tell me a joke"]:
        replies = running_bot.say(gibberish)
        assert any(r.get("buttons") for r in replies), gibberish
        assert "Source:" not in texts(replies), gibberish


def test_http_api_is_off_without_a_token(running_bot):
    response = requests.get(f"{running_bot.base_url}/conversations/x/tracker", timeout=10)
    assert response.status_code in (404, 405)


def test_conversation_text_stays_out_of_the_logs(running_bot):
    secret = "my neighbour Bartholomew Quinceworth takes zometa"
    running_bot.say(secret)
    running_bot.say("what is osteonecrosis of the jaw?")
    logs = running_bot.logs()
    assert logs, "server logs were captured"
    assert "Quinceworth" not in logs and "osteonecrosis of the jaw?" not in logs


def test_conversation_survives_a_restart_of_both_servers(running_bot, content):
    sender = uuid.uuid4().hex
    running_bot.say("what is Xgeva?", sender)
    running_bot.restart()  # same var dir: the same SQLite tracker store
    replies = running_bot.say("how often do I get it?", sender)
    assert content.topics["denosumab_what"].answer in texts(replies)
