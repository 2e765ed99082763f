"""The station's ESC/POS receipt printer as one more name in the printer list.

Chosen in the setup wizard or settings (``escpos_printer``: its address); when set, the
print preview lists it as :data:`NAME_PREFIX` + address next to the system's printers, and
printing to that name renders the PDF at the printer's width and sends it as raster.
"""

from __future__ import annotations

import math

from PIL import Image

from kiosk.core.settings import Settings

NAME_PREFIX = "热敏打印机 ESC/POS "
_configured: dict[str, int] = {}  # address → dots a line (one station per process)


def configure(settings: Settings) -> None:
    _configured.clear()
    if settings.escpos_printer:
        _configured[settings.escpos_printer] = settings.escpos_dots


def names() -> list[str]:
    return [NAME_PREFIX + address for address in _configured]


def is_escpos(name: str) -> bool:
    return name.startswith(NAME_PREFIX)


def print_escpos(pdf: bytes, name: str) -> str:
    """Print on the ESC/POS printer called ``name`` (from :func:`names`); worker thread."""
    from kiosk.devices.escpos_printer import EscPosPrinter
    from kiosk.ui.pdf_raster import render_pages

    address = name.removeprefix(NAME_PREFIX)
    dots = _configured.get(address, 576)
    printer = EscPosPrinter(address, dots)
    printer.print_pages(render_pages(pdf, dots))
    return name


def configured() -> bool:
    return bool(_configured)


def render_html(html: str, dots: int, font_family: str = "") -> Image.Image:
    """``html`` laid out by QTextDocument on a roll ``dots`` wide (203 dpi), greyscale."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QImage, QPainter, QTextDocument

    scale = 203 / 96  # the document lays out at screen resolution; the printer has 203 dpi
    doc = QTextDocument()
    if font_family:
        doc.setDefaultFont(QFont(font_family, 12))
    doc.setDocumentMargin(6)
    doc.setHtml(html)
    doc.setTextWidth(dots / scale)
    height = max(1, math.ceil(doc.size().height() * scale))
    image = QImage(dots, height, QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(scale, scale)
    doc.drawContents(painter)
    painter.end()
    raw = bytes(image.constBits())[: image.sizeInBytes()]
    return Image.frombuffer("L", (dots, height), raw, "raw", "L", image.bytesPerLine(), 1)


def print_html_escpos(html: str, font_family: str = "") -> None:
    """A slip (the terminal's progress page) on the station's ESC/POS printer."""
    from kiosk.devices.escpos_printer import EscPosPrinter

    ((address, dots),) = _configured.items()
    EscPosPrinter(address, dots).print_pages([render_html(html, dots, font_family)])
