"""What the workspace shows of the station's syncs: the status bar's indicator, the
dashboard's sync tile and the F5 action, all following the station's
:class:`~kiosk.ui.sync_controller.SyncController`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from kiosk.ui.errors import show_error
from kiosk.ui.sync_controller import SyncController
from kiosk.ui.sync_status import SyncStatusWidget

if TYPE_CHECKING:
    from kiosk.sync.report import SyncReport
    from kiosk.sync.state import SyncStatus
    from kiosk.ui.dashboard import DashboardPage


class SyncDisplay(QObject):
    def __init__(
        self,
        controller: SyncController,
        indicator: SyncStatusWidget,
        dashboard: DashboardPage,
        action: QAction,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.indicator = indicator
        self.dashboard = dashboard
        self.action = action
        controller.started.connect(self._started)
        controller.progressed.connect(indicator.show_progress)
        controller.finished.connect(self._synced)
        controller.failed.connect(self._failed)
        controller.status_known.connect(self._status_known)

    def _started(self) -> None:
        self.action.setEnabled(False)
        self.indicator.start()
        self.dashboard.set_sync_state(self.tr("正在同步…"))

    def _synced(self, report: SyncReport) -> None:
        self.action.setEnabled(True)
        self.indicator.finish(report)
        alert = False
        if report.busy:
            text = self.tr("另一个同步正在进行")
        elif report.error:
            text = self.tr("离线：{0}（待发送 {1} 件）").format(report.error, report.remaining)
            alert = True
        else:
            text = self.tr("已同步：新收件 {0}，状态更新 {1}，待发送 {2}").format(
                report.created, report.status_updates, report.remaining
            )
        self.dashboard.set_sync_state(text, alert)

    def _failed(self, exc: Exception) -> None:
        self.action.setEnabled(True)
        self.indicator.finish(None)
        self.indicator.text.setText(self.tr("同步失败"))
        self.dashboard.set_sync_state(self.tr("同步失败"), True)
        show_error(exc)

    def _status_known(self, status: SyncStatus) -> None:
        """The status bar and the dashboard's sync tile say the same thing."""
        self.indicator.show_status(status)
        if not self.controller.syncing:
            self.dashboard.set_sync_state(
                self.indicator.text.text(), self.indicator.online is False
            )
