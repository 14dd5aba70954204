"""Serve the patient web page (web/) and the staff script book (/reference/) on WEB_PORT.

Static files only, plus `/config.json` telling the widget where the Rasa socket.io server is, so the
page works whatever BOT_PORT a deployer chooses, and the care team's token-protected
`/api/tickets` (bot/tickets/api.py), and the content editors' page `/editors/` behind EDITORS_TOKEN
(bot/editors/routes.py).

Token guessing is slowed (issue 14): a client address that got AUTH_FAILURES_PER_ADDRESS 401s in 10
minutes gets 429 on the token-protected paths until they age out (loopback exempt, as for rates: a
proxy on this machine must do it, or set TRUSTED_PROXY_HOPS). HSTS is sent over TLS (WEB_TLS, or
`X-Forwarded-Proto: https` from a trusted proxy).
"""

from __future__ import annotations

import argparse
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from bot import settings
from bot.editors import routes as editors
from bot.serve import guard
from bot.settings import ROOT
from bot.tickets import api as tickets_api

WEB_DIR = ROOT / "web"
REFERENCE_DIR = settings.var_dir() / "reference"
# Build inputs under web/ that are not part of the page.
NOT_SERVED = (WEB_DIR / "node_modules", WEB_DIR / "package.json", WEB_DIR / "package-lock.json")


def socket_url(host_header: str = "", common: Optional[settings.Settings] = None) -> str:
    """Where the widget finds Rasa: BOT_PUBLIC_URL when set; else Rasa's port on the host of one of
    the configured page origins (BOT_ALLOWED_ORIGINS, default localhost and 127.0.0.1 on WEB_PORT): the
    one the page was asked by when it is among them, else the first. A forged Host header can only
    pick among those configured values, never name a new one (issue 14)."""
    common = common or settings.Settings.from_env()
    if common.bot_public_url:
        return common.bot_public_url.rstrip("/")
    try:
        asked = urlsplit(f"//{host_header.strip()}").hostname if host_header.strip() else None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        asked = None
    choices = [urlsplit(origin) for origin in common.allowed_origins] or [urlsplit("http://localhost")]
    chosen = next((c for c in choices if asked and c.hostname == asked.lower()), choices[0])
    host = f"[{chosen.hostname}]" if ":" in (chosen.hostname or "") else chosen.hostname
    return f"{chosen.scheme}://{host}:{common.bot_port}"


def connect_sources(url: str) -> str:
    """The CSP connect-src for the bot at `url`: this page, and the bot's origin over http(s) and ws(s)."""
    origin = settings.web_origin(url) or url
    socket = origin.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    return f"'self' {origin} {socket}"


def widget_config(host_header: str) -> dict:
    """What the widget needs to know at run time (no secrets: the page is public): where Rasa is, and
    the deployment's numbers (content/safety.yml `settings:`, EMERGENCY_NUMBER, HELPLINE_… on top)."""
    from bot.safety import content as safety_content

    numbers = safety_content.load().settings
    return {
        "socketUrl": socket_url(host_header),
        "emergencyNumber": numbers["emergency_number"],
        "helplineName": numbers["helpline_name"],
        "helplineNumber": numbers["helpline_number"],
    }


# Sent on every page and API response (issue 14). frame-ancestors: WEB_FRAME_ANCESTORS.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
REFERRER_POLICY = "no-referrer"
LOOKUP_PATH = "/reference/lookup"
_failures: Optional[guard.SlidingWindow] = None  # wrong tokens per client key, shared by the threads


def failed_tokens(common: settings.Settings) -> guard.SlidingWindow:
    global _failures
    if _failures is None:
        _failures = guard.SlidingWindow(common.auth_failures_per_address, guard.AUTH_WINDOW_SECONDS)
    return _failures


def protected(path: str) -> bool:
    """The token-protected paths: the care team's ticket API, the staff lookup, the editors' page."""
    return tickets_api.handles(path) or path.split("?", 1)[0] == LOOKUP_PATH or editors.handles(path)


def wants_hsts(common: settings.Settings, forwarded_proto: Optional[str]) -> bool:
    """Strict-Transport-Security only over TLS: WEB_TLS, or https per a trusted proxy's X-Forwarded-Proto
    (browsers ignore it over plain http, and it would wrongly pin a plain-http test setup)."""
    return common.web_tls or guard.forwarded_https(forwarded_proto, common.trusted_proxy_hops)


class Handler(SimpleHTTPRequestHandler):
    server_version = "BoneHealthWeb"

    def translate_path(self, path: str) -> str:
        """`/reference/...` comes from the generated script book; everything else from web/."""
        if path.split("?", 1)[0].split("#", 1)[0].startswith("/reference"):
            inside = SimpleHTTPRequestHandler.translate_path(self, path[len("/reference") :] or "/")
            return str(REFERENCE_DIR / Path(inside).relative_to(WEB_DIR))
        return SimpleHTTPRequestHandler.translate_path(self, path)

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if any(target == blocked or blocked in target.parents for blocked in NOT_SERVED):
            self.send_error(404)
            return None
        return super().send_head()

    def client_key(self) -> Optional[str]:
        hops = settings.Settings.from_env().trusted_proxy_hops
        headers = getattr(self, "headers", None)  # absent when the request line itself was refused
        forwarded = (headers.get_all("X-Forwarded-For") or []) if headers else []
        return guard.client_key(guard.client_address(self.client_address[0], forwarded, hops))

    def send_response(self, code: int, message: Optional[str] = None) -> None:
        if code == 401 and (key := self.client_key()):
            failed_tokens(settings.Settings.from_env()).add(key)
        super().send_response(code, message)

    def refused(self) -> bool:
        """429 for an address with too many wrong tokens on the protected paths (sent here)."""
        if protected(self.path) and (key := self.client_key()):
            if failed_tokens(settings.Settings.from_env()).full(key):
                retry = {"Retry-After": str(guard.AUTH_WINDOW_SECONDS)}
                tickets_api.send_json(self, 429, guard.AUTH_REFUSED, retry)
                return True
        return False

    def tls(self) -> bool:
        return wants_hsts(settings.Settings.from_env(), self.headers.get("X-Forwarded-Proto"))

    def do_POST(self) -> None:  # noqa: N802 (http.server naming)
        if not editors.handles(self.path):
            self.send_error(501, "Unsupported method ('POST')")
        elif not self.refused():
            editors.serve(self, "POST", self.tls())

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        if self.refused():
            return
        if editors.handles(self.path):  # content editors' page (EDITORS_TOKEN, bot/editors/routes.py)
            editors.serve(self, "GET", self.tls())
            return
        if tickets_api.handles(self.path):  # care team's open tickets (token-protected, bot/tickets/api.py)
            tickets_api.serve(self)
            return
        if self.path.split("?", 1)[0] == LOOKUP_PATH:
            # Staff lookup for a live call: token-protected (STAFF_API_TOKEN), runs the model.
            from bot.reference.lookup import serve_lookup

            self.send_json(*serve_lookup(self.path, self.headers))
            return
        if self.path.split("?", 1)[0] == "/config.json":
            self.send_json(200, widget_config(self.headers.get("Host", "localhost")))
            return
        super().do_GET()

    def send_json(self, status: int, payload) -> None:
        tickets_api.send_json(self, status, payload)

    def end_headers(self) -> None:
        # The page loads nothing from elsewhere and talks only to the bot; say so to the browser.
        common = settings.Settings.from_env()
        headers = getattr(self, "headers", None)  # absent when the request line itself was refused
        host = (headers.get("Host") if headers else None) or ""
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; connect-src {connect_sources(socket_url(host, common))}; "
            "img-src 'self' data:; style-src 'self'; script-src 'self'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", REFERRER_POLICY)
        self.send_header("Permissions-Policy", PERMISSIONS_POLICY)
        if wants_hsts(common, headers.get("X-Forwarded-Proto") if headers else None):
            self.send_header("Strict-Transport-Security", guard.HSTS)
        super().end_headers()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword == "Content-Security-Policy":
            if getattr(self, "path", "").startswith("/reference"):
                # The script book is one self-contained page: allow exactly its own inline style and script.
                from bot.reference.book import page_csp

                value = page_csp(REFERENCE_DIR / "index.html") or "default-src 'none'"
            ancestors = settings.Settings.from_env().web_frame_ancestors
            value = f"{value.rstrip('; ')}; frame-ancestors {ancestors}"
        super().send_header(keyword, value)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server signature)
        pass  # no access log: paths are harmless but keep the console for real events


def main(argv=None) -> int:
    guard.private_files()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    common = settings.Settings.from_env()
    parser.add_argument("--port", type=int, default=common.web_port)
    parser.add_argument("--host", default=common.web_host)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer((args.host, args.port), partial(Handler, directory=str(WEB_DIR)))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
