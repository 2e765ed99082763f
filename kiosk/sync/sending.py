"""Sending the outbox within one sync cycle: batches, their attachments, and the retries of
one request (a dropped connection at once on a fresh one; otherwise after a backoff or the
hub's ``Retry-After``). The sync engine (``engine.py``) runs the cycle around it.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kiosk.core.audit import AuditLog
from kiosk.core.crypto import DataCipher
from kiosk.protocol import wire as p
from kiosk.protocol.errors import KioskError
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.sync import outbox
from kiosk.sync.backoff import next_delay
from kiosk.sync.client import HubAuthError, HubClient, HubRefused, HubUnreachable
from kiosk.sync.outbox import OutItem
from kiosk.sync.report import ProgressTracker, SyncReport
from kiosk.sync.uploader import BlobUploader

log = logging.getLogger(__name__)
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


# Batches set aside at once (each holds at most ``batch_bytes`` of payloads in memory). With
# that many, no new batch is taken up: the engine waits for the first of them whose wait ends.
# On a flaky link about one batch in two meets a 503 with a Retry-After of 1–2 s while a batch
# takes a few tenths of a second, so a handful must fit or the engine sits idle waiting.
MAX_PARKED = 8


class _Park(Exception):
    """This batch's request must wait ``delay`` seconds; send others meanwhile."""

    def __init__(self, delay: float, attempt: int) -> None:
        super().__init__(delay)
        self.delay = delay
        self.attempt = attempt


@dataclass(frozen=True)
class _MayPark:
    parks: int  # tries of this batch already spent on waits set aside
    others: Callable[[], bool]  # is there other work to do meanwhile?


@dataclass
class _Parked:
    """A claimed batch: its attachments already at the hub, and when it may go again."""

    batch: list[OutItem]
    uploaded: set[str] = field(default_factory=set)
    parks: int = 0
    due: float = 0.0
    counted: bool = True  # ``attempts`` already counts its next submission (the claim did)

    @property
    def ids(self) -> set[str]:
        return {i.id for i in self.batch}


def _take_due(parked: list[_Parked]) -> _Parked | None:
    """The batch set aside longest ago whose wait is over, taken off the list."""
    now = time.monotonic()
    due = [j for j in parked if j.due <= now]
    if not due:
        return None
    job = min(due, key=lambda j: j.due)
    parked.remove(job)
    return job


class OutboxSender:
    """The outbox half of :class:`kiosk.sync.engine.SyncEngine` (which sets these up)."""

    _db: Database
    _cipher: DataCipher
    _audit: AuditLog
    _blobs: BlobStore
    _client: HubClient
    policy: SyncPolicy
    _sleep: Callable[[float], None]
    _rng: random.Random
    _cancelled: threading.Event
    _answered: bool

    def _check_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise SyncCancelled()

    @property
    def _fresh_budget(self) -> int:
        return min(self.policy.fresh_retries, self.policy.retries)

    def _call(
        self,
        fn: Callable[[], T],
        report: SyncReport,
        tracker: ProgressTracker,
        may_park: _MayPark | None = None,
    ) -> T:
        """Run one request, retrying when there was no answer: a dropped connection at once
        on a fresh one (a few times), then with backoff and jitter; a ``Retry-After`` is
        waited exactly. Each request starts its backoff afresh: a success resets it.

        With ``may_park`` (a batch of the outbox) and other work at hand, the wait is not
        slept here: :class:`_Park` tells the caller to set the batch aside until then."""
        attempt = may_park.parks if may_park is not None else 0
        fresh = 0
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
                if may_park is not None and may_park.others():
                    log.info(
                        "no answer from the hub (%s); batch set aside for %.1fs", exc.en, delay
                    )
                    raise _Park(delay, attempt) from exc
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
        A batch whose request must wait (a 503's ``Retry-After``, a backoff) is set aside
        while the next batches go on, and taken up again once its wait is over: the hub
        never sees that request again sooner, and the station does not sit idle meanwhile.
        """
        # Each item is tried at most once per round. Answered items leave the due set by
        # themselves; only the batches in flight, set aside or taken up again and the items
        # put back are excluded, so the exclusion stays small however long the queue is.
        retried: set[str] = set()
        resumed: set[str] = set()
        recent: list[set[str]] = []
        parked: list[_Parked] = []
        upcoming: Future[list[OutItem]] | None = None

        def claim(exclude: set[str]) -> list[OutItem]:
            return outbox.claim_batch(
                self._db,
                self._cipher,
                include_future=force,
                exclude=exclude,
                max_items=self.policy.batch_items,
                max_bytes=self.policy.batch_bytes,
            )

        def others() -> bool:
            """Is there another batch to send while this one waits (or one set aside that
            may go sooner)?"""
            return bool(parked) or (upcoming is not None and bool(upcoming.result()))

        settled: list[Future[tuple[dict[str, int], list[str]]]] = []
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-db") as db_worker:
            upcoming = db_worker.submit(claim, set())
            try:
                while True:
                    job = _take_due(parked)
                    if job is None and len(parked) >= MAX_PARKED:
                        job = self._wait_for_first(parked, tracker)  # enough set aside
                    if job is None:
                        batch = upcoming.result() if upcoming is not None else []
                        if batch:
                            recent = [*recent[-1:], {i.id for i in batch}]
                            for future in settled:
                                if future.done():
                                    retried.update(future.result()[1])
                            aside = [j.ids for j in parked]
                            upcoming = db_worker.submit(
                                claim, retried.union(resumed, *recent, *aside)
                            )
                            job = _Parked(batch)
                        elif parked:
                            upcoming = None  # late filings wait for the next cycle
                            job = self._wait_for_first(parked, tracker)
                        else:
                            break
                    if job.parks:
                        resumed |= job.ids
                    try:
                        ready, results, uploaded = self._transmit(
                            job, report, tracker, _MayPark(job.parks, others)
                        )
                    except _Park as wait:
                        job.parks, job.due = wait.attempt, time.monotonic() + wait.delay
                        parked.append(job)
                        continue
                    settled.append(db_worker.submit(self._settle, ready, results, uploaded))
                    tracker.add_items(len(job.batch), sum(i.wire_bytes() for i in job.batch))
            except BaseException:
                if upcoming is not None:
                    self._release_claimed(upcoming)
                self._release_parked(parked)
                self._collect(settled, report, quiet=True)
                raise
        self._collect(settled, report)

    def _wait_for_first(self, parked: list[_Parked], tracker: ProgressTracker) -> _Parked:
        """Nothing else to send: wait until the batch set aside first may go again."""
        job = min(parked, key=lambda j: j.due)
        parked.remove(job)
        delay = job.due - time.monotonic()
        if delay > 0:
            phase = tracker.phase
            tracker.emit("waiting", f"省级平台暂时无法处理，{delay:.0f} 秒后重试。")
            self._sleep(delay)
            tracker.phase = phase
        return job

    def _release_parked(self, parked: list[_Parked]) -> None:
        """Batches set aside when the cycle ends go back to the queue, with no penalty."""
        for job in parked:
            outbox.mark_uploaded(self._db, sorted(job.uploaded))
            outbox.requeue(
                self._db,
                sorted(job.ids),
                "本轮同步中断，稍后自动重试。",
                penalise=False,
                sent=not job.counted,
            )

    def _release_claimed(self, upcoming: Future[list[OutItem]]) -> None:
        """Items claimed ahead but never tried go back to the queue, with no penalty."""
        try:
            ahead = upcoming.result()
        except Exception:
            return
        if ahead:
            outbox.requeue(
                self._db,
                [i.id for i in ahead],
                "本轮同步中断，稍后自动重试。",
                penalise=False,
                sent=False,
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
        self,
        job: _Parked,
        report: SyncReport,
        tracker: ProgressTracker,
        may_park: _MayPark | None = None,
    ) -> tuple[list[OutItem], dict[str, dict[str, Any]], set[str]]:
        """Attachments, then the batch: (items sent, definite answers, blobs now at the hub).

        Raises :class:`_Park` (nothing put back: the batch is set aside as it is, with the
        attachments it has uploaded so far) when a request must wait and others can go."""
        batch, uploaded = job.batch, job.uploaded
        try:
            # while ``job.counted``, the claim counted a request that has not gone out yet
            ready = self._upload_attachments(
                batch, report, tracker, uploaded, may_park=may_park, unsent=job.counted
            )
            if not job.counted:  # taken up again after its request had to wait
                outbox.count_attempt(self._db, [i.id for i in ready])  # before it can reach the hub
            job.counted = False  # from here on the request may reach the hub
            results = self._submit(ready, report, tracker, may_park)
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
            ids = [i.id for i in batch]
            if self._cancelled.is_set():  # cut by a closing station: due again at once
                outbox.requeue(self._db, ids, SyncCancelled().zh, None, False, sent=not job.counted)
                raise SyncCancelled() from exc
            penalise = not isinstance(exc, HubAuthError)
            retry_after = exc.retry_after if isinstance(exc, HubUnreachable) else None
            outbox.requeue(self._db, ids, exc.zh, retry_after, penalise, sent=not job.counted)
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
        may_park: _MayPark | None = None,
        unsent: bool = False,
    ) -> list[OutItem]:
        """Upload what the items cite (adding to ``uploaded``); quarantine an item whose files
        cannot be sent (``unsent``: its claim's count is taken back, no request went out)."""
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
                    sent = self._call(
                        lambda: uploader.ensure(sha),  # noqa: B023
                        report,
                        tracker,
                        may_park,
                    )
                    if sent:
                        report.blobs_uploaded += 1
                        report.blob_bytes += sent
                    uploaded.add(sha)
            except HubRefused as exc:
                self._quarantine(item, f"附件无法上传：{exc.zh}", report, unsent)
                continue
            except (HubUnreachable, HubAuthError):
                raise
            except KioskError as exc:  # the local file is missing or damaged
                self._quarantine(item, exc.zh, report, unsent)
                continue
            ready.append(item)
        return ready

    def _quarantine(
        self, item: OutItem, reason: str, report: SyncReport, unsent: bool = False
    ) -> None:
        if outbox.quarantine(self._db, item.id, reason, sent=not unsent):
            report.rejected += 1
            report.errors.append(reason)

    def _submit(
        self,
        items: list[OutItem],
        report: SyncReport,
        tracker: ProgressTracker,
        may_park: _MayPark | None = None,
    ) -> dict[str, dict[str, Any]]:
        """Definite per-item answers by client id. A refused batch is split to find the item."""
        if not items:
            return {}
        wire = [i.wire() for i in items]
        tracker.emit("submit")
        try:
            results = self._call(lambda: self._client.submit(wire), report, tracker, may_park)
        except HubRefused as exc:
            if exc.status not in _CONTENT_REFUSALS:
                raise
            if len(items) == 1:
                only = items[0].id
                return {only: {"client_id": only, "outcome": p.REJECTED, "errors": {"_": exc.zh}}}
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
