"""Property-based tests (hypothesis, issue 14): the sanitiser, the REST body check, the messaging
channels' payload parsers and the running server's REST webhook, fed random Unicode, control
characters, huge and deeply nested JSON and wrong types.

Derandomized (the same examples on every run: CI stays reproducible) and without an example
database (nothing written into the repository). The server test is bounded to 60 examples.
"""

from __future__ import annotations

import json
import sqlite3
import string
import unicodedata
import uuid
from urllib.parse import urlencode

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.messenger import MessengerInput
from bot.channels.telegram import TelegramInput
from bot.channels.twilio import parse_form
from bot.nlu.components import sanitize
from bot.serve import guard
from bot.settings import Settings

FAST = settings(max_examples=300, deadline=None, derandomize=True, database=None)
SERVER = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LIMITS = Settings.from_env({})  # the defaults: 1000 characters, 256 KiB

# Any text, control and format characters and full-width forms included, sometimes long.
TEXT = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "So"]), max_size=40),
    st.text(alphabet=st.sampled_from(list("ｃａｎ＇ｔ ｆｅｅｌ ﬁ ① ²\u00a0\u200b\x00\n\t")), max_size=60),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(200, 800)),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
SENDERS = st.one_of(
    st.text(alphabet=string.ascii_letters + string.digits + "._:@-", min_size=1, max_size=40),
    st.text(max_size=20),
    JSON,
)


@FAST
@given(TEXT, st.integers(1, 1200))
def test_sanitize_bounds_cleans_and_normalises(text, max_chars):
    cleaned = sanitize(text, max_chars)
    assert len(cleaned) <= max_chars
    assert not any(unicodedata.category(ch)[0] == "C" for ch in cleaned)
    assert cleaned == " ".join(cleaned.split())  # whitespace collapsed, nothing at the ends
    assert sanitize(cleaned, max_chars) == cleaned  # a second pass changes nothing


@FAST
@given(st.one_of(st.binary(max_size=200), JSON.map(lambda v: json.dumps(v).encode())))
def test_rest_body_check_accepts_only_well_formed_bodies(raw):
    try:
        body = guard.parse_rest_body(raw, LIMITS)
    except guard.Refused as refused:
        assert refused.status in (400, 413) and set(refused.body) >= {"error", "detail"}
        return
    assert guard.SENDER.fullmatch(body["sender"]) and isinstance(body["message"], str)
    assert len(body["message"]) <= LIMITS.max_message_chars


@FAST
@given(st.dictionaries(st.sampled_from(["update_id", "message", "callback_query", "edited_message"]), JSON))
def test_telegram_parser_never_fails_on_an_update(update):
    parsed = TelegramInput.parse(update)
    assert parsed is None or (isinstance(parsed[0], str) and isinstance(parsed[1], str))


TELEGRAM_SHAPED = st.fixed_dictionaries(
    {"update_id": st.integers()},
    optional={
        "message": st.fixed_dictionaries({}, optional={"chat": JSON, "text": JSON, "from": JSON}),
        "callback_query": st.fixed_dictionaries({}, optional={"message": JSON, "from": JSON, "data": JSON, "id": JSON}),
    },
)


@FAST
@given(TELEGRAM_SHAPED)
def test_telegram_parser_never_fails_on_nearly_right_shapes(update):
    parsed = TelegramInput.parse(update)
    assert parsed is None or (isinstance(parsed[0], str) and isinstance(parsed[1], str))


MESSENGER_SHAPED = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {},
        optional={
            "sender": st.one_of(JSON, st.fixed_dictionaries({"id": JSON})),
            "message": st.one_of(JSON, st.fixed_dictionaries({}, optional={"text": JSON, "quick_reply": JSON, "mid": JSON, "is_echo": JSON})),
            "postback": st.one_of(JSON, st.fixed_dictionaries({}, optional={"payload": JSON, "title": JSON, "mid": JSON})),
        },
    ),
)  # fmt: skip


@FAST
@given(MESSENGER_SHAPED)
def test_messenger_parser_never_fails_on_an_event(event):
    parsed = MessengerInput.parse(event)
    assert parsed is None or (isinstance(parsed[0], str) and isinstance(parsed[1], str))
    assert parsed is None or parsed[2] is None or isinstance(parsed[2], str)  # the duplicate check's key


TWILIO_FIELDS = st.dictionaries(
    st.sampled_from(["From", "Body", "MessageSid", "To", "NumMedia", ""]) | st.text(max_size=10), TEXT, max_size=6
)


@FAST
@given(st.one_of(st.binary(max_size=300), TWILIO_FIELDS.map(lambda f: urlencode(f).encode())))
def test_twilio_form_parser_keeps_every_field_and_never_fails(body):
    form = parse_form(body)
    assert all(isinstance(k, str) and v and all(isinstance(x, str) for x in form.getlist(k)) for k, v in form.items())


@FAST
@given(TWILIO_FIELDS)
def test_twilio_form_parser_reads_back_what_twilio_sent(fields):
    form = parse_form(urlencode(fields).encode())
    assert {k: form.getlist(k)[0] for k in form} == fields


# -- the running server's REST webhook ------------------------------------------------------------

# Half well-formed (random text, control characters, full-width forms, long messages, small
# metadata), half wrong: wrong types, odd senders, deeply nested JSON, any JSON value.
VALID_BODIES = st.fixed_dictionaries(
    {"sender": st.just("fuzz"), "message": TEXT},
    optional={"metadata": st.dictionaries(st.text(max_size=8), JSON, max_size=3)},
)
WRONG_BODIES = st.one_of(
    st.fixed_dictionaries({"sender": SENDERS, "message": JSON}, optional={"input_channel": JSON, "metadata": JSON}),
    # Deeply nested JSON, as raw bytes (json.dumps itself would recurse too deep).
    st.integers(10, 50_000)
    .map(lambda depth: '{"sender": "fuzz", "message": "hi", "metadata": ' + "[" * depth + "]" * depth + "}")
    .map(str.encode),
    JSON,
)
REST_BODIES = st.one_of(VALID_BODIES, WRONG_BODIES)  # fmt: skip


def test_rest_webhook_never_fails_and_stores_only_bounded_text(running_bot):
    statuses = []

    @SERVER
    @given(REST_BODIES)
    def post_anything(body):
        sender = f"fuzz-{uuid.uuid4().hex}"  # one conversation per example
        if isinstance(body, dict) and body.get("sender") == "fuzz":
            body = {**body, "sender": sender}
        data = body.replace(b'"fuzz"', f'"{sender}"'.encode(), 1) if isinstance(body, bytes) else json.dumps(body)
        response = requests.post(
            running_bot.rest_url, data=data, headers={"Content-Type": "application/json"}, timeout=60
        )
        assert response.status_code in (200, 400, 413, 429), (response.status_code, response.text[:200])
        assert isinstance(response.json(), list | dict)
        statuses.append(response.status_code)

    post_anything()
    assert statuses.count(200) >= 10 and statuses.count(400) >= 10, statuses  # both paths were exercised

    # The server is still up and answers, and every stored message is within the bound and clean.
    assert requests.get(running_bot.base_url + "/", timeout=10).status_code == 200
    assert running_bot.say("what is Xgeva?")
    with sqlite3.connect(running_bot.settings.var_dir / "tracker.db") as db:
        rows = db.execute("select data from events where type_name = 'user' and sender_id like 'fuzz-%'").fetchall()
    assert len(rows) >= 10
    for (data,) in rows:
        text = json.loads(data).get("text") or ""
        assert len(text) <= 1000 and not any(unicodedata.category(ch) == "Cc" for ch in text)
