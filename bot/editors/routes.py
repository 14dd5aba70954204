"""`/editors/` on WEB_PORT: the content editors' page behind its own token (EDITORS_TOKEN).

Why its own token: editors see questions strangers typed (scrubbed, yet still sensitive) and need
neither the care team's tickets nor the staff lookup. The rules:

- EDITORS_TOKEN unset: every /editors/ path is 404 (the page is off).
- Browser: `/editors/` without a session shows a login form that POSTs the token (never in a URL);
  the right token gets a session cookie (HttpOnly, SameSite=Strict, Path=/editors/, Secure over TLS,
  8 hours): an HMAC of its expiry keyed by the token, so no server state, nothing to steal but the
  cookie, and changing the token ends every session. A wrong token is 401.
- Scripts: `Authorization: Bearer <token>` on `/editors/api/summary` (JSON) and `/editors/snippet`.
  A wrong or missing bearer token is 401.
- Every 401 counts toward AUTH_FAILURES_PER_ADDRESS in bot.serve.web (then 429). The web server
  keeps no access log; the token is compared in constant time and never logged or echoed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any, Dict, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

from bot import content as content_mod
from bot import settings
from bot.content import review
from bot.editors import groups as grouping
from bot.editors import page

PREFIX = "/editors"
COOKIE = "bh_editors"
SESSION_SECONDS = 8 * 3600
MAX_FORM_BYTES = 4096
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC = {"editors.css": "text/css; charset=utf-8", "editors.js": "text/javascript; charset=utf-8"}
_stores: Dict[str, Any] = {}  # FeedbackStore per URL, shared by the server's threads


def handles(path: str) -> bool:
    route = path.split("?", 1)[0]
    return route == PREFIX or route.startswith(PREFIX + "/")


def session_value(token: str, expires: int) -> str:
    mac = hmac.new(token.encode(), f"bone-health-editors:{expires}".encode(), hashlib.sha256).hexdigest()
    return f"{expires}.{mac}"


def valid_session(token: str, value: str, now: Optional[float] = None) -> bool:
    expires, _, _ = (value or "").partition(".")
    if not expires.isdigit() or int(expires) < (now or time.time()):
        return False
    return hmac.compare_digest(session_value(token, int(expires)).encode(), value.encode())


def _cookie(headers) -> str:
    try:
        jar = SimpleCookie(headers.get("Cookie") or "")
    except CookieError:
        return ""
    return jar[COOKIE].value if COOKIE in jar else ""


def credentials(headers, token: str) -> Tuple[bool, bool]:
    """(authorised, a wrong token was given). A bearer header decides alone; else the session cookie
    (an expired or stale cookie is no credential: the login form comes back, no 401)."""
    auth = headers.get("Authorization") or ""
    if auth:
        scheme, _, given = auth.partition(" ")
        ok = scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())
        return ok, not ok
    return valid_session(token, _cookie(headers)), False


def store(url: str):
    from bot.feedback.store import FeedbackStore

    if url not in _stores:
        _stores[url] = FeedbackStore(url)
    return _stores[url]


def summary(common: settings.Settings, content) -> page.Summary:
    """Everything the page shows, read now (a question kept a second ago is on the next load)."""
    feedback = store(common.feedback_db_url)
    rows = feedback.unanswered(limit=1000)
    return page.Summary(
        groups=grouping.group(rows, content),
        helpfulness=feedback.helpfulness_by_topic(),
        weekly=feedback.weekly_rates(),
        ages=review.ages(content),
        capture_on=common.unanswered_capture,
        retention_days=common.unanswered_retention_days,
        generated=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )


def summary_json(data: page.Summary) -> Dict[str, Any]:
    return {
        "generated": data.generated,
        "unanswered_groups": [
            {
                "id": g.id,
                "language": g.language,
                "label": g.label,
                "count": g.count,
                "questions": g.questions,
                "reasons": g.reasons,
                "topics": g.topics,
                "last_day": g.last_day,
            }
            for g in data.groups
        ],
        "helpfulness": [{"topic": t, "yes": y, "no": n} for t, y, n in data.helpfulness],
        "weekly": [{"week": str(w), "answered": a, "fallback": f, "escalated": e} for w, a, f, e in data.weekly],
        "review": [
            {
                "topic": r.id,
                "language": r.language,
                "reviewed": str(r.reviewed.date),
                "by": r.reviewed.by,
                "days": r.days,
                "due": r.due,
                "old_sources_only": r.old_sources_only,
            }
            for r in data.ages
        ],
    }


def make_snippet(data: page.Summary, content, group_id: str, topic_id: str) -> Tuple[int, Dict[str, Any]]:
    group = grouping.find(data.groups, group_id)
    if group is None:
        return 404, {"error": "unknown_group", "detail": "That group is gone (purged or regrouped): reload the page."}
    if topic_id not in content.topics:
        return 400, {"error": "unknown_topic", "detail": "Choose a topic id from the list."}
    text = grouping.snippet(content, topic_id, [q for q, _ in group.questions], group.language)
    return 200, {"group": group.id, "topic": topic_id, "snippet": text}


# -- responses -------------------------------------------------------------------------------------


def _send(handler, status: int, body: bytes, content_type: str, headers: Optional[Dict[str, str]] = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Cache-Control", "no-store")
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def _html(handler, status: int, text: str, headers: Optional[Dict[str, str]] = None) -> None:
    _send(handler, status, text.encode("utf-8"), "text/html; charset=utf-8", headers)


def _json(handler, status: int, payload: Dict[str, Any], headers: Optional[Dict[str, str]] = None) -> None:
    _send(
        handler,
        status,
        json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        "application/json; charset=utf-8",
        headers,
    )


def _cookie_header(value: str, max_age: int, secure: bool) -> str:
    flags = f"{COOKIE}={value}; Path={PREFIX}/; Max-Age={max_age}; HttpOnly; SameSite=Strict"
    return flags + ("; Secure" if secure else "")


def _same_origin(handler) -> bool:
    """A browser's POST from another site names that site's origin: refuse it (login CSRF). The
    pages send Referrer-Policy no-referrer, so a browser names their own origin "null": allowed."""
    origin = handler.headers.get("Origin")
    if not origin or origin == "null":
        return True
    return (urlsplit(origin).netloc or "").lower() == (handler.headers.get("Host") or "").lower()


def _form(handler) -> Optional[Dict[str, str]]:
    try:
        length = int(handler.headers.get("Content-Length") or 0)
    except ValueError:
        return None
    if length < 0 or length > MAX_FORM_BYTES:
        return None
    fields = parse_qs(handler.rfile.read(length).decode("utf-8", "replace"), max_num_fields=10)
    return {key: values[0] for key, values in fields.items()}


UNAUTHORISED = {"error": "unauthorised", "detail": "Give the editors' token: Authorization: Bearer <EDITORS_TOKEN>."}
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="editors"'}


def serve(handler, method: str, secure: bool = False, env=None) -> None:
    """Answer one /editors request on `handler` (a BaseHTTPRequestHandler). `secure`: served over TLS."""
    token = settings.get("EDITORS_TOKEN", env)
    parts = urlsplit(handler.path)
    route, query = parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}
    if not token:
        _send(handler, 404, b"Not found\n", "text/plain; charset=utf-8")
        return
    if route == PREFIX:
        _send(handler, 301, b"", "text/plain; charset=utf-8", {"Location": PREFIX + "/"})
        return
    if route.startswith(f"{PREFIX}/static/") and method in ("GET", "HEAD"):
        name = route.rsplit("/", 1)[-1]
        if name in STATIC:
            _send(handler, 200, (STATIC_DIR / name).read_bytes(), STATIC[name])
        else:
            _send(handler, 404, b"Not found\n", "text/plain; charset=utf-8")
        return
    if method == "POST":
        _post(handler, route, token, secure)
        return
    ok, wrong = credentials(handler.headers, token)
    if route == PREFIX + "/":
        if wrong:
            _html(handler, 401, page.login_page("Wrong token."), CHALLENGE)
        elif not ok:
            _html(handler, 200, page.login_page())
        else:
            _page(handler, query)
        return
    if route in (f"{PREFIX}/snippet", f"{PREFIX}/api/summary"):
        if not ok:
            _json(handler, 401, UNAUTHORISED, CHALLENGE)
            return
        content = content_mod.load()
        data = summary(settings.Settings.from_env(env), content)
        if route.endswith("/summary"):
            _json(handler, 200, summary_json(data))
        else:
            _json(handler, *make_snippet(data, content, query.get("group", ""), query.get("topic", "")))
        return
    _send(handler, 404, b"Not found\n", "text/plain; charset=utf-8")


def _page(handler, query: Dict[str, str]) -> None:
    content = content_mod.load()
    data = summary(settings.Settings.from_env(), content)
    shown = None
    if query.get("group") and query.get("topic"):
        status, body = make_snippet(data, content, query["group"], query["topic"])
        if status == 200:
            shown = (body["group"], body["topic"], body["snippet"])
    _html(handler, 200, page.render(data, content, shown))


def _post(handler, route: str, token: str, secure: bool) -> None:
    if not _same_origin(handler):
        _send(handler, 403, b"Cross-site form refused\n", "text/plain; charset=utf-8")
        return
    if route == f"{PREFIX}/logout":
        headers = {"Location": PREFIX + "/", "Set-Cookie": _cookie_header("", 0, secure)}
        _send(handler, 303, b"", "text/plain; charset=utf-8", headers)
        return
    if route != f"{PREFIX}/login":
        _send(handler, 404, b"Not found\n", "text/plain; charset=utf-8")
        return
    form = _form(handler)
    if form is None:
        _send(handler, 413, b"Form too large\n", "text/plain; charset=utf-8")
        return
    given = form.get("token", "")
    if not hmac.compare_digest(given.encode(), token.encode()):
        _html(handler, 401, page.login_page("Wrong token."), CHALLENGE)
        return
    expires = int(time.time()) + SESSION_SECONDS
    cookie = _cookie_header(session_value(token, expires), SESSION_SECONDS, secure)
    _send(handler, 303, b"", "text/plain; charset=utf-8", {"Location": PREFIX + "/", "Set-Cookie": cookie})
