"""A test slip for a thermal roll: Chinese (with a rare character), a frame and a ruler, so
width, cut and raster output can be checked on paper. A PDF, printed like any receipt."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.print.fonts import draw_text, register_fonts


def test_slip(station: str, width_mm: float = 80) -> bytes:
    register_fonts()
    height = 70 * mm
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width_mm * mm, height))
    canvas.setLineWidth(1.2)
    canvas.rect(2 * mm, 2 * mm, (width_mm - 4) * mm, height - 4 * mm)
    center = width_mm * mm / 2
    draw_text(canvas, center, height - 14 * mm, "热敏打印机测试页", 14, "center")
    draw_text(canvas, center, height - 24 * mm, station or "村级代办点", 10, "center")
    draw_text(canvas, center, height - 34 * mm, "生僻字：张𠮷 䶮 堃 昇", 11, "center")
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    draw_text(canvas, center, height - 43 * mm, now, 9, "center")
    for i in range(int(width_mm) - 7):  # a millimetre ruler along the bottom
        x = (3.5 + i) * mm
        canvas.line(x, 6 * mm, x, (8 if i % 10 else 12) * mm)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
