"""Writing the monthly statistics to a file the township can open, and auditing the export."""

from __future__ import annotations

from pathlib import Path

from kiosk.core import audit
from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.audit import AuditLog
from kiosk.core.statistics import MonthRow, to_csv
from kiosk.store.db import Database


def csv_bytes(rows: list[MonthRow]) -> bytes:
    """UTF-8 with a BOM: without it Excel and WPS read the Chinese as GBK and garble it."""
    return to_csv(rows).encode("utf-8-sig")


def save_export(
    db: Database, audit_log: AuditLog, agent: str, path: Path, content: bytes, what: str
) -> None:
    """Write the file atomically, then note in the audit trail who exported what."""
    atomic_write_bytes(path, content, mode=0o644)
    with db.write() as s:
        audit_log.record(s, agent, audit.EXPORT, "statistics", what)
