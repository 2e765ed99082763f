"""Printers for the setup wizard: the installed ones, and a test page (Chinese text, a frame
and a ruler, so alignment, margins and CJK output can be checked on paper)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo


def printer_names() -> tuple[list[str], str]:
    """(installed printers, the default one). Asks CUPS / the spooler: run in a worker."""
    names = list(QPrinterInfo.availablePrinterNames())
    return names, QPrinterInfo.defaultPrinterName()


def make_printer(name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name:
        printer.setPrinterName(name)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def print_test_page(printer: QPrinter, station_name: str) -> bool:
    """Draw the test page on ``printer``. False if the printer could not start."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        page = QRectF(painter.viewport())
        dpi = printer.resolution()
        mm = dpi / 25.4
        painter.setPen(QPen(Qt.GlobalColor.black, max(1.0, 0.4 * mm)))
        painter.drawRect(page.adjusted(mm, mm, -mm, -mm))
        for i in range(0, int(page.width() / (10 * mm)) + 1):  # a centimetre ruler on top
            x = page.left() + i * 10 * mm
            painter.drawLine(int(x), int(page.top() + mm), int(x), int(page.top() + 5 * mm))
        title = QFont()
        title.setPointSize(22)
        title.setBold(True)
        painter.setFont(title)
        top = page.top() + 20 * mm
        painter.drawText(
            QRectF(page.left(), top, page.width(), 15 * mm),
            Qt.AlignmentFlag.AlignHCenter,
            QCoreApplication.translate("printer_test", "打印测试页"),
        )
        body = QFont()
        body.setPointSize(12)
        painter.setFont(body)
        lines = [
            QCoreApplication.translate("printer_test", "代办点：") + station_name,
            QCoreApplication.translate("printer_test", "打印机：")
            + (
                printer.printerName()
                or QCoreApplication.translate("printer_test", "系统默认打印机")
            ),
            QCoreApplication.translate("printer_test", "时间：")
            + dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            QCoreApplication.translate(
                "printer_test", "中文检查：政务服务 一网通办 代办受理回执 张𠮷 王䶮"
            ),
            QCoreApplication.translate("printer_test", "四周应有完整的方框，顶部刻度每格 1 厘米。"),
        ]
        y = top + 25 * mm
        for line in lines:
            painter.drawText(
                QRectF(page.left() + 10 * mm, y, page.width() - 20 * mm, 10 * mm), line
            )
            y += 10 * mm
    finally:
        painter.end()
    return True
