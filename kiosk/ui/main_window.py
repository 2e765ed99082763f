"""The workspace window: navigation, the pages, sync, idle lock. Pages live in their own
modules (dashboard, new_application, case_list, case_view, setup_wizard …) and are built
the first time they are opened, so the window paints quickly even with 100k cases."""

from __future__ import annotations

import gc
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from kiosk.context import AppContext, StationInfo
from kiosk.core.agents import AgentInfo
from kiosk.core.applications import ApplicationView
from kiosk.core.card_reader import CardReader
from kiosk.ui.dashboard import DashboardPage, DashboardPrefetch
from kiosk.ui.errors import show_error
from kiosk.ui.idle_lock import IdleWatcher, LockPage
from kiosk.ui.scanner import DeskScanner
from kiosk.ui.sync_status import ProgressBridge, SyncStatusWidget
from kiosk.ui.widgets import role_label
from kiosk.ui.worker import run_task, wait_all

if TYPE_CHECKING:
    from kiosk.sync.engine import SyncReport

log = logging.getLogger(__name__)

CLOSE_WAIT_MS = 4_000  # closing (or logging out) waits this long for background work
PROBE_SECONDS = 15  # while offline, how often a cheap probe asks whether the hub is back


def freeze_heap() -> None:
    """Move what exists once the window is up (Qt wrappers, catalog, ORM mappers …) out of
    the garbage collector's reach. A full collection otherwise walks all of it and stops
    every thread for 100+ ms, a visible stall while a sync runs in the background."""
    gc.freeze()


class MainWindow(QMainWindow):
    logged_out = Signal()
    locked_changed = Signal(bool)

    def __init__(
        self,
        ctx: AppContext,
        agent: AgentInfo,
        auto_sync: bool = True,
        card_reader: CardReader | None = None,
        prefetch: DashboardPrefetch | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.agent = agent
        self.card_reader = card_reader
        self.auto_sync = auto_sync
        self.locked = False
        self.last_report: SyncReport | None = None
        self._hidden_while_locked: list[QWidget] = []
        self._pages: dict[str, QWidget] = {}
        self._syncing = False
        self.setWindowTitle(self.tr("村级代办 Kiosk"))
        self.setObjectName("mainWindow")
        self.resize(1366, 768)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("导航"))
        self.nav.setFixedWidth(190)
        self.pages = QStackedWidget()
        self.dashboard = DashboardPage(ctx, agent)
        self._add_page("dashboard", self.tr("工作台（Ctrl+1）"), self.dashboard)
        entries = [("cases", self.tr("办件查询（Ctrl+F）"))]
        if agent.role == "agent":
            entries.insert(0, ("new", self.tr("新建申请（Ctrl+N）")))
            entries.append(("usb", self.tr("U盘批次")))
        if agent.role == "township":
            entries.append(("batches", self.tr("乡镇批次")))
        if agent.role in ("agent", "township"):
            entries.append(("complaints", self.tr("差评处理")))
        if agent.role == "technician":
            entries += [("setup", self.tr("站点配置向导")), ("doctor", self.tr("站点体检"))]
        for key, label in entries:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.itemActivated.connect(lambda it: self.navigate(it.data(Qt.ItemDataRole.UserRole)))
        self.nav.itemClicked.connect(lambda it: self.navigate(it.data(Qt.ItemDataRole.UserRole)))
        self.dashboard.open_list.connect(self.open_list)
        self.dashboard.new_application.connect(self.new_application)
        self.dashboard.sync_requested.connect(lambda: self.sync_now(force=True))
        self.dashboard.open_setup.connect(self.open_setup)
        self.dashboard.open_doctor.connect(lambda: self.navigate("doctor"))
        self.dashboard.open_page.connect(self.navigate)

        workspace = QWidget()
        workspace.setObjectName("workspace")
        row = QHBoxLayout(workspace)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.lock_page = LockPage(ctx, agent)
        self.lock_page.unlocked.connect(lambda _a: self.unlock())
        self.lock_page.switch_user.connect(self.log_out)
        self.outer = QStackedWidget()
        self.outer.addWidget(workspace)
        self.outer.addWidget(self.lock_page)
        self.setCentralWidget(self.outer)

        self._make_actions()
        self.station_label = QLabel(
            self.tr("代办点") + " · " + role_label(agent.role) + " " + agent.name
        )
        self.station_label.setObjectName("stationLabel")
        self.sync_status = SyncStatusWidget()
        self.sync_label = self.sync_status.text
        self.statusBar().addWidget(self.station_label)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync_status.attention_clicked.connect(lambda: self.open_list("failed"))
        self._progress = ProgressBridge(self)
        self._progress.progressed.connect(self.sync_status.show_progress)
        self._hub_seen: bool | None = None
        # the status bar's station name and sync state wait until the dashboard's counts are
        # on screen: their tasks would otherwise compete with the dashboard's for the CPU
        self.dashboard.settled.connect(
            self._after_first_counts, Qt.ConnectionType.SingleShotConnection
        )

        self.timer = QTimer(self)
        self.timer.setInterval(max(10, ctx.settings.sync_interval_seconds) * 1000)
        self.timer.timeout.connect(self.sync_now)
        # while offline, a cheap probe notices the hub coming back and syncs at once
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_SECONDS * 1000)
        self.probe_timer.timeout.connect(self._probe)
        if auto_sync and ctx.settings.hub_url:
            self.timer.start()
            self.probe_timer.start()
        # daily backup + retention purge: shortly after start, then hourly (in a worker)
        self.maintenance_timer = QTimer(self)
        self.maintenance_timer.setInterval(3600 * 1000)
        self.maintenance_timer.timeout.connect(self.run_maintenance)
        if auto_sync:
            self.maintenance_timer.start()
            QTimer.singleShot(5000, self.run_maintenance)

        self.idle = IdleWatcher(max(1, ctx.settings.idle_lock_minutes) * 60_000, self)
        self.idle.idle.connect(lambda: self.lock(self.tr("长时间没有操作，已自动锁定。")))
        if ctx.settings.idle_lock_minutes > 0:
            self.idle.start()
        self.scanner = DeskScanner(self)  # a receipt scanned at the desk opens its case
        self.show_page("dashboard")
        self.dashboard.refresh(prefetch)
        if agent.role == "technician":
            QTimer.singleShot(0, self._offer_setup)
        QTimer.singleShot(0, freeze_heap)

    # --- structure -------------------------------------------------------------------------
    def _make_actions(self) -> None:
        self.sync_action = QAction(self.tr("立即同步（F5）"), self)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(lambda: self.sync_now(force=True))
        self.lock_action = QAction(self.tr("锁定（Ctrl+L）"), self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.lock(""))
        self.logout_action = QAction(self.tr("退出登录"), self)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.triggered.connect(self.log_out)
        self.toolbar = self.addToolBar(self.tr("操作"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        for action in (self.sync_action, self.lock_action, self.logout_action):
            self.toolbar.addAction(action)
        shortcuts: list[tuple[str, Any]] = [
            ("Ctrl+1", lambda: self.navigate("dashboard")),
            ("Ctrl+F", lambda: self.navigate("cases")),
        ]
        if self.agent.role == "agent":
            shortcuts.append(("Ctrl+N", self.new_application))
        for seq, slot in shortcuts:
            action = QAction(self)
            action.setShortcut(QKeySequence(seq))
            action.triggered.connect(slot)
            self.addAction(action)

    def _add_page(self, key: str, label: str, widget: QWidget) -> None:
        self._pages[key] = widget
        self.pages.addWidget(widget)
        if key == "dashboard":
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)

    def _after_first_counts(self) -> None:
        QTimer.singleShot(0, self._fill_status_bar)  # posted after the tiles' repaint

    def _fill_status_bar(self) -> None:
        run_task(self.ctx.station, on_done=self._station_loaded, on_error=lambda _e: None)
        self.refresh_sync_status()

    def _station_loaded(self, station: StationInfo | None) -> None:
        name = station.name if station else self.tr("未配置站点")
        self.station_label.setText(f"{name} · {role_label(self.agent.role)} {self.agent.name}")

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built the first time it is asked for."""
        if key not in self._pages:
            widget = self._build_page(key)
            self._pages[key] = widget
            self.pages.addWidget(widget)
        return self._pages[key]

    def _build_page(self, key: str) -> QWidget:
        if key == "new":
            from kiosk.ui.new_application import NewApplicationFlow

            flow = NewApplicationFlow(self.ctx, self.agent, self.card_reader)
            flow.submitted.connect(self._after_submit)
            flow.open_case.connect(self.open_case)
            flow.draft_saved.connect(lambda _id: self.dashboard.refresh())
            return flow
        if key == "cases":
            from kiosk.ui.case_list import CaseListPage

            cases = CaseListPage(self.ctx, self.agent)
            cases.open_case.connect(self.open_case)
            cases.open_statistics.connect(self.open_statistics)
            return cases
        if key == "case":
            from kiosk.ui.case_view import CaseView

            view = CaseView(self.ctx, self.agent)
            view.card_reader = self.card_reader  # 结果交付: a proxy's ID card
            view.back.connect(self._case_back)
            view.resume_draft.connect(self.resume_draft)
            view.changed.connect(self._case_changed)
            return view
        if key == "doctor":
            from kiosk.ui.doctor_view import DoctorView

            return DoctorView(self.ctx)
        if key == "batches":
            from kiosk.ui.township import TownshipPage

            township = TownshipPage(self.ctx, self.agent.name)
            township.changed.connect(self.dashboard.refresh)
            return township
        if key == "complaints":
            from kiosk.ui.complaints_page import ComplaintsPage

            return ComplaintsPage(self.ctx, self.agent)
        if key == "usb":
            from kiosk.ui.village_batches import VillageBatchesPage

            usb = VillageBatchesPage(self.ctx, self.agent)
            usb.changed.connect(self.dashboard.refresh)
            return usb
        raise KeyError(key)

    # shortcuts for tests and screenshots
    @property
    def new_page(self) -> Any:
        return self.page("new")

    @property
    def case_list(self) -> Any:
        return self.page("cases")

    @property
    def case_view(self) -> Any:
        return self.page("case")

    def current_page(self) -> str:
        widget = self.pages.currentWidget()
        return next((k for k, w in self._pages.items() if w is widget), "")

    def show_page(self, key: str) -> QWidget:
        widget = self.page(key)
        self.pages.setCurrentWidget(widget)
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(i)
        return widget

    # --- navigation ------------------------------------------------------------------------
    def navigate(self, key: str) -> None:
        if self.locked:
            return
        if key == "dashboard":
            self.show_page("dashboard")
            self.dashboard.refresh()
        elif key == "new":
            self.new_application()
        elif key == "cases":
            cases = self.show_page("cases")
            if cases.page is None:  # type: ignore[attr-defined]
                cases.apply_filters()  # type: ignore[attr-defined]
            cases.focus_search()  # type: ignore[attr-defined]
        elif key == "setup":
            self.open_setup()
        elif key == "doctor":
            doctor = self.show_page("doctor")
            doctor.run()  # type: ignore[attr-defined]
        elif key in ("batches", "usb", "complaints"):
            page = self.show_page(key)
            page.refresh()  # type: ignore[attr-defined]

    def new_application(self) -> None:
        if self.agent.role != "agent" or self.locked:
            return
        flow = self.show_page("new")
        if flow.current() == 7:  # type: ignore[attr-defined]  (DONE: start the next one)
            flow.start()  # type: ignore[attr-defined]
        flow.current_step().focus_first()  # type: ignore[attr-defined]

    def resume_draft(self, draft_id: str) -> None:
        if self.agent.role != "agent":
            return
        flow = self.show_page("new")
        flow.resume(draft_id)  # type: ignore[attr-defined]

    def open_list(self, preset: str) -> None:
        cases = self.show_page("cases")
        cases.set_preset(preset)  # type: ignore[attr-defined]
        cases.table.setFocus()  # type: ignore[attr-defined]

    def open_case(self, app_id: str) -> None:
        self._case_return = self.current_page() if self.current_page() != "case" else "cases"
        view = self.show_page("case")
        view.load(app_id)  # type: ignore[attr-defined]
        view.setFocus()

    def _case_back(self) -> None:
        target = getattr(self, "_case_return", "cases") or "cases"
        self.show_page(target)
        if target == "cases":
            self.case_list.refresh()
        elif target == "dashboard":
            self.dashboard.refresh()

    def _case_changed(self, view: ApplicationView) -> None:
        self.dashboard.refresh()
        if view.status.value == "queued":
            self._kick_sync()

    def open_statistics(self) -> None:
        from kiosk.ui.statistics_view import StatisticsDialog

        dialog = StatisticsDialog(self.ctx, self.agent.name, self)
        dialog.open()
        self.statistics_dialog = dialog

    def open_setup(self) -> Any:
        from kiosk.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.ctx, self)
        wizard.finished.connect(lambda _r: self._after_setup())
        wizard.open()
        self.setup_wizard = wizard
        return wizard

    def _offer_setup(self) -> None:
        def check(station: StationInfo | None) -> None:
            if station is None and not self.locked:
                self.open_setup()

        run_task(self.ctx.station, on_done=check, on_error=lambda _e: None)

    def _after_setup(self) -> None:
        run_task(self.ctx.station, on_done=self._station_loaded, on_error=lambda _e: None)
        self.dashboard.refresh()
        if self.auto_sync and self.ctx.settings.hub_url and not self.timer.isActive():
            self.timer.start()
            self.probe_timer.start()
        self.refresh_sync_status()

    # --- submission and sync ---------------------------------------------------------------
    def _after_submit(self, view: ApplicationView) -> None:
        self.statusBar().showMessage(self.tr("已保存：") + view.local_ref, 5000)
        self.dashboard.refresh()
        self._kick_sync()

    def _kick_sync(self) -> None:
        if self.ctx.settings.hub_url and not self._syncing:
            QTimer.singleShot(0, lambda: self.sync_now(force=True))

    def run_maintenance(self) -> None:
        run_task(self.ctx.run_maintenance, on_error=lambda exc: log.warning("maintenance: %s", exc))

    def sync_now(self, force: bool = False) -> None:
        if self._syncing or not self.ctx.settings.hub_url:
            return
        self._syncing = True
        self.sync_action.setEnabled(False)
        self.sync_status.start()
        self.dashboard.set_sync_state(self.tr("正在同步…"))
        progress = self._progress.report
        ctx = self.ctx
        run_task(
            lambda: ctx.sync_engine().run_once(progress=progress, force=force),
            on_done=self._synced,
            on_error=self._sync_failed,
            cancel=ctx.cancel_sync,
        )

    def is_syncing(self) -> bool:
        return self._syncing

    def _synced(self, report: SyncReport) -> None:
        self._syncing = False
        self.last_report = report
        self.sync_action.setEnabled(True)
        self.sync_status.finish(report)
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
            if not report.skipped:
                self.statusBar().showMessage(text, 8000)
        self.dashboard.set_sync_state(text, alert)
        self.dashboard.refresh()
        self.refresh_sync_status()
        current = self.current_page()
        if current == "cases":
            self.case_list.refresh()
        elif current == "case":
            self.case_view.reload()

    def _sync_failed(self, exc: Exception) -> None:
        self._syncing = False
        self.sync_action.setEnabled(True)
        self.sync_status.finish(None)
        self.sync_label.setText(self.tr("同步失败"))
        self.dashboard.set_sync_state(self.tr("同步失败"), True)
        show_error(exc)

    def refresh_sync_status(self) -> None:
        """Online/offline, queue depth, last success, next attempt, items needing attention."""
        if not self.ctx.settings.hub_url:
            return
        ctx = self.ctx
        run_task(
            ctx.sync_status,
            on_done=self.sync_status.show_status,
            on_error=lambda exc: log.warning("sync status: %s", exc),
        )

    def _probe(self) -> None:
        if self._syncing or self.sync_status.online or self.locked:
            self._hub_seen = None
            return  # online: the regular timer is enough
        ctx = self.ctx
        run_task(
            lambda: ctx.sync_engine().probe(),
            on_done=self._probed,
            on_error=lambda _exc: None,
        )

    def _probed(self, reachable: bool) -> None:
        came_back = reachable and not self._hub_seen
        self._hub_seen = reachable
        if came_back and not self._syncing:
            self.sync_now(force=True)  # the hub is back: send what waited, now

    # --- idle lock -------------------------------------------------------------------------
    def lock(self, reason: str = "") -> None:
        if self.locked:
            return
        flow = self._pages.get("new")
        if flow is not None:
            flow.save_now()  # type: ignore[attr-defined]
        self.locked = True
        self.idle.stop()
        app = QApplication.instance()
        self._hidden_while_locked = [
            w
            for w in (app.topLevelWidgets() if isinstance(app, QApplication) else [])
            if w is not self and w.isVisible()
        ]
        for w in self._hidden_while_locked:
            w.hide()
        self.toolbar.hide()
        self.outer.setCurrentWidget(self.lock_page)
        self.lock_page.prepare(reason)
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.outer.setCurrentIndex(0)
        self.toolbar.show()
        for w in self._hidden_while_locked:
            w.show()
        self._hidden_while_locked = []
        if self.ctx.settings.idle_lock_minutes > 0:
            self.idle.start()
        self.locked_changed.emit(False)

    def log_out(self) -> None:
        flow = self._pages.get("new")
        if flow is not None:
            flow.save_now()  # type: ignore[attr-defined]
        self.logged_out.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        flow = self._pages.get("new")
        if flow is not None:
            flow.save_now()  # type: ignore[attr-defined]
        self.timer.stop()
        self.probe_timer.stop()
        self.maintenance_timer.stop()
        self.idle.uninstall()
        # a sync in flight is cut (its items are sent again later); the last draft save,
        # a print or a case load get a bounded wait, so closing never hangs on the network
        self.ctx.cancel_sync()
        if not wait_all(CLOSE_WAIT_MS):
            log.warning("closing the workspace with background work still running")
        super().closeEvent(event)
