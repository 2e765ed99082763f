"""The change feed: status changes from the hub, applied in order and idempotently.

Events are applied and the cursor stored in one transaction, so a crash either applies a
page and stores its cursor or does neither. An event about an application that is still
waiting in the outbox (its answer was lost, or a supplement is on its way) stops the page
there: that application is sent first, then the feed goes on from the same event.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.store.db import Database
from kiosk.sync import answers, state
from kiosk.sync.client import HubClient

log = logging.getLogger(__name__)

HUB_ACTOR = answers.HUB_ACTOR


@dataclass
class FeedResult:
    applied: int = 0
    events: int = 0
    waiting_for: str | None = None  # application that must be sent before the feed goes on


def _apply(s: Session, ev: dict[str, Any]) -> tuple[int, bool]:
    """(changes made, whether to stop here)."""
    done = answers.apply_change(s, ev, wait_for_outbox=True)
    return done.changed, done.wait


def pull_changes(
    db: Database, client: HubClient, page: int = 500, audit_log: AuditLog | None = None
) -> FeedResult:
    """Apply the hub's change feed page by page; each page and its cursor in one transaction
    (with ``audit_log``: plus an audit event counting the changes it made)."""
    result = FeedResult()
    while True:
        with db.read() as s:
            cursor = state.get_int(s, state.CURSOR)
        events, next_cursor = client.changes(cursor, page)
        if not events:
            return result
        events = sorted(events, key=lambda e: int(e.get("seq", 0)))
        applied_before = result.applied
        with db.write() as s:
            applied_to = cursor
            for ev in events:
                seq = int(ev.get("seq", 0))
                if seq <= applied_to:
                    continue  # a replayed page: already applied
                changed, stop = _apply(s, ev)
                if stop:
                    result.waiting_for = str(ev.get("client_id"))
                    break
                result.applied += changed
                result.events += 1
                applied_to = seq
            else:
                applied_to = max(applied_to, next_cursor)
            state.put(s, state.CURSOR, str(applied_to))
            if audit_log is not None and result.applied > applied_before:
                audit_log.record(
                    s,
                    HUB_ACTOR,
                    audit.SYNC_RESULT,
                    "feed",
                    f"changes {result.applied - applied_before}, cursor {applied_to}",
                )
        if result.waiting_for or len(events) < page:
            return result
