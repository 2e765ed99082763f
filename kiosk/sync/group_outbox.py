"""一件事 in the outbox: the members of a group the hub does not know yet go as one request.

A group (``application_group``) whose ``synced_at`` is empty is sent whole: every member
still queued or in flight, in one ``POST /v1/groups`` (docs/protocol.md §4.3a). It waits
while any member is being fixed (draft, quarantined, in conflict): the hub would refuse the
group, or create it without that member. Once the hub has answered with the group's number
the group is synced, and a member sent again later (补正) goes on its own like any
application (``outbox.single_filter``).

As for single applications, the members are marked ``sending`` before the request and the
answer is recorded only for rows still ``sending``; a crash or a cut connection leaves them
``sending`` and the group is sent again, which the hub answers per member (``duplicate``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.crypto import DataCipher
from kiosk.core.status import AppStatus
from kiosk.protocol import wire as p
from kiosk.store.db import Database
from kiosk.store.group_models import ApplicationGroup
from kiosk.store.models import Application, Attachment
from kiosk.sync import answers
from kiosk.sync.group_pending import PendingOf, pending_fields
from kiosk.sync.outbox import (
    DUE,
    SYNC_ACTOR,
    OutItem,
    due_filter,
    is_definite,
    mark_sending,
    out_items,
    out_rows,
)

# a member in one of these is being fixed by the agent: its group waits for it
BLOCKING = (
    AppStatus.DRAFT.value,
    AppStatus.READY.value,
    AppStatus.QUARANTINED.value,
    AppStatus.CONFLICT.value,
)


@dataclass
class OutGroup:
    """One claimed group: what goes on the wire."""

    group_id: str
    bundle_code: str
    catalog_version: str
    members: list[OutItem]
    pending: list[dict[str, str]] = field(default_factory=list)  # group_pending.py

    def wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "group_id": self.group_id,
            "bundle_code": self.bundle_code,
            "catalog_version": self.catalog_version,
            "members": [m.wire() for m in self.members],
        }
        if self.pending:
            out["pending"] = self.pending
        return out

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.members]


def _blocked(group_id: Any) -> Any:
    return exists().where(Application.group_id == group_id, Application.status.in_(BLOCKING))


def due_groups(db: Database, include_future: bool, exclude: set[str]) -> list[str]:
    """Groups not yet known to the hub with a member due now and none being fixed."""
    with db.read() as s:
        rows = s.scalars(
            select(ApplicationGroup.id)
            .where(
                ApplicationGroup.synced_at.is_(None),
                ApplicationGroup.id.not_in(exclude),
                exists().where(
                    Application.group_id == ApplicationGroup.id, due_filter(include_future)
                ),
                ~_blocked(ApplicationGroup.id),
            )
            .order_by(ApplicationGroup.created_at, ApplicationGroup.id)
        )
        return list(rows)


def claim_group(
    db: Database, cipher: DataCipher, group_id: str, pending_of: PendingOf | None = None
) -> OutGroup | None:
    """Every member still to send, marked ``sending`` and committed before any request."""
    with db.write() as s, s.no_autoflush:
        group = s.get(ApplicationGroup, group_id)
        if group is None or group.synced_at is not None:
            return None
        if s.scalar(select(_blocked(group_id))):
            return None
        rows = out_rows(
            s, (Application.group_id == group_id) & Application.status.in_(DUE), as_filed=True
        )
        if not rows:
            return None
        members = out_items(s, cipher, rows)
        mark_sending(s, [m.id for m in members])
        waiting = pending_fields(
            group.bundle_code, [(m.id, m.item_code, m.payload) for m in members], pending_of
        )
        return OutGroup(group.id, group.bundle_code, group.catalog_version, members, waiting)


def _rows(s: Session, ids: list[str]) -> list[Application]:
    found = {a.id: a for a in s.scalars(select(Application).where(Application.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def record_group(
    db: Database,
    group: OutGroup,
    answer: dict[str, Any],
    uploaded: list[str],
    audit_log: AuditLog | None = None,
) -> dict[str, int]:
    """The hub's answer to a group, in one transaction: its number on the group row, each
    member's answer through the one applier (``answers.apply_answer``). Counts per outcome;
    ``missing_blobs`` members stay ``sending`` for the caller."""
    counts = dict.fromkeys(p.OUTCOMES, 0)
    results = {str(r.get("client_id")): r for r in answer.get("members") or []}
    with db.write() as s, s.no_autoflush:
        if uploaded:
            s.execute(
                update(Attachment).where(Attachment.sha256.in_(uploaded)).values(uploaded=True)
            )
        for row in _rows(s, group.ids):
            result = results.get(row.id)
            if result is None or not is_definite(result):
                continue
            outcome = answers.apply_answer(s, row, result, SYNC_ACTOR)
            if outcome in counts:
                counts[outcome] += 1
        numbered = False
        row_group = s.get(ApplicationGroup, group.group_id)
        if row_group is not None:
            numbered = answers.apply_group_number(s, row_group, answer.get("group_no"))
        if audit_log is not None and (any(counts.values()) or numbered):
            detail = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
            audit_log.record(
                s,
                SYNC_ACTOR,
                audit.SYNC_RESULT,
                group.group_id,
                f"group {answer.get('group_no') or '-'}: {detail}",
            )
    return counts


def refuse_group(
    db: Database, group: OutGroup, problem: dict[str, Any], audit_log: AuditLog | None = None
) -> dict[str, int]:
    """The hub refused the whole group (nothing created): ``answers.apply_group_refusal``."""
    with db.write() as s, s.no_autoflush:
        rows = [r for r in _rows(s, group.ids) if r.status == AppStatus.SENDING.value]
        counts = answers.apply_group_refusal(s, rows, problem, SYNC_ACTOR)
        if audit_log is not None:
            audit_log.record(
                s,
                SYNC_ACTOR,
                audit.SYNC_RESULT,
                group.group_id,
                f"group refused ({problem.get('type', '')}): "
                f"{counts['refused']} refused, {counts['held']} held",
            )
    return counts


def carried_groups(
    s: Session, rows: list[Application]
) -> tuple[list[Application], list[dict[str, Any]]]:
    """For a USB batch: ``rows`` without the members of a group that is being fixed (it goes
    whole later), and the groups the others form, as the batch file lists them."""
    group_ids = {r.group_id for r in rows if r.group_id}
    if not group_ids:
        return rows, []
    groups = list(
        s.scalars(
            select(ApplicationGroup)
            .where(ApplicationGroup.id.in_(group_ids), ApplicationGroup.synced_at.is_(None))
            .order_by(ApplicationGroup.created_at, ApplicationGroup.id)
        )
    )
    blocked = set(
        s.scalars(
            select(Application.group_id).where(
                Application.group_id.in_([g.id for g in groups]),
                Application.status.in_(BLOCKING),
            )
        )
    )
    keep = [r for r in rows if r.group_id not in blocked]
    listing = []
    for g in groups:
        members = [r.id for r in keep if r.group_id == g.id]
        if members and g.id not in blocked:
            listing.append(
                {
                    "group_id": g.id,
                    "bundle_code": g.bundle_code,
                    "catalog_version": g.catalog_version,
                    "members": members,
                }
            )
    return keep, listing
