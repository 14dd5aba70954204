"""A Redis lock store whose tickets are safe across Rasa replicas (`make cluster`, docs/cluster.md).

Rasa 3.6's open-source `RedisLockStore` keeps a conversation's ticket queue as one JSON value and
changes it by read-modify-write from Python (`LockStore.issue_ticket`: get, append, set): two replicas
issuing a ticket at the same moment both read the same queue, both write back their own, and both
hold "ticket 0", so one conversation's messages run on two replicas at once and the second save
overwrites the first's events (RasaHQ/rasa#9213; the fix went to Rasa Pro only). Here every change of
the queue is one Lua script, so Redis runs it atomically: issue, who is served, release.

A ticket also names the replica that holds it. Each replica refreshes a short-lived "alive" key from a
background thread; a ticket whose replica's key has gone (the process died, `kill -9`) is dropped at
once instead of blocking the conversation for the ticket's whole lifetime (60 s by default), so a dead
replica's conversations move to the others within `ALIVE_MS`. Expiry uses Redis's own clock, so
replicas on machines with different clocks agree. Configured in endpoints.yml as
`lock_store: {type: bot.serve.locks.AtomicRedisLockStore, url: …, port: …, password: …}`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import threading
from collections import deque
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore

logger = logging.getLogger("bone_health.locks")

ALIVE_MS = 2000  # a replica that has not refreshed its key for this long is dead
HEARTBEAT_SECONDS = 0.5
POLL_SECONDS = 0.02  # how often a queued message looks whether its turn has come (Rasa: 1 s)

# Drops expired tickets and tickets of dead replicas; members are "<number>:<expires ms>:<owner>",
# scored by number, so the first member left is the one being served. Redis TIME: one clock.
_PURGE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local number, expires, owner = string.match(member, '^(%d+):(%d+):(.+)$')
  if tonumber(expires) < now or redis.call('EXISTS', ARGV[1] .. owner) == 0 then
    redis.call('ZREM', KEYS[1], member)
  end
end
"""

ISSUE = (
    _PURGE
    + """
local number = redis.call('INCR', KEYS[2])
local lifetime = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], number, number .. ':' .. (now + lifetime) .. ':' .. ARGV[3])
redis.call('PEXPIRE', KEYS[1], lifetime + 1000)
redis.call('PEXPIRE', KEYS[2], lifetime + 1000)
return number
"""
)

# Returns {now serving (0: none), is `ARGV[2]` still queued (1/0)}.
SERVING = (
    _PURGE
    + """
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local serving = 0
if first[2] then serving = tonumber(first[2]) end
local mine = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[2], ARGV[2])
return {serving, #mine}
"""
)

# Releases ticket ARGV[2]; deletes the queue and its counter when nobody else waits (in one step,
# unlike Rasa's cleanup, which checked "someone waiting?" and deleted in two).
RELEASE = (
    _PURGE
    + """
redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[2], ARGV[2])
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1], KEYS[2])
  return 0
end
return 1
"""
)


def unreachable(error: BaseException) -> bool:
    """Redis could not be reached or did not answer (directly or as the cause of a LockError)."""
    import redis

    return any(isinstance(e, redis.ConnectionError | redis.TimeoutError) for e in (error, error.__cause__))


class AtomicRedisLockStore(LockStore):
    """Rasa's ticket lock, with each step one atomic Redis script (see the module docstring)."""

    def __init__(self, endpoint_config: Any = None, **kwargs: Any) -> None:
        import redis

        options = {**(getattr(endpoint_config, "kwargs", None) or {}), **kwargs}
        url = getattr(endpoint_config, "url", None) or options.pop("host", "localhost")
        self.red = redis.StrictRedis(
            host=url,
            port=int(options.get("port", 6379)),
            db=int(options.get("db", 1)),
            password=options.get("password") or None,
            unix_socket_path=options.get("unix_socket_path") or None,
            # Every call blocks Rasa's event loop: a hung Redis must fail fast (then the local lock).
            socket_timeout=float(options.get("socket_timeout", 2)),
            socket_connect_timeout=float(options.get("socket_connect_timeout", 1)),
        )
        self.local = InMemoryLockStore()
        self.prefix = f"{options.get('key_prefix') or 'bonehealth'}:lock:"
        self.alive_prefix = f"{options.get('key_prefix') or 'bonehealth'}:alive:"
        self.owner = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"
        self._issue = self.red.register_script(ISSUE)
        self._serving = self.red.register_script(SERVING)
        self._release = self.red.register_script(RELEASE)
        self._stop = threading.Event()
        self._beat()
        threading.Thread(target=self._heartbeat, name="lock-heartbeat", daemon=True).start()
        super().__init__()

    def _keys(self, conversation_id: str):
        return [self.prefix + conversation_id, self.prefix + conversation_id + ":next"]

    def _beat(self) -> None:
        self.red.set(self.alive_prefix + self.owner, b"1", px=ALIVE_MS)

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                self._beat()
            except Exception as error:  # noqa: BLE001 - Redis away: try again, the tickets expire meanwhile
                logger.warning("Lock store heartbeat failed (%s)", type(error).__name__)

    def close(self) -> None:
        """Stop the heartbeat and drop this replica's alive key (its tickets go with it)."""
        self._stop.set()
        self.red.delete(self.alive_prefix + self.owner)

    # -- the three steps Rasa's `lock()` takes, each atomic --------------------------------------

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            self._beat()  # this replica is alive now, even if the heartbeat thread lagged
            return int(
                self._issue(
                    keys=self._keys(conversation_id),
                    args=[self.alive_prefix, int(lock_lifetime * 1000), self.owner],
                )
            )
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{type(error).__name__}") from error

    def serving(self, conversation_id: str, ticket: int):
        """(ticket now served or 0, whether `ticket` is still queued)."""
        serving, mine = self._serving(keys=self._keys(conversation_id), args=[self.alive_prefix, ticket])
        return int(serving), bool(mine)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._release(keys=self._keys(conversation_id), args=[self.alive_prefix, ticket_number])

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = POLL_SECONDS
    ) -> AsyncGenerator[TicketLock, None]:
        try:
            ticket = self.issue_ticket(conversation_id, lock_lifetime)
            held = await self._wait_turn(conversation_id, ticket, min(wait_time_in_seconds, POLL_SECONDS))
        except Exception as error:
            if not unreachable(error):
                raise
            # Redis is away: answer anyway (a red flag must get its reply), ordering this conversation's
            # messages within this replica only, until Redis is back (docs/cluster.md).
            logger.error("Lock store unreachable (%s): ordering within this replica only.", type(error).__name__)
            async with self.local.lock(conversation_id, lock_lifetime, POLL_SECONDS) as held:
                yield held
            return
        try:
            yield held
        finally:
            try:
                self.cleanup(conversation_id, ticket)
            except Exception as error:  # noqa: BLE001 - the turn is done; the ticket expires with Redis
                if not unreachable(error):
                    raise
                logger.error("Lock store unreachable at release (%s).", type(error).__name__)

    async def _wait_turn(self, conversation_id: str, ticket: int, wait: float) -> TicketLock:
        while True:
            serving, mine = self.serving(conversation_id, ticket)
            if not mine:  # expired while waiting: the message is not processed (as Rasa does)
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            if serving == ticket:
                return self._lock_of(conversation_id)
            await asyncio.sleep(wait)

    # -- Rasa's other LockStore methods, answered from the same queue ----------------------------

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        members = self.red.zrange(self.prefix + conversation_id, 0, -1)
        if not members:
            return None
        tickets = []
        for member in members:
            number, expires, _owner = member.decode().split(":", 2)
            tickets.append(Ticket(int(number), int(expires) / 1000))
        return TicketLock(conversation_id, deque(tickets))

    def _lock_of(self, conversation_id: str) -> TicketLock:
        return self.get_lock(conversation_id) or TicketLock(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self._log_deletion(conversation_id, bool(self.red.delete(*self._keys(conversation_id))))

    def save_lock(self, lock: TicketLock) -> None:
        raise NotImplementedError("tickets change only through the atomic scripts (issue_ticket, cleanup)")

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def update_lock(self, conversation_id: str) -> None:
        self.serving(conversation_id, 0)

    def is_someone_waiting(self, conversation_id: str) -> bool:
        return self.serving(conversation_id, 0)[0] != 0
