"""Township station: every village of the township, batches in, relay up, returns out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
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
from kiosk.core.changes import ANY_APPLICATION
from kiosk.core.clock import format_local
from kiosk.print.kinds import DocumentKind
from kiosk.ui.errors import show_error
from kiosk.ui.removable import default_folder
from kiosk.ui.station_events import publish
from kiosk.ui.tile_grid import TileGrid
from kiosk.ui.widgets import hint_label, set_message, title_label
from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.sync.batch_file import BatchManifest
    from kiosk.sync.township_relay import RelayOutcome, VillageStatus
    from kiosk.ui.print_preview import PrintPreviewDialog

WAITING = "#1d6fb8"
OVERDUE = "#b00020"


def megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


class WaitingChart(QWidget):
    """Horizontal bars per village: applications waiting to be relayed (blue), overdue (red)."""

    ROW = 34

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(160)
        self.setAccessibleName(self.tr("各村待报送数量图"))
        self._rows: list[tuple[str, int, int]] = []

    def set_rows(self, rows: list[tuple[str, int, int]]) -> None:
        """(village name, waiting, overdue), busiest first."""
        self._rows = rows
        self.setMinimumHeight(max(160, self.ROW * len(rows) + 40))
        self.update()

    def rows(self) -> list[tuple[str, int, int]]:
        return list(self._rows)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self._rows:
            painter.setPen(QColor("#666666"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("暂无代办点数据"))
            painter.end()
            return
        label_w, bar_h = 170, 12
        legend = ((WAITING, self.tr("待报送")), (OVERDUE, self.tr("超期")))
        for k, (colour, text) in enumerate(legend):
            x = label_w + k * 110
            painter.fillRect(QRectF(x, 8, 16, 12), QColor(colour))
            painter.setPen(QColor("#222222"))
            painter.drawText(QRectF(x + 22, 4, 80, 20), Qt.AlignmentFlag.AlignVCenter, text)
        top = max(1, max(max(w, o) for _, w, o in self._rows))
        for i, (name, waiting, overdue) in enumerate(self._rows):
            y = 32 + i * self.ROW
            painter.setPen(QColor("#222222"))
            painter.drawText(
                QRectF(8, y, label_w - 12, 2 * bar_h + 2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            for k, (n, colour) in enumerate(((waiting, WAITING), (overdue, OVERDUE))):
                by = y + k * (bar_h + 2)
                width = (self.width() - label_w - 60) * n / top
                painter.fillRect(QRectF(label_w, by, width, bar_h), QColor(colour))
                painter.drawText(
                    QRectF(label_w + width + 6, by - 3, 50, bar_h + 6),
                    Qt.AlignmentFlag.AlignVCenter,
                    str(n),
                )
        painter.end()


class TownshipPage(QWidget):
    COLUMNS = (
        "代办点",
        "名称",
        "最近联系",
        "方式",
        "待报送",
        "最早待报送",
        "已报送",
        "办理中",
        "已办结",
        "退回/冲突",
        "超期",
    )

    def __init__(self, ctx: AppContext, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("townshipPage")
        self.ctx = ctx
        self.actor = actor
        self.villages: list[VillageStatus] = []
        self.last_manifest: BatchManifest | None = None
        self.last_outcome: RelayOutcome | None = None
        self.last_returns: list[Path] = []
        self.preview: PrintPreviewDialog | None = None
        self._busy_now = False
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("villageTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the table fills the page
        self.chart = WaitingChart()
        self.summary = QLabel("")
        self.summary.setObjectName("townshipSummary")
        self.summary.setWordWrap(True)
        self.message = QLabel("")
        self.message.setObjectName("townshipMessage")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("townshipProgress")
        self.progress.hide()
        self.import_button = QPushButton(self.tr("导入代办点批次…"))
        self.import_button.setObjectName("importBatchButton")
        self.handover_button = QPushButton(self.tr("打印交接清单"))
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.setEnabled(False)
        self.relay_button = QPushButton(self.tr("报送到省级平台"))
        self.relay_button.setObjectName("relayButton")
        self.returns_button = QPushButton(self.tr("导出回传文件到U盘…"))
        self.returns_button.setObjectName("exportReturnsButton")
        self.report_button = QPushButton(self.tr("打印汇总"))
        self.report_button.setObjectName("printReportButton")
        self.import_button.clicked.connect(self.choose_and_import)
        self.handover_button.clicked.connect(self.print_handover)
        self.relay_button.clicked.connect(self.relay)
        self.returns_button.clicked.connect(self.choose_and_export_returns)
        self.report_button.clicked.connect(self.print_report)
        self._buttons = (
            self.import_button,
            self.relay_button,
            self.returns_button,
            self.report_button,
        )
        buttons = TileGrid(5, 6)  # a second row on a narrow screen
        buttons.set_tiles([*self._buttons[:1], self.handover_button, *self._buttons[1:]])
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("乡镇批次")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "导入无网络代办点用U盘带来的批次文件，报送到省级平台，"
                    "再把办理结果导出为回传文件带回代办点。纸质材料按交接清单核对签收。"
                )
            )
        )
        layout.addWidget(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.chart, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        run_task(self.ctx.township.villages, on_done=self._show, on_error=show_error)

    def _show(self, villages: list[VillageStatus]) -> None:
        self.villages = villages
        self.table.setRowCount(len(villages))
        via = {"usb": self.tr("U盘"), "online": self.tr("联网")}
        for r, v in enumerate(villages):
            s = v.by_status
            cells = (
                v.code,
                v.name,
                format_local(v.last_contact_at) or self.tr("从未联系"),
                via.get(v.last_contact_via or "", ""),
                str(v.waiting),
                format_local(v.oldest_waiting),
                str(s.get("submitted", 0)),
                str(s.get("accepted", 0) + s.get("need_supplement", 0)),
                str(s.get("completed", 0)),
                str(s.get("rejected", 0) + s.get("quarantined", 0) + s.get("conflict", 0)),
                str(v.overdue),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 4 and c != 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if (c == 10 and v.overdue) or (c == 9 and text != "0"):
                    item.setForeground(QColor(OVERDUE))
                self.table.setItem(r, c, item)
        rows = sorted(
            ((v.name or v.code, v.waiting, v.overdue) for v in villages),
            key=lambda x: (-(x[1] + x[2]), x[0]),
        )
        self.chart.set_rows(rows)
        self.chart.setVisible(bool(rows))  # "no data" is said once, by the summary
        waiting = sum(v.waiting for v in villages)
        overdue = sum(v.overdue for v in villages)
        self.summary.setText(
            self.tr("{0} 个代办点，待报送 {1} 件，超期 {2} 件。").format(
                len(villages), waiting, overdue
            )
            if villages
            else self.tr("还没有代办点数据：联网后点“报送到省级平台”会取得本乡镇的代办点名单。")
        )

    def _busy(self, text: str) -> None:
        self._busy_now = True
        set_message(self.message, text)
        for b in (*self._buttons, self.handover_button):
            b.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()

    def _idle(self, text: str = "", role: str = "") -> None:
        self._busy_now = False
        set_message(self.message, text, role)
        for b in self._buttons:
            b.setEnabled(True)
        self.handover_button.setEnabled(self.last_manifest is not None)
        self.progress.hide()
        self.refresh()
        publish(self.ctx, ANY_APPLICATION, self)  # (the dashboard counts again)

    def is_busy(self) -> bool:
        return self._busy_now

    # --- batches in --------------------------------------------------------------------------
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
        if self._busy_now:
            return
        self._busy(self.tr("正在核验并导入批次 {0}…").format(path.name))
        actor = self.actor
        ctx = self.ctx
        run_task(
            lambda: ctx.township.import_batch(path, actor),
            on_done=self._imported,
            on_error=self._failed,
        )

    def _imported(self, result: tuple[BatchManifest, bool]) -> None:
        manifest, new = result
        if not new:
            self._idle(self.tr("该批次此前已导入过，本次未做任何更改。"))
            return
        self.last_manifest = manifest
        self._idle(
            self.tr("已导入代办点 {0}：第 {1} 批 · {2} 件 · {3}，等待报送。").format(
                manifest.station_code,
                manifest.sequence,
                manifest.count,
                megabytes(manifest.bytes),
            ),
            "ok",
        )
        self.print_handover()

    def print_handover(self) -> None:
        manifest = self.last_manifest
        if manifest is None:
            return
        ctx, actor = self.ctx, self.actor

        def build() -> bytes:
            return ctx.printing.handover(ctx.batch_paperwork.import_list(manifest, actor))

        run_task(
            build,
            on_done=lambda pdf: self._preview(pdf, self.tr("材料交接清单"), manifest.batch_id),
            on_error=show_error,
        )

    def _preview(self, pdf: bytes, title: str, batch: str = "") -> None:
        """``batch``: the batch whose hand-over list this is (its prints are audited)."""
        from kiosk.ui.print_preview import PrintPreviewDialog

        ctx, actor = self.ctx, self.actor
        dialog = PrintPreviewDialog(
            pdf,
            title,
            self,
            kind=DocumentKind.HANDOVER,
            audit=(lambda p: ctx.access_records.printed(actor, "handover", batch, p))
            if batch
            else None,
        )
        dialog.setObjectName("townshipPreview")
        self.preview = dialog
        dialog.open()

    def print_report(self) -> None:
        run_task(
            self.ctx.batch_paperwork.township_report,
            on_done=lambda pdf: self._preview(pdf, self.tr("代办点批次汇总")),
            on_error=show_error,
        )

    # --- relay up ----------------------------------------------------------------------------
    def relay(self) -> None:
        if self._busy_now:
            return
        self._busy(self.tr("正在报送到省级平台…"))

        ctx = self.ctx

        run_task(lambda: ctx.township_uplink.relay(), on_done=self._relayed, on_error=self._failed)

    def _relayed(self, outcome: RelayOutcome) -> None:
        self.last_outcome = outcome
        if outcome.batches:
            text = self.tr("已报送 {0} 个批次，共 {1} 件申请。").format(
                outcome.batches, outcome.applications
            )
        else:
            text = self.tr("没有等待报送的批次。")
        if outcome.refused:
            text += "\n" + self.tr("以下批次未能报送：") + "\n" + "\n".join(outcome.refused)
        self._idle(text, "error" if outcome.refused else "ok")

    # --- returns out -------------------------------------------------------------------------
    def choose_and_export_returns(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择U盘上的文件夹"), str(default_folder())
        )
        if folder:
            self.export_returns(Path(folder))

    def export_returns(self, folder: Path) -> None:
        if self._busy_now:
            return
        self._busy(self.tr("正在从省级平台获取并导出回传文件…"))

        ctx = self.ctx

        run_task(
            lambda: ctx.township_uplink.export_returns(folder),
            on_done=self._returns_exported,
            on_error=self._failed,
        )

    def _returns_exported(self, paths: list[Path]) -> None:
        self.last_returns = paths
        if not paths:
            self._idle(self.tr("没有需要回传的代办点。"))
            return
        names = "、".join(p.name for p in paths)
        self._idle(
            self.tr("已导出 {0} 个代办点的回传文件：{1}。请把U盘带回各代办点导入。").format(
                len(paths), names
            ),
            "ok",
        )

    def _failed(self, exc: Exception) -> None:
        self._idle(self.tr("操作没有完成，本机数据未做任何更改。"), "error")
        show_error(exc)
