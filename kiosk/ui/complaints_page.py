"""差评 in the workspace, from the hub: a village agent sees the 差评 of the station with
the state of the follow-up and its outcome (never who rated) and may appeal one (申诉);
the township sees those of its villages and decides the appeals (维持 / 撤销)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.sync.complaints import ComplaintRow
from kiosk.ui.errors import user_message
from kiosk.ui.widgets import hint_label, set_message, title_label
from kiosk.ui.worker import run_task


class ComplaintsPage(QWidget):
    def __init__(self, ctx: AppContext, agent: AgentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintsPage")
        self.ctx, self.agent = ctx, agent
        self.rows: list[ComplaintRow] = []
        self.township = agent.role == "township"
        heading = self.tr("本乡镇各代办点的差评") if self.township else self.tr("本代办点的差评")
        headers = [
            self.tr("编号"),
            self.tr("代办点"),
            self.tr("办件编号"),
            self.tr("评价类型"),
            self.tr("评价"),
            self.tr("处理状态"),
            self.tr("办理期限"),
            self.tr("处理结果"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("complaintsTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(
            len(headers) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("complaintsRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.appeal_button = QPushButton(self.tr("申诉…"))
        self.appeal_button.setObjectName("complaintAppeal")
        self.appeal_button.clicked.connect(self.appeal)
        self.appeal_button.setVisible(not self.township)
        self.uphold_button = QPushButton(self.tr("维持差评…"))
        self.uphold_button.setObjectName("complaintUphold")
        self.uphold_button.clicked.connect(lambda: self.decide(True))
        self.overturn_button = QPushButton(self.tr("撤销差评…"))
        self.overturn_button.setObjectName("complaintOverturn")
        self.overturn_button.clicked.connect(lambda: self.decide(False))
        for b in (self.uphold_button, self.overturn_button):
            b.setVisible(self.township)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.refresh_button, self.appeal_button, self.uphold_button):
            buttons.addWidget(b)
        buttons.addWidget(self.overturn_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(heading))
        layout.addWidget(
            hint_label(
                self.tr("差评由省级平台回访、整改；评价人信息不在本站显示。数据需联网获取。")
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        board = self.ctx.complaint_board()
        set_message(self.message, self.tr("正在从省级平台获取……"))
        run_task(board.list, on_done=self._show, on_error=self._failed)

    def _failed(self, exc: Exception) -> None:
        set_message(self.message, user_message(exc), "error")

    def _show(self, rows: list[ComplaintRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            state = c.state_words + (self.tr("（已超期）") if c.overdue else "")
            cells = (
                str(c.id),
                c.station_code,
                c.case_no or "—",
                c.kind_words,
                c.level,
                state,
                c.due_on.isoformat(),
                c.outcome,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        set_message(self.message, self.tr("共 {0} 条差评。").format(len(rows)) if rows else "")

    def selected(self) -> ComplaintRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text()

    def row_texts(self) -> list[str]:
        return [
            " ".join(self._cell(r, c) for c in range(self.table.columnCount()))
            for r in range(self.table.rowCount())
        ]

    def _ask(self, title: str, prompt: str) -> str:
        text, ok = QInputDialog.getMultiLineText(self, title, prompt)
        return text.strip() if ok else ""

    def appeal(self) -> None:
        chosen = self.selected()
        if chosen is None:
            set_message(self.message, self.tr("请先选中一条差评。"), "error")
            return
        reason = self._ask(self.tr("申诉"), self.tr("申诉理由（由乡镇审核人裁定）："))
        if not reason:
            return
        board, cid = self.ctx.complaint_board(), chosen.id
        run_task(lambda: board.appeal(cid, reason), on_done=self._acted, on_error=self._failed)

    def decide(self, upheld: bool) -> None:
        chosen = self.selected()
        if chosen is None:
            set_message(self.message, self.tr("请先选中一条差评。"), "error")
            return
        note = self._ask(self.tr("申诉裁定"), self.tr("裁定理由："))
        if not note:
            return
        board, cid = self.ctx.complaint_board(), chosen.id
        run_task(
            lambda: board.decide(cid, upheld, note), on_done=self._acted, on_error=self._failed
        )

    def _acted(self, _row: ComplaintRow) -> None:
        self.refresh()
