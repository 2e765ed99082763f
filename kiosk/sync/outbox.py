"""The outbox over the application table: status lives in the row.

An item is marked ``sending`` (committed) before any request about it and ``submitted`` only
on a definite answer from the hub, so a crash at any instruction leaves it ``sending`` and
it is simply sent again; the hub's idempotency makes that harmless. Answers are recorded
only for rows still ``sending`` — an answer that arrives for something the agent has
meanwhile withdrawn, or a replayed answer, changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, literal_column, or_, select, update
from sqlalchemy.orm import Session, load_only

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.crypto import DataCipher
from kiosk.core.lifecycle import apply_transition, apply_transitions_raw
from kiosk.core.status import AppStatus
from kiosk.protocol import wire as p
from kiosk.protocol.clock import utcnow
from kiosk.protocol.models import ItemResult
from kiosk.store.db import Database, session_sqlite, sql_time
from kiosk.store.group_models import ApplicationGroup
from kiosk.store.models import Application, Attachment, StatusEvent
from kiosk.sync import answers
from kiosk.sync.backoff import next_delay

log = logging.getLogger(__name__)

SYNC_ACTOR = answers.SYNC_ACTOR
STARTED = "开始发送"  # the status event of queued → sending
DUE = (AppStatus.QUEUED.value, AppStatus.SENDING.value)


@dataclass(frozen=True)
class OutAttachment:
    sha256: str
    size: int
    uploaded: bool


@dataclass
class OutItem:
    """One claimed application: what goes on the wire, and its attachments."""

    id: str
    item_code: str
    form_version: int
    revision: int
    payload: dict[str, Any]
    attachments: list[OutAttachment] = field(default_factory=list)
    _size: int = field(default=0, init=False, repr=False, compare=False)

    def wire(self) -> dict[str, Any]:
        return {
            "client_id": self.id,
            "item_code": self.item_code,
            "form_version": self.form_version,
            "revision": self.revision,
            "payload": self.payload,
            "blobs": sorted({a.sha256 for a in self.attachments}),
        }

    def wire_bytes(self) -> int:
        """Its size in the request (measured once: the claim and the progress both ask)."""
        if not self._size:
            self._size = len(json.dumps(self.wire(), ensure_ascii=False).encode()) + 2
        return self._size


EXPORT_HOLD = dt.timedelta(days=3)  # kiosk.sync.batches: the township relays it meanwhile


def due_filter(include_future: bool) -> Any:
    """Queued or in flight; not waiting out a backoff (unless ``include_future``); not on a
    USB stick on its way to the township (for :data:`EXPORT_HOLD`, then sent anyway: the
    hub answers ``duplicate`` if the township got there first)."""
    cond = Application.status.in_(DUE) & or_(
        Application.exported_at.is_(None), Application.exported_at < utcnow() - EXPORT_HOLD
    )
    if include_future:
        return cond
    return cond & or_(
        Application.next_attempt_at.is_(None), Application.next_attempt_at <= utcnow()
    )


def single_filter() -> Any:
    """Sent on its own: not a member of a 一件事 the hub does not know yet (those go whole,
    ``kiosk/sync/group_outbox.py``); a member's later 补正 is sent on its own."""
    unsynced = select(ApplicationGroup.id).where(ApplicationGroup.synced_at.is_(None))
    return Application.group_id.is_(None) | Application.group_id.not_in(unsynced)


def count_due(db: Database, include_future: bool) -> tuple[int, int]:
    """(items, bytes still to send: payloads + attachments not yet uploaded)."""
    with db.read() as s:
        n, payload_bytes = s.execute(
            select(func.count(), func.coalesce(func.sum(func.length(Application.payload_enc)), 0))
            .select_from(Application)
            .where(due_filter(include_future))
        ).one()
        blob_bytes = s.scalar(
            select(func.coalesce(func.sum(Attachment.size), 0))
            .join(Application, Application.id == Attachment.application_id)
            .where(due_filter(include_future), Attachment.uploaded.is_(False))
        )
        return int(n), int(payload_bytes) + int(blob_bytes or 0)


def _revisions(s: Session, ids: list[str]) -> dict[str, int]:
    """How many times each application was sent back after 补齐补正 (its revision)."""
    rows = s.execute(
        select(StatusEvent.application_id, func.count())
        .where(
            StatusEvent.application_id.in_(ids),
            StatusEvent.from_status == AppStatus.NEED_SUPPLEMENT.value,
            StatusEvent.to_status == AppStatus.QUEUED.value,
        )
        .group_by(StatusEvent.application_id)
    )
    return {app_id: int(n) for app_id, n in rows}


def claim_batch(
    db: Database,
    cipher: DataCipher,
    *,
    include_future: bool,
    exclude: set[str],
    max_items: int,
    max_bytes: int,
) -> list[OutItem]:
    """Mark due items ``sending`` (bounded by count and bytes) and count the submission
    request they are claimed for (``attempts``, see :func:`count_attempt`), committed before
    any request. Counting here, on the sender's database thread, keeps that write off the
    network's path; a claim whose request never goes out is taken back with
    ``requeue(..., sent=False)``.

    What goes on the wire is read with plain queries; the status change goes through the
    lifecycle in bulk (``apply_transitions_raw``: checked, stamped, recorded as events) on
    the session's own connection, with no ORM objects to flush.
    """
    with db.write() as s, s.no_autoflush:
        rows = out_rows(
            s,
            due_filter(include_future) & single_filter() & Application.id.not_in(exclude),
            max_items,
        )
        out: list[OutItem] = []
        total = 0
        for item in out_items(s, cipher, rows):
            size = item.wire_bytes()
            if out and total + size > max_bytes:
                break
            total += size
            out.append(item)
        claimed = {i.id for i in out}
        _start_sending(s, [(r.id, r.status) for r in rows if r.id in claimed])
        _count(s, list(claimed))
        return out


def out_rows(
    s: Session, where: Any, limit: int | None = None, *, as_filed: bool = False
) -> list[Any]:
    """What goes on the wire of the applications ``where`` selects, oldest first (with
    ``as_filed``, rows queued at the same moment in the order they were written: the
    members of a 一件事 in their bundle's order)."""
    tie = literal_column("application.rowid") if as_filed else Application.id
    q = (
        select(
            Application.id,
            Application.status,
            Application.item_code,
            Application.form_version,
            Application.payload_enc,
        )
        .where(where)
        .order_by(Application.queued_at, tie)
    )
    return list(s.execute(q if limit is None else q.limit(limit)).all())


def out_items(s: Session, cipher: DataCipher, rows: list[Any]) -> list[OutItem]:
    """The rows of :func:`out_rows` as they go on the wire, with their attachments."""
    ids = [r.id for r in rows]
    revisions = _revisions(s, ids)
    attachments: dict[str, list[OutAttachment]] = {}
    for app_id, sha, size, uploaded in s.execute(
        select(Attachment.application_id, Attachment.sha256, Attachment.size, Attachment.uploaded)
        .where(Attachment.application_id.in_(ids))
        .order_by(Attachment.id)
    ):
        attachments.setdefault(app_id, []).append(OutAttachment(sha, size, bool(uploaded)))
    return [
        OutItem(
            id=r.id,
            item_code=r.item_code,
            form_version=r.form_version,
            revision=revisions.get(r.id, 0),
            payload=json.loads(cipher.decrypt(r.payload_enc, r.id.encode())),
            attachments=attachments.get(r.id, []),
        )
        for r in rows
    ]


def mark_sending(s: Session, ids: list[str]) -> None:
    """``queued`` → ``sending`` (committed with the caller's transaction, before any request)."""
    if not ids:
        return
    apps = s.scalars(
        select(Application)
        .options(load_only(Application.id, Application.status, Application.updated_at))
        .where(Application.id.in_(ids), Application.status == AppStatus.QUEUED.value)
    )
    for app in apps:
        apply_transition(s, app, AppStatus.SENDING, SYNC_ACTOR, STARTED)


def _start_sending(s: Session, rows: list[tuple[str, str]]) -> None:
    """``queued`` → ``sending`` for claimed ``(id, status)`` rows read in this transaction
    (one already ``sending``, left by a cycle cut short, stays as it is)."""
    changes = [
        (app_id, AppStatus.QUEUED, AppStatus.SENDING, STARTED)
        for app_id, status in rows
        if status == AppStatus.QUEUED.value
    ]
    apply_transitions_raw(session_sqlite(s), changes, SYNC_ACTOR, sql_time(utcnow()))


def count_attempt(db: Database, ids: list[str]) -> None:
    """Committed just before the submission request that carries these items goes out:
    ``attempts > 0`` means the hub may have created them even without an answer (so the
    agent may no longer withdraw them locally). Uploading attachments does not count."""
    if not ids:
        return
    with db.write() as s:
        _count(s, ids)


def _count(s: Session, ids: list[str]) -> None:
    if ids:
        s.execute(
            update(Application)
            .where(Application.id.in_(ids))
            .values(attempts=Application.attempts + 1)
            .execution_options(synchronize_session=False)
        )


def mark_uploaded(db: Database, shas: list[str], uploaded: bool = True) -> None:
    """Record that the hub holds (or lost) these blobs, for every attachment citing them."""
    if not shas:
        return
    with db.write() as s:
        s.execute(update(Attachment).where(Attachment.sha256.in_(shas)).values(uploaded=uploaded))


def _sending(s: Session, app_id: str) -> Application | None:
    row = s.get(Application, app_id)
    if row is None or row.status != AppStatus.SENDING.value:
        return None  # withdrawn meanwhile, or already recorded: the answer changes nothing
    return row


def _take_back_unsent(row: Application, sent: bool) -> None:
    """The claim counted a request that never went out: not an attempt after all."""
    if not sent:
        row.attempts = max(0, row.attempts - 1)


def requeue(
    db: Database,
    ids: list[str],
    reason: str,
    retry_after: float | None = None,
    penalise: bool = True,
    sent: bool = True,
) -> None:
    """No definite answer: back to ``queued``, due again after a backoff (or at once).

    ``sent=False``: the request they were claimed for never went out, so the claim's count
    is taken back (the agent may still withdraw what never left the station)."""
    with db.write() as s:
        for app_id in ids:
            row = _sending(s, app_id)
            if row is None:
                continue
            _take_back_unsent(row, sent)
            row.last_error = reason
            row.next_attempt_at = (
                utcnow() + dt.timedelta(seconds=next_delay(row.attempts, retry_after))
                if penalise
                else None
            )
            apply_transition(s, row, AppStatus.QUEUED, SYNC_ACTOR, reason)


def quarantine(db: Database, app_id: str, reason: str, sent: bool = True) -> bool:
    """``sent=False``: refused before its request went out (the claim's count taken back)."""
    with db.write() as s:
        row = _sending(s, app_id)
        if row is None:
            return False
        _take_back_unsent(row, sent)
        row.last_error = reason
        apply_transition(s, row, AppStatus.QUARANTINED, SYNC_ACTOR, reason)
        return True


def record(
    db: Database,
    results: dict[str, dict[str, Any]],
    uploaded: list[str] | None = None,
    audit_log: AuditLog | None = None,
) -> dict[str, int]:
    """Record definite per-item answers (and blobs now at the hub) in one transaction.

    Returns counts per outcome. ``missing_blobs`` and malformed answers are left ``sending``
    for the caller to handle. With ``audit_log``, the outcome counts go on the audit trail in
    the same transaction.
    """
    counts = dict.fromkeys(p.OUTCOMES, 0)
    definite = {app_id: r for app_id, r in results.items() if is_definite(r)}
    with db.write() as s:
        if uploaded:
            s.execute(
                update(Attachment).where(Attachment.sha256.in_(uploaded)).values(uploaded=True)
            )
        # only rows still "sending" take an answer: it changes nothing else
        statuses = {
            app_id: status
            for app_id, status in s.execute(
                select(Application.id, Application.status).where(
                    Application.id.in_(list(definite)),
                    Application.status == AppStatus.SENDING.value,
                )
            )
        }
        at = sql_time(utcnow())
        for outcome, n in answers.apply_answers_raw(
            session_sqlite(s), statuses, definite, SYNC_ACTOR, at
        ).items():
            counts[outcome] += n
        if audit_log is not None and any(counts.values()):
            detail = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
            audit_log.record(s, SYNC_ACTOR, audit.SYNC_RESULT, "upload", detail)
    return counts


def is_definite(result: dict[str, Any] | None) -> bool:
    """A well-formed answer we may record (:class:`kiosk.protocol.models.ItemResult`)."""
    try:
        return ItemResult.model_validate(result).definite
    except ValidationError:
        return False
