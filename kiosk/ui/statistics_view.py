"""Monthly statistics: counts by item and status; export as CSV (Excel/WPS) or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.statistics import REPORT_STATUSES, MonthRow
from kiosk.core.statistics_export import csv_bytes
from kiosk.ui.errors import show_error
from kiosk.ui.widgets import set_message, status_label
from kiosk.ui.worker import run_task


def export_bytes(ctx: AppContext, kind: str, rows: list[MonthRow], year: int, month: int) -> bytes:
    """Runs in a worker: the CSV, or the PDF (fonts, reportlab) of one month."""
    if kind == "csv":
        return csv_bytes(rows)
    from kiosk.print.statistics_report import build_statistics_report

    station = ctx.station()
    name = station.name if station else "（未配置的代办点）"
    return build_statistics_report(rows, year, month, name)


class StatisticsDialog(QDialog):
    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsDialog")
        self.setWindowTitle(self.tr("月度统计报表"))
        self.resize(1000, 560)
        self.ctx = ctx
        self.agent = agent
        self.rows: list[MonthRow] = []
        self.month = QDateEdit(QDate.currentDate())
        self.month.setObjectName("statsMonth")
        self.month.setDisplayFormat("yyyy年MM月")
        self.month.setCalendarPopup(False)
        self.month.setAccessibleName(self.tr("统计月份"))
        self.month.dateChanged.connect(lambda _d: self.reload())
        self.csv_button = QPushButton(self.tr("导出 CSV…"))
        self.csv_button.setObjectName("exportCsvButton")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button = QPushButton(self.tr("导出 PDF…"))
        self.pdf_button.setObjectName("exportPdfButton")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("统计月份")))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.csv_button)
        top.addWidget(self.pdf_button)
        top.addWidget(close)
        headers = [
            self.tr("事项名称"),
            *(status_label(s) for s in REPORT_STATUSES),
            self.tr("其他"),
            self.tr("合计"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setObjectName("statsTable")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel("")
        self.message.setObjectName("statsMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.reload()

    def year_month(self) -> tuple[int, int]:
        d = self.month.date()
        return d.year(), d.month()

    def reload(self) -> None:
        year, month = self.year_month()
        set_message(self.message, self.tr("正在统计…"))
        ctx = self.ctx
        run_task(
            lambda: ctx.statistics.month(year, month),
            on_done=self._show,
            on_error=show_error,
        )

    def _show(self, rows: list[MonthRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            known = [row.by_status.get(s, 0) for s in REPORT_STATUSES]
            cells = [row.item_name, *map(str, known), str(row.total - sum(known)), str(row.total)]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        total = sum(r.total for r in rows)
        year, month = self.year_month()
        set_message(
            self.message,
            self.tr("{0}年{1}月共 {2} 件（按提交时间统计，不含居民个人信息）。").format(
                year, month, total
            ),
        )

    def export(self, kind: str, path: Path | None = None) -> None:
        year, month = self.year_month()
        if path is None:
            suggested = str(Path.home() / f"代办统计-{year}-{month:02d}.{kind}")
            flt = self.tr("CSV 表格 (*.csv)") if kind == "csv" else self.tr("PDF 文件 (*.pdf)")
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存统计报表"), suggested, flt)
            if not chosen:
                return
            path = Path(chosen)
        rows = list(self.rows)
        ctx, agent = self.ctx, self.agent

        def work() -> Path:
            content = export_bytes(ctx, kind, rows, year, month)
            ctx.statistics.save(agent, path, content, f"{kind} {year}-{month:02d}")
            return path

        set_message(self.message, self.tr("正在导出…"))
        run_task(
            work,
            on_done=lambda p: set_message(self.message, self.tr("已导出：") + str(p), "ok"),
            on_error=self._export_failed,
        )

    def _export_failed(self, exc: Exception) -> None:
        if isinstance(exc, OSError):
            set_message(
                self.message,
                self.tr("无法写入该位置（{0}）。请换一个文件夹或插好U盘后重试。").format(
                    exc.strerror or exc
                ),
                "error",
            )
            return
        show_error(exc)
