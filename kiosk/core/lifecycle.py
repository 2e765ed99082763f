"""Apply a status change to an application row: check it, stamp it, record it.

Every status event is written here: :func:`record_creation` for a new row's first event,
:func:`apply_transition` for a change through an ORM session, and :func:`record_raw` for
the submit hot path, which writes on the writer's plain sqlite3 connection.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.orm import Session

from kiosk.core.clock import utcnow
from kiosk.core.status import AppStatus, check_transition
from kiosk.store.models import Application, StatusEvent

_INSERT_EVENT = (
    "INSERT INTO status_event (application_id, from_status, to_status, at, actor, reason)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)


def _need_actor(actor: str) -> None:
    if not actor.strip():
        raise ValueError("a status change needs an actor (who did it)")


def apply_transition(
    session: Session, app: Application, target: AppStatus, actor: str, reason: str = ""
) -> None:
    _need_actor(actor)
    current = AppStatus(app.status)
    check_transition(current, target)
    now = utcnow()
    app.status = target.value
    app.updated_at = now
    session.add(
        StatusEvent(
            application_id=app.id,
            from_status=current.value,
            to_status=target.value,
            at=now,
            actor=actor,
            reason=reason,
        )
    )


def record_creation(session: Session, app: Application, actor: str, reason: str) -> None:
    """The first event of a new row (``None → draft``), stamped with its creation time."""
    _need_actor(actor)
    if app.status != AppStatus.DRAFT.value:
        raise ValueError(f"an application starts as a draft, not {app.status}")
    session.add(
        StatusEvent(
            application_id=app.id,
            from_status=None,
            to_status=AppStatus.DRAFT.value,
            at=app.created_at,
            actor=actor,
            reason=reason,
        )
    )


def record_raw(
    conn: sqlite3.Connection,
    app_id: str,
    steps: list[tuple[AppStatus | None, AppStatus, str]],
    actor: str,
    at: str,
) -> None:
    """The submit hot path's events on a plain connection (``Database.write_raw``), in one
    statement: ``steps`` are ``(from, to, reason)``, each checked like
    :func:`apply_transition` (``None`` as from: the row's creation, to a draft). The caller
    writes the row's status itself in the same transaction; ``at``: ``sql_time`` text."""
    _need_actor(actor)
    rows = []
    for current, target, reason in steps:
        if current is None:
            if target is not AppStatus.DRAFT:
                raise ValueError(f"an application starts as a draft, not {target.value}")
        else:
            check_transition(current, target)
        rows.append((app_id, current.value if current else None, target.value, at, actor, reason))
    conn.executemany(_INSERT_EVENT, rows)
