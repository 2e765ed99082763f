"""Taking a wrongly chosen file (or an old signature) off a draft before it is submitted."""

from __future__ import annotations

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.errors import InputError, NotFound
from kiosk.core.status import AppStatus
from kiosk.store.db import Database
from kiosk.store.models import Application, Attachment

EDITABLE = (AppStatus.DRAFT.value, AppStatus.READY.value)


def remove_attachment(
    db: Database, audit_log: AuditLog, app_id: str, attachment_id: int, agent: str
) -> None:
    """Drop one file from a draft. Submitted cases keep every file they were sent with.

    The encrypted blob stays in the content-addressed store (another application may hold
    the same bytes); retention purges blobs no application refers to.
    """
    with db.write() as s:
        app = s.get(Application, app_id)
        if app is None:
            raise NotFound("找不到该办件。", f"no application {app_id}")
        if app.status not in EDITABLE:
            raise InputError(
                "已提交的办件不能删除附件。", f"{app_id} is not a draft; attachments are final"
            )
        att = s.get(Attachment, attachment_id)
        if att is None or att.application_id != app_id:
            raise NotFound("找不到该附件，可能已被删除。", f"no attachment {attachment_id}")
        s.delete(att)
        app.updated_at = utcnow()
        audit_log.record(s, agent, audit.EDIT, app_id, f"remove attachment {attachment_id}")
