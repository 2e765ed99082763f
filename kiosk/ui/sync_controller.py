"""A station's background rhythm: the periodic sync, the probe that notices the hub coming
back while offline, the hourly backup and retention purge, and the one sync at a time.

It belongs to the station, not to a window: :func:`sync_controller` makes the station's one
controller, :func:`kiosk.ui.worker.close_station` stops its timers before the station's
work is cancelled. A window asks it to run on its own (:meth:`SyncController.run_automatically`)
and to pause when the window closes; the status bar listens to its signals. After each sync
it publishes what the sync changed on the station's signal
(:mod:`kiosk.ui.station_events`), and every screen showing that data refreshes itself.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.changes import Changes
from kiosk.ui.station_events import station_events
from kiosk.ui.sync_status import ProgressBridge
from kiosk.ui.worker import on_station_close, run_task

if TYPE_CHECKING:
    from kiosk.context import AppContext
    from kiosk.sync.report import SyncReport
    from kiosk.sync.state import SyncStatus

log = logging.getLogger(__name__)

PROBE_SECONDS = 15  # while offline, how often a cheap probe asks whether the hub is back
MAINTENANCE_MS = 3600 * 1000  # daily backup + retention purge: checked hourly
FIRST_MAINTENANCE_MS = 5000  # … and shortly after start


class SyncController(QObject):
    started = Signal()
    progressed = Signal(object)  # SyncProgress (from the engine, delivered on the GUI thread)
    finished = Signal(object)  # SyncReport
    failed = Signal(object)  # Exception: the sync task itself failed
    status_known = Signal(object)  # SyncStatus, read after a sync or a change of set-up

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.syncing = False
        self.last_report: SyncReport | None = None
        self.online: bool | None = None  # as the last status read says
        self.paused = False  # the workspace is locked: no probing
        self.automatic = False
        self._hub_seen: bool | None = None
        self._progress = ProgressBridge(self)
        self._progress.progressed.connect(self.progressed)
        self.timer = QTimer(self)
        self.timer.setInterval(max(10, ctx.settings.sync_interval_seconds) * 1000)
        self.timer.timeout.connect(self._tick)
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_SECONDS * 1000)
        self.probe_timer.timeout.connect(self.probe)
        self.maintenance_timer = QTimer(self)
        self.maintenance_timer.setInterval(MAINTENANCE_MS)
        self.maintenance_timer.timeout.connect(self.run_maintenance)
        station_events(ctx).changed.connect(self._station_changed)

    # --- running on its own -----------------------------------------------------------------
    def run_automatically(self, first_sync_ms: int | None = None) -> None:
        """Sync every few minutes (once a hub is set), probe while offline, maintain hourly;
        ``first_sync_ms``: also sync once that soon (a terminal has no screen that starts one)."""
        self.automatic = True
        self._start_sync_timers()
        if not self.maintenance_timer.isActive():
            self.maintenance_timer.start()
            QTimer.singleShot(FIRST_MAINTENANCE_MS, self._first_maintenance)
        if first_sync_ms is not None:
            QTimer.singleShot(first_sync_ms, self._first_sync)

    def _first_sync(self) -> None:
        if self.automatic:  # (not stopped meanwhile)
            self.sync_now()

    def _start_sync_timers(self) -> None:
        if self.automatic and self.ctx.settings.hub_url and not self.timer.isActive():
            self.timer.start()
            self.probe_timer.start()

    def stop(self) -> None:
        """No more timed work (the window closed, or the station): a sync in flight is the
        caller's to cancel."""
        self.automatic = False
        for timer in (self.timer, self.probe_timer, self.maintenance_timer):
            timer.stop()

    def is_running(self) -> bool:
        return any(t.isActive() for t in (self.timer, self.probe_timer, self.maintenance_timer))

    def _station_changed(self, changes: Changes, _origin: object) -> None:
        if changes.station or changes.settings:  # set up (again): a hub may be known now
            self._start_sync_timers()
            self.refresh_status()
        if changes.queued:
            self.kick()  # something new waits: send it now rather than at the next tick

    # --- syncing ----------------------------------------------------------------------------
    def _tick(self) -> None:
        self.sync_now()

    def kick(self) -> None:
        """Sync soon (posted: the caller's own work finishes first)."""
        if self.ctx.settings.hub_url and not self.syncing:
            QTimer.singleShot(0, self._forced)

    def _forced(self) -> None:
        self.sync_now(force=True)

    def sync_now(self, force: bool = False) -> None:
        if self.syncing or not self.ctx.settings.hub_url:
            return
        self.syncing = True
        self.started.emit()
        progress, ctx = self._progress.report, self.ctx
        run_task(
            lambda: ctx.sync_engine().run_once(progress=progress, force=force),
            on_done=self._synced,
            on_error=self._failed,
            cancel=ctx.cancel_sync,
        )

    def _synced(self, report: SyncReport) -> None:
        self.syncing = False
        self.last_report = report
        self.finished.emit(report)
        station_events(self.ctx).publish(report.changes(), self)
        self.refresh_status()

    def _failed(self, exc: Exception) -> None:
        self.syncing = False
        log.warning("sync failed: %s", exc)  # (a terminal shows residents nothing of it)
        self.failed.emit(exc)

    def refresh_status(self) -> None:
        """Online/offline, queue depth, last success, next attempt, items needing attention."""
        if not self.ctx.settings.hub_url:
            return
        run_task(
            self.ctx.sync_status,
            on_done=self._status_loaded,
            on_error=lambda exc: log.warning("sync status: %s", exc),
        )

    def _status_loaded(self, status: SyncStatus) -> None:
        self.online = status.online
        self.status_known.emit(status)

    # --- the hub coming back ----------------------------------------------------------------
    def probe(self) -> None:
        if self.syncing or self.online or self.paused:
            self._hub_seen = None
            return  # online: the regular timer is enough
        ctx = self.ctx
        run_task(lambda: ctx.sync_engine().probe(), on_done=self._probed, on_error=lambda _e: None)

    def _probed(self, reachable: bool) -> None:
        came_back = reachable and not self._hub_seen
        self._hub_seen = reachable
        if came_back and not self.syncing:
            self.sync_now(force=True)  # the hub is back: send what waited, now

    # --- maintenance ------------------------------------------------------------------------
    def _first_maintenance(self) -> None:
        if self.automatic:  # (not stopped meanwhile)
            self.run_maintenance()

    def run_maintenance(self) -> None:
        run_task(self.ctx.run_maintenance, on_error=lambda exc: log.warning("maintenance: %s", exc))


_controllers: dict[int, tuple[AppContext, SyncController]] = {}


def sync_controller(ctx: AppContext) -> SyncController:
    """The station's one controller (created on first use, on the GUI thread)."""
    entry = _controllers.get(id(ctx))
    if entry is None or entry[0] is not ctx:
        entry = (ctx, SyncController(ctx))
        _controllers[id(ctx)] = entry
    return entry[1]


def end_sync_controller(ctx: AppContext) -> None:
    """The station is closing: its timers stop for good."""
    entry = _controllers.pop(id(ctx), None)
    if entry is not None:
        entry[1].stop()


on_station_close(end_sync_controller)
