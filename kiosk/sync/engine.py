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
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import KioskError
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.sync import outbox, state
from kiosk.sync import protocol as p
from kiosk.sync.backoff import next_delay
from kiosk.sync.catalog_pull import ApplyCatalog, pull_catalog
from kiosk.sync.client import HubAuthError, HubClient, HubRefused, HubUnreachable
from kiosk.sync.evaluations import EvaluationOutbox, EvaluationTableOutbox, upload_evaluations
from kiosk.sync.feed import pull_changes
from kiosk.sync.filelock import FileLock, LockBusy
from kiosk.sync.outbox import OutItem
from kiosk.sync.rating_outbox import RatingOutbox
from kiosk.sync.report import Progress, ProgressTracker, SyncProgress, SyncReport
from kiosk.sync.state import SyncStatus, load_status
from kiosk.sync.uploader import BlobUploader

log = logging.getLogger(__name__)

__all__ = ["CURSOR_KEY", "SyncEngine", "SyncPolicy", "SyncProgress", "SyncReport"]

CURSOR_KEY = state.CURSOR
T = TypeVar("T")
# Hub answers that are about the content of a batch (so bisecting finds the bad item).
_CONTENT_REFUSALS = (413, 422)


class SyncCancelled(HubUnreachable):
    """The station is closing: the cycle stopped where it was. Items on the wire stay
    ``sending`` or go back to the queue; either way they are sent again at the next start."""

    def __init__(self) -> None:
        super().__init__(
            "同步已中断（程序正在关闭），未发送完的申请下次启动后会自动重新发送。",
            "sync cancelled: the station is closing",
        )


@dataclass(frozen=True)
class SyncPolicy:
    batch_items: int = 50
    batch_bytes: int = 1 << 20  # JSON bytes per submission request
    chunk_bytes: int = 1 << 20  # attachment bytes per upload request
    retries: int = 3  # quick retries of one request inside a cycle
    fresh_retries: int = 2  # a dropped connection: tried again at once (fresh connection),
    # within ``retries`` (0 retries: none at all)
    retry_base: float = 0.5  # first retry after 0.25–0.5 s: most drops are momentary
    retry_cap: float = 30.0  # a Retry-After longer than this ends the cycle instead
    backoff_base: float = 15.0  # between failed cycles started by the timer
    backoff_cap: float = 900.0
    token_max_age_days: float = 30.0  # rotate the device token this often (0: never)


class SyncEngine:
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
        self.after_filing: Callable[[Any], int] | None = None
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

    def _check_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise SyncCancelled()

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

    @property
    def _fresh_budget(self) -> int:
        return min(self.policy.fresh_retries, self.policy.retries)

    def _call(self, fn: Callable[[], T], report: SyncReport, tracker: ProgressTracker) -> T:
        """Run one request, retrying when there was no answer: a dropped connection at once
        on a fresh one (a few times), then with backoff and jitter; a ``Retry-After`` is
        waited exactly. Each request starts its backoff afresh: a success resets it."""
        attempt = fresh = 0
        while True:
            self._check_cancelled()
            try:
                result = fn()
                self._answered = True
                return result
            except HubUnreachable as exc:
                self._check_cancelled()
                if exc.dropped and exc.retry_after is None and fresh < self._fresh_budget:
                    fresh += 1
                    report.retries += 1
                    log.info("connection dropped (%s); retrying at once", exc.en)
                    continue
                attempt += 1
                too_long = (exc.retry_after or 0) > self.policy.retry_cap
                if attempt > self.policy.retries or too_long:
                    raise
                if exc.retry_after is not None:  # the hub said when: neither sooner nor later
                    delay = max(0.0, exc.retry_after)
                else:
                    delay = next_delay(
                        attempt,
                        base=self.policy.retry_base,
                        cap=self.policy.retry_cap,
                        rng=self._rng,
                    )
                report.retries += 1
                log.info("no answer from the hub (%s); retry %d in %.1fs", exc.en, attempt, delay)
                phase = tracker.phase
                tracker.emit("waiting", f"{exc.zh}（{delay:.0f} 秒后第 {attempt} 次重试）")
                self._sleep(delay)
                tracker.phase = phase

    # --- outbox ----------------------------------------------------------------------------
    def _send_outbox(self, report: SyncReport, tracker: ProgressTracker, force: bool) -> None:
        """Send every due item, batch by batch.

        Local database work is pipelined with the network: while one batch is on the wire,
        a worker thread claims the next one and records the answers to the previous one.
        """
        # Each item is tried at most once per round. Answered items leave the due set by
        # themselves; only the batches in flight and the items put back are excluded, so
        # the exclusion stays small however long the queue is.
        retried: set[str] = set()
        recent: list[set[str]] = []

        def claim(exclude: set[str]) -> list[OutItem]:
            return outbox.claim_batch(
                self._db,
                self._cipher,
                include_future=force,
                exclude=exclude,
                max_items=self.policy.batch_items,
                max_bytes=self.policy.batch_bytes,
            )

        settled: list[Future[tuple[dict[str, int], list[str]]]] = []
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-db") as db_worker:
            upcoming = db_worker.submit(claim, set())
            try:
                while batch := upcoming.result():
                    recent = [*recent[-1:], {i.id for i in batch}]
                    for future in settled:
                        if future.done():
                            retried.update(future.result()[1])
                    upcoming = db_worker.submit(claim, retried.union(*recent))
                    ready, results, uploaded = self._transmit(batch, report, tracker)
                    settled.append(db_worker.submit(self._settle, ready, results, uploaded))
                    tracker.add_items(len(batch), sum(i.wire_bytes() for i in batch))
            except BaseException:
                self._release_claimed(upcoming)
                self._collect(settled, report, quiet=True)
                raise
        self._collect(settled, report)

    def _release_claimed(self, upcoming: Future[list[OutItem]]) -> None:
        """Items claimed ahead but never tried go back to the queue, with no penalty."""
        try:
            ahead = upcoming.result()
        except Exception:
            return
        if ahead:
            outbox.requeue(
                self._db, [i.id for i in ahead], "本轮同步中断，稍后自动重试。", penalise=False
            )

    @staticmethod
    def _collect(
        settled: list[Future[tuple[dict[str, int], list[str]]]],
        report: SyncReport,
        quiet: bool = False,
    ) -> None:
        for future in settled:
            try:
                counts, _retried = future.result()
            except Exception:
                if not quiet:
                    raise
                log.exception("recording answers failed")  # those items are resent later
                continue
            report.created += counts[p.CREATED]
            report.duplicate += counts[p.DUPLICATE]
            report.conflict += counts[p.CONFLICT]
            report.rejected += counts[p.REJECTED]

    def _transmit(
        self, batch: list[OutItem], report: SyncReport, tracker: ProgressTracker
    ) -> tuple[list[OutItem], dict[str, dict[str, Any]], set[str]]:
        """Attachments, then the batch: (items sent, definite answers, blobs now at the hub)."""
        uploaded: set[str] = set()
        try:
            ready = self._upload_attachments(batch, report, tracker, uploaded)
            outbox.count_attempt(self._db, [i.id for i in ready])  # before it can reach the hub
            results = self._submit(ready, report, tracker)
            missing = [i for i in ready if results.get(i.id, {}).get("outcome") == p.MISSING_BLOBS]
            if missing:  # the hub lost (or never had) them: upload again, resubmit once
                report.missing_blobs += len(missing)
                lost = {str(sha) for i in missing for sha in results[i.id].get("missing") or []}
                uploaded -= lost
                outbox.mark_uploaded(self._db, sorted(lost), uploaded=False)
                retry = self._upload_attachments(
                    missing, report, tracker, uploaded, trust_flags=False
                )
                results.update(self._submit(retry, report, tracker))
        except (HubUnreachable, HubAuthError, HubRefused) as exc:
            outbox.mark_uploaded(self._db, sorted(uploaded))
            if self._cancelled.is_set():  # cut by a closing station: due again at once
                outbox.requeue(self._db, [i.id for i in batch], SyncCancelled().zh, None, False)
                raise SyncCancelled() from exc
            penalise = not isinstance(exc, HubAuthError)
            retry_after = exc.retry_after if isinstance(exc, HubUnreachable) else None
            outbox.requeue(self._db, [i.id for i in batch], exc.zh, retry_after, penalise)
            raise
        report.sent += len(ready)
        return ready, results, uploaded

    def _settle(
        self, ready: list[OutItem], results: dict[str, dict[str, Any]], uploaded: set[str]
    ) -> tuple[dict[str, int], list[str]]:
        """Record the answers (worker thread). Unanswered items wait for the next round.

        Returns the counts per outcome and the ids put back in the queue."""
        counts = outbox.record(self._db, results, sorted(uploaded), self._audit)
        unanswered = [
            i.id
            for i in ready
            if results.get(i.id, {}).get("outcome")
            not in (p.CREATED, p.DUPLICATE, p.CONFLICT, p.REJECTED)
        ]
        if unanswered:
            outbox.requeue(
                self._db,
                unanswered,
                "省级平台尚未确认收到（附件未齐或应答不完整），稍后自动重试。",
            )
        return counts, unanswered

    def _upload_attachments(
        self,
        items: list[OutItem],
        report: SyncReport,
        tracker: ProgressTracker,
        uploaded: set[str],
        trust_flags: bool = True,
    ) -> list[OutItem]:
        """Upload what the items cite (adding to ``uploaded``); quarantine an item whose files
        cannot be sent."""
        uploader = BlobUploader(
            self._client,
            self._blobs,
            self.policy.chunk_bytes,
            on_bytes=lambda n: tracker.add_bytes(n),
        )
        ready: list[OutItem] = []
        for item in items:
            try:
                for att in item.attachments:
                    if att.sha256 in uploaded or (trust_flags and att.uploaded):
                        continue
                    sha = att.sha256
                    sent = self._call(lambda: uploader.ensure(sha), report, tracker)  # noqa: B023
                    if sent:
                        report.blobs_uploaded += 1
                        report.blob_bytes += sent
                    uploaded.add(sha)
            except HubRefused as exc:
                self._quarantine(item, f"附件无法上传：{exc.zh}", report)
                continue
            except (HubUnreachable, HubAuthError):
                raise
            except KioskError as exc:  # the local file is missing or damaged
                self._quarantine(item, exc.zh, report)
                continue
            ready.append(item)
        return ready

    def _quarantine(self, item: OutItem, reason: str, report: SyncReport) -> None:
        if outbox.quarantine(self._db, item.id, reason):
            report.rejected += 1
            report.errors.append(reason)

    def _submit(
        self, items: list[OutItem], report: SyncReport, tracker: ProgressTracker
    ) -> dict[str, dict[str, Any]]:
        """Definite per-item answers by client id. A refused batch is split to find the item."""
        if not items:
            return {}
        wire = [i.wire() for i in items]
        tracker.emit("submit")
        try:
            results = self._call(lambda: self._client.submit(wire), report, tracker)
        except HubRefused as exc:
            if exc.status not in _CONTENT_REFUSALS:
                raise
            if len(items) == 1:
                return {items[0].id: {"outcome": p.REJECTED, "errors": {"_": exc.zh}}}
            mid = len(items) // 2
            return {
                **self._submit(items[:mid], report, tracker),
                **self._submit(items[mid:], report, tracker),
            }
        ids = {i.id for i in items}
        return {
            str(r["client_id"]): r
            for r in results
            if r.get("client_id") in ids and outbox.is_definite(r)
        }

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
