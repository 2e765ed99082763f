"""Printing at the terminal: a guide, or a case's progress, straight to the station's printer.

No print dialog (a resident should not have to choose a printer). The page is laid out by
Qt's QTextDocument; when kiosk/print grows a guide PDF (``ctx.printing.guide(code) -> bytes``)
:func:`guide_pdf` uses it instead, so the terminal prints the same guide the agent does.
Runs in a worker thread (painting on a QPrinter off the GUI thread is supported by Qt).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.context import AppContext
from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

PrinterFactory = Callable[[], QPrinter]


class NoPrinter(KioskError):
    pass


def station_printer() -> QPrinter:
    """The system's default printer, A4, high resolution; NoPrinter if there is none."""
    if QPrinterInfo.defaultPrinter().isNull():
        raise NoPrinter("本机没有可用的打印机。", "no default printer")
    printer = QPrinter(QPrinterInfo.defaultPrinter(), QPrinter.PrinterMode.HighResolution)
    return printer


def _prepare(printer: QPrinter) -> None:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 16, 18, 16),
            QPageLayout.Unit.Millimeter,
        )
    )


def print_html(html: str, printer: QPrinter, font_family: str = "") -> None:
    """Lay ``html`` out for ``printer`` and print it (raises if the printer fails)."""
    _prepare(printer)
    doc = QTextDocument()
    if font_family:
        doc.setDefaultFont(QFont(font_family, 12))
    doc.setHtml(html)
    doc.print_(printer)
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise KioskError("打印机出错。", f"printer {printer.printerName()} reported an error")


def print_slip(html: str, factory: PrinterFactory, font_family: str = "") -> None:
    """A progress slip: on the station's ESC/POS receipt printer when it has one (as a
    raster image, kiosk/ui/escpos_print.py), else on ``factory()``'s printer."""
    from kiosk.ui import escpos_print

    if escpos_print.configured():
        escpos_print.print_html_escpos(html, font_family)
        return
    print_html(html, factory(), font_family)


def guide_pdf(ctx: AppContext, code: str) -> bytes | None:
    """The guide PDF from kiosk/print, once that exists; None means lay it out here."""
    build = getattr(ctx.printing, "guide", None)
    if not callable(build):
        return None
    pdf = build(code)
    return bytes(pdf) if isinstance(pdf, bytes | bytearray) else None


def print_pdf_bytes(pdf: bytes, printer: QPrinter) -> None:
    """A finished PDF to ``printer``: copied as is when the printer is a PDF file, else sent to
    that printer by name, each page rendered at its resolution (kiosk.ui.printing.print_pdf,
    which raises PrintFailed with what to do)."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        Path(printer.outputFileName()).write_bytes(pdf)
        return
    from kiosk.ui.printing import print_pdf

    print_pdf(pdf, printer.printerName(), doc_name=printer.docName())
