"""Start the action server (`python -m bot.serve.action_entry --actions actions --port 5055`).

`rasa run actions` in rasa_sdk 3.6 listens on every interface (`SANIC_HOST`, default 0.0.0.0) and runs
any action for anyone who can reach `/webhook` (rasa_sdk/endpoint.py `run` and `create_app`). This
entry builds the same app with rasa_sdk's own `create_app` and adds two things:

- it listens on ACTION_HOST (default 127.0.0.1: only Rasa on the same machine can reach it; set it to
  0.0.0.0 in a cluster, where the network and the token below keep strangers out);
- every request but `/health` must carry `Authorization: Bearer <ACTION_SERVER_TOKEN>`, which Rasa
  sends from endpoints.yml (`headers:`); anything else gets 401 before an action runs.

bot.serve.supervisor gives both processes the same token (ACTION_SERVER_TOKEN, or a random one for
each start). Without a token this entry refuses to start.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import sys
from typing import Any, List, Optional

from bot import settings

logger = logging.getLogger("bone_health.action_server")
OPEN_PATHS = ("/health",)


def authorized(header: Optional[str], token: str) -> bool:
    """`Authorization: Bearer <token>`, compared in constant time."""
    if not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer ") :].strip().encode(), token.encode())


def create_app(actions: str, token: str) -> Any:
    from rasa_sdk.endpoint import create_app as sdk_create_app
    from sanic import response

    app = sdk_create_app(actions, cors_origins=None)

    @app.middleware("request")
    async def require_token(request: Any) -> Any:
        if request.path in OPEN_PATHS:
            return None
        if not authorized(request.headers.get("Authorization"), token):
            logger.warning("Refused an action server call without the shared token (%s).", request.path)
            return response.json({"error": "unauthorized"}, status=401)
        return None

    return app


def main(argv: Optional[List[str]] = None) -> int:
    from bot.serve import guard

    guard.private_files()
    common = settings.Settings.from_env()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--port", type=int, default=common.action_port)
    parser.add_argument("--host", default=common.action_host)
    args = parser.parse_args(argv)
    if not common.action_server_token:
        print("ACTION_SERVER_TOKEN is not set: start through `python -m bot.serve`.", file=sys.stderr)
        return 2

    from rasa_sdk import utils

    utils.configure_colored_logging(common.log_level or "INFO")
    utils.update_sanic_log_level()
    app = create_app(args.actions, common.action_server_token)
    logger.info("Action server on http://%s:%s (token required)", args.host, args.port)
    app.run(args.host, args.port, workers=utils.number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    sys.exit(main())
