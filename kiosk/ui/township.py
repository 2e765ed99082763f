"""Township station: every village of the township, batches in, relay up, returns out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.clock import format_local
from kiosk.sync.batches import VillageStatus
from kiosk.ui.errors import show_error
from kiosk.ui.removable import default_folder
from kiosk.ui.worker import run_task


class WaitingChart(QWidget):
    """Horizontal bars: how many applications wait per village."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(160)
        self.setAccessibleName(self.tr("各村待报送数量图"))
        self._rows: list[tuple[str, int]] = []

    def set_rows(self, rows: list[tuple[str, int]]) -> None:
        self._rows = rows
        self.setMinimumHeight(max(160, 28 * len(rows) + 20))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self._rows:
            painter.setPen(QColor("#666666"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("暂无代办点数据"))
            return
        top = max(1, max(n for _, n in self._rows))
        label_w, bar_h = 170, 20
        for i, (name, n) in enumerate(self._rows):
            y = 10 + i * 28
            painter.setPen(QColor("#222222"))
            painter.drawText(
                QRectF(8, y, label_w - 12, bar_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            width = (self.width() - label_w - 60) * n / top
            painter.fillRect(
                QRectF(label_w, y, width, bar_h), QColor("#b00020" if n and i == 0 else "#1d6fb8")
            )
            painter.drawText(
                QRectF(label_w + width + 6, y, 50, bar_h), Qt.AlignmentFlag.AlignVCenter, str(n)
            )
        painter.end()


class TownshipPage(QWidget):
    COLUMNS = ("代办点", "名称", "最近联系", "方式", "待报送", "最早待报送", "已报送", "退回/冲突")
    changed = Signal()

    def __init__(self, ctx: AppContext, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor = actor
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("villageTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = WaitingChart()
        self.message = QLabel("")
        self.message.setObjectName("townshipMessage")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.import_button = QPushButton(self.tr("导入代办点批次…"))
        self.import_button.setObjectName("importBatchButton")
        self.relay_button = QPushButton(self.tr("报送到省级平台"))
        self.relay_button.setObjectName("relayButton")
        self.returns_button = QPushButton(self.tr("导出回传文件到U盘…"))
        self.returns_button.setObjectName("exportReturnsButton")
        self.import_button.clicked.connect(self.choose_and_import)
        self.relay_button.clicked.connect(self.relay)
        self.returns_button.clicked.connect(self.choose_and_export_returns)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.relay_button, self.returns_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.chart, 1)

    def refresh(self) -> None:
        run_task(self.ctx.township.villages, on_done=self._show)

    def _show(self, villages: list[VillageStatus]) -> None:
        self.table.setRowCount(len(villages))
        for r, v in enumerate(villages):
            cells = (
                v.code,
                v.name,
                format_local(v.last_contact_at),
                {"usb": self.tr("U盘"), "online": self.tr("联网")}.get(
                    v.last_contact_via or "", ""
                ),
                str(v.waiting),
                format_local(v.oldest_waiting),
                str(v.by_status.get("submitted", 0)),
                str(v.by_status.get("quarantined", 0) + v.by_status.get("conflict", 0)),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        rows = sorted(((v.name or v.code, v.waiting) for v in villages), key=lambda x: -x[1])
        self.chart.set_rows(rows)

    def _busy(self, text: str) -> None:
        self.message.setText(text)
        for b in (self.import_button, self.relay_button, self.returns_button):
            b.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()

    def _idle(self, text: str = "") -> None:
        self.message.setText(text)
        for b in (self.import_button, self.relay_button, self.returns_button):
            b.setEnabled(True)
        self.progress.hide()
        self.refresh()
        self.changed.emit()

    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择代办点批次文件"),
            str(default_folder()),
            self.tr("代办点批次 (*.kbatch)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        self._busy(self.tr("正在核验并导入批次…"))
        run_task(
            lambda: self.ctx.township.import_batch(path, self.actor),
            on_done=self._imported,
            on_error=self._failed,
        )

    def _imported(self, result: tuple[Any, bool]) -> None:
        manifest, new = result
        if new:
            self._idle(
                self.tr("已导入代办点 {0} 的 {1} 件申请，等待报送。").format(
                    manifest.station_code, manifest.count
                )
            )
        else:
            self._idle(self.tr("该批次此前已导入过，本次未做任何更改。"))

    def relay(self) -> None:
        self._busy(self.tr("正在报送到省级平台…"))

        def work() -> int:
            client = self.ctx.hub_client()
            try:
                self.ctx.township.refresh_villages(client)  # type: ignore[arg-type]
                return self.ctx.township.relay(client)  # type: ignore[arg-type]
            finally:
                client.close()

        run_task(
            work,
            on_done=lambda n: self._idle(self.tr("已报送 {0} 个批次。").format(n)),
            on_error=self._failed,
        )

    def choose_and_export_returns(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择U盘上的文件夹"), str(default_folder())
        )
        if folder:
            self.export_returns(Path(folder))

    def export_returns(self, folder: Path) -> None:
        self._busy(self.tr("正在从省级平台获取并导出回传文件…"))

        def work() -> list[Path]:
            client = self.ctx.hub_client()
            try:
                return self.ctx.township.export_returns(client, folder)  # type: ignore[arg-type]
            finally:
                client.close()

        run_task(
            work,
            on_done=lambda paths: self._idle(
                self.tr("已导出 {0} 个代办点的回传文件。").format(len(paths))
            ),
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self._idle()
        show_error(exc)
