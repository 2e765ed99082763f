"""How often a self-service terminal may try query codes (issue 16): failures are counted
per case number and per terminal, stored in the database (a restart forgets nothing), and a
success does not clear them (4 guesses + 1 real lookup no longer repeat forever). Past the
free tries each further failure doubles the pause, up to a day; a quiet week forgets them.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from kiosk.core.clock import utcnow
from kiosk.core.errors import KioskError
from kiosk.store.db import Database
from kiosk.store.models import LookupFailure

FREE = {"case": 5, "terminal": 10}  # failures before the first pause
BASE_PAUSE = dt.timedelta(minutes=1)
MAX_PAUSE = dt.timedelta(days=1)
FORGET_AFTER = dt.timedelta(days=7)


class LookupPaused(KioskError):
    """Too many wrong query codes: no lookup (right or wrong) is answered until ``seconds``."""

    exit_code = 2

    def __init__(self, seconds: int) -> None:
        super().__init__(
            f"查询次数太多，请 {seconds} 秒后再试，或找村代办员帮忙。",
            f"lookups paused for {seconds}s after repeated wrong query codes",
        )
        self.seconds = seconds


def pause_after(kind: str, failures: int) -> dt.timedelta:
    """The pause that follows the ``failures``-th failure of a ``kind`` counter."""
    over = failures - FREE[kind]
    if over < 0:
        return dt.timedelta(0)
    pause: dt.timedelta = BASE_PAUSE * (2 ** min(over, 20))
    return min(pause, MAX_PAUSE)


def _keys(case_no: str, terminal: str) -> list[tuple[str, str]]:
    digest = hashlib.sha256(case_no.strip().upper().encode()).hexdigest()  # typed: any text
    return [("case", digest), ("terminal", terminal[:64])]


class LookupGuard:
    def __init__(self, db: Database) -> None:
        self._db = db

    def check(self, case_no: str, terminal: str, now: dt.datetime | None = None) -> None:
        """Raise :class:`LookupPaused` while this case number or this terminal is paused."""
        now = now or utcnow()
        left = dt.timedelta(0)
        with self._db.read() as s:
            for kind, key in _keys(case_no, terminal):
                row = s.get(LookupFailure, (kind, key))
                if row is not None and row.paused_until and row.paused_until > now:
                    left = max(left, row.paused_until - now)
        if left:
            raise LookupPaused(int(left.total_seconds()) + 1)

    def failed(self, case_no: str, terminal: str, now: dt.datetime | None = None) -> None:
        now = now or utcnow()
        with self._db.write() as s:
            for kind, key in _keys(case_no, terminal):
                row = s.get(LookupFailure, (kind, key))
                if row is None:
                    row = LookupFailure(kind=kind, key=key, failures=0, last_at=now)
                    s.add(row)
                elif now - row.last_at > FORGET_AFTER:
                    row.failures = 0
                row.failures += 1
                row.last_at = now
                pause = pause_after(kind, row.failures)
                row.paused_until = now + pause if pause else None
