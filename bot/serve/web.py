"""Serve the patient web page (web/) and the staff script book (/reference/) on WEB_PORT.

Static files only, plus `/config.json` telling the widget where the Rasa socket.io server is, so the
page works whatever BOT_PORT a deployer chooses, and the care team's token-protected
`/api/tickets` (bot/tickets/api.py).
"""

from __future__ import annotations

import argparse
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bot import settings
from bot.settings import ROOT
from bot.tickets import api as tickets_api

WEB_DIR = ROOT / "web"
REFERENCE_DIR = settings.var_dir() / "reference"
# Build inputs under web/ that are not part of the page.
NOT_SERVED = (WEB_DIR / "node_modules", WEB_DIR / "package.json", WEB_DIR / "package-lock.json")


def widget_config(host_header: str) -> dict:
    """What the widget needs to know at run time (no secrets: the page is public): where Rasa is, and
    the deployment's numbers (content/safety.yml `settings:`, EMERGENCY_NUMBER, HELPLINE_… on top)."""
    from bot.safety import content as safety_content

    common = settings.Settings.from_env()
    numbers = safety_content.load().settings
    host = host_header.strip() or "localhost"
    if ":" in host and not host.endswith("]"):
        host = host.rsplit(":", 1)[0]  # drop the web port; keep IPv6 brackets
    return {
        "socketUrl": common.bot_public_url or f"http://{host}:{common.bot_port}",
        "emergencyNumber": numbers["emergency_number"],
        "helplineName": numbers["helpline_name"],
        "helplineNumber": numbers["helpline_number"],
    }


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

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        if tickets_api.handles(self.path):  # care team's open tickets (token-protected, bot/tickets/api.py)
            tickets_api.serve(self)
            return
        if self.path.split("?", 1)[0] == "/reference/lookup":
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
        # The page loads nothing from elsewhere; say so to the browser.
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; connect-src 'self' http: ws: https: wss:; img-src 'self' data:; "
            "style-src 'self'; script-src 'self'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_header(self, keyword: str, value: str) -> None:
        if keyword == "Content-Security-Policy" and getattr(self, "path", "").startswith("/reference"):
            # The script book is one self-contained page: allow exactly its own inline style and script.
            from bot.reference.book import page_csp

            value = page_csp(REFERENCE_DIR / "index.html") or "default-src 'none'"
        super().send_header(keyword, value)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server signature)
        pass  # no access log: paths are harmless but keep the console for real events


def main(argv=None) -> int:
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
