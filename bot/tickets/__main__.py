"""The care team's command line.

    python -m bot.tickets list [--status open|acknowledged|closed|all] [--limit N] [--json]
    python -m bot.tickets show REF [--json]
    python -m bot.tickets ack REF --by NAME
    python -m bot.tickets close REF --by NAME
    python -m bot.tickets deliver [--loop]      # send due notifications (once, or until stopped)

Reads the same environment as the bot (TICKET_DB_URL or BONE_HEALTH_VAR_DIR, and the notification
settings for `deliver`). Ticket contents go to stdout only, never to the log.
Exit codes: 0 done, 1 no such ticket or not allowed, 3 the store cannot be used.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from typing import List, Optional

from bot.tickets.records import STATUSES, Ticket, TicketNotFound, TicketStoreError, iso, language_note
from bot.tickets.service import TicketService


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tickets", description="Care-team tickets.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list tickets, newest first")
    listing.add_argument("--status", choices=STATUSES + ("all",), default="all")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true")
    show = commands.add_parser("show", help="everything about one ticket")
    show.add_argument("reference")
    show.add_argument("--json", action="store_true")
    for name, helptext in (("ack", "acknowledge: someone is taking care of it"), ("close", "close the ticket")):
        cmd = commands.add_parser(name, help=helptext)
        cmd.add_argument("reference")
        cmd.add_argument("--by", required=True, help="your name")
    deliver = commands.add_parser("deliver", help="send due care-team notifications")
    deliver.add_argument("--loop", action="store_true", help="keep delivering until stopped (SIGTERM/Ctrl-C)")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s", stream=sys.stderr)
    service = TicketService.from_env()
    try:
        if args.command == "list":
            return _list(service, args.status, args.limit, args.json)
        if args.command == "show":
            return _show(service, args.reference, args.json)
        if args.command in ("ack", "close"):
            return _set_status(service, args.command, args.reference, args.by)
        return _deliver(service, args.loop)
    except TicketNotFound as missing:
        print(f"No ticket {missing.args[0]}.", file=sys.stderr)
        return 1
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 1
    except TicketStoreError as error:
        print(f"Ticket store error: {error}", file=sys.stderr)
        return 3
    finally:
        service.shutdown()


def _list(service: TicketService, status: str, limit: int, as_json: bool) -> int:
    tickets = service.list(status=None if status == "all" else status, limit=limit)
    if as_json:
        print(json.dumps([t.to_dict() for t in tickets], indent=2, ensure_ascii=False))
        return 0
    if not tickets:
        print("No tickets." if status == "all" else f"No {status} tickets.")
        return 0
    print(f"{'REFERENCE':<10} {'CREATED (UTC)':<20} {'TIER':<10} {'STATUS':<13} {'CALLBACK':<9} CATEGORY")
    for t in tickets:
        callback = (t.contact or {}).get("method", "yes") if t.contact else "-"
        print(f"{t.reference:<10} {iso(t.created_at):<20} {t.tier:<10} {t.status:<13} {callback:<9} {t.category}")
    return 0


def _show(service: TicketService, reference: str, as_json: bool) -> int:
    ticket = service.get(reference)
    deliveries = service.deliveries(ticket)
    if as_json:
        data = ticket.to_dict()
        data["deliveries"] = [
            {
                "destination": d.destination,
                "idempotency_key": d.idempotency_key,
                "attempts": d.attempts,
                "delivered_at": iso(d.delivered_at),
                "next_attempt_at": iso(d.next_attempt_at),
                "last_error": d.last_error,
            }
            for d in deliveries
        ]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(_describe(ticket))
    if deliveries:
        print("Notifications:")
        for d in deliveries:
            state = (
                f"delivered {iso(d.delivered_at)}"
                if d.delivered_at
                else f"pending, next try {iso(d.next_attempt_at)}"
                + (f" (last error: {d.last_error})" if d.last_error else "")
            )
            print(f"  {d.destination:<8} {state}; attempts {d.attempts}; key {d.idempotency_key}")
    else:
        print("Notifications: none configured when it was filed")
    return 0


def _describe(t: Ticket) -> str:
    lines = [
        f"Ticket {t.reference}  ({t.status})",
        f"  id:            {t.id}",
        f"  created (UTC): {iso(t.created_at)}",
        f"  tier:          {t.tier}",
        f"  category:      {t.category}",
        f"  channel:       {t.channel}",
        f"  conversation:  {t.conversation_id}",
    ]
    if t.language:
        lines.append(f"  {language_note(t.language)}")
    if t.acknowledged_by:
        lines.append(f"  acknowledged:  by {t.acknowledged_by} at {iso(t.acknowledged_at)}")
    if t.closed_by:
        lines.append(f"  closed:        by {t.closed_by} at {iso(t.closed_at)}")
    if t.contact:
        lines.append("  contact (consented):")
        lines += [f"    {k.replace('_', ' ')}: {v}" for k, v in t.contact.items()]
    else:
        lines.append("  contact:       none given")
    lines.append("  message that raised it:")
    lines += [f"    {line}" for line in (t.trigger_message or "(none)").splitlines() or [""]]
    if t.recent_messages:
        lines.append("  recent messages, oldest first:")
        lines += [f"    {n}. {m}" for n, m in enumerate(t.recent_messages, 1)]
    return "\n".join(lines)


def _set_status(service: TicketService, command: str, reference: str, by: str) -> int:
    if command == "ack":
        ticket, changed = service.acknowledge(reference, by)
        if changed:
            print(f"{ticket.reference} acknowledged by {ticket.acknowledged_by}.")
            return 0
        if ticket.status == "acknowledged":
            print(
                f"{ticket.reference} was already acknowledged by {ticket.acknowledged_by} "
                f"at {iso(ticket.acknowledged_at)}."
            )
            return 0
        print(f"{ticket.reference} is {ticket.status}; nothing to acknowledge.", file=sys.stderr)
        return 1
    ticket, changed = service.close_ticket(reference, by)
    if changed:
        print(f"{ticket.reference} closed by {ticket.closed_by}.")
    else:
        print(f"{ticket.reference} was already closed by {ticket.closed_by} at {iso(ticket.closed_at)}.")
    return 0


def _deliver(service: TicketService, loop: bool) -> int:
    if not service.notify.destinations:
        print(
            "No care-team notification is configured (CARE_TEAM_WEBHOOK_URL, SMTP_HOST + CARE_TEAM_EMAIL_TO).",
            file=sys.stderr,
        )
    if not loop:
        delivered = service.deliver_due()
        print(f"delivered {delivered}; {service.pending()} notification(s) still pending")
        return 0
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    logging.getLogger("bone_health.tickets").info(
        "ticket delivery loop started (%s)", ", ".join(service.notify.destinations) or "no destinations"
    )
    service.start_worker()
    stop.wait()
    return 0  # `finally` in main() stops the worker after a send in progress


if __name__ == "__main__":
    sys.exit(main())
