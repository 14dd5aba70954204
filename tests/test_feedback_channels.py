""" "Was this helpful?" on messaging channels and through the typed-intent guard (issue 15): the two
buttons are numbered after the related topics on SMS/WhatsApp, a number picks the vote's payload, and a
vote is honoured only when the bot offered that very button."""

from __future__ import annotations

import pytest

from bot.channels.formatting import SMS_LIMIT, compose
from bot.channels.options import PendingOptions
from bot.content import replies
from bot.serve.conversation_guard import as_words, honoured, payloads

pytestmark = pytest.mark.unit


def answer_buttons(content, topic_id="onj_what", language="en"):
    topic = content.topics[topic_id]
    return content.buttons(topic, language=language) + replies.feedback_buttons(topic_id, language)


def test_sms_lists_the_vote_after_the_related_topics_and_a_number_picks_it(tmp_path, content):
    options = PendingOptions(tmp_path / "options.db")
    numbered = options.add("sms", "+15550001", answer_buttons(content))
    [message] = compose("the answer", SMS_LIMIT, numbered)
    related = len(content.topics["onj_what"].related)
    assert f"{related + 1}. Yes, this helped\n{related + 2}. No, it did not" in message
    no = options.resolve("sms", "+15550001", str(related + 2))
    assert no == '/feedback{"helpful":false,"topic":"onj_what"}'


def test_spanish_titles(content):
    titles = [b["title"] for b in answer_buttons(content, language="es")][-2:]
    assert titles == ["Sí, me ayudó", "No me ayudó"]


def test_a_vote_is_honoured_only_when_that_button_was_offered(content):
    offered = payloads([{"buttons": answer_buttons(content)}])
    no = replies.feedback_payload("onj_what", False)
    assert honoured(no, offered)
    assert not honoured(replies.feedback_payload("bone_mets_what", False), offered)  # another answer's vote
    assert not honoured(no, set())  # typed, or pressed under an old answer
    assert as_words(no) == "feedback helpful false topic onj what"


def test_domain_responses_double_the_braces_for_rasa_templating():
    [yes, _no] = replies.feedback_buttons("onj_what", for_domain=True)
    assert yes["payload"] == '/feedback{{"helpful":true,"topic":"onj_what"}}'
