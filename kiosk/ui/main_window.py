"""The workspace window: navigation, the pages, the status bar, idle lock. Pages live in
their own modules (dashboard, new_application, case_list, case_view, setup_wizard …), are
built the first time they are opened (:mod:`kiosk.ui.workspace_pages`) and refresh
themselves when the station's data changes (:mod:`kiosk.ui.station_events`); the timed
sync, probe and maintenance are the station's (:mod:`kiosk.ui.sync_controller`)."""

from __future__ import annotations

import gc
import logging
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.core.card_reader import CardReader
from kiosk.core.changes import Changes
from kiosk.core.station_info import StationInfo
from kiosk.ui.dashboard import DashboardPage, DashboardPrefetch
from kiosk.ui.idle_lock import IdleWatcher, LockPage
from kiosk.ui.page_stack import PageStack
from kiosk.ui.scanner import DeskScanner
from kiosk.ui.station_events import station_events
from kiosk.ui.sync_controller import sync_controller
from kiosk.ui.sync_display import SyncDisplay
from kiosk.ui.sync_status import SyncStatusWidget
from kiosk.ui.widgets import ElidedLabel, role_label, scrolled
from kiosk.ui.worker import run_task, wait_all
from kiosk.ui.workspace_pages import build_page

if TYPE_CHECKING:  # the pages are built on first use (workspace_pages): typed, not imported
    from kiosk.sync.report import SyncReport
    from kiosk.ui.case_list import CaseListPage
    from kiosk.ui.case_view import CaseView
    from kiosk.ui.doctor_view import DoctorView
    from kiosk.ui.event_flow import EventFlowPage
    from kiosk.ui.new_application import NewApplicationFlow


class _Refreshable(Protocol):
    def refresh(self) -> None: ...


log = logging.getLogger(__name__)

CLOSE_WAIT_MS = 4_000  # closing (or logging out) waits this long for background work


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
        self._hidden_while_locked: list[QWidget] = []
        self._pages: dict[str, QWidget] = {}
        self._frames: dict[str, QWidget] = {}  # each page in a scroll area (small screens)
        self._case_return = "cases"
        self.relays: bool | None = None  # a township station? (known once the station loads)
        self.sync = sync_controller(ctx)  # the station's: outlives this window
        self.setWindowTitle(self.tr("村级代办 Kiosk"))
        self.setObjectName("mainWindow")
        self.resize(1366, 768)
        self._build_navigation()
        self._build_workspace()
        self._make_actions()
        self._build_status_bar()
        self._connect_sync()
        station_events(ctx).changed.connect(self._station_changed)

        self.idle = IdleWatcher(max(1, ctx.settings.idle_lock_minutes) * 60_000, self)
        self.idle.idle.connect(lambda: self.lock(self.tr("长时间没有操作，已自动锁定。")))
        if ctx.settings.idle_lock_minutes > 0:
            self.idle.start()
        from kiosk.ui.text_size import remembered

        self.set_text_size(remembered(ctx.settings, agent.name), remember=False)
        self.scanner = DeskScanner(self)  # a receipt scanned at the desk opens its case
        self.show_page("dashboard")
        self.dashboard.refresh(prefetch)
        if agent.role == "technician":
            QTimer.singleShot(0, self._offer_setup)
        QTimer.singleShot(0, freeze_heap)

    # --- building ---------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("导航"))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = PageStack()
        self.dashboard = DashboardPage(self.ctx, self.agent)
        self._frame("dashboard", self.dashboard)
        for key, label in [("dashboard", self.tr("工作台（Ctrl+1）")), *self._entries()]:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self._fit_nav()
        self.nav.itemActivated.connect(lambda it: self.navigate(it.data(Qt.ItemDataRole.UserRole)))
        self.nav.itemClicked.connect(lambda it: self.navigate(it.data(Qt.ItemDataRole.UserRole)))
        self.dashboard.open_list.connect(self.open_list)
        self.dashboard.new_application.connect(self.new_application)
        self.dashboard.sync_requested.connect(lambda: self.sync_now(force=True))
        self.dashboard.open_setup.connect(self.open_setup)
        self.dashboard.open_doctor.connect(lambda: self.navigate("doctor"))
        self.dashboard.open_page.connect(self.navigate)

    def _entries(self) -> list[tuple[str, str]]:
        """(page key, label) of the navigation below 工作台, for this account's role."""
        role = self.agent.role
        entries = [("cases", self.tr("办件查询（Ctrl+F）"))]
        if role == "agent":
            entries.insert(0, ("new", self.tr("新建申请（Ctrl+N）")))
            entries.insert(1, ("event", self.tr("一件事（Ctrl+E）")))
            entries.append(("usb", self.tr("U盘批次")))
        if role == "township":
            entries.append(("batches", self.tr("乡镇批次")))
        if role in ("agent", "township"):
            entries.append(("complaints", self.tr("差评处理")))
        if role == "technician":
            entries += [("setup", self.tr("站点配置向导")), ("doctor", self.tr("站点体检"))]
        return entries

    def _build_workspace(self) -> None:
        workspace = QWidget()
        workspace.setObjectName("workspace")
        row = QHBoxLayout(workspace)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.lock_page = LockPage(self.ctx, self.agent)
        self.lock_page.unlocked.connect(lambda _a: self.unlock())
        self.lock_page.switch_user.connect(self.log_out)
        self.outer = PageStack()
        self.outer.addWidget(workspace)
        self.outer.addWidget(self.lock_page)
        self.setCentralWidget(self.outer)

    def _build_status_bar(self) -> None:
        agent = self.agent
        self.station_label = ElidedLabel(
            self.tr("代办点") + " · " + role_label(agent.role) + " " + agent.name
        )
        self.station_label.setObjectName("stationLabel")
        self.sync_status = SyncStatusWidget()
        self.sync_label = self.sync_status.text
        self.statusBar().addWidget(self.station_label, 1)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync_status.attention_clicked.connect(lambda: self.open_list("failed"))
        # the status bar's station name and sync state wait until the dashboard's counts are
        # on screen: their tasks would otherwise compete with the dashboard's for the CPU
        self.dashboard.settled.connect(
            self._after_first_counts, Qt.ConnectionType.SingleShotConnection
        )

    def _connect_sync(self) -> None:
        """The status bar, the dashboard's sync tile and F5 follow the station's syncs."""
        self.sync_display = SyncDisplay(
            self.sync, self.sync_status, self.dashboard, self.sync_action, self
        )
        if self.auto_sync:
            self.sync.run_automatically()

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
        self.toolbar.addSeparator()
        self.toolbar.addWidget(QLabel(self.tr("文字：")))
        sizes = QActionGroup(self)
        self.size_actions: dict[int, QAction] = {}
        for size, name in ((100, self.tr("标准")), (125, self.tr("大"))):
            action = QAction(name, self)
            action.setObjectName(f"textSize{size}")
            action.setCheckable(True)
            action.triggered.connect(lambda _on=False, s=size: self.set_text_size(s))
            sizes.addAction(action)
            self.toolbar.addAction(action)
            self.size_actions[size] = action
        shortcuts: list[tuple[str, Any]] = [
            ("Ctrl+1", lambda: self.navigate("dashboard")),
            ("Ctrl+F", lambda: self.navigate("cases")),
        ]
        if self.agent.role == "agent":
            shortcuts.append(("Ctrl+N", self.new_application))
            shortcuts.append(("Ctrl+E", lambda: self.new_event()))
        for seq, slot in shortcuts:
            action = QAction(self)
            action.setShortcut(QKeySequence(seq))
            action.triggered.connect(slot)
            self.addAction(action)

    def _fit_nav(self) -> None:
        """As wide as its longest entry (in this language, at this text size), no wider."""
        self.nav.ensurePolished()  # the theme's font for the navigation
        metrics = self.nav.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count())),
            default=120,
        )
        self.nav.setFixedWidth(widest + 36)

    def _frame(self, key: str, widget: QWidget) -> None:
        self._pages[key] = widget
        # the new-application flow scrolls inside each step, its buttons always on screen
        frame = widget if key == "new" else scrolled(widget)
        self._frames[key] = frame
        self.pages.addWidget(frame)

    def set_text_size(self, size: int, remember: bool = True) -> None:
        """标准 or 大 for this agent: the whole workspace at once, kept for the next login."""
        from kiosk.ui.text_size import apply_text_size

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_text_size(app, size)
        self.text_size = size
        self.size_actions[size].setChecked(True)
        self._fit_nav()
        if remember and self.ctx.settings.workspace_text_sizes.get(self.agent.name) != size:
            ctx, name = self.ctx, self.agent.name
            run_task(
                lambda: ctx.remember_text_size(name, size),
                on_error=lambda exc: log.warning("text size not saved: %s", exc),
            )

    def _after_first_counts(self) -> None:
        QTimer.singleShot(0, self._fill_status_bar)  # posted after the tiles' repaint

    def _fill_status_bar(self) -> None:
        run_task(self.ctx.station, on_done=self._station_loaded, on_error=lambda _e: None)
        self.sync.refresh_status()

    def _station_loaded(self, station: StationInfo | None) -> None:
        name = station.name if station else self.tr("未配置站点")
        self.station_label.setText(f"{name} · {role_label(self.agent.role)} {self.agent.name}")
        # only a township station relays villages' batches: elsewhere 乡镇批次 is not offered
        # (a station not set up yet could become either: it keeps the entry)
        self.relays = None if station is None else station.role == "township"
        for i in range(self.nav.count()):
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == "batches":
                self.nav.item(i).setHidden(self.relays is False)
        tile = self.dashboard.tiles.get("batches")
        if tile is not None:
            tile.setVisible(self.relays is not False)

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built the first time it is asked for."""
        if key not in self._pages:
            self._frame(key, build_page(self, key))
        return self._pages[key]

    # shortcuts for tests and screenshots
    @property
    def new_page(self) -> NewApplicationFlow:
        return cast("NewApplicationFlow", self.page("new"))

    @property
    def case_list(self) -> CaseListPage:
        return cast("CaseListPage", self.page("cases"))

    @property
    def case_view(self) -> CaseView:
        return cast("CaseView", self.page("case"))

    @property
    def event_page(self) -> EventFlowPage:
        return cast("EventFlowPage", self.page("event"))

    def current_page(self) -> str:
        frame = self.pages.currentWidget()
        return next((k for k, w in self._frames.items() if w is frame), "")

    def show_page(self, key: str) -> QWidget:
        widget = self.page(key)
        self.pages.setCurrentWidget(self._frames[key])
        rows = [
            i
            for i in range(self.nav.count())
            if self.nav.item(i).data(Qt.ItemDataRole.UserRole) == key
        ]
        if rows:
            self.nav.setCurrentRow(rows[0])
        else:  # a page with no entry of its own (a case): no entry looks chosen
            self.nav.setCurrentRow(-1)
            self.nav.clearSelection()
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
        elif key == "event":
            self.new_event()
        elif key == "cases":
            cases = cast("CaseListPage", self.show_page("cases"))
            if cases.page is None:
                cases.apply_filters()
            cases.focus_search()
        elif key == "setup":
            self.open_setup()
        elif key == "doctor":
            doctor = cast("DoctorView", self.show_page("doctor"))
            doctor.run()
        elif key in ("batches", "usb", "complaints"):
            if key == "batches" and self.relays is False:
                return  # a village station: nothing to relay
            page = cast(_Refreshable, self.show_page(key))
            page.refresh()

    def new_application(self) -> None:
        if self.agent.role != "agent" or self.locked:
            return
        flow = cast("NewApplicationFlow", self.show_page("new"))
        if flow.current() == 7:  # DONE: start the next one
            flow.start()
        flow.current_step().focus_first()

    def new_event(self, bundle_code: str | None = None) -> None:
        """一件事一次办: several items of one life event filed together."""
        if self.agent.role != "agent" or self.locked:
            return
        page = cast("EventFlowPage", self.show_page("event"))
        if bundle_code is not None or page.group is not None:
            page.start(bundle_code)

    def resume_draft(self, draft_id: str) -> None:
        if self.agent.role != "agent":
            return
        flow = cast("NewApplicationFlow", self.show_page("new"))
        flow.resume(draft_id)

    def open_list(self, preset: str) -> None:
        cases = cast("CaseListPage", self.show_page("cases"))
        cases.set_preset(preset)
        cases.table.setFocus()

    def open_case(self, app_id: str) -> None:
        self._case_return = self.current_page() if self.current_page() != "case" else "cases"
        view = cast("CaseView", self.show_page("case"))
        view.load(app_id)
        view.setFocus()

    def case_back(self) -> None:
        target = self._case_return or "cases"
        self.show_page(target)
        if target == "cases":
            self.case_list.refresh()
        elif target == "dashboard":
            self.dashboard.refresh()

    def open_statistics(self) -> None:
        from kiosk.ui.statistics_view import StatisticsDialog

        dialog = StatisticsDialog(self.ctx, self.agent.name, self)
        dialog.open()
        self.statistics_dialog = dialog

    def open_setup(self) -> Any:
        from kiosk.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.ctx, self)  # says when it is done: see _station_changed
        wizard.open()
        self.setup_wizard = wizard
        return wizard

    def _offer_setup(self) -> None:
        def check(station: StationInfo | None) -> None:
            if station is None and not self.locked:
                self.open_setup()

        run_task(self.ctx.station, on_done=check, on_error=lambda _e: None)

    def _station_changed(self, changes: Changes, _origin: object) -> None:
        if changes.station:  # set up (again): its name, and whether it relays villages
            run_task(self.ctx.station, on_done=self._station_loaded, on_error=lambda _e: None)

    # --- sync (the station's controller does it; the window shows it) -----------------------
    def sync_now(self, force: bool = False) -> None:
        self.sync.sync_now(force)

    def is_syncing(self) -> bool:
        return self.sync.syncing

    @property
    def last_report(self) -> SyncReport | None:
        return self.sync.last_report

    # --- idle lock -------------------------------------------------------------------------
    def lock(self, reason: str = "") -> None:
        if self.locked:
            return
        flow = self._pages.get("new")
        if flow is not None:
            cast("NewApplicationFlow", flow).save_now()
        self.locked = True
        self.sync.paused = True  # no probing behind the lock
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
        self.sync.paused = False
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
            cast("NewApplicationFlow", flow).save_now()
        self.logged_out.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        flow = self._pages.get("new")
        if flow is not None:
            cast("NewApplicationFlow", flow).save_now()
        if self.auto_sync:
            self.sync.stop()  # until the next login's window
        self.idle.uninstall()
        if self.text_size != 100:  # the login that follows is for anyone: 标准
            from kiosk.ui.text_size import apply_text_size

            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_text_size(app, 100)
        # a sync in flight is cut (its items are sent again later); the last draft save,
        # a print or a case load get a bounded wait, so closing never hangs on the network
        self.ctx.cancel_sync()
        if not wait_all(CLOSE_WAIT_MS):
            log.warning("closing the workspace with background work still running")
        super().closeEvent(event)
