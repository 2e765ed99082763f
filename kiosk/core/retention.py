"""Retention: personal data leaves finished cases after N days; the counts stay."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.status import FINISHED_WITH_RESULT, AppStatus
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.store.models import Application, Attachment, StatusEvent

log = logging.getLogger(__name__)
FINISHED = (
    *(s.value for s in FINISHED_WITH_RESULT),
    AppStatus.REJECTED.value,
    AppStatus.WITHDRAWN.value,
)


def purge_expired(
    db: Database,
    audit_log: AuditLog,
    blobs: BlobStore,
    retention_days: int,
    now: dt.datetime | None = None,
) -> int:
    """Remove form data and attachments of cases finished more than ``retention_days`` ago.

    Item, status, dates, the timeline's steps and the case number remain, so statistics
    still count them; the notes' free text goes with the personal data. Returns how
    many applications were purged. Attachment files no case refers to any more are deleted.
    """
    cutoff = (now or utcnow()) - dt.timedelta(days=retention_days)
    purged = 0
    with db.write() as s:
        rows = s.scalars(
            select(Application)
            .options(selectinload(Application.attachments))
            .where(
                Application.status.in_(FINISHED),
                Application.purged_at.is_(None),
                Application.updated_at < cutoff,
            )
        )
        ids = []
        for app in rows:
            app.payload_enc = b""
            app.resident_index = None
            app.resident_id = None
            app.last_error = None  # free text (hub notes, file names) may name the resident
            for att in list(app.attachments):
                s.delete(att)
            app.purged_at = utcnow()
            ids.append(app.id)
            purged += 1
        if ids:  # the timeline keeps its steps and times (电子监察), not the notes' words
            s.execute(
                update(StatusEvent).where(StatusEvent.application_id.in_(ids)).values(reason="")
            )
        if purged:
            audit_log.record(s, "系统", audit.PURGE, "", f"{purged} applications")
    if purged:
        with db.read() as s:
            referenced = set(s.scalars(select(Attachment.sha256).distinct()))
        removed = blobs.delete_unreferenced(referenced)
        log.info("retention: purged %d applications, %d attachment files", purged, removed)
    return purged
