"""GET /api/tickets: the care team's JSON list of tickets, served by bot.serve.web on WEB_PORT.

    curl -H "Authorization: Bearer $CARE_TEAM_API_TOKEN" "http://localhost:8080/api/tickets?status=open"

`status` is open (default), acknowledged, closed or all; `limit` 1-500 (default 100), newest first.
404 when CARE_TEAM_API_TOKEN is unset (the endpoint does not exist), 401 without the right bearer
token, 503 if the store cannot be read. Responses are never cached.
"""

from __future__ import annotations

import hmac
import json
import logging
from http.server import BaseHTTPRequestHandler
from typing import Any, Dict, Optional
from urllib.parse import parse_qs, urlsplit

from bot import settings
from bot.tickets.records import STATUSES, TicketStoreError
from bot.tickets.service import TicketService

PATH = "/api/tickets"
logger = logging.getLogger("bone_health.tickets")


def handles(path: str) -> bool:
    return urlsplit(path).path.rstrip("/") == PATH


def authorised(header: Optional[str], token: str) -> bool:
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def serve(handler: BaseHTTPRequestHandler) -> None:
    token = settings.get("CARE_TEAM_API_TOKEN")
    if not token:
        return send_json(handler, 404, {"error": "not found"})
    if not authorised(handler.headers.get("Authorization"), token):
        return send_json(
            handler,
            401,
            {"error": "a valid bearer token is required"},
            {"WWW-Authenticate": 'Bearer realm="care-team"'},
        )
    params = parse_qs(urlsplit(handler.path).query)
    status = (params.get("status") or ["open"])[0]
    if status not in STATUSES + ("all",):
        return send_json(handler, 400, {"error": f"status must be one of {', '.join(STATUSES + ('all',))}"})
    try:
        limit = int((params.get("limit") or ["100"])[0])
        if not 1 <= limit <= 500:
            raise ValueError
    except ValueError:
        return send_json(handler, 400, {"error": "limit must be a number from 1 to 500"})
    try:
        tickets = TicketService.from_env().list(status=None if status == "all" else status, limit=limit)
    except TicketStoreError as error:
        logger.error("ticket API: %s", error)
        return send_json(handler, 503, {"error": "the ticket store is unavailable"})
    send_json(handler, 200, {"status": status, "count": len(tickets), "tickets": [t.to_dict() for t in tickets]})


def send_json(
    handler: BaseHTTPRequestHandler, code: int, body: Dict[str, Any], headers: Optional[Dict[str, str]] = None
) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    handler.send_response(code)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.send_header("Cache-Control", "no-store")
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(data)
