"""Serve the patient web page (web/) and the staff script book (/reference/) on WEB_PORT.

Static files only, plus `/config.json` telling the widget where the Rasa socket.io server is, so the
page works whatever BOT_PORT a deployer chooses.
"""
from __future__ import annotations

import argparse
import json
import os
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB_DIR = ROOT / "web"
REFERENCE_DIR = Path(os.environ.get("BONE_HEALTH_VAR_DIR", ROOT / "var")) / "reference"
# Build inputs under web/ that are not part of the page.
NOT_SERVED = (WEB_DIR / "node_modules", WEB_DIR / "package.json", WEB_DIR / "package-lock.json")


def widget_config(host_header: str) -> dict:
    """What the widget needs to know at run time (no secrets: the page is public)."""
    host = host_header.strip() or "localhost"
    if ":" in host and not host.endswith("]"):
        host = host.rsplit(":", 1)[0]  # drop the web port; keep IPv6 brackets
    return {
        "socketUrl": os.environ.get("BOT_PUBLIC_URL") or f"http://{host}:{os.environ.get('BOT_PORT', '5005')}",
        "emergencyNumber": os.environ.get("EMERGENCY_NUMBER", "911"),
    }


class Handler(SimpleHTTPRequestHandler):
    server_version = "BoneHealthWeb"

    def translate_path(self, path: str) -> str:
        """`/reference/...` comes from the generated script book; everything else from web/."""
        if path.split("?", 1)[0].split("#", 1)[0].startswith("/reference"):
            inside = SimpleHTTPRequestHandler.translate_path(self, path[len("/reference"):] or "/")
            return str(REFERENCE_DIR / Path(inside).relative_to(WEB_DIR))
        return SimpleHTTPRequestHandler.translate_path(self, path)

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if any(target == blocked or blocked in target.parents for blocked in NOT_SERVED):
            self.send_error(404)
            return None
        return super().send_head()

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        if self.path.split("?", 1)[0] == "/config.json":
            body = json.dumps(widget_config(self.headers.get("Host", "localhost"))).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self) -> None:
        # The page loads nothing from elsewhere; say so to the browser.
        self.send_header("Content-Security-Policy",
                         "default-src 'self'; connect-src 'self' http: ws: https: wss:; img-src 'self' data:; "
                         "style-src 'self'; script-src 'self'")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server signature)
        pass  # no access log: paths are harmless but keep the console for real events


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "0.0.0.0"))
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer((args.host, args.port), partial(Handler, directory=str(WEB_DIR)))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
