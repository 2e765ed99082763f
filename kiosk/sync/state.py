"""The sync engine's small persistent state, in the ``sync_state`` key/value table.

Cursor of the change feed, catalog version and ETag, and what the status indicator shows:
last attempt, last success, next attempt, consecutive failures, the last error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.status import AppStatus
from kiosk.store.db import Database
from kiosk.store.models import Application, SyncState

CURSOR = "changes_cursor"
CATALOG_VERSION = "catalog_version"
CATALOG_ETAG = "catalog_etag"
LAST_ATTEMPT = "last_attempt_at"
LAST_SUCCESS = "last_success_at"
NEXT_ATTEMPT = "next_attempt_at"
FAILURES = "consecutive_failures"
LAST_ERROR = "last_error"
AUTH_ERROR = "auth_error"
TOKEN_ROTATED = "token_rotated_at"


def get(s: Session, key: str) -> str | None:
    row = s.get(SyncState, key)
    return None if row is None or row.value == "" else row.value


def put(s: Session, key: str, value: str | None) -> None:
    row = s.get(SyncState, key)
    if row is None:
        s.add(SyncState(key=key, value=value or ""))
    else:
        row.value = value or ""


def get_int(s: Session, key: str, default: int = 0) -> int:
    raw = get(s, key)
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


def get_time(s: Session, key: str) -> dt.datetime | None:
    raw = get(s, key)
    try:
        return dt.datetime.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def put_time(s: Session, key: str, value: dt.datetime | None) -> None:
    put(s, key, value.isoformat() if value else None)


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows. Times are naive UTC."""

    online: bool | None  # None: not tried yet
    queue_depth: int  # queued + sending
    needs_attention: int  # quarantined + conflict: the agent must look at these
    last_attempt_at: dt.datetime | None
    last_success_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    last_error: str | None
    auth_error: str | None


def load_status(db: Database) -> SyncStatus:
    with db.read() as s:
        counts = {
            st: n
            for st, n in s.execute(
                select(Application.status, func.count())
                .where(
                    Application.status.in_(
                        [
                            AppStatus.QUEUED.value,
                            AppStatus.SENDING.value,
                            AppStatus.QUARANTINED.value,
                            AppStatus.CONFLICT.value,
                        ]
                    )
                )
                .group_by(Application.status)
            )
        }
        last_attempt = get_time(s, LAST_ATTEMPT)
        last_success = get_time(s, LAST_SUCCESS)
        next_attempt = get_time(s, NEXT_ATTEMPT)
        last_error = get(s, LAST_ERROR)
        if last_attempt is None:
            online = None
        else:
            online = last_error is None or (
                last_success is not None and last_success >= last_attempt
            )
        return SyncStatus(
            online=online,
            queue_depth=counts.get(AppStatus.QUEUED.value, 0)
            + counts.get(AppStatus.SENDING.value, 0),
            needs_attention=counts.get(AppStatus.QUARANTINED.value, 0)
            + counts.get(AppStatus.CONFLICT.value, 0),
            last_attempt_at=last_attempt,
            last_success_at=last_success,
            next_attempt_at=next_attempt,
            last_error=last_error,
            auth_error=get(s, AUTH_ERROR),
        )
