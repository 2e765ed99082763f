"""The outbox: send queued applications, record what the hub answered, pull status changes.

Status lives in the application row. An item is marked ``sending`` (durably) before the
request and ``submitted`` only on a definite answer, so a crash at any point leaves it
``sending`` and it is simply sent again; the hub's idempotency makes that harmless.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import HUB_STAGE_TO_STATUS, AppStatus, IllegalTransition
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.store.models import Application, Attachment, SyncState
from kiosk.sync import protocol as p
from kiosk.sync.backoff import next_delay
from kiosk.sync.client import HubAuthError, HubClient, HubRefused, HubUnreachable
from kiosk.sync.filelock import FileLock, LockBusy

log = logging.getLogger(__name__)

SYNC_ACTOR = "同步"
CURSOR_KEY = "changes_cursor"


@dataclass
class SyncReport:
    sent: int = 0
    created: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    missing_blobs: int = 0
    blobs_uploaded: int = 0
    status_updates: int = 0
    remaining: int = 0
    busy: bool = False
    error: str | None = None
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


Progress = Callable[[int, int], None]


class SyncEngine:
    def __init__(
        self,
        db: Database,
        cipher: DataCipher,
        blobs: BlobStore,
        client: HubClient,
        lock_path: Path,
        batch_size: int = 50,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._blobs = blobs
        self._client = client
        self._file_lock = FileLock(lock_path)
        self._thread_lock = threading.Lock()
        self._batch_size = batch_size

    def run_once(self, progress: Progress | None = None, force: bool = False) -> SyncReport:
        """One full cycle. Safe to call from several threads/processes: one runs, others return.

        ``force`` (the agent pressed 立即同步, or the CLI) ignores the backoff timers.
        """
        report = SyncReport()
        if not self._thread_lock.acquire(blocking=False):
            report.busy = True
            return report
        try:
            with self._file_lock:
                self._cycle(report, progress, force)
        except LockBusy:
            report.busy = True
        finally:
            self._thread_lock.release()
        return report

    def _cycle(self, report: SyncReport, progress: Progress | None, force: bool) -> None:
        total = self._count_due(include_future=force)
        seen: set[str] = set()  # each item is tried at most once per cycle
        try:
            while True:
                batch = self._claim_batch(force, seen)
                if not batch:
                    break
                seen.update(a.id for a in batch)
                self._send_batch(batch, report)
                if progress:
                    progress(report.sent, total)
            self._pull_changes(report)
        except HubUnreachable as exc:
            report.error = exc.zh
            log.warning("sync stopped: %s", exc.en)
        except (HubAuthError, HubRefused) as exc:
            report.error = exc.zh
            log.error("sync refused: %s", exc.en)
        report.remaining = self._count_due(include_future=True)

    # --- outbox ----------------------------------------------------------------------------
    def _due_filter(self, include_future: bool = False) -> Any:
        cond = Application.status.in_([AppStatus.QUEUED.value, AppStatus.SENDING.value])
        if include_future:
            return cond
        now = utcnow()
        return cond & or_(Application.next_attempt_at.is_(None), Application.next_attempt_at <= now)

    def _count_due(self, include_future: bool = False) -> int:
        with self._db.read() as s:
            q = (
                select(func.count())
                .select_from(Application)
                .where(self._due_filter(include_future))
            )
            return int(s.scalar(q) or 0)

    def _claim_batch(self, include_future: bool, exclude: set[str]) -> list[Application]:
        """Mark up to ``batch_size`` due items ``sending`` and commit before any request."""
        with self._db.write() as s:
            apps = list(
                s.scalars(
                    select(Application)
                    .options(selectinload(Application.attachments))
                    .where(self._due_filter(include_future), Application.id.not_in(exclude))
                    .order_by(Application.queued_at, Application.id)
                    .limit(self._batch_size)
                )
            )
            for app in apps:
                if app.status == AppStatus.QUEUED.value:
                    apply_transition(s, app, AppStatus.SENDING, SYNC_ACTOR, "开始发送")
                app.attempts += 1
        return apps

    def _upload_blobs(self, app: Application, report: SyncReport) -> None:
        pending = [a for a in app.attachments if not a.uploaded]
        for att in pending:
            if not self._client.has_blob(att.sha256):
                self._client.put_blob(att.sha256, self._blobs.get(att.sha256))
                report.blobs_uploaded += 1
        if pending:
            with self._db.write() as s:
                for att in pending:
                    row = s.get(Attachment, att.id)
                    if row is not None:
                        row.uploaded = True

    def _send_batch(self, apps: list[Application], report: SyncReport) -> None:
        items = []
        try:
            for app in apps:
                self._upload_blobs(app, report)
                payload = json.loads(self._cipher.decrypt(app.payload_enc, app.id.encode()))
                items.append(
                    {
                        "client_id": app.id,
                        "item_code": app.item_code,
                        "form_version": app.form_version,
                        "payload": payload,
                        "blobs": sorted({a.sha256 for a in app.attachments}),
                    }
                )
            results = self._client.submit(items)
        except HubUnreachable as exc:
            self._requeue(apps, exc.zh, exc.retry_after)
            raise
        report.sent += len(apps)
        by_id = {r.get("client_id"): r for r in results}
        with self._db.write() as s:
            for app in apps:
                row = s.get(Application, app.id)
                if row is None:
                    continue
                self._record(s, row, by_id.get(app.id), report)

    def _record(
        self, s: Any, row: Application, result: dict[str, Any] | None, report: SyncReport
    ) -> None:
        outcome = (result or {}).get("outcome")
        now = utcnow()
        if outcome in (p.CREATED, p.DUPLICATE):
            assert result is not None
            row.case_no = result.get("case_no")
            row.query_code = result.get("query_code")
            row.last_error = None
            row.synced_at = now
            apply_transition(
                s, row, AppStatus.SUBMITTED, SYNC_ACTOR, f"省级平台已收件，办件编号 {row.case_no}"
            )
            report.created += outcome == p.CREATED
            report.duplicate += outcome == p.DUPLICATE
        elif outcome == p.CONFLICT:
            row.last_error = "省级平台已有同一编号但内容不同的办件，请核对后联系乡镇工作人员。"
            apply_transition(s, row, AppStatus.CONFLICT, SYNC_ACTOR, row.last_error)
            report.conflict += 1
        elif outcome == p.REJECTED:
            assert result is not None
            errors = result.get("errors") or {}
            row.last_error = "省级平台退回：" + "；".join(str(v) for v in errors.values())
            apply_transition(s, row, AppStatus.QUARANTINED, SYNC_ACTOR, row.last_error)
            report.rejected += 1
            report.errors.append(row.last_error)
        else:  # missing_blobs or no answer for this item: send again later
            if outcome == p.MISSING_BLOBS:
                report.missing_blobs += 1
                for att in row.attachments:
                    att.uploaded = False
            row.last_error = "附件尚未上传完整，稍后自动重试。"
            row.next_attempt_at = now
            apply_transition(s, row, AppStatus.QUEUED, SYNC_ACTOR, row.last_error)

    def _requeue(self, apps: list[Application], reason: str, retry_after: float | None) -> None:
        with self._db.write() as s:
            for app in apps:
                row = s.get(Application, app.id)
                if row is None or row.status != AppStatus.SENDING.value:
                    continue
                row.last_error = reason
                row.next_attempt_at = utcnow() + dt.timedelta(
                    seconds=next_delay(row.attempts, retry_after)
                )
                apply_transition(s, row, AppStatus.QUEUED, SYNC_ACTOR, reason)

    # --- change feed ----------------------------------------------------------------------
    def _pull_changes(self, report: SyncReport) -> None:
        while True:
            with self._db.read() as s:
                state = s.get(SyncState, CURSOR_KEY)
                cursor = int(state.value) if state else 0
            events, next_cursor = self._client.changes(cursor)
            if not events:
                return
            with self._db.write() as s:  # apply, then store the cursor, in one transaction
                for ev in events:
                    report.status_updates += self._apply_change(s, ev)
                state = s.get(SyncState, CURSOR_KEY)
                if state is None:
                    s.add(SyncState(key=CURSOR_KEY, value=str(next_cursor)))
                else:
                    state.value = str(next_cursor)

    @staticmethod
    def _apply_change(s: Any, ev: dict[str, Any]) -> int:
        target = HUB_STAGE_TO_STATUS.get(str(ev.get("stage")))
        if target is None:
            return 0  # 收件 is already known locally as "submitted"
        row = s.get(Application, ev.get("client_id"))
        if row is None or row.status == target.value:
            return 0
        try:
            apply_transition(s, row, target, "省级平台", str(ev.get("note") or ev.get("stage")))
        except IllegalTransition:
            log.warning("ignored hub change %s for %s in status %s", target, row.id, row.status)
            return 0
        if row.case_no is None and ev.get("case_no"):
            row.case_no = ev["case_no"]
        return 1
