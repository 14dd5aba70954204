"""Caregivers' messaging channels end to end, without the internet.

The real Rasa and action servers run with every channel switched on by environment variables; each
platform's webhook payload (real shape) is posted to the local server, and the platform's API is a
local stand-in (the only fake here) that records the calls the connectors make. SMS runs with
SMS_MAX_CHARS=160 so a real answer has to be split.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from tests.conftest import free_port, start_bot, wait_until

TELEGRAM_TOKEN = "123456789:AAtest-token"
TELEGRAM_SECRET = "telegram-webhook-secret"
TWILIO_SID = "AC00000000000000000000000000000001"
TWILIO_TOKEN = "twilio-auth-token-for-tests"
SMS_NUMBER = "+15550100100"
WHATSAPP_NUMBER = "+15550100101"
FB_TOKEN = "fb-page-access-token"
FB_SECRET = "fb-app-secret"
FB_VERIFY = "fb-verify-token"
SMS_MAX = 160


class PlatformStandIn:
    """Local stand-in for the Telegram Bot API, Twilio's Messages API and Messenger's Send API."""

    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []
        self.lock = threading.Lock()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                url = urlparse(self.path)
                call = {"path": url.path, "query": parse_qs(url.query), "headers": dict(self.headers)}
                if "json" in (self.headers.get("Content-Type") or ""):
                    call["json"] = json.loads(raw or b"{}")
                else:
                    call["form"] = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                with stand_in.lock:
                    stand_in.calls.append(call)
                status, body = stand_in.answer(url.path)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @staticmethod
    def answer(path: str):
        if path.endswith("/setWebhook"):
            # Telegram unreachable or failing at start-up must not stop the server.
            return 502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        if path.startswith("/telegram/"):
            return 200, {"ok": True, "result": {"message_id": int(time.time())}}
        if path.startswith("/twilio/"):
            return 201, {"sid": "SM" + uuid.uuid4().hex, "status": "queued"}
        return 200, {"recipient_id": "x", "message_id": "m_" + uuid.uuid4().hex}

    def take(self, predicate) -> List[Dict[str, Any]]:
        with self.lock:
            return [c for c in self.calls if predicate(c)]

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="module")
def stand_in():
    server = PlatformStandIn()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def channel_bot(stand_in, tmp_path_factory):
    env = {
        "TELEGRAM_ACCESS_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "TELEGRAM_SET_WEBHOOK": "true",
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
        "TELEGRAM_API_BASE": f"{stand_in.base}/telegram",
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_SMS_NUMBER": SMS_NUMBER,
        "TWILIO_WHATSAPP_NUMBER": WHATSAPP_NUMBER,
        "TWILIO_API_BASE": f"{stand_in.base}/twilio",
        "SMS_MAX_CHARS": str(SMS_MAX),
        "MESSENGER_PAGE_ACCESS_TOKEN": FB_TOKEN,
        "MESSENGER_APP_SECRET": FB_SECRET,
        "MESSENGER_VERIFY_TOKEN": FB_VERIFY,
        "MESSENGER_API_BASE": f"{stand_in.base}/messenger/v18.0",
    }
    bot = start_bot(tmp_path_factory.mktemp("channels-var"), extra_env=env)
    yield bot
    bot.supervisor.stop()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> List[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", flat(text)) if s]


# -- Telegram ----------------------------------------------------------------------------------


def telegram_update(chat_id: int, text: str) -> Dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Sam", "language_code": "en"}
    return {
        "update_id": int(time.time() * 1000) % 10**9,
        "message": {
            "message_id": 17,
            "from": user,
            "chat": {"id": chat_id, "first_name": "Sam", "type": "private"},
            "date": int(time.time()),
            "text": text,
        },
    }


def telegram_button(chat_id: int, data: str) -> Dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Sam"}
    return {
        "update_id": int(time.time() * 1000) % 10**9 + 1,
        "callback_query": {
            "id": f"cb{uuid.uuid4().hex[:12]}",
            "from": user,
            "chat_instance": "-4242",
            "message": {
                "message_id": 18,
                "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
                "chat": {"id": chat_id, "type": "private"},
                "date": int(time.time()),
                "text": "…",
            },
            "data": data,
        },
    }


def post_telegram(bot, update, secret=TELEGRAM_SECRET):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    return requests.post(f"{bot.base_url}/webhooks/telegram/webhook", json=update, headers=headers, timeout=60)


def telegram_sent(stand_in, chat_id: int) -> List[Dict[str, Any]]:
    return stand_in.take(
        lambda c: c["path"] == f"/telegram/bot{TELEGRAM_TOKEN}/sendMessage" and c["json"].get("chat_id") == str(chat_id)
    )


def test_telegram_start_registers_the_webhook_in_the_background_and_survives_a_failure(channel_bot, stand_in):
    calls = wait_until(lambda: stand_in.take(lambda c: c["path"].endswith("/setWebhook")), timeout=30)
    assert calls, "setWebhook was not called with TELEGRAM_SET_WEBHOOK=true"
    assert calls[0]["json"]["url"] == "https://bot.example.org/webhooks/telegram/webhook"
    assert calls[0]["json"]["secret_token"] == TELEGRAM_SECRET
    assert requests.get(f"{channel_bot.base_url}/webhooks/telegram/", timeout=10).json() == {"status": "ok"}


def test_telegram_answer_with_source_and_inline_buttons_then_a_button_press(channel_bot, stand_in, content):
    chat = 700000001
    assert post_telegram(channel_bot, telegram_update(chat, "what is osteonecrosis of the jaw?")).status_code == 200
    [sent] = telegram_sent(stand_in, chat)
    topic = content.topics["onj_what"]
    assert flat(topic.answer) in flat(sent["json"]["text"]) and "Source:" in sent["json"]["text"]
    assert "parse_mode" not in sent["json"]  # plain text: never read as markup
    keyboard = sent["json"]["reply_markup"]["inline_keyboard"]
    related = [content.topics[r] for r in topic.related]
    votes = ["Yes, this helped", "No, it did not"]  # "Was this helpful?" (issue 15)
    assert [row[0]["text"] for row in keyboard] == [t.title for t in related] + votes
    assert all(len(row) == 1 and len(row[0]["callback_data"].encode()) <= 64 for row in keyboard)

    assert post_telegram(channel_bot, telegram_button(chat, keyboard[0][0]["callback_data"])).status_code == 200
    assert stand_in.take(lambda c: c["path"].endswith("/answerCallbackQuery"))
    replies = telegram_sent(stand_in, chat)
    assert len(replies) == 2 and flat(related[0].answer) in flat(replies[1]["json"]["text"])

    # The "No" button of that answer: other answers and the care team.
    no = replies[1]["json"]["reply_markup"]["inline_keyboard"][-1][0]
    assert no["text"] == "No, it did not"
    assert post_telegram(channel_bot, telegram_button(chat, no["callback_data"])).status_code == 200
    sorry = telegram_sent(stand_in, chat)[2]["json"]
    assert sorry["text"].startswith("Sorry it did not help.")
    assert sorry["reply_markup"]["inline_keyboard"][-1][0]["text"] == "Ask my care team"


def test_telegram_start_command_greets(channel_bot, stand_in):
    chat = 700000002
    post_telegram(channel_bot, telegram_update(chat, "/start"))
    [sent] = telegram_sent(stand_in, chat)
    assert "not medical advice" in sent["json"]["text"] and sent["json"]["reply_markup"]["inline_keyboard"]


def test_telegram_a_word_switches_the_language_and_the_replies_follow_it(channel_bot, stand_in, content):
    """Issue 12: "Español" is remembered for the chat; a question the detector alone would call English is
    answered in Spanish, with Spanish buttons; "english" switches back."""
    chat = 700000013

    def say(update) -> Dict[str, Any]:
        before = len(telegram_sent(stand_in, chat))
        assert post_telegram(channel_bot, update).status_code == 200
        [reply] = telegram_sent(stand_in, chat)[before:]
        return reply["json"]

    greeting = say(telegram_update(chat, "Español"))
    assert greeting["text"].startswith("Hola") and "no es consejo médico" in greeting["text"]

    answer = say(telegram_update(chat, "what is xgeva"))
    topic = content.topics["denosumab_what"]
    assert flat(content.spanish[topic.id].answer) in flat(answer["text"]) and "Información educativa" in answer["text"]
    keyboard = answer["reply_markup"]["inline_keyboard"]
    related = [content.title(content.topics[r], "es") for r in topic.related]
    assert [row[0]["text"] for row in keyboard] == related + ["Sí, me ayudó", "No me ayudó"]

    # A Spanish topic button (a payload, not read for its language) is answered in Spanish too.
    button_answer = say(telegram_button(chat, keyboard[0][0]["callback_data"]))
    assert flat(content.spanish[topic.related[0]].answer) in flat(button_answer["text"])

    assert say(telegram_update(chat, "english"))["text"].startswith("Hi, I'm Bone Health Companion")
    assert flat(topic.answer) in flat(say(telegram_update(chat, "what is xgeva"))["text"])


def test_telegram_language_choice_survives_a_restart(channel_bot, stand_in, content):
    """Issue 12: the choice is kept in the tracker (slot chosen_language), not only in the process: after
    a restart of every server, an English-looking question in that chat is still answered in Spanish."""
    chat = 700000014

    def say(text: str) -> Dict[str, Any]:
        before = len(telegram_sent(stand_in, chat))
        assert post_telegram(channel_bot, telegram_update(chat, text)).status_code == 200
        return telegram_sent(stand_in, chat)[before:][0]["json"]

    assert say("español")["text"].startswith("Hola")
    channel_bot.restart()
    answer = say("what is xgeva")
    assert flat(content.spanish["denosumab_what"].answer) in flat(answer["text"]), answer["text"]


def test_telegram_refuses_a_forged_update(channel_bot, stand_in):
    chat = 700000003
    assert post_telegram(channel_bot, telegram_update(chat, "hi"), secret=None).status_code == 403
    assert post_telegram(channel_bot, telegram_update(chat, "hi"), secret="guessed").status_code == 403
    assert telegram_sent(stand_in, chat) == []


# -- Twilio SMS and WhatsApp -------------------------------------------------------------------


def twilio_signature(url: str, params: Dict[str, str], token: str = TWILIO_TOKEN) -> str:
    """Twilio's documented scheme: HMAC-SHA1 of the URL followed by each POST field name and value,
    sorted by name, base64-encoded."""
    signed = url + "".join(name + params[name] for name in sorted(params))
    return base64.b64encode(hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()).decode()


def twilio_form(sender: str, to: str, body: str) -> Dict[str, str]:
    sid = "SM" + uuid.uuid4().hex
    return {
        "ToCountry": "US",
        "ToState": "CA",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": sid,
        "FromState": "CA",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": body,
        "FromCountry": "US",
        "To": to,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }


def post_twilio(bot, channel: str, form: Dict[str, str], signature: str = "sign"):
    url = f"{bot.base_url}/webhooks/{channel}/webhook"
    headers = {"X-Twilio-Signature": twilio_signature(url, form) if signature == "sign" else signature}
    if signature is None:
        headers = {}
    return requests.post(url, data=form, headers=headers, timeout=60)


def twilio_sent(stand_in, to: str) -> List[Dict[str, Any]]:
    return stand_in.take(
        lambda c: c["path"] == f"/twilio/2010-04-01/Accounts/{TWILIO_SID}/Messages.json" and c["form"].get("To") == to
    )


def test_sms_answer_is_split_within_the_limit_with_numbered_options_and_reply_1_picks(channel_bot, stand_in, content):
    caregiver = "+15557770001"
    response = post_twilio(channel_bot, "sms", twilio_form(caregiver, SMS_NUMBER, "what is osteonecrosis of the jaw?"))
    assert response.status_code == 200 and "<Response>" in response.text
    sent = twilio_sent(stand_in, caregiver)
    bodies = [c["form"]["Body"] for c in sent]
    assert len(bodies) > 1 and all(len(b) <= SMS_MAX for b in bodies), [len(b) for b in bodies]
    assert all(c["form"]["From"] == SMS_NUMBER for c in sent)
    assert (
        sent[0]["headers"]["Authorization"]
        == "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
    )
    topic = content.topics["onj_what"]
    for sentence in sentences(topic.answer):  # split at sentence boundaries: each sentence in one SMS
        assert any(sentence in flat(b) for b in bodies), sentence
    assert flat(topic.answer) in flat(" ".join(bodies)) and "Source:" in " ".join(bodies)
    related = [content.topics[r] for r in topic.related]
    options = "\n".join(bodies[-2:])
    assert "Reply with a number:" in options
    for number, item in enumerate(related, 1):
        assert f"{number}. {item.title}" in options

    post_twilio(channel_bot, "sms", twilio_form(caregiver, SMS_NUMBER, "2"))
    after = [c["form"]["Body"] for c in twilio_sent(stand_in, caregiver)][len(bodies) :]
    assert after and sentences(related[1].answer)[0] in flat(" ".join(after))


def test_sms_red_flag_from_a_caregiver_gets_the_emergency_message_first(channel_bot, stand_in):
    caregiver = "+15557770009"
    post_twilio(channel_bot, "sms", twilio_form(caregiver, SMS_NUMBER, "my husband can't move his legs"))
    bodies = [c["form"]["Body"] for c in twilio_sent(stand_in, caregiver)]
    assert bodies and "911" in bodies[0], bodies


def test_sms_refuses_forged_requests(channel_bot, stand_in):
    caregiver = "+15557770002"
    form = twilio_form(caregiver, SMS_NUMBER, "hi")
    assert post_twilio(channel_bot, "sms", form, signature=None).status_code == 403
    assert post_twilio(channel_bot, "sms", form, signature="bm90IGEgc2lnbmF0dXJl").status_code == 403
    signed_for_other_body = twilio_signature(f"{channel_bot.base_url}/webhooks/sms/webhook", {**form, "Body": "bye"})
    assert post_twilio(channel_bot, "sms", form, signature=signed_for_other_body).status_code == 403
    wrong_key = twilio_signature(f"{channel_bot.base_url}/webhooks/sms/webhook", form, token="not-the-token")
    assert post_twilio(channel_bot, "sms", form, signature=wrong_key).status_code == 403
    assert twilio_sent(stand_in, caregiver) == []


def test_whatsapp_answer_with_numbered_options_from_the_whatsapp_number(channel_bot, stand_in, content):
    caregiver = "whatsapp:+15557770003"
    form = twilio_form(caregiver, f"whatsapp:{WHATSAPP_NUMBER}", "what is osteonecrosis of the jaw?")
    assert post_twilio(channel_bot, "whatsapp", form).status_code == 200
    sent = twilio_sent(stand_in, caregiver)
    assert sent and all(c["form"]["From"] == f"whatsapp:{WHATSAPP_NUMBER}" for c in sent)
    bodies = [c["form"]["Body"] for c in sent]
    assert len(bodies) == 1 and len(bodies[0]) <= 1600  # fits WhatsApp's 1600: one message
    topic = content.topics["onj_what"]
    assert flat(topic.answer) in flat(bodies[0])
    assert f"1. {content.topics[topic.related[0]].title}" in bodies[0]
    forged = twilio_form("whatsapp:+15557770004", f"whatsapp:{WHATSAPP_NUMBER}", "hi")
    assert post_twilio(channel_bot, "whatsapp", forged, signature="AAAA").status_code == 403
    assert twilio_sent(stand_in, "whatsapp:+15557770004") == []


# -- Facebook Messenger ------------------------------------------------------------------------


def messenger_event(psid: str, message: Dict[str, Any]) -> bytes:
    return json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE_ID",
                    "time": int(time.time() * 1000),
                    "messaging": [
                        {
                            "sender": {"id": psid},
                            "recipient": {"id": "PAGE_ID"},
                            "timestamp": int(time.time() * 1000),
                            "message": {"mid": "m_" + uuid.uuid4().hex, **message},
                        }
                    ],
                }
            ],
        }
    ).encode()


def post_messenger(bot, body: bytes, secret: str = FB_SECRET, header: str = "X-Hub-Signature-256"):
    algorithm = hashlib.sha256 if header.endswith("256") else hashlib.sha1
    prefix = "sha256=" if header.endswith("256") else "sha1="
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[header] = prefix + hmac.new(secret.encode(), body, algorithm).hexdigest()
    return requests.post(f"{bot.base_url}/webhooks/facebook/webhook", data=body, headers=headers, timeout=60)


def messenger_sent(stand_in, psid: str) -> List[Dict[str, Any]]:
    return stand_in.take(lambda c: c["path"] == "/messenger/v18.0/me/messages" and c["json"]["recipient"]["id"] == psid)


def test_messenger_answer_with_quick_replies_then_a_quick_reply(channel_bot, stand_in, content):
    psid = "2400000000000001"
    response = post_messenger(channel_bot, messenger_event(psid, {"text": "what is osteonecrosis of the jaw?"}))
    assert response.status_code == 200
    [sent] = messenger_sent(stand_in, psid)
    assert sent["query"]["access_token"] == [FB_TOKEN]
    assert sent["json"]["messaging_type"] == "RESPONSE"
    message = sent["json"]["message"]
    topic = content.topics["onj_what"]
    related = [content.topics[r] for r in topic.related]
    assert flat(topic.answer) in flat(message["text"]) and len(message["text"]) <= 2000
    quick = message["quick_replies"]
    votes = ['/feedback{"helpful":true,"topic":"onj_what"}', '/feedback{"helpful":false,"topic":"onj_what"}']
    assert [q["payload"] for q in quick] == [f'/ask_topic{{"topic":"{t.id}"}}' for t in related] + votes
    assert all(len(q["title"]) <= 20 for q in quick)
    if any(len(t.title) > 20 for t in related):  # titles too long for Messenger: numbered in the text
        assert [q["title"] for q in quick] == [str(n) for n in range(1, len(related) + 3)]
        assert f"1. {related[0].title}" in message["text"]
        assert f"{len(related) + 2}. No, it did not" in message["text"]

    post_messenger(
        channel_bot, messenger_event(psid, {"text": quick[0]["title"], "quick_reply": {"payload": quick[0]["payload"]}})
    )
    replies = messenger_sent(stand_in, psid)
    assert len(replies) == 2 and flat(related[0].answer) in flat(replies[1]["json"]["message"]["text"])


def test_messenger_accepts_the_older_sha1_signature(channel_bot, stand_in):
    psid = "2400000000000004"
    post_messenger(channel_bot, messenger_event(psid, {"text": "hi"}), header="X-Hub-Signature")
    [sent] = messenger_sent(stand_in, psid)
    assert "not medical advice" in sent["json"]["message"]["text"]


def test_messenger_refuses_forged_requests_and_wrong_verify_tokens(channel_bot, stand_in):
    psid = "2400000000000002"
    body = messenger_event(psid, {"text": "hi"})
    assert post_messenger(channel_bot, body, secret=None).status_code == 403
    assert post_messenger(channel_bot, body, secret="guessed-secret").status_code == 403
    signature = "sha256=" + hmac.new(FB_SECRET.encode(), body, hashlib.sha256).hexdigest()
    tampered = body.replace(b'"hi"', b'"yo"')
    assert (
        requests.post(
            f"{channel_bot.base_url}/webhooks/facebook/webhook",
            data=tampered,
            timeout=30,
            headers={"X-Hub-Signature-256": signature},
        ).status_code
        == 403
    )
    assert messenger_sent(stand_in, psid) == []

    url = f"{channel_bot.base_url}/webhooks/facebook/webhook"
    ok = requests.get(
        url, params={"hub.mode": "subscribe", "hub.verify_token": FB_VERIFY, "hub.challenge": "1158201444"}, timeout=10
    )
    assert ok.status_code == 200 and ok.text == "1158201444"
    bad = requests.get(
        url, params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"}, timeout=10
    )
    assert bad.status_code == 403


def test_messenger_ignores_echoes_and_delivery_receipts(channel_bot, stand_in):
    psid = "2400000000000003"
    echo = messenger_event(psid, {"text": "hi", "is_echo": True})
    delivery = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE_ID",
                    "time": 1,
                    "messaging": [
                        {
                            "sender": {"id": psid},
                            "recipient": {"id": "PAGE_ID"},
                            "delivery": {"mids": ["m_1"], "watermark": 1},
                        }
                    ],
                }
            ],
        }
    ).encode()
    assert post_messenger(channel_bot, echo).status_code == 200
    assert post_messenger(channel_bot, delivery).status_code == 200
    assert messenger_sent(stand_in, psid) == []


def test_server_log_holds_no_message_text_numbers_or_secrets(channel_bot):
    log = (channel_bot.settings.var_dir / "rasa.log").read_text(errors="replace")
    for private in (
        "osteonecrosis",
        "+1555777",
        "whatsapp:+1555",
        "2400000000000001",
        "700000001",
        TELEGRAM_TOKEN,
        TWILIO_TOKEN,
        FB_TOKEN,
        FB_SECRET,
        TELEGRAM_SECRET,
    ):
        assert private not in log, private
    assert "refused a webhook call" in log  # the forged requests were logged, without their content
