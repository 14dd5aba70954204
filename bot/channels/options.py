"""Numbered options waiting for a reply, per sender: "1", "2"… picks the button shown under that
number in the bot's latest turn.

A turn starts when the person writes; every button the bot sends in that turn gets the next number;
a plain number from the person then resolves to that button's payload. Kept in a small SQLite file
under the var dir, so a restart mid-conversation loses nothing. Senders are stored only as a salted
hash (no phone numbers or chat ids at rest), and options expire after a day.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

from bot import settings
from bot.channels.formatting import Option

TTL_SECONDS = 24 * 3600
_NUMBER = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)]?\s*$")


def default_path() -> Path:
    return settings.var_dir() / "channel_options.db"


class PendingOptions:
    def __init__(self, path: Optional[Path] = None, ttl: float = TTL_SECONDS) -> None:
        self.path = Path(path or default_path())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.ttl = ttl
        self.lock = threading.Lock()
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS pending (sender TEXT PRIMARY KEY, options TEXT NOT NULL,"
                " updated REAL NOT NULL)"
            )
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            if row is None:
                db.execute("INSERT INTO meta VALUES ('salt', ?)", (os.urandom(16).hex(),))
                row = db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            self.salt = row[0]

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=5, isolation_level=None)  # autocommit
        try:
            yield db
        finally:
            db.close()

    def _key(self, channel: str, sender: str) -> str:
        return hashlib.sha256(f"{self.salt}|{channel}|{sender}".encode()).hexdigest()

    def _load(self, db: sqlite3.Connection, key: str) -> List[Option]:
        row = db.execute("SELECT options, updated FROM pending WHERE sender = ?", (key,)).fetchone()
        if row is None or time.time() - row[1] > self.ttl:
            return []
        return [Option(**item) for item in json.loads(row[0])]

    def start_turn(self, channel: str, sender: str) -> None:
        """The person wrote: the previous turn's options no longer apply."""
        with self.lock, self._connect() as db:
            db.execute(
                "DELETE FROM pending WHERE sender = ? OR updated < ?",
                (self._key(channel, sender), time.time() - self.ttl),
            )

    def add(self, channel: str, sender: str, buttons: Sequence[Dict[str, str]]) -> List[Option]:
        """Number `buttons` after those already sent in this turn; returns them numbered."""
        key = self._key(channel, sender)
        with self.lock, self._connect() as db:
            current = self._load(db, key)
            added = [Option(len(current) + n, b["title"], b["payload"]) for n, b in enumerate(buttons, 1)]
            db.execute(
                "INSERT OR REPLACE INTO pending VALUES (?, ?, ?)",
                (key, json.dumps([asdict(o) for o in current + added]), time.time()),
            )
        return added

    def resolve(self, channel: str, sender: str, text: str) -> Optional[str]:
        """The payload of option `text` ("2", "2.", "#2") if one is pending, else None."""
        match = _NUMBER.match(text or "")
        if not match:
            return None
        number = int(match.group(1))
        with self.lock, self._connect() as db:
            for option in self._load(db, self._key(channel, sender)):
                if option.number == number:
                    return option.payload
        return None

    def find(self, channel: str, sender: str, number: int) -> Optional[Option]:
        with self.lock, self._connect() as db:
            return next((o for o in self._load(db, self._key(channel, sender)) if o.number == number), None)
