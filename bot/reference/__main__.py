"""The staff reference from the command line.

python -m bot.reference build [--out DIR]                    # the script book (bot.reference.book)
python -m bot.reference "caller's words" [--server URL] [--json]  # the lookup (bot.reference.lookup)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional

from bot import content as content_mod
from bot import settings
from bot.reference.book import build, load_safety
from bot.reference.lookup import AgentParser, RasaParser, format_result, lookup, result_dict


def main(argv: Optional[List[str]] = None, parser=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "build":
        cli = argparse.ArgumentParser(prog="python -m bot.reference build", description="build the script book")
        cli.add_argument("--out", type=Path, help="output folder (default $BONE_HEALTH_VAR_DIR/reference)")
        args = cli.parse_args(argv[1:])
        path = build(args.out)
        print(f"wrote {path}")
        return 0
    if argv and argv[0] == "lookup":
        argv = argv[1:]
    cli = argparse.ArgumentParser(
        prog="python -m bot.reference",
        description="look up scripts for what a caller asked, e.g. "
        'python -m bot.reference "my jaw hurts after Zometa" '
        "(or: python -m bot.reference build)",
    )
    cli.add_argument("question", nargs="+", help="the caller's words")
    cli.add_argument("--model", type=Path, default=settings.Settings.from_env().bot_model)
    cli.add_argument("--server", help="use a running Rasa server (needs BOT_API_TOKEN) instead of loading the model")
    cli.add_argument("--json", action="store_true", help="print JSON")
    args = cli.parse_args(argv)
    if parser is None:
        if args.server:
            token = settings.get("BOT_API_TOKEN")
            if not token:
                cli.error("--server needs BOT_API_TOKEN (the Rasa HTTP API is off without it)")
            parser = RasaParser(args.server, token)
        else:
            print("Loading the model (a minute or more; --server uses a running bot instead)...", file=sys.stderr)
            parser = AgentParser(args.model)
    content = content_mod.load()
    safety = load_safety()
    result = lookup(" ".join(args.question), parser, content, safety)
    if args.json:
        print(json.dumps(result_dict(result, content, safety), indent=1))
    else:
        print(format_result(result, content, safety), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
