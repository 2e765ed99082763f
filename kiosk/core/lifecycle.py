"""Apply a status change to an application row: check it, stamp it, record it.

Every status event is written here: :func:`record_creation` for a new row's first event,
:func:`apply_transition` for a change through an ORM session, :func:`record_raw` for the
submit hot path and :func:`apply_transitions_raw` for the sender's batches (its claims and
the hub's answers), which write on the writer's plain sqlite3 connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

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


_SET_STATUS = "UPDATE application SET status = ?, updated_at = ? WHERE id = ? AND status = ?"


def apply_transitions_raw(
    conn: sqlite3.Connection,
    changes: Sequence[tuple[str, AppStatus, AppStatus, str]],
    actor: str,
    at: str,
) -> None:
    """Many rows' status changes on a plain connection inside a write transaction, in two
    statements: the sender's batches (through the ORM a batch of 50 cost a worker thread
    ~30 ms of CPU, taken from the network's thread and the hub's on a 2-core PC).

    ``changes`` are ``(id, from, to, reason)``, each checked like :func:`apply_transition`;
    ``from`` is the status the caller read in this same transaction (one writer: nothing
    else can have moved it). A row found in another status raises, so the caller's
    transaction rolls back whole. ``at``: ``sql_time`` text."""
    _need_actor(actor)
    for _id, current, target, _reason in changes:
        check_transition(current, target)
    if not changes:
        return
    moved = conn.executemany(_SET_STATUS, [(t.value, at, i, c.value) for i, c, t, _ in changes])
    if moved.rowcount != len(changes):
        raise RuntimeError(
            f"{len(changes) - moved.rowcount} of {len(changes)} applications were not in the"
            " status read in the same write transaction"
        )
    conn.executemany(_INSERT_EVENT, [(i, c.value, t.value, at, actor, r) for i, c, t, r in changes])
