"""U盘批次 (village station without network): put the waiting applications on a USB stick for
the township centre, print the 交接清单 that travels with the paper, and read back the
status-return file the township brings, which gives the cases their numbers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.print.kinds import DocumentKind
from kiosk.ui.errors import show_error
from kiosk.ui.removable import removable_volumes
from kiosk.ui.station_events import publish
from kiosk.ui.widgets import hint_label, set_message, title_label
from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.print.batch_paperwork import VillageExport
    from kiosk.sync.batches import ReturnResult
    from kiosk.ui.print_preview import PrintPreviewDialog


def megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(n, 0) / 1024:.0f} KB"


class ExportProgress(QObject):
    """Carry ``export_batch``'s progress callback (worker thread) to the GUI thread."""

    progressed = Signal(int, int)  # records written, records in all

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


class VillageBatchesPage(QWidget):
    def __init__(self, ctx: AppContext, agent: AgentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("villageBatchesPage")
        self.ctx = ctx
        self.agent = agent
        self.pending_count = 0
        self.pending_bytes = 0
        self.exported_count = 0
        self.last_export: VillageExport | None = None
        self.last_return: ReturnResult | None = None
        self.preview: PrintPreviewDialog | None = None
        self._busy = False
        self._bridge = ExportProgress(self)
        self._bridge.progressed.connect(self._progressed)

        out_box = self._build_export_box()
        back_box = self._build_return_box()
        self.message = QLabel("")
        self.message.setObjectName("batchMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("U盘批次")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "本代办点没有网络时，用U盘把申请带到乡镇便民服务中心报送；"
                    "纸质材料随交接清单一起移交。"
                )
            )
        )
        layout.addWidget(out_box)
        layout.addWidget(back_box)
        layout.addWidget(self.message)
        layout.addStretch(1)

    # --- building ---------------------------------------------------------------------------
    def _build_export_box(self) -> QGroupBox:
        """送往乡镇: what waits, the USB drive, export, the hand-over list, progress."""
        self.pending_label = QLabel(self.tr("正在统计待报送的申请…"))
        self.pending_label.setObjectName("pendingLabel")
        self.pending_label.setWordWrap(True)
        self.pending_label.setProperty("role", "big")

        self.drive_box = QComboBox()
        self.drive_box.setObjectName("driveBox")
        self.drive_box.setAccessibleName(self.tr("U盘"))
        self.drive_box.setMinimumWidth(260)
        self.drive_hint = hint_label()
        self.drive_hint.setObjectName("driveHint")
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setObjectName("refreshDrivesButton")
        self.folder_button = QPushButton(self.tr("选择文件夹…"))
        self.folder_button.setObjectName("chooseFolderButton")
        self.export_button = QPushButton(self.tr("导出到U盘"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.handover_button = QPushButton(self.tr("打印交接清单"))
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.hide()
        self.progress_label = hint_label()
        self.progress_label.setObjectName("progressLabel")

        self.refresh_button.clicked.connect(self.refresh_drives)
        self.folder_button.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(self.export_selected)
        self.handover_button.clicked.connect(self.print_handover)

        out_box = QGroupBox(self.tr("送往乡镇：导出待报送的申请"))
        out = QVBoxLayout(out_box)
        out.addWidget(self.pending_label)
        drives = QHBoxLayout()
        drives.addWidget(QLabel(self.tr("U盘：")))
        drives.addWidget(self.drive_box, 1)
        drives.addWidget(self.refresh_button)
        drives.addWidget(self.folder_button)
        out.addLayout(drives)
        out.addWidget(self.drive_hint)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.handover_button)
        actions.addStretch(1)
        out.addLayout(actions)
        out.addWidget(self.progress)
        out.addWidget(self.progress_label)
        return out_box

    def _build_return_box(self) -> QGroupBox:
        """从乡镇带回: import the township's return file."""
        self.return_button = QPushButton(self.tr("导入回传文件…"))
        self.return_button.setObjectName("importReturnButton")
        self.return_button.clicked.connect(self.choose_return)
        back_box = QGroupBox(self.tr("从乡镇带回：导入回传文件"))
        back = QVBoxLayout(back_box)
        back.addWidget(
            hint_label(
                self.tr(
                    "乡镇便民服务中心会把省级平台的办理结果存成回传文件（.kreturn）。"
                    "插入U盘后点下面的按钮，办件会得到办件编号和最新状态。"
                )
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.return_button)
        row.addStretch(1)
        back.addLayout(row)
        return back_box

    # --- state -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Count what waits and look for USB drives (called whenever the page is shown)."""
        self.refresh_drives()
        batches = self.ctx.village_batches

        def count() -> tuple[int, int, int]:
            return (*batches.pending(), batches.already_exported())

        run_task(count, on_done=self._show_pending, on_error=show_error)

    def _show_pending(self, pending: tuple[int, int, int]) -> None:
        self.pending_count, self.pending_bytes, self.exported_count = pending
        fresh = self.pending_count - self.exported_count
        if fresh > 0:
            text = self.tr("有 {0} 件申请等待报送（附件约 {1}）。").format(
                fresh, megabytes(self.pending_bytes)
            )
        else:
            text = self.tr("所有申请都已报送，现在没有需要导出的申请。")
        if self.exported_count:
            text += "\n" + self.tr(
                "另有 {0} 件已导出到U盘，等待乡镇带回回传文件；U盘丢失时可以再次导出。"
            ).format(self.exported_count)
        self.pending_label.setText(text)
        self.export_button.setText(
            self.tr("导出到U盘")
            if fresh > 0 or not self.exported_count
            else self.tr("再次导出到U盘")
        )
        self._update_buttons()

    def refresh_drives(self) -> None:
        current = self.folder()
        self.drive_box.clear()
        for path in removable_volumes():
            self.drive_box.addItem(str(path), str(path))
        if current is not None and self.drive_box.findData(str(current)) < 0:
            self.drive_box.addItem(str(current), str(current))  # a folder chosen by hand
        if current is not None:
            self.drive_box.setCurrentIndex(self.drive_box.findData(str(current)))
        if self.drive_box.count():
            self.drive_hint.setText("")
        else:
            self.drive_hint.setText(
                self.tr(
                    "没有找到U盘。请把U盘插到电脑上，等几秒钟后点“刷新”；"
                    "也可以点“选择文件夹…”自己选一个位置。"
                )
            )
        self._update_buttons()

    def folder(self) -> Path | None:
        data = self.drive_box.currentData()
        return Path(data) if data else None

    def set_folder(self, folder: Path) -> None:
        if self.drive_box.findData(str(folder)) < 0:
            self.drive_box.addItem(str(folder), str(folder))
        self.drive_box.setCurrentIndex(self.drive_box.findData(str(folder)))
        self.drive_hint.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self._busy
        self.export_button.setEnabled(idle and self.pending_count > 0 and self.folder() is not None)
        self.return_button.setEnabled(idle)
        self.refresh_button.setEnabled(idle)
        self.folder_button.setEnabled(idle)
        self.handover_button.setEnabled(idle and self.last_export is not None)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    # --- export ----------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = str(self.folder() or Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择保存批次文件的文件夹"), start)
        if folder:
            self.set_folder(Path(folder))

    def export_selected(self) -> None:
        folder = self.folder()
        if folder is None:
            set_message(self.message, self.tr("请先插入U盘，或点“选择文件夹…”。"), "error")
            return
        self.export_to(folder)

    def export_to(self, folder: Path) -> None:
        """Write every waiting application to ``folder`` (the USB stick), in a worker."""
        if self._busy:
            return
        self.set_folder(folder)
        self._set_busy(True)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        self.progress_label.setText(self.tr("正在准备导出…"))
        set_message(self.message, self.tr("正在导出，请不要拔出U盘…"))
        report = self._bridge.report
        actor = self.agent.name
        ctx = self.ctx
        run_task(
            lambda: ctx.batch_paperwork.export_batch(folder, actor, progress=report),
            on_done=self._exported,
            on_error=self._export_failed,
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(
            self.tr("已写入 {0} / {1} 项（申请与附件，共约 {2}）").format(
                done, total, megabytes(self.pending_bytes)
            )
        )

    def _exported(self, result: VillageExport) -> None:
        self.last_export = result
        self._set_busy(False)
        self.progress.setValue(self.progress.maximum())
        set_message(
            self.message,
            self.tr(
                "已导出 {0} 件申请到 {1}，文件已校验。请把U盘和纸质材料一起送到乡镇，"
                "并打印交接清单请双方签字。"
            ).format(result.manifest.count, result.path.name),
            "ok",
        )
        self.refresh()
        publish(self.ctx, result.changes, self)  # (the dashboard counts again)
        self.print_handover()

    def _export_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.progress.hide()
        self.progress_label.setText("")
        set_message(self.message, self.tr("导出没有完成，申请仍在本机，可以再试一次。"), "error")
        show_error(exc)

    def print_handover(self) -> None:
        result = self.last_export
        if result is None:
            return
        ctx, actor = self.ctx, self.agent.name

        def build() -> bytes:
            return ctx.printing.handover(ctx.batch_paperwork.export_list(result, actor))

        run_task(build, on_done=self._show_handover, on_error=show_error)

    def _show_handover(self, pdf: bytes) -> None:
        from kiosk.ui.print_preview import PrintPreviewDialog

        ctx, actor = self.ctx, self.agent.name
        batch = self.last_export.manifest.batch_id if self.last_export else ""
        dialog = PrintPreviewDialog(
            pdf,
            self.tr("材料交接清单"),
            self,
            kind=DocumentKind.HANDOVER,
            audit=lambda printer: ctx.access_records.printed(actor, "handover", batch, printer),
        )
        dialog.setObjectName("handoverPreview")
        self.preview = dialog
        dialog.open()

    # --- return file -----------------------------------------------------------------------
    def choose_return(self) -> None:
        start = str(self.folder() or Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择回传文件"), start, self.tr("回传文件 (*.kreturn)")
        )
        if path:
            self.import_return(Path(path))

    def import_return(self, path: Path) -> None:
        if self._busy:
            return
        self._set_busy(True)
        self.progress.setRange(0, 0)  # one signed file: busy, no counts
        self.progress.show()
        self.progress_label.setText("")
        set_message(self.message, self.tr("正在核验并导入回传文件…"))
        actor = self.agent.name
        ctx = self.ctx
        run_task(
            lambda: ctx.village_batches.import_return(path, actor),
            on_done=self._returned,
            on_error=self._return_failed,
        )

    def _returned(self, result: ReturnResult) -> None:
        self.last_return = result
        self._set_busy(False)
        self.progress.hide()
        if result.results_applied or result.status_updates:
            text = self.tr("已导入回传：{0} 件获得办件编号，{1} 项状态更新。").format(
                result.results_applied, result.status_updates
            )
        else:
            text = self.tr("这个回传文件此前已导入过，本次没有新的变化。")
        set_message(self.message, text, "ok")
        self.refresh()
        publish(self.ctx, result.changes, self)  # (the dashboard counts again)

    def _return_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.progress.hide()
        set_message(self.message, self.tr("回传文件没有导入，本机数据未做任何更改。"), "error")
        show_error(exc)
