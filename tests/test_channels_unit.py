"""Messaging channels without servers: fitting answers to each platform, numbered options, request
checks, payload parsing, and the credentials file that switches channels on from the environment."""

from __future__ import annotations

import logging
import re

import pytest
import yaml

from bot.channels import config as channel_config
from bot.channels.formatting import (
    MESSENGER_LIMIT,
    SMS_LIMIT,
    TELEGRAM_LIMIT,
    WHATSAPP_LIMIT,
    Option,
    compose,
    plain_links,
    response_buttons,
    response_text,
    split_text,
)
from bot.channels.options import PendingOptions
from tests.conftest import ROOT

SENTENCE = "Bone metastases are breast cancer cells that have spread to the bones. "


@pytest.mark.parametrize("limit", [SMS_LIMIT, WHATSAPP_LIMIT, TELEGRAM_LIMIT, MESSENGER_LIMIT, 160])
def test_long_answers_split_at_sentence_boundaries_within_the_limit(limit):
    text = (SENTENCE * 120).strip()  # about 8,500 characters
    chunks = split_text(text, limit)
    assert len(chunks) > 1
    assert all(len(c) <= limit for c in chunks)
    assert all(c.endswith(".") and c[0].isupper() for c in chunks), "cut inside a sentence"
    assert " ".join(chunks) == text, "text lost or changed by the split"


def test_paragraphs_are_kept_together_when_they_fit():
    answer = "First paragraph. It has two sentences."
    source = 'Source: American Cancer Society, "Bone-directed therapy" (2016).'
    assert split_text(f"{answer}\n\n{source}", 1600) == [f"{answer}\n\n{source}"]
    assert split_text(f"{answer}\n\n{source}", len(source) + 5) == [answer, source]


def test_a_sentence_longer_than_the_limit_is_cut_between_words():
    words = " ".join(["osteonecrosis"] * 40)
    chunks = split_text(words, 100)
    assert all(len(c) <= 100 for c in chunks)
    assert " ".join(chunks) == words


def test_links_become_plain_urls_and_unsafe_links_lose_their_target():
    assert (
        plain_links("See [Komen](https://www.komen.org/support) today.")
        == "See Komen (https://www.komen.org/support) today."
    )
    assert "javascript" not in plain_links("[click](javascript:alert(1))")
    assert plain_links("Visit https://www.cancer.org now.") == "Visit https://www.cancer.org now."


def test_buttons_become_a_numbered_list_after_the_text():
    options = [Option(1, "What are bone metastases?", "/a"), Option(2, "Treating bone pain", "/b")]
    [message] = compose("Hello.", SMS_LIMIT, options)
    assert message == "Hello.\n\nReply with a number:\n1. What are bone metastases?\n2. Treating bone pain"
    assert compose("Hello.", SMS_LIMIT, options, numbered=False) == ["Hello."]


def test_numbered_list_gets_its_own_message_when_the_last_part_is_full():
    options = [Option(n, f"Topic number {n}", f"/t{n}") for n in range(1, 4)]
    chunks = compose(SENTENCE.strip() * 2, 150, options)
    assert all(len(c) <= 150 for c in chunks)
    assert chunks[-1].startswith("Reply with a number:") and "3. Topic number 3" in chunks[-1]


def test_response_text_and_buttons_from_a_rasa_response():
    message = {
        "text": "Answer.",
        "image": "https://example.org/x.png",
        "buttons": [{"title": "More", "payload": "/more"}, {"title": "", "payload": "/x"}],
    }
    assert response_text(message) == "Answer.\n\nhttps://example.org/x.png"
    assert response_buttons(message) == [{"title": "More", "payload": "/more"}]
    assert response_text({"image": "javascript:alert(1)"}) == ""


def test_pending_options_resolve_numbers_per_sender_and_turn(tmp_path):
    store = PendingOptions(tmp_path / "options.db")
    first = store.add("sms", "+15550001", [{"title": "A", "payload": "/a"}, {"title": "B", "payload": "/b"}])
    more = store.add("sms", "+15550001", [{"title": "C", "payload": "/c"}])
    assert [o.number for o in first + more] == [1, 2, 3]  # numbering continues within a turn
    assert store.resolve("sms", "+15550001", "2") == "/b"
    assert store.resolve("sms", "+15550001", " 3. ") == "/c"
    assert store.resolve("sms", "+15550001", "4") is None
    assert store.resolve("sms", "+15550002", "1") is None  # another person
    assert store.resolve("whatsapp", "+15550001", "1") is None  # another channel
    assert store.resolve("sms", "+15550001", "1 please") is None  # not a bare number
    # Survives a restart (a new store on the same file) …
    assert PendingOptions(tmp_path / "options.db").resolve("sms", "+15550001", "1") == "/a"
    # … and a new turn forgets the old options.
    store.start_turn("sms", "+15550001")
    assert store.resolve("sms", "+15550001", "1") is None
    # Senders are not stored in clear.
    assert b"15550001" not in (tmp_path / "options.db").read_bytes()


def test_pending_options_expire(tmp_path):
    store = PendingOptions(tmp_path / "options.db", ttl=-1)
    store.add("sms", "+1", [{"title": "A", "payload": "/a"}])
    assert store.resolve("sms", "+1", "1") is None


SECRETS = {
    "TELEGRAM_ACCESS_TOKEN": "123456:telegram-secret",
    "TWILIO_ACCOUNT_SID": "AC0123",
    "TWILIO_AUTH_TOKEN": "twilio-secret",
    "TWILIO_SMS_NUMBER": "+15550100",
    "TWILIO_WHATSAPP_NUMBER": "+15550101",
    "MESSENGER_PAGE_ACCESS_TOKEN": "page-secret",
    "MESSENGER_APP_SECRET": "app-secret",
    "MESSENGER_VERIFY_TOKEN": "verify-secret",
}


def test_no_channel_variables_means_only_rest_and_socketio(caplog):
    with caplog.at_level(logging.INFO, logger="bone_health.channels"):
        text = channel_config.credentials_yaml((ROOT / "credentials.yml").read_text(), {})
    assert set(yaml.safe_load(text)) == {"rest", "bot.channels.socketio.SocketIOInput"}
    for title in ("Telegram", "SMS (Twilio)", "WhatsApp (Twilio)", "Facebook Messenger"):
        assert f"Channel {title}: off" in caplog.text


def test_every_channel_on_with_secrets_kept_as_references(tmp_path, caplog):
    env = {**SECRETS, "SMS_MAX_CHARS": "160", "TELEGRAM_API_BASE": "http://127.0.0.1:9/tg"}
    with caplog.at_level(logging.INFO, logger="bone_health.channels"):
        path = channel_config.write_credentials(ROOT / "credentials.yml", tmp_path / "credentials.yml", env)
    text = path.read_text()
    for value in ("telegram-secret", "twilio-secret", "page-secret", "app-secret", "verify-secret"):
        assert value not in text and value not in caplog.text
    data = yaml.safe_load(text)
    assert set(data) == {
        "rest",
        "bot.channels.socketio.SocketIOInput",
        "bot.channels.telegram.TelegramInput",
        "bot.channels.twilio.SmsInput",
        "bot.channels.twilio.WhatsAppInput",
        "bot.channels.messenger.MessengerInput",
    }
    assert data["bot.channels.twilio.SmsInput"]["auth_token"] == "${TWILIO_AUTH_TOKEN}"
    assert data["bot.channels.twilio.SmsInput"]["max_chars"] == "160"
    assert data["bot.channels.telegram.TelegramInput"]["api_base"] == "http://127.0.0.1:9/tg"


def test_rasa_resolves_the_references_from_its_environment(tmp_path, monkeypatch):
    from rasa.shared.utils.io import read_config_file

    path = channel_config.write_credentials(ROOT / "credentials.yml", tmp_path / "credentials.yml", SECRETS)
    for key, value in SECRETS.items():
        monkeypatch.setenv(key, value)
    data = read_config_file(path)
    assert data["bot.channels.telegram.TelegramInput"]["access_token"] == "123456:telegram-secret"
    assert data["bot.channels.messenger.MessengerInput"]["app_secret"] == "app-secret"


def test_a_half_configured_channel_stays_off_with_a_warning(caplog):
    with caplog.at_level(logging.INFO, logger="bone_health.channels"):
        on = channel_config.enabled({"TWILIO_SMS_NUMBER": "+15550100", "TWILIO_ACCOUNT_SID": "AC1"})
    assert on == []
    warning = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warning) == 1 and "SMS (Twilio): off, TWILIO_AUTH_TOKEN not set" in warning[0].getMessage()
    assert re.search(r"WhatsApp \(Twilio\): off \(set ", caplog.text)  # not wanted: no warning


# -- request checks and payload parsing, offline ----------------------------------------------


def test_twilio_signature_covers_empty_fields_and_rejects_changes():
    from urllib.parse import parse_qs, urlencode

    from twilio.request_validator import RequestValidator

    from bot.channels.twilio import _Fields
    from tests.test_channels import twilio_form, twilio_signature

    url = "https://bot.example.org/webhooks/sms/webhook"
    form = twilio_form("+15550000001", "+15550100100", "hi")
    assert "" in form.values()  # Twilio sends empty fields and signs them
    fields = _Fields(parse_qs(urlencode(form), keep_blank_values=True))
    validator = RequestValidator("twilio-auth-token-for-tests")
    assert validator.validate(url, fields, twilio_signature(url, form))
    assert not validator.validate(url, fields, twilio_signature(url, {**form, "Body": "bye"}))
    assert not validator.validate(url.replace("sms", "whatsapp"), fields, twilio_signature(url, form))


def test_messenger_signature_prefers_sha256():
    import hashlib
    import hmac

    from bot.channels.messenger import signature_ok

    body = b'{"object":"page"}'
    good256 = "sha256=" + hmac.new(b"s", body, hashlib.sha256).hexdigest()
    good1 = "sha1=" + hmac.new(b"s", body, hashlib.sha1).hexdigest()
    assert signature_ok("s", body, good256, None)
    assert signature_ok("s", body, None, good1)
    assert not signature_ok("s", body, "sha256=" + "0" * 64, good1)  # a bad SHA-256 one is not rescued
    assert not signature_ok("s", body + b" ", good256, None)
    assert not signature_ok("s", body, None, None)


def test_telegram_updates_parsed_like_the_platform_sends_them():
    from bot.channels.telegram import TelegramInput, derived_secret

    chat = {"id": 42, "type": "private"}
    assert TelegramInput.parse({"update_id": 1, "message": {"chat": chat, "text": "/start"}}) == ("42", "/greet", None)
    assert TelegramInput.parse({"update_id": 1, "message": {"chat": chat, "text": "/start@BoneBot x"}})[1] == "/greet"
    assert TelegramInput.parse({"update_id": 1, "message": {"chat": chat, "photo": [{}]}}) == ("42", "", None)
    assert TelegramInput.parse({"update_id": 1, "edited_message": {"chat": chat, "text": "x"}}) is None
    query = {"id": "q1", "from": {"id": 42}, "message": {"chat": chat}, "data": "/ask_topic"}
    assert TelegramInput.parse({"update_id": 1, "callback_query": query}) == ("42", "/ask_topic", "q1")
    secret = derived_secret("123:abc")
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret) and secret != derived_secret("123:abd")
