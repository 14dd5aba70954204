"""TicketService: file a ticket (durably, with its outbox rows) and deliver the outbox.

How delivery runs:
- In the action server, the first `file()` starts a background delivery thread (daemon, one per
  service; `from_env()` returns one shared service per configuration). `file()` only commits and
  wakes that thread: the chat turn never waits for the webhook or the mail server.
- `python -m bot.tickets deliver --loop` runs the same loop as its own process; `make run`
  (bot.serve.supervisor) starts it next to the action server, when a destination is configured, so notifications left over from before a restart
  go out even if nobody files a new ticket. Several workers are safe: each outbox row is leased with
  an atomic UPDATE before it is sent and marked delivered (in the database) after.
- Failures are retried with exponential backoff (TICKET_RETRY_BASE_SECONDS · 2^(n-1), capped at
  TICKET_RETRY_MAX_SECONDS), forever: a ticket's notification is never dropped.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import random
import threading
from typing import Dict, List, Mapping, Optional, Tuple

from bot import settings
from bot.tickets.notify import DeliveryError, NotifyConfig, payload
from bot.tickets.records import ClaimedDelivery, Delivery, Ticket, TicketNotFound, TicketRequest, TicketStoreError
from bot.tickets.store import TicketStore, default_url

logger = logging.getLogger("bone_health.tickets")
_shared: Dict[Tuple, "TicketService"] = {}
_shared_lock = threading.Lock()


class TicketService:
    def __init__(self, store: TicketStore, notify: NotifyConfig, poll_interval: float = 30.0) -> None:
        self.store = store
        self.notify = notify
        self.poll_interval = poll_interval
        self._worker: Optional[DeliveryWorker] = None
        self._worker_lock = threading.Lock()
        self._shared_key: Optional[Tuple] = None
        self._warned_no_destination = False

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "TicketService":
        """The service for this environment: one shared instance per configuration and process.

        Never raises for a store problem (that shows up as TicketStoreError when it is used)."""
        common = settings.Settings.from_env(env)
        url = common.ticket_db_url or default_url(common.var_dir)
        notify = NotifyConfig.from_env(env)
        poll = common.ticket_poll_seconds
        key = (url, notify, poll)
        with _shared_lock:
            service = _shared.get(key)
            if service is None:
                service = cls(TicketStore(url), notify, poll_interval=poll)
                service._shared_key = key
                _shared[key] = service
            return service

    # -- filing --------------------------------------------------------------------------------
    def file(self, request: TicketRequest) -> Ticket:
        """Store the ticket and its outbox rows in one commit, then wake the delivery worker.

        Raises TicketStoreError if the store cannot be written: tell the person to call the
        helpline. Never raises because a notification channel is down."""
        cleaned = request.cleaned()
        destinations = self.notify.destinations
        try:
            ticket = self.store.insert(cleaned, destinations, self._payload)
        except TicketStoreError as error:
            logger.error("could not store a ticket (tier %s): %s", cleaned.tier, error)
            raise
        logger.info(
            "ticket %s filed (tier %s; %d notification(s) queued)", ticket.reference, ticket.tier, len(destinations)
        )
        if not destinations and not self._warned_no_destination:
            self._warned_no_destination = True
            logger.warning(
                "no care-team notification is configured (CARE_TEAM_WEBHOOK_URL, SMTP_HOST + "
                "CARE_TEAM_EMAIL_TO): tickets are only visible with `python -m bot.tickets list` "
                "and /api/tickets"
            )
        if destinations:
            self.start_worker().kick()
        return ticket

    @staticmethod
    def _payload(ticket: Ticket, destination: str, key: str) -> str:
        return payload(ticket.to_dict(), destination, key)

    # -- the care team -------------------------------------------------------------------------
    def get(self, reference: str) -> Ticket:
        return self.store.get(reference)

    def list(self, status: Optional[str] = None, limit: int = 100) -> List[Ticket]:
        return self.store.list(status=status, limit=limit)

    def deliveries(self, ticket: Ticket) -> List[Delivery]:
        return self.store.deliveries(ticket.id)

    def acknowledge(self, reference: str, by: str) -> Tuple[Ticket, bool]:
        ticket, changed = self.store.set_status(reference, "acknowledged", by)
        if changed:
            logger.info("ticket %s acknowledged", ticket.reference)
        return ticket, changed

    def close_ticket(self, reference: str, by: str) -> Tuple[Ticket, bool]:
        ticket, changed = self.store.set_status(reference, "closed", by)
        if changed:
            logger.info("ticket %s closed", ticket.reference)
        return ticket, changed

    # -- delivery ------------------------------------------------------------------------------
    @property
    def lease(self) -> dt.timedelta:
        """Longer than any one send can take (every network call has a timeout)."""
        return dt.timedelta(seconds=max(60.0, 6 * self.notify.timeout))

    def deliver_due(self, max_rows: int = 200) -> int:
        """Send every due notification once; returns how many were delivered."""
        delivered = 0
        for _ in range(max_rows):
            claims = self.store.claim_due(self.notify.destinations, self.lease, limit=1)
            if not claims:
                break
            if self._deliver(claims[0]):
                delivered += 1
        return delivered

    def _deliver(self, claim: ClaimedDelivery) -> bool:
        attempt = claim.attempts + 1
        try:
            self.notify.send(claim.destination, claim.payload, claim.idempotency_key)
        except Exception as error:  # noqa: BLE001 - any failure is retried, none may kill the worker
            reason = str(error) if isinstance(error, DeliveryError) else f"unexpected {type(error).__name__}"
            wait = self.notify.backoff(attempt) * random.uniform(0.8, 1.0)
            self.store.mark_failed(claim, reason, dt.timedelta(seconds=wait))
            log = logger.error if attempt % 10 == 0 else logger.warning
            log(
                "ticket %s (%s): %s delivery failed, attempt %d (%s); retrying in %.0fs",
                claim.reference,
                claim.tier,
                claim.destination,
                attempt,
                reason,
                wait,
            )
            return False
        if self.store.mark_delivered(claim):
            logger.info("ticket %s (%s) delivered to %s", claim.reference, claim.tier, claim.destination)
        else:
            logger.warning(
                "ticket %s: %s lease expired during delivery; the receiver dedupes by key",
                claim.reference,
                claim.destination,
            )
        return True

    def next_due_in(self) -> Optional[float]:
        return self.store.next_due_in(self.notify.destinations)

    def pending(self) -> int:
        return self.store.pending_count()

    def start_worker(self) -> "DeliveryWorker":
        with self._worker_lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = DeliveryWorker(self, self.poll_interval)
                self._worker.start()
            return self._worker

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop the worker (finishing a send in progress) and release the database."""
        with self._worker_lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop(timeout)
        with _shared_lock:
            if self._shared_key is not None and _shared.get(self._shared_key) is self:
                del _shared[self._shared_key]
        self.store.dispose()


class DeliveryWorker:
    """A daemon thread delivering the outbox: woken by `kick()`, else when the next retry is due."""

    def __init__(self, service: TicketService, poll_interval: float) -> None:
        self.service = service
        self.poll_interval = poll_interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, name="ticket-delivery", daemon=True)

    def start(self) -> None:
        self._thread.start()
        _running.add(self)

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def kick(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        _running.discard(self)

    def run(self) -> None:
        while not self._stop.is_set():
            wait: Optional[float] = self.poll_interval
            try:
                self.service.deliver_due()
                wait = self.service.next_due_in()
            except Exception as error:  # noqa: BLE001 - keep running; the store may come back
                reason = str(error) if isinstance(error, TicketStoreError) else type(error).__name__
                logger.error("ticket delivery pass failed (%s); trying again in %.1fs", reason, self.poll_interval)
                wait = self.poll_interval
            wait = self.poll_interval if wait is None else min(max(wait, 0.05), self.poll_interval)
            self._wake.wait(wait)
            self._wake.clear()


_running: "set[DeliveryWorker]" = set()


@atexit.register
def _stop_workers() -> None:
    """Let a send in progress finish and be marked, so it is not sent again after a restart."""
    for worker in list(_running):
        worker.stop(timeout=15)


__all__ = ["TicketService", "DeliveryWorker", "TicketRequest", "Ticket", "TicketStoreError", "TicketNotFound"]
