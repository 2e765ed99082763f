"""Quiet background work for a terminal left running all day: sync (status pulls keep the
progress lookup fresh; ratings go up) and the daily backup/retention. Nothing is shown to
residents; problems go to the log for the technician."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from kiosk.context import AppContext
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)


class BackgroundWork(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._syncing = False
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(max(10, ctx.settings.sync_interval_seconds) * 1000)
        self.sync_timer.timeout.connect(self.sync)
        self.maintenance_timer = QTimer(self)
        self.maintenance_timer.setInterval(3600 * 1000)
        self.maintenance_timer.timeout.connect(self.maintain)

    def start(self) -> BackgroundWork:
        self.sync_timer.start()
        self.maintenance_timer.start()
        QTimer.singleShot(2000, self.sync)
        QTimer.singleShot(5000, self.maintain)
        return self

    def sync(self) -> None:
        if self._syncing or not self.ctx.settings.hub_url:
            return
        self._syncing = True
        ctx = self.ctx
        run_task(
            lambda: ctx.sync_engine().run_once(),
            on_done=self._synced,
            on_error=self._failed,
            cancel=ctx.cancel_sync,
        )

    def _synced(self, report: object) -> None:
        self._syncing = False
        error = getattr(report, "error", "")
        if error:
            log.info("terminal sync: %s", error)

    def _failed(self, exc: Exception) -> None:
        self._syncing = False
        log.warning("terminal sync failed: %s", exc)

    def maintain(self) -> None:
        run_task(self.ctx.run_maintenance, on_error=lambda exc: log.warning("maintenance: %s", exc))
