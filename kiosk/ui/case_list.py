"""All cases, with filters: status (or a dashboard tile), item, date, resident, case number."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.core.applications import ApplicationView
from kiosk.core.case_query import CaseFilter, CasePage
from kiosk.core.changes import Changes
from kiosk.core.clock import format_local
from kiosk.core.errors import InputError
from kiosk.core.status import AppStatus
from kiosk.ui.errors import show_error
from kiosk.ui.station_events import station_events
from kiosk.ui.widgets import set_message, status_label, title_label
from kiosk.ui.worker import run_task

PAGE_SIZE = 200


class CaseTableModel(QAbstractTableModel):
    """The rows of the case list (a model: thousands of rows cost nothing to show)."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.views: list[ApplicationView] = []

    def rowCount(
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 0 if parent.isValid() else len(self.views)

    def columnCount(
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        v = self.views[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return v.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return v.last_error or None  # the whole reason; the cell may be cut off
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cell(v, index.column())

    @staticmethod
    def cell(v: ApplicationView, column: int) -> str:
        return (
            status_label(v.status),
            v.case_no or v.local_ref,
            v.item_name,
            v.created_by,
            format_local(v.queued_at or v.created_at),
            v.last_error or "",
        )[column]

    def text(self, row: int, column: int) -> str:
        return self.cell(self.views[row], column)

    def reset(self, views: list[ApplicationView]) -> None:
        self.beginResetModel()
        self.views = list(views)
        self.endResetModel()

    def append(self, views: list[ApplicationView]) -> None:
        if not views:
            return
        first = len(self.views)
        self.beginInsertRows(QModelIndex(), first, first + len(views) - 1)
        self.views.extend(views)
        self.endInsertRows()


class CaseListPage(QWidget):
    open_case = Signal(str)  # application id
    open_statistics = Signal()

    def __init__(self, ctx: AppContext, agent: AgentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseListPage")
        self.ctx = ctx
        self.agent = agent
        self.views: list[ApplicationView] = []
        self.page: CasePage | None = None
        self._filter = CaseFilter()
        self._generation = 0
        station_events(ctx).changed.connect(self._station_changed)

        self._build_filters(ctx)
        self._build_table()
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("办件查询")))
        for row in self._filter_rows():
            layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._bottom_row())

    def _build_filters(self, ctx: AppContext) -> None:
        """Status (or a dashboard tile), item, dates, resident, case number."""
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.setAccessibleName(self.tr("状态"))
        self.status.addItem(self.tr("全部状态"), "")
        presets = (
            ("today", self.tr("今日办件")),
            ("drafts", self.tr("草稿")),
            ("waiting", self.tr("排队待发送")),
            ("sending", self.tr("发送中")),
            ("failed", self.tr("发送失败或被退回")),
            ("need_supplement", self.tr("需补齐补正")),
            ("completed_recent", self.tr("近7天办结（待交付结果）")),
            ("overdue", self.tr("已超承诺时限")),
        )
        for key, label in presets:
            self.status.addItem(label, "preset:" + key)
        for st in (
            AppStatus.SUBMITTED,
            AppStatus.ACCEPTED,
            AppStatus.COMPLETED,
            AppStatus.REJECTED,
            AppStatus.WITHDRAWN,
            AppStatus.CONFLICT,
            AppStatus.QUARANTINED,
        ):
            self.status.addItem(self.tr("状态：") + status_label(st), "status:" + st.value)
        self.item = QComboBox()
        self.item.setObjectName("itemFilter")
        self.item.setAccessibleName(self.tr("事项"))
        self.item.addItem(self.tr("全部事项"), None)
        for it in ctx.catalog.items():
            self.item.addItem(it.name, it.code)
        self.item.setMinimumContentsLength(16)
        self.by_date = QCheckBox(self.tr("按日期"))
        self.by_date.setObjectName("byDate")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-30))
        self.date_to = QDateEdit(today)
        for w, name in ((self.date_from, "dateFrom"), (self.date_to, "dateTo")):
            w.setObjectName(name)
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            w.setEnabled(False)
        self.by_date.toggled.connect(self.date_from.setEnabled)
        self.by_date.toggled.connect(self.date_to.setEnabled)
        self.resident = QLineEdit()
        self.resident.setObjectName("residentFilter")
        self.resident.setPlaceholderText(self.tr("居民身份证号"))
        self.resident.setAccessibleName(self.tr("居民身份证号"))
        self.resident.setMaxLength(18)
        self.reference = QLineEdit()
        self.reference.setObjectName("referenceFilter")
        self.reference.setPlaceholderText(self.tr("办件编号或本地受理号（L-…）"))
        self.reference.setAccessibleName(self.tr("办件编号"))
        for edit in (self.resident, self.reference):
            edit.returnPressed.connect(self.apply_filters)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.setObjectName("caseSearchButton")
        self.search_button.clicked.connect(self.apply_filters)
        self.clear_button = QPushButton(self.tr("清除条件"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.stats_button = QPushButton(self.tr("月度统计报表…"))
        self.stats_button.setObjectName("statisticsButton")
        self.stats_button.clicked.connect(self.open_statistics)
        self.status.activated.connect(lambda _i: self.apply_filters())
        self.item.activated.connect(lambda _i: self.apply_filters())

    def _filter_rows(self) -> list[QHBoxLayout]:
        row1 = QHBoxLayout()
        row1.addWidget(QLabel(self.tr("状态")))
        row1.addWidget(self.status)
        row1.addWidget(QLabel(self.tr("事项")))
        row1.addWidget(self.item, 1)
        dates = QHBoxLayout()  # a row of its own: the filters fit a 1024 px screen
        dates.addWidget(self.by_date)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.resident, 1)
        row2.addWidget(self.reference, 1)
        row2.addWidget(self.search_button)
        row2.addWidget(self.clear_button)
        row2.addStretch(1)
        row2.addWidget(self.stats_button)
        return [row1, dates, row2]

    def _build_table(self) -> None:
        self.model = CaseTableModel(
            [
                self.tr("状态"),
                self.tr("办件编号 / 本地受理号"),
                self.tr("事项"),
                self.tr("代办员"),
                self.tr("提交时间"),
                self.tr("说明"),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(60)  # size columns from the first rows, not all
        header.setStretchLastSection(True)
        # Enter and double-click both "activate" a row (one signal, opened once)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.summary = QLabel("")
        self.summary.setObjectName("caseSummary")
        self.summary.setWordWrap(True)
        self.more_button = QPushButton(self.tr("加载更多"))
        self.more_button.setObjectName("moreButton")
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        self.open_button = QPushButton(self.tr("打开办件（Enter）"))
        self.open_button.setObjectName("openCaseButton")
        self.open_button.clicked.connect(self._open_current)

    def _bottom_row(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.open_button)
        return bottom

    # --- filters ---------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.reference.setFocus()
        self.reference.selectAll()

    def set_preset(self, preset: str) -> None:
        """Open the list behind a dashboard tile ("" shows everything)."""
        self.clear_filters(reload=False)
        idx = self.status.findData("preset:" + preset if preset else "")
        self.status.setCurrentIndex(max(idx, 0))
        self.apply_filters()

    def clear_filters(self, reload: bool = True) -> None:
        self.status.setCurrentIndex(0)
        self.item.setCurrentIndex(0)
        self.by_date.setChecked(False)
        self.resident.clear()
        self.reference.clear()
        if reload:
            self.apply_filters()

    def current_filter(self) -> CaseFilter:
        kind, _, value = str(self.status.currentData() or "").partition(":")
        preset = value if kind == "preset" else ""
        status = value if kind == "status" else None
        date_from: dt.date | None = None
        date_to: dt.date | None = None
        if self.by_date.isChecked():
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
            assert isinstance(start, dt.date) and isinstance(end, dt.date)
            date_from, date_to = start, end
        return CaseFilter(
            preset=preset,
            statuses=(AppStatus(status),) if status else (),
            item_code=self.item.currentData(),
            date_from=date_from,
            date_to=date_to,
            reference=self.reference.text().strip(),
        )

    def apply_filters(self) -> None:
        base = self.current_filter()
        id_number = self.resident.text().strip()
        self._generation += 1
        gen = self._generation
        set_message(self.summary, self.tr("正在查询…"))
        ctx, agent = self.ctx, self.agent.name

        def work() -> tuple[CaseFilter, CasePage]:
            f = base
            if id_number:
                who = ctx.cases.resident_filter(id_number, agent)
                f = replace(base, resident_id=who.resident_id, resident_index=who.resident_index)
            return f, ctx.cases.find(f, limit=PAGE_SIZE)

        run_task(
            work,
            on_done=lambda res: self._show(gen, res[0], res[1], append=False),
            on_error=self._failed,
        )

    def _station_changed(self, changes: Changes, _origin: object) -> None:
        if changes.applications and self.isVisible():  # the list on screen, not a hidden one
            self.refresh()

    def refresh(self) -> None:
        """Reload with the filter in force (after a sync or a submission)."""
        f = self._filter
        self._generation += 1
        gen = self._generation
        limit = max(PAGE_SIZE, len(self.views))
        ctx = self.ctx
        run_task(
            lambda: ctx.cases.find(f, limit=limit),
            on_done=lambda page: self._show(gen, f, page, append=False),
            on_error=self._failed,
        )

    def load_more(self) -> None:
        f, offset = self._filter, len(self.views)
        gen = self._generation
        self.more_button.setEnabled(False)
        ctx = self.ctx
        run_task(
            lambda: ctx.cases.find(f, limit=PAGE_SIZE, offset=offset),
            on_done=lambda page: self._show(gen, f, page, append=True),
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        set_message(self.summary, "")
        self.more_button.setEnabled(True)
        if isinstance(exc, InputError):
            set_message(self.summary, exc.zh, "error")
            self.resident.setFocus()
            return
        show_error(exc)

    def _show(self, gen: int, f: CaseFilter, page: CasePage, append: bool) -> None:
        if gen != self._generation:
            return  # a newer query is on its way
        self._filter = f
        self.page = page
        self.views = (self.views if append else []) + page.views
        if append:
            self.model.append(page.views)
        else:
            self.model.reset(page.views)
        self.more_button.setEnabled(True)
        self.more_button.setVisible(len(self.views) < page.total)
        if page.total == 0:
            set_message(self.summary, self.tr("没有符合条件的办件。"))
        else:
            set_message(
                self.summary,
                self.tr("共 {0} 件，显示 {1} 件").format(page.total, len(self.views)),
            )
        if not append and self.views:
            self.table.selectRow(0)

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row (tests, screen readers)."""
        m = self.model
        return [[m.text(r, c) for c in range(m.columnCount())] for r in range(m.rowCount())]

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.views):
            self.open_case.emit(self.views[row].id)

    def _open_current(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._open_row(rows[0].row())
