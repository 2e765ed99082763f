"""Preview a document (QtPdf) and print it to any installed printer through QPrinter.

The agent sees the document, picks a printer (the one last used for this kind of document
is preselected) and, for receipts and 补正 notices, the paper (A4 or a thermal roll); the
choice is remembered per document kind. Printing runs off the GUI thread; a printer that is
offline or out of paper is reported in Chinese and the dialog stays open, so the same
document can be printed again (or on another printer) at once. Closed, it can be reprinted
from the queue: documents are regenerated from the stored case, never kept on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.print.kinds import DocumentKind
from kiosk.print.layout import Layout
from kiosk.print.preferences import PrintPreferences
from kiosk.ui.errors import show_error, user_message
from kiosk.ui.printing import available_printers, default_printer, print_pdf
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)


def load_pdf(pdf: bytes, parent: QWidget) -> QPdfDocument:
    doc = QPdfDocument(parent)
    buf = QBuffer(doc)
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    return doc


class PrintPreviewDialog(QDialog):
    printed = Signal(str)  # the printer's name

    def __init__(
        self,
        pdf: bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        kind: DocumentKind = DocumentKind.RECEIPT,
        layout: Layout = Layout.A4,
        rerender: Callable[[Layout], bytes] | None = None,
        preferences: PrintPreferences | None = None,
        audit: Callable[[str], None] | None = None,
    ) -> None:
        """``audit``: run in a worker with the printer's name after each print (the audit
        trail's "print" event; documents with personal data pass one)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 900)
        self.pdf = pdf
        self.title = title
        self.kind = kind
        self.layout_choice = layout
        self._rerender = rerender
        self._prefs = preferences
        self._audit = audit
        self.document = load_pdf(pdf, self)

        self.printer_box = QComboBox(self)
        self.printer_box.setObjectName("printerBox")
        self.printer_box.setAccessibleName(self.tr("打印机"))
        self.printer_box.setMinimumWidth(240)
        self.paper_box = QComboBox(self)
        self.paper_box.setObjectName("paperBox")
        self.paper_box.setAccessibleName(self.tr("纸张"))
        labels = {
            Layout.A4: self.tr("A4 纸"),
            Layout.ROLL_80: self.tr("80 毫米热敏纸"),
            Layout.ROLL_58: self.tr("58 毫米热敏纸"),
        }
        for choice in kind.layouts:
            self.paper_box.addItem(labels[choice], choice.value)
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(layout.value)))
        self.paper_box.setEnabled(rerender is not None and len(kind.layouts) > 1)
        self.paper_box.currentIndexChanged.connect(self._paper_changed)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("打印机")))
        bar.addWidget(self.printer_box, 1)
        bar.addWidget(QLabel(self.tr("纸张")))
        bar.addWidget(self.paper_box)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.message = QLabel("")
        self.message.setObjectName("printMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton(
            self.tr("打印"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.setObjectName("printButton")
        self.print_button.setEnabled(False)  # until the printer list is in
        self.dialog_button = buttons.addButton(
            self.tr("打印设置…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.print_now)
        self.dialog_button.clicked.connect(self._print_with_dialog)
        buttons.rejected.connect(self.reject)

        root = QVBoxLayout(self)
        root.addLayout(bar)
        root.addWidget(self.view, 1)
        root.addWidget(self.message)
        root.addWidget(buttons)
        self._busy = False
        run_task(_printer_list, on_done=self._show_printers, on_error=self._no_printers)

    # --- printers ----------------------------------------------------------------------------
    def _show_printers(self, found: tuple[list[str], str]) -> None:
        names, system_default = found
        self.printer_box.clear()
        for name in names:
            self.printer_box.addItem(name, name)
        remembered = self._prefs.printer(self.kind) if self._prefs else ""
        index = self.printer_box.findData(remembered or system_default)
        self.printer_box.setCurrentIndex(max(0, index))
        if not names:
            self._say(self.tr("这台电脑上没有可用的打印机。请连接打印机并安装驱动。"), error=True)
        self.print_button.setEnabled(bool(names))

    def _no_printers(self, exc: Exception) -> None:
        self._say(user_message(exc), error=True)

    def selected_printer(self) -> str:
        return str(self.printer_box.currentData() or "")

    # --- paper -------------------------------------------------------------------------------
    def _paper_changed(self, _index: int) -> None:
        choice = Layout(self.paper_box.currentData())
        if self._rerender is None or choice is self.layout_choice:
            return
        render = self._rerender
        self._set_busy(True, self.tr("正在重新排版…"))
        run_task(
            lambda: render(choice),
            on_done=lambda pdf: self._show_pdf(pdf, choice),
            on_error=self._failed,
        )

    def _show_pdf(self, pdf: bytes, choice: Layout) -> None:
        self.pdf = pdf
        self.layout_choice = choice
        old = self.document
        self.document = load_pdf(pdf, self)
        self.view.setDocument(self.document)
        old.deleteLater()
        self._set_busy(False, "")

    # --- printing ----------------------------------------------------------------------------
    def print_now(self, printer: str | None = None) -> None:
        """Print on the selected printer (no system dialog)."""
        name = printer if isinstance(printer, str) and printer else self.selected_printer()
        pdf, title = self.pdf, self.title
        self._set_busy(True, self.tr("正在发送到打印机…"))
        run_task(
            lambda: print_pdf(pdf, name, doc_name=title), on_done=self._done, on_error=self._failed
        )

    def _print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.selected_printer():
            printer.setPrinterName(self.selected_printer())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        index = self.printer_box.findData(printer.printerName())
        if index >= 0:
            self.printer_box.setCurrentIndex(index)
        self.print_now(printer.printerName())

    def _done(self, printer: str) -> None:
        self._set_busy(False, self.tr("已发送到打印机：") + printer)
        if self._prefs is not None:
            prefs, kind, layout = self._prefs, self.kind, self.layout_choice
            run_task(lambda: prefs.remember(kind, printer, layout), on_error=_log_only)
        if self._audit is not None:
            record = self._audit
            run_task(lambda: record(printer), on_error=_audit_failed)
        self.printed.emit(printer)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False, "")
        self._say(
            user_message(exc)
            + self.tr(" 文书仍在此窗口中，处理后可直接重新打印，或改选其他打印机。"),
            error=True,
        )
        show_error(exc)

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.print_button.setEnabled(not busy and self.printer_box.count() > 0)
        self.dialog_button.setEnabled(not busy)
        self.paper_box.setEnabled(
            not busy and self._rerender is not None and len(self.kind.layouts) > 1
        )
        self._say(text)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setProperty("role", "error" if error else "")
        self.message.setText(text)
        self.message.style().polish(self.message)


def _printer_list() -> tuple[list[str], str]:
    return available_printers(), default_printer()


def _log_only(exc: Exception) -> None:
    log.warning("could not remember the printer: %s", exc)


def _audit_failed(exc: Exception) -> None:
    log.error("a print could not be written to the audit trail: %s", exc)


def open_document(
    parent: QWidget,
    render: Callable[[Layout | None], bytes],
    kind: DocumentKind,
    title: str,
    preferences: PrintPreferences | None = None,
    on_open: Callable[[PrintPreviewDialog], Any] | None = None,
    audit: Callable[[str], None] | None = None,
    on_error: Callable[[Exception], Any] | None = None,
) -> None:
    """Generate a document off the GUI thread (on the paper remembered for its kind), then
    show it in a :class:`PrintPreviewDialog`."""
    layout = preferences.layout(kind) if preferences else Layout.A4

    def opened(pdf: bytes) -> None:
        dialog = PrintPreviewDialog(
            pdf,
            title,
            parent,
            kind=kind,
            layout=layout,
            rerender=lambda choice: render(choice),
            preferences=preferences,
            audit=audit,
        )
        dialog.setObjectName(f"{kind.value}Preview")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_open:
            on_open(dialog)
        dialog.open()

    run_task(lambda: render(layout), on_done=opened, on_error=on_error)
