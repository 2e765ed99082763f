"""The sync engine: one cycle sends the outbox, evaluations, pulls status and catalog.

Guarantees (docs/protocol.md §Kiosk): nothing is lost and nothing duplicated whatever the
network or the PC does. Status lives in the application row (see ``outbox``); attachments
go up before the batch that cites them and resume from the last byte the hub confirmed;
one item's refusal quarantines that item only; failures back off exponentially with
jitter and a cap, honouring ``Retry-After``; only one cycle runs at a time, across
threads and processes (GUI timer, 立即同步 button and the CLI may all start one).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.core.audit import AuditLog
from kiosk.core.crypto import DataCipher
from kiosk.protocol.clock import utcnow
from kiosk.protocol.errors import KioskError
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.sync import outbox, state
from kiosk.sync.backoff import next_delay
from kiosk.sync.catalog_pull import ApplyCatalog, pull_catalog
from kiosk.sync.client import HubAuthError, HubClient, HubRefused, HubUnreachable
from kiosk.sync.evaluations import EvaluationOutbox, EvaluationTableOutbox, upload_evaluations
from kiosk.sync.feed import pull_changes
from kiosk.sync.filelock import FileLock, LockBusy
from kiosk.sync.group_sending import GroupSender
from kiosk.sync.rating_outbox import RatingOutbox
from kiosk.sync.report import Progress, ProgressTracker, SyncProgress, SyncReport
from kiosk.sync.sending import SyncCancelled, SyncPolicy
from kiosk.sync.state import SyncStatus, load_status

log = logging.getLogger(__name__)

__all__ = [
    "CURSOR_KEY",
    "SyncCancelled",
    "SyncEngine",
    "SyncPolicy",
    "SyncProgress",
    "SyncReport",
]

CURSOR_KEY = state.CURSOR
# Hub answers that are about the content of a batch (so bisecting finds the bad item).
_CONTENT_REFUSALS = (413, 422)


class SyncEngine(GroupSender):
    def __init__(
        self,
        db: Database,
        cipher: DataCipher,
        blobs: BlobStore,
        client: HubClient,
        lock_path: Path,
        batch_size: int = 50,
        *,
        policy: SyncPolicy | None = None,
        apply_catalog: ApplyCatalog | None = None,
        evaluations: EvaluationOutbox | EvaluationTableOutbox | RatingOutbox | None = None,
        rotate_token: Callable[[], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._audit = AuditLog(cipher)  # sync results go on the station's audit trail
        self._blobs = blobs
        self._client = client
        self._file_lock = FileLock(lock_path)
        self._thread_lock = threading.Lock()
        self.policy = policy or SyncPolicy(batch_items=batch_size)
        self._apply_catalog = apply_catalog
        self._evaluations = evaluations
        # more after-filing updates sent with the ratings (set by the composition root)
        self.after_filing: Callable[[Any], int] | None = None  # gets the hub client
        self._rotate_token = rotate_token
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._cancelled = threading.Event()
        self._answered = False  # some request of the current cycle got an answer

    # --- public ----------------------------------------------------------------------------
    def run_once(self, progress: Progress | None = None, force: bool = False) -> SyncReport:
        """One full cycle. Safe to call from several threads/processes: one runs, others return.

        ``force`` (the agent pressed 立即同步, the CLI, the hub just became reachable)
        ignores the backoff timers.
        """
        report = SyncReport()
        if self._cancelled.is_set():
            report.error = SyncCancelled().zh
            return report
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

    def cancel(self) -> None:
        """From any thread: stop the cycle in flight now (its connection is cut, no retry,
        no backoff) and every later one. For a station that is closing."""
        self._cancelled.set()
        abort = getattr(self._client, "abort", None)
        if abort is not None:
            abort()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def status(self) -> SyncStatus:
        return load_status(self._db)

    def probe(self) -> bool:
        """Is the hub reachable now (and not a captive portal)? Cheap; never raises."""
        return self._client.probe()

    # --- the cycle -------------------------------------------------------------------------
    def _cycle(self, report: SyncReport, progress: Progress | None, force: bool) -> None:
        now = utcnow()
        with self._db.read() as s:
            next_at = state.get_time(s, state.NEXT_ATTEMPT)
        if not force and next_at is not None and next_at > now:
            report.skipped = True
            report.next_attempt_at = next_at.isoformat()
            report.remaining = outbox.count_due(self._db, include_future=True)[0]
            return
        items_total, bytes_total = outbox.count_due(self._db, include_future=force)
        self._answered = False
        tracker = ProgressTracker(progress, items_total, bytes_total)
        tracker.emit("submit")
        failure: KioskError | None = None
        try:
            for round_ in range(3):
                self._send_outbox(report, tracker, force)
                self._send_groups(report, tracker, force)  # 一件事: each group whole
                if round_ == 0:
                    self._send_evaluations(report, tracker)
                tracker.emit("changes")
                feed = self._call(
                    lambda: pull_changes(self._db, self._client, audit_log=self._audit),
                    report,
                    tracker,
                )
                report.status_updates += feed.applied
                if feed.waiting_for is None:
                    break
            self._pull_catalog(report, tracker)
            self._maybe_rotate_token()
        except SyncCancelled as exc:
            failure = exc
            log.info("sync stopped: %s", exc.en)
        except HubUnreachable as exc:
            failure = SyncCancelled() if self._cancelled.is_set() else exc
            log.warning("sync stopped: %s", failure.en)
        except HubAuthError as exc:
            failure = exc
            report.auth_error = True
            log.error("sync refused: %s", exc.en)
        except HubRefused as exc:
            failure = exc
            log.error("sync refused: %s", exc.en)
        except Exception as exc:  # a bug or a local fault: recorded as a failed cycle, raised
            failure = KioskError(
                "同步出现意外错误，已保存的申请不受影响，详情已写入日志。",
                f"sync crashed: {type(exc).__name__}",
            )
            raise
        finally:
            if failure is not None:
                report.error = failure.zh
            self._save_outcome(report, failure)
            report.remaining = outbox.count_due(self._db, include_future=True)[0]
            tracker.emit("done", report.error or "")

    def _save_outcome(self, report: SyncReport, failure: KioskError | None) -> None:
        now = utcnow()
        with self._db.write() as s:
            state.put_time(s, state.LAST_ATTEMPT, now)
            if isinstance(failure, SyncCancelled):
                return  # not the hub's fault: no backoff, the next start syncs at once
            if failure is None:
                state.put_time(s, state.LAST_SUCCESS, now)
                state.put(s, state.FAILURES, "0")
                state.put(s, state.NEXT_ATTEMPT, None)
                state.put(s, state.LAST_ERROR, None)
                state.put(s, state.AUTH_ERROR, None)
                return
            # a cycle in which the hub answered at all starts the backoff again from its base:
            # the hub is there, the next cycle should not wait as if it had been down for long
            failures = 1 if self._answered else state.get_int(s, state.FAILURES) + 1
            retry_after = failure.retry_after if isinstance(failure, HubUnreachable) else None
            delay = next_delay(
                failures,
                retry_after,
                base=self.policy.backoff_base,
                cap=self.policy.backoff_cap,
                rng=self._rng,
            )
            if isinstance(failure, HubAuthError):
                delay = self.policy.backoff_cap  # nothing will change until re-enrolment
            next_at = now + dt.timedelta(seconds=delay)
            state.put(s, state.FAILURES, str(failures))
            state.put_time(s, state.NEXT_ATTEMPT, next_at)
            state.put(s, state.LAST_ERROR, failure.zh)
            state.put(
                s, state.AUTH_ERROR, failure.zh if isinstance(failure, HubAuthError) else None
            )
            report.next_attempt_at = next_at.isoformat()

    # --- the rest of a cycle ---------------------------------------------------------------
    def _send_evaluations(self, report: SyncReport, tracker: ProgressTracker) -> None:
        if self._evaluations is None and self.after_filing is None:
            return
        tracker.emit("evaluations")
        outbox_ = self._evaluations
        if outbox_ is not None:
            sent, _waiting = self._call(
                lambda: upload_evaluations(outbox_, self._client), report, tracker
            )
            report.evaluations_sent += sent
        if self.after_filing is not None:  # e.g. delivery choices changed after filing
            after = self.after_filing
            self._call(lambda: after(self._client), report, tracker)

    def _pull_catalog(self, report: SyncReport, tracker: ProgressTracker) -> None:
        if self._apply_catalog is None:
            return
        tracker.emit("catalog")
        apply = self._apply_catalog
        try:
            report.catalog_items += self._call(
                lambda: pull_catalog(self._db, self._client, apply), report, tracker
            )
        except (HubUnreachable, HubAuthError):
            raise
        except Exception as exc:  # a bad bundle must not stop applications from syncing
            log.exception("catalog update failed")
            zh = exc.zh if isinstance(exc, KioskError) else "事项目录更新失败，已保留原目录。"
            report.errors.append(zh)

    def _maybe_rotate_token(self) -> None:
        if self._rotate_token is None or self.policy.token_max_age_days <= 0:
            return
        now = utcnow()
        with self._db.read() as s:
            last = state.get_time(s, state.TOKEN_ROTATED)
        if (
            last is not None
            and (now - last).total_seconds() < self.policy.token_max_age_days * 86400
        ):
            return
        if last is not None:
            try:
                self._rotate_token()
            except KioskError as exc:  # the old token keeps working: try again next cycle
                log.warning("device token rotation failed: %s", exc.en)
                return
            log.info("device token rotated")
        with self._db.write() as s:
            state.put_time(s, state.TOKEN_ROTATED, now)
