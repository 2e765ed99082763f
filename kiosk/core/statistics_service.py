"""StatisticsService: the monthly report's counts and its audited export to a file."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.audit import AuditLog
from kiosk.core.statistics import MonthRow, month_report
from kiosk.core.statistics_export import save_export
from kiosk.store.db import Database


class StatisticsService:
    def __init__(self, db: Database, audit_log: AuditLog) -> None:
        self._db = db
        self._audit = audit_log

    def month(self, year: int, month: int) -> list[MonthRow]:
        """Applications filed (queued) in that month, local time, by item then status."""
        return month_report(self._db, year, month)

    def save(self, agent: str, path: Path, content: bytes, what: str) -> None:
        """Write the exported report atomically and note in the audit trail who exported
        what (``what``: e.g. ``"csv 2026-05"``; never personal data)."""
        save_export(self._db, self._audit, agent, path, content, what)
