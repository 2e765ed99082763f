"""Reading applications: one case, its answers, files and timeline; lists and counts."""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.core.applications.base import ApplicationBase
from kiosk.core.applications.views import (
    ApplicationView,
    AttachmentInfo,
    TimelineEntry,
    view_of,
)
from kiosk.core.errors import NotFound
from kiosk.core.status import AppStatus
from kiosk.store.models import Application, Attachment, StatusEvent


class ApplicationQueries(ApplicationBase):
    def get(self, app_id: str) -> ApplicationView:
        with self._db.read() as s:
            return view_of(self._row(s, app_id))

    def payload(self, app_id: str) -> dict[str, Any]:
        """Decrypted form data of one application (for the case view, receipts, sync)."""
        with self._db.read() as s:
            row = self._row(s, app_id)
            if row.purged_at is not None:
                return {}
            data: dict[str, Any] = json.loads(
                self._cipher.decrypt(row.payload_enc, row.id.encode())
            )
            return data

    def attachments(self, app_id: str) -> builtins.list[AttachmentInfo]:
        with self._db.read() as s:
            rows = s.scalars(
                select(Attachment)
                .where(Attachment.application_id == app_id)
                .order_by(Attachment.id)
            )
            return [
                AttachmentInfo(
                    a.id,
                    a.sha256,
                    a.size,
                    a.mime,
                    a.material,
                    self._cipher.decrypt(a.filename_enc, app_id.encode()).decode(),
                )
                for a in rows
            ]

    def attachment_bytes(self, app_id: str, attachment_id: int) -> bytes:
        with self._db.read() as s:
            att = s.get(Attachment, attachment_id)
            if att is None or att.application_id != app_id:
                raise NotFound("找不到该附件。", f"no attachment {attachment_id}")
            sha = att.sha256
        return self._blobs.get(sha)

    def timeline(self, app_id: str) -> builtins.list[TimelineEntry]:
        with self._db.read() as s:
            rows = s.scalars(
                select(StatusEvent)
                .where(StatusEvent.application_id == app_id)
                .order_by(StatusEvent.id)
            )
            return [
                TimelineEntry(
                    at=e.at,
                    from_status=AppStatus(e.from_status) if e.from_status else None,
                    to_status=AppStatus(e.to_status),
                    actor=e.actor,
                    reason=e.reason,
                )
                for e in rows
            ]

    def list(
        self, statuses: Sequence[AppStatus] | None = None, limit: int = 500
    ) -> builtins.list[ApplicationView]:
        with self._db.read() as s:
            q = (
                select(Application)
                .options(selectinload(Application.attachments))
                .order_by(Application.created_at.desc())
                .limit(limit)
            )
            if statuses:
                q = q.where(Application.status.in_([st.value for st in statuses]))
            return [view_of(a) for a in s.scalars(q)]

    def drafts(self) -> builtins.list[ApplicationView]:
        return self.list([AppStatus.DRAFT, AppStatus.READY])

    def for_resident(self, resident_id: str) -> builtins.list[ApplicationView]:
        with self._db.read() as s:
            q = (
                select(Application)
                .options(selectinload(Application.attachments))
                .where(Application.resident_id == resident_id)
                .order_by(Application.created_at.desc())
            )
            return [view_of(a) for a in s.scalars(q)]

    def counts(self) -> dict[AppStatus, int]:
        with self._db.read() as s:
            rows = s.execute(select(Application.status, func.count()).group_by(Application.status))
            return {AppStatus(st): n for st, n in rows}
