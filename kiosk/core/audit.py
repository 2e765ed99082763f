"""The audit trail (电子监察): who did what, when; append-only and tamper-evident.

Each row carries ``mac = HMAC(audit key, prev_mac || row fields)``; the audit key is derived
from the station's data key in the OS keyring, so a row edited or deleted with the sqlite3
shell cannot be re-sealed. An anchor (HMAC of the row count and the last mac) in
``sync_state`` also catches rows cut off the end.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import sqlite3
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.store.db import Database, session_sqlite, sql_time
from kiosk.store.models import AuditEvent, SyncState

GENESIS = "0" * 64
ANCHOR_KEY = "audit_anchor"
# Plain SQL: appended on every write, including the submit hot path (see Database.write_raw).
_LAST = "SELECT id, mac FROM audit_event ORDER BY id DESC LIMIT 1"
_INSERT = (
    "INSERT INTO audit_event (id, at, actor, action, subject, detail, prev_mac, mac)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
# Every agent and every application is created with an audit event: rows without any event
# mean the trail was emptied (rows and anchor deleted together).
_HAS_AUDITED_ROWS = (
    "SELECT EXISTS (SELECT 1 FROM agent) OR EXISTS (SELECT 1 FROM application)"
    " OR EXISTS (SELECT 1 FROM resident)"
)
_ANCHOR = (
    "INSERT INTO sync_state (key, value) VALUES (?, ?)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)

# Actions (English identifiers; never personal data in subject or detail).
LOGIN = "login"
LOGIN_FAILED = "login_failed"
VIEW_RESIDENT = "view_resident"
CREATE = "create"
EDIT = "edit"
SUBMIT = "submit"
WITHDRAW = "withdraw"
SUPPLEMENT = "supplement"
PRINT = "print"
SYNC_RESULT = "sync_result"
EXPORT = "export"
IMPORT = "import"
PURGE = "purge"
BACKUP = "backup"
RESTORE = "restore"
REVOKE = "revoke"
DENIED = "denied"  # a logged-in user asked for what their role may not do


def _fields(
    prev_mac: str, at: dt.datetime, actor: str, action: str, subject: str, detail: str
) -> bytes:
    return json.dumps(
        [prev_mac, at.isoformat(), actor, action, subject, detail],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    count: int
    first_broken_id: int | None = None
    reason: str = ""

    @property
    def message_zh(self) -> str:
        if self.ok:
            return f"审计记录完整，共 {self.count} 条。"
        return (
            f"审计记录被改动：第 {self.first_broken_id} 条起校验失败（{self.reason}）。"
            "请保留现场并联系技术员。"
        )


class AuditLog:
    def __init__(self, cipher: DataCipher) -> None:
        self._cipher = cipher

    def _anchor(self, count: int, last_mac: str) -> str:
        return self._cipher.audit_mac(f"anchor|{count}|{last_mac}".encode())

    def record(
        self, s: Session, actor: str, action: str, subject: str = "", detail: str = ""
    ) -> None:
        """Append one event inside the caller's write transaction (a Database.write session)."""
        self.append(session_sqlite(s), actor, action, subject, detail)

    def note(
        self, db: Database, actor: str, action: str, subject: str = "", detail: str = ""
    ) -> None:
        """Record an event that is the whole of its own write transaction (a print, a restore)."""
        with db.write_raw() as conn:
            self.append(conn, actor, action, subject, detail)

    def append(
        self, conn: sqlite3.Connection, actor: str, action: str, subject: str = "", detail: str = ""
    ) -> None:
        """Append one event on a connection inside a write transaction (Database.write_raw)."""
        last = conn.execute(_LAST).fetchone()
        prev_mac = last[1] if last else GENESIS
        at = utcnow()
        mac = self._cipher.audit_mac(_fields(prev_mac, at, actor, action, subject, detail))
        count = (last[0] if last else 0) + 1  # ids are dense: rows are never deleted
        conn.execute(_INSERT, (count, sql_time(at), actor, action, subject, detail, prev_mac, mac))
        conn.execute(_ANCHOR, (ANCHOR_KEY, f"{count}:{self._anchor(count, mac)}"))

    def verify(self, db: Database) -> AuditReport:
        prev_mac = GENESIS
        count = 0
        with db.read() as s:
            for ev in s.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(2000):
                count += 1
                if ev.id != count:
                    return AuditReport(False, count - 1, count, "记录缺失（编号不连续）")
                expected = self._cipher.audit_mac(
                    _fields(prev_mac, ev.at, ev.actor, ev.action, ev.subject, ev.detail)
                )
                if ev.prev_mac != prev_mac:
                    return AuditReport(False, count - 1, ev.id, "与前一条记录的链接断开")
                if not hmac.compare_digest(ev.mac, expected):
                    return AuditReport(False, count - 1, ev.id, "记录内容与校验值不符")
                prev_mac = ev.mac
            anchor = s.get(SyncState, ANCHOR_KEY)
            audited_work = bool(s.scalar(text(_HAS_AUDITED_ROWS)))
        if count == 0 and anchor is None:
            if audited_work:  # agents and applications exist, yet no event was ever kept
                return AuditReport(False, 0, 1, "审计记录全部缺失")
            return AuditReport(True, 0)
        want = f"{count}:{self._anchor(count, prev_mac)}"
        if anchor is None or not hmac.compare_digest(anchor.value, want):
            return AuditReport(False, count, count + 1, "末尾记录被删除或锚点被改动")
        return AuditReport(True, count)
