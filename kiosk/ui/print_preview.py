"""Preview a PDF (QtPdf) and print it through QPrinter to any installed printer."""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


def load_pdf(pdf: bytes, parent: QWidget | None = None) -> QPdfDocument:
    doc = QPdfDocument(parent)
    buf = QBuffer(doc)
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    return doc


def print_pdf(doc: QPdfDocument, printer: QPrinter) -> bool:
    """Render each page at the printer's resolution onto its page. False if it could not start."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = printer.resolution()
        for page in range(doc.pageCount()):
            if page:
                printer.newPage()
            size_pt = doc.pagePointSize(page)
            target = QSize(int(size_pt.width() / 72 * dpi), int(size_pt.height() / 72 * dpi))
            image = doc.render(page, target)
            rect = painter.viewport()
            scaled = target.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(rect.x(), rect.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return True


class PrintPreviewDialog(QDialog):
    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 900)
        self.document = load_pdf(pdf, self)
        view = QPdfView(self)
        view.setObjectName("pdfView")
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton(
            self.tr("打印…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self._print)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if not print_pdf(self.document, printer):
            log.error("printer %s could not start", printer.printerName())
            QMessageBox.warning(
                self,
                self.tr("打印失败"),
                self.tr(
                    "打印机未就绪（可能未开机、缺纸或未连接）。回执已保存，可在办件队列中重新打印。"
                ),
            )
            return
        self.accept()
