"""The audit trail's records of who saw or printed what: a document sent to a printer, a
case's identifiers shown unmasked. Subjects are ids, never personal data."""

from __future__ import annotations

from kiosk.core.audit import PRINT, VIEW_RESIDENT, AuditLog
from kiosk.store.db import Database


class AccessRecords:
    def __init__(self, db: Database, audit_log: AuditLog) -> None:
        self._db = db
        self._audit = audit_log

    def printed(self, actor: str, kind: str, subject: str, printer: str) -> None:
        """Who sent which document to which printer. ``subject``: the application id (or
        the batch, for hand-over lists)."""
        self._audit.note(self._db, actor, PRINT, subject, f"{kind} -> {printer}")

    def revealed(self, actor: str, app_id: str) -> None:
        """An agent showed a case's identifiers unmasked (显示完整号码)."""
        self._audit.note(self._db, actor, VIEW_RESIDENT, app_id, "full identifiers shown")
