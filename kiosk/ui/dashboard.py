"""The agent's dashboard: today's work, what waits, what came back; each tile opens its list."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.core.changes import Changes
from kiosk.core.dashboard import Dashboard
from kiosk.ui.station_events import station_events
from kiosk.ui.tile_grid import TileGrid
from kiosk.ui.widgets import Tile, hint_label, role_label, set_message, title_label
from kiosk.ui.worker import run_task


@dataclass(frozen=True)
class DashboardData:
    board: Dashboard
    last_failure: str | None
    provisioned: bool
    longest_wait_days: int = 0  # 办结待交付结果: the longest a result has waited


def load_dashboard(ctx: AppContext) -> DashboardData:
    """Runs in a worker: a handful of indexed COUNTs, fast with 100k cases."""
    waiting = ctx.handover.waiting()  # first: it records how finished cases are delivered
    board = ctx.cases.board()
    failure = ctx.cases.latest_failure() if board.failed else None
    longest = max((w.days for w in waiting), default=0)
    return DashboardData(board, failure, ctx.station() is not None, longest)


class DashboardPrefetch(QObject):
    """The counts for the first dashboard, loaded as soon as the station is open (while the
    agent types the PIN), so the dashboard after the login shows them at once."""

    ready = Signal()
    MAX_AGE_S = 30.0  # older than this (a long wait at the login), the counts are read again

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data: DashboardData | None = None
        self.done = False
        self._at = 0.0
        run_task(lambda: load_dashboard(ctx), on_done=self._loaded, on_error=self._failed)

    def _loaded(self, data: DashboardData) -> None:
        self.data, self.done, self._at = data, True, time.monotonic()
        self.ready.emit()

    def _failed(self, _exc: Exception) -> None:
        self.done = True  # the dashboard loads (and reports) it itself
        self.ready.emit()

    def fresh(self) -> DashboardData | None:
        if self.data is None or time.monotonic() - self._at > self.MAX_AGE_S:
            return None
        return self.data


class DashboardPage(QWidget):
    open_list = Signal(str)  # a preset of kiosk.core.case_query
    new_application = Signal()
    sync_requested = Signal()
    open_setup = Signal()
    open_doctor = Signal()
    open_page = Signal(str)  # a page of the workspace ("batches")
    settled = Signal()  # a refresh ended (counts shown, or the error): the tiles are painted next

    def __init__(self, ctx: AppContext, agent: AgentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.ctx = ctx
        self.agent = agent
        self.data: DashboardData | None = None
        self._loading = False
        self._again = False
        greeting = title_label(
            self.tr("{0}，您好（{1}）").format(agent.name, role_label(agent.role))
        )
        self.banner = QLabel("")
        self.banner.setObjectName("setupBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建申请（Ctrl+N）"))
        self.new_button.setObjectName("dashboardNewButton")
        self.new_button.setProperty("primary", True)
        self.new_button.clicked.connect(self.new_application)
        self.new_button.setVisible(agent.role == "agent")
        actions.addWidget(self.new_button)
        self.search_button = QPushButton(self.tr("查找办件（Ctrl+F）"))
        self.search_button.clicked.connect(lambda: self.open_list.emit(""))
        actions.addWidget(self.search_button)
        if agent.role == "technician":
            setup = QPushButton(self.tr("站点配置向导"))
            setup.setObjectName("dashboardSetupButton")
            setup.clicked.connect(self.open_setup)
            doctor = QPushButton(self.tr("站点体检"))
            doctor.setObjectName("dashboardDoctorButton")
            doctor.clicked.connect(self.open_doctor)
            actions.addWidget(setup)
            actions.addWidget(doctor)
        actions.addStretch(1)

        self.tiles: dict[str, Tile] = {}
        work = QGroupBox(self.tr("办件概况"))
        grid = TileGrid(4, 8)  # fewer columns on a narrow screen: more rows, no cut words
        QVBoxLayout(work).addWidget(grid)
        tiles: list[QWidget] = []
        captions = (
            ("today", self.tr("今日办件")),
            ("drafts", self.tr("草稿（可继续办理）")),
            ("waiting", self.tr("排队待发送")),
            ("sending", self.tr("发送中")),
            ("failed", self.tr("发送失败或被退回")),
            ("need_supplement", self.tr("需补齐补正")),
            ("completed_recent", self.tr("办结待交付结果")),
            ("overdue", self.tr("已超承诺时限")),
        )
        for key, caption in captions:
            tile = Tile(key, caption)
            tile.opened.connect(self.open_list)
            tiles.append(tile)
            self.tiles[key] = tile
        self.sync_tile = Tile("sync", self.tr("按 F5 立即同步"))
        self.sync_tile.opened.connect(lambda _k: self.sync_requested.emit())
        self.sync_tile.set_lines(self.tr("同步状态"), self.tr("尚未同步"))
        tiles.append(self.sync_tile)
        if agent.role == "township":
            batches = Tile("batches", self.tr("点击打开"))
            batches.set_lines(self.tr("乡镇批次"), self.tr("导入村级批次、回传办理状态"))
            batches.opened.connect(self.open_page.emit)
            tiles.append(batches)
            self.tiles["batches"] = batches
        grid.set_tiles(tiles)
        self.failure = hint_label("")
        self.failure.setObjectName("lastFailure")

        layout = QVBoxLayout(self)
        layout.addWidget(greeting)
        layout.addWidget(self.banner)
        layout.addLayout(actions)
        layout.addWidget(work)
        layout.addWidget(self.failure)
        layout.addStretch(1)
        station_events(ctx).changed.connect(self._station_changed)

    def _station_changed(self, changes: Changes, _origin: object) -> None:
        if changes.applications or changes.drafts or changes.station:
            self.refresh()  # (cheap: a handful of indexed counts)

    def refresh(self, prefetch: DashboardPrefetch | None = None) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True
        if prefetch is not None and not prefetch.done:  # still counting: take its answer
            prefetch.ready.connect(
                lambda: self._adopt(prefetch), Qt.ConnectionType.SingleShotConnection
            )
            return
        if prefetch is not None and (data := prefetch.fresh()) is not None:
            self._show(data)
            return
        ctx = self.ctx
        run_task(lambda: load_dashboard(ctx), on_done=self._show, on_error=self._failed)

    def _adopt(self, prefetch: DashboardPrefetch) -> None:
        data = prefetch.fresh()
        if data is not None:
            self._show(data)
            return
        self._loading = False
        self.refresh()

    def _finish(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        from kiosk.ui.errors import show_error

        self._finish()
        self.settled.emit()
        show_error(exc)

    def _show(self, data: DashboardData) -> None:
        self.data = data
        b = data.board
        counts = {
            "today": (b.today, ""),
            "drafts": (b.drafts, ""),
            "waiting": (b.waiting, ""),
            "sending": (b.sending, ""),
            "failed": (b.failed, ""),
            "need_supplement": (b.need_supplement, self.tr("请联系居民补材料")),
            "completed_recent": (
                b.completed_recent,
                self.tr("最久已等 {0} 天").format(data.longest_wait_days),
            ),
            "overdue": (b.overdue, ""),
        }
        alerts = {"failed", "need_supplement", "overdue"}
        for key, (n, detail) in counts.items():
            self.tiles[key].set_count(n, detail if n else "", key in alerts)
        if data.last_failure:
            set_message(self.failure, self.tr("最近一次失败原因：") + data.last_failure, "error")
        else:
            set_message(self.failure, "")
        if not data.provisioned:
            self.banner.setText(
                self.tr(
                    "本站点尚未完成配置，办件会先保存在本机，配置完成后自动报送。"
                    "请技术员登录并运行“站点配置向导”。"
                )
            )
            self.banner.setProperty("role", "error")
        self.banner.setVisible(not data.provisioned)
        self._finish()
        self.settled.emit()

    def set_sync_state(self, text: str, alert: bool = False) -> None:
        self.sync_tile.set_lines(self.tr("同步状态"), text, alert)
