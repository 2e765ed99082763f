"""What one sync cycle did (``SyncReport``) and how far it is (``SyncProgress``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.core.changes import Changes


@dataclass
class SyncReport:
    sent: int = 0
    created: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    missing_blobs: int = 0
    blobs_uploaded: int = 0
    blob_bytes: int = 0
    status_updates: int = 0
    catalog_items: int = 0
    evaluations_sent: int = 0
    retries: int = 0
    remaining: int = 0
    busy: bool = False  # another sync was running: this call did nothing
    skipped: bool = False  # backing off after failures and not forced: this call did nothing
    auth_error: bool = False  # the hub refuses this device: re-enrolment needed
    next_attempt_at: str | None = None  # UTC ISO time of the next automatic attempt
    error: str | None = None
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def changes(self) -> Changes:
        """What this cycle changed on the station, for the screens that show it."""
        if self.busy or self.skipped:  # nothing was tried
            return Changes(sync_state=True)
        # sent, answered, pulled, or put back in the queue after a failure
        return Changes(applications=True, sync_state=True, catalog=self.catalog_items > 0)


@dataclass(frozen=True)
class SyncProgress:
    """Reported during a cycle. ``phase``: blobs, submit, changes, catalog, evaluations,
    waiting (a retry is scheduled; ``message`` says why) or done."""

    phase: str
    items_done: int
    items_total: int
    bytes_done: int
    bytes_total: int
    message: str = ""

    @property
    def fraction(self) -> float:
        if self.bytes_total:
            return min(1.0, self.bytes_done / self.bytes_total)
        if self.items_total:
            return min(1.0, self.items_done / self.items_total)
        return 1.0 if self.phase == "done" else 0.0


Progress = Callable[[SyncProgress], None]


class ProgressTracker:
    def __init__(self, callback: Progress | None, items_total: int, bytes_total: int) -> None:
        self._cb = callback
        self.items_total = items_total
        self.bytes_total = bytes_total
        self.items_done = 0
        self.bytes_done = 0
        self.phase = "submit"

    def emit(self, phase: str | None = None, message: str = "") -> None:
        if phase:
            self.phase = phase
        if self._cb is None:
            return
        self.items_total = max(self.items_total, self.items_done)
        self.bytes_total = max(self.bytes_total, self.bytes_done)
        self._cb(
            SyncProgress(
                self.phase,
                self.items_done,
                self.items_total,
                self.bytes_done,
                self.bytes_total,
                message,
            )
        )

    def add_bytes(self, n: int, phase: str = "blobs") -> None:
        self.bytes_done += n
        self.emit(phase)

    def add_items(self, n: int, nbytes: int) -> None:
        self.items_done += n
        self.bytes_done += nbytes
        self.emit("submit")
