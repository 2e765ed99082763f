"""Send a PDF to an installed printer through QPrinter, without a dialog.

Safe to call from a worker thread (QPainter on a QPrinter and QPdfDocument rendering work off
the GUI thread), which is where the UI calls it: rendering an A4 page takes long enough that
the GUI thread must not do it. Problems come back as :class:`PrintFailed` with a Chinese
message that says what to do; nothing is lost, the document can simply be printed again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.core.errors import KioskError
from kiosk.print.printers import cups_status

log = logging.getLogger(__name__)

ROLL_MAX_WIDTH_PT = 100 / 25.4 * 72  # pages narrower than 100 mm are thermal-roll receipts
MAX_RENDER_DPI = 300  # enough for text and QR codes; 600 dpi A4 bitmaps would need 140 MB


class PrintFailed(KioskError):
    pass


def available_printers() -> list[str]:
    from kiosk.ui import escpos_print

    return list(QPrinterInfo.availablePrinterNames()) + escpos_print.names()


def default_printer() -> str:
    return QPrinterInfo.defaultPrinterName()


def printer_problem(name: str) -> str | None:
    """Why ``name`` cannot print now (Chinese), or None if it looks ready."""
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        return (
            f"找不到打印机“{name}”。请检查打印机是否已连接、已安装驱动，"
            "或在打印预览中改选其他打印机。"
        )
    status = cups_status(name)
    if status is not None:
        problem = status.problem_zh()
        if problem:
            return f"打印机“{name}”无法打印：{problem}"
        return None
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        return f"打印机“{name}”处于错误状态（可能未开机、缺纸或卡纸），请检查后重新打印。"
    return None


def load_pdf(pdf: bytes) -> QPdfDocument:
    doc = QPdfDocument()
    buf = QBuffer(doc)
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise PrintFailed("要打印的文书无法读取，请重新生成后再打印。", "PDF could not be loaded")
    return doc


def page_size_of(doc: QPdfDocument) -> QPageSize:
    """The document's own paper: A4 stays A4; a thermal roll gets its exact custom size."""
    size = doc.pagePointSize(0)
    return QPageSize(
        QSizeF(size.width(), size.height()),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )


def fit(width_pt: float, height_pt: float, printer: QPrinter) -> QRectF:
    """Where a page goes on the paper: real size from the paper's corner (the margins are in
    the PDF), shrunk only if the paper is smaller: an A4 page to fit the sheet, a roll
    receipt to fit the roll's width (its length is whatever the driver feeds)."""
    scale = printer.resolution() / 72
    width, height = width_pt * scale, height_pt * scale
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    factor = min(1.0, paper.width() / width)
    if width_pt > ROLL_MAX_WIDTH_PT:
        factor = min(factor, paper.height() / height)
    return QRectF(0, 0, width * factor, height * factor)


def print_pdf(pdf: bytes, printer_name: str = "", *, doc_name: str = "", copies: int = 1) -> str:
    """Print ``pdf`` on ``printer_name`` (empty: the system default). Returns the printer used."""
    from kiosk.ui import escpos_print

    if escpos_print.is_escpos(printer_name):  # a receipt printer without a driver
        return escpos_print.print_escpos(pdf, printer_name)
    name = printer_name or default_printer()
    if not name:
        raise PrintFailed(
            "这台电脑上没有可用的打印机。请连接打印机并安装驱动后再打印。", "no printer installed"
        )
    problem = printer_problem(name)
    if problem:
        raise PrintFailed(problem, f"printer not ready: {name}")
    doc = load_pdf(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    if not printer.isValid():
        raise PrintFailed(f"打印机“{name}”不可用，请改选其他打印机。", f"invalid printer {name}")
    printer.setDocName(doc_name or "kiosk")
    printer.setCopyCount(max(1, copies))
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(page_size_of(doc), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    painter = QPainter()
    if not painter.begin(printer):
        log.error("printer %s could not start", name)
        raise PrintFailed(
            f"打印机“{name}”无法开始打印（可能未开机、缺纸或未连接）。请检查后重新打印。",
            f"QPainter.begin failed on {name}",
        )
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for page in range(doc.pageCount()):
            if page and not printer.newPage():
                raise PrintFailed(
                    f"打印机“{name}”在打印第 {page + 1} 页时出错，请检查后重新打印。",
                    f"newPage failed on {name}",
                )
            size_pt = doc.pagePointSize(page)
            image = doc.render(
                page, QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
            )
            painter.drawImage(fit(size_pt.width(), size_pt.height(), printer), image)
    finally:
        painter.end()
    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintFailed(
            f"打印机“{name}”报告打印出错，请检查打印机后重新打印。", f"printer {name} error state"
        )
    log.info("printed %d page(s) on %s", doc.pageCount(), name)
    return name
