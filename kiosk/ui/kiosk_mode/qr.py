"""QR codes for the screen (segno builds the matrix; Qt paints it, with a quiet zone)."""

from __future__ import annotations

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter


def qr_image(payload: str, size: int) -> QImage:
    """A black-on-white QR code of ``payload`` about ``size`` px square, sharp module edges.

    Black on white even in the high-contrast theme: phone scanners expect dark modules."""
    code = segno.make(payload, error="m", micro=False)
    matrix = [list(row) for row in code.matrix]
    quiet = 4
    modules = len(matrix) + 2 * quiet
    cell = max(2, size // modules)
    side = cell * modules
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#000000"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect((x + quiet) * cell, (y + quiet) * cell, cell, cell)
    painter.end()
    return image
