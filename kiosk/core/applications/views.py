"""What screens and the CLI are given of an application: frozen views built inside their
session (no personal data, no ORM rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import object_session

from kiosk.core.applications.guards import left_station
from kiosk.core.changes import DRAFTS, NOTHING, Changes
from kiosk.core.status import LABELS_ZH, AppStatus
from kiosk.store.models import Application, Attachment


@dataclass(frozen=True)
class ApplicationView:
    """What screens and the CLI show of an application (no personal data)."""

    id: str
    item_code: str
    item_name: str
    form_version: int
    status: AppStatus
    case_no: str | None
    query_code: str | None
    last_error: str | None
    created_by: str
    created_at: dt.datetime
    queued_at: dt.datetime | None
    synced_at: dt.datetime | None
    attachment_count: int
    revision: int = 0
    resident_id: str | None = None
    purged: bool = False
    # The hub may already hold it (sent, on a USB batch, or has a case number): the station
    # can no longer withdraw it on its own.
    may_have_left: bool = False
    # What the operation that returned this view changed on the station (a filing, a
    # withdrawal, a 补正 …), for the screens to refresh by; a view read by a query: nothing.
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    def changed(self, *, queued: bool = False, drafts: bool = False) -> ApplicationView:
        """This view as the answer of an operation that changed its application; ``queued``:
        it now waits to be sent (a sync should run); ``drafts``: the list of drafts changed."""
        changes = Changes.of_applications(self.id, queued=queued)
        return replace(self, changes=changes | DRAFTS if drafts else changes)

    @property
    def status_label(self) -> str:
        return LABELS_ZH[self.status]

    @property
    def local_ref(self) -> str:
        """Reference printed on receipts while offline, before the hub assigns a case number."""
        return "L-" + self.id.replace("-", "")[:10].upper()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "item_code": self.item_code,
            "item_name": self.item_name,
            "form_version": self.form_version,
            "status": self.status.value,
            "status_label": self.status_label,
            "case_no": self.case_no,
            "query_code": self.query_code,
            "last_error": self.last_error,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "attachments": self.attachment_count,
            "revision": self.revision,
        }


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    sha256: str
    size: int
    mime: str
    material: str
    filename: str


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    from_status: AppStatus | None
    to_status: AppStatus
    actor: str
    reason: str


def _attachment_count(app: Application) -> int:
    """Loaded on purpose when the query asked for it (selectinload), else counted in the
    row's own session; never a lazy load (the relationship is ``lazy="raise"``)."""
    if "attachments" in inspect(app).dict:
        return len(app.attachments)
    s = object_session(app)
    if s is None:
        raise RuntimeError(f"application {app.id} is outside its session; count unknown")
    total = s.scalar(
        select(func.count()).select_from(Attachment).where(Attachment.application_id == app.id)
    )
    return int(total or 0)


def view_of(app: Application, attachment_count: int | None = None) -> ApplicationView:
    """The view of a row, inside the row's session."""
    return ApplicationView(
        id=app.id,
        item_code=app.item_code,
        item_name=app.item_name,
        form_version=app.form_version,
        status=AppStatus(app.status),
        case_no=app.case_no,
        query_code=app.query_code,
        last_error=app.last_error,
        created_by=app.created_by,
        created_at=app.created_at,
        queued_at=app.queued_at,
        synced_at=app.synced_at,
        attachment_count=_attachment_count(app) if attachment_count is None else attachment_count,
        revision=app.revision,
        resident_id=app.resident_id,
        purged=app.purged_at is not None,
        may_have_left=left_station(app) is not None,
    )
