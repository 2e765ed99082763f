"""PDF pages as Pillow images at a given width in dots (QtPdf renders; no print driver).

Used for printers that take images (ESC/POS thermal printers, kiosk/devices/escpos.py).
Works off the GUI thread and without a QGuiApplication (the headless demo uses it too).
"""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument

from kiosk.core.errors import KioskError


def render_pages(pdf: bytes, width: int) -> list[Image.Image]:
    """Each page of ``pdf`` rendered ``width`` dots wide, greyscale on white."""
    doc = QPdfDocument()
    buf = QBuffer(doc)
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    if doc.status() != QPdfDocument.Status.Ready:
        raise KioskError("文书无法排版成图片，请重新打印。", f"QtPdf status {doc.status()}")
    pages = []
    for page in range(doc.pageCount()):
        size = doc.pagePointSize(page)
        height = max(1, round(size.height() * width / size.width()))
        image = doc.render(page, QSize(width, height))
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        raw = bytes(image.constBits())[: image.sizeInBytes()]
        rgba = Image.frombuffer(
            "RGBA", (width, height), raw, "raw", "RGBA", image.bytesPerLine(), 1
        )
        white = Image.new("RGBA", rgba.size, "white")
        pages.append(Image.alpha_composite(white, rgba).convert("L"))
    doc.close()
    return pages
