"""Building blocks shared by the documents: field tables, lists, QR codes, barcodes, images."""

from __future__ import annotations

import io
import itertools
import logging
from array import array
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Table, TableStyle

from kiosk.core.errors import KioskError
from kiosk.print.fonts import BODY_FONT, markup, text_width
from kiosk.print.layout import RULE, SHADE, SPECS, Layout, styles_for

log = logging.getLogger(__name__)

Rows = Sequence[tuple[str, str]]
Cell = Any  # str, a Flowable, or a list of Flowables (reportlab is untyped)


def para(text: str, style_name: str, layout: Layout) -> Paragraph:
    """A paragraph of plain text (escaped, with per-run font fallback)."""
    style = getattr(styles_for(layout), style_name)
    return Paragraph(markup(text).replace("\n", "<br/>"), style)


def field_table(
    rows: Rows, layout: Layout, label_width: float | None = None, width: float | None = None
) -> Flowable:
    """Label/value pairs: a ruled two-column table on A4, unruled compact lines on a roll."""
    total = width or SPECS[layout].frame_width
    styles = styles_for(layout)
    if layout.is_roll:
        label_w = label_width or (16 * mm if layout is Layout.ROLL_80 else 13 * mm)
        style = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
            ]
        )
    else:
        label_w = label_width or 32 * mm
        style = TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),  # else cells reference Helvetica
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    data = [
        [
            Paragraph(markup(k), styles.label),
            Paragraph(markup(v).replace("\n", "<br/>"), styles.body),
        ]
        for k, v in rows
    ]
    return Table(data, colWidths=[label_w, total - label_w], style=style, hAlign="LEFT")


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    layout: Layout,
    *,
    small: bool = False,
) -> Table:
    """A ruled table with a shaded header row that repeats on every page."""
    styles = styles_for(layout)
    cell = styles.small if small else styles.body

    def wrap(value: Cell) -> Flowable | list[Flowable]:
        return Paragraph(markup(value), cell) if isinstance(value, str) else value

    data = [[Paragraph(markup(h), styles.label) for h in header]]
    data += [[wrap(v) for v in row] for row in rows]
    return Table(
        data,
        colWidths=list(widths),
        repeatRows=1,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )


def numbered(items: Sequence[str], layout: Layout) -> list[Flowable]:
    """1. … 2. … as hanging-indent paragraphs."""
    styles = styles_for(layout)
    size = styles.body.fontSize
    out: list[Flowable] = []
    for i, text in enumerate(items, start=1):
        style = styles.body.clone(
            f"num-{layout.value}", leftIndent=size * 1.6, firstLineIndent=-size * 1.6
        )
        out.append(Paragraph(f"{i}.&nbsp;" + markup(text), style))
    return out


@lru_cache(maxsize=64)
def qr_runs(value: str) -> tuple[int, array[int]]:
    """QR modules (error correction M) as runs of dark modules: flat (row, first column,
    length) triples of 2-byte numbers. A receipt's code has about 200 runs; as tuples of
    ints the 64 cached codes held 1.8 MB, growing over a working day's first receipts."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    out = array("H")
    for r, row in enumerate(qr.modules):
        c = 0
        for dark, group in itertools.groupby(bool(m) for m in row):
            n = len(list(group))
            if dark:
                out.extend((r, c, n))
            c += n
    return qr.getModuleCount(), out


class QRCode(Flowable):  # type: ignore[misc]
    """A QR code drawn as one filled path (far quicker than reportlab's per-module shapes),
    with the 4-module quiet zone scanners need inside ``size``."""

    QUIET = 4

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.value = value
        self.size = size
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count, runs = qr_runs(self.value)
        box = self.size / (count + 2 * self.QUIET)
        canvas = self.canv
        path = canvas.beginPath()
        for i in range(0, len(runs), 3):
            r, c, n = runs[i : i + 3]
            path.rect((c + self.QUIET) * box, self.size - (r + 1 + self.QUIET) * box, n * box, box)
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


def qr_drawing(value: str, size: float) -> QRCode:
    return QRCode(value, size)


def barcode(value: str, height: float = 9 * mm, bar_width: float = 0.75) -> Flowable:
    """Code 128 (any handheld scanner reads it); digit runs are packed in code set C."""
    code = Code128(value, barHeight=height, barWidth=bar_width, humanReadable=False, quiet=True)
    code.hAlign = "LEFT"
    return code


def image_from_bytes(data: bytes, max_w: float, max_h: float, what: str) -> Image:
    """A PNG/JPEG scaled to fit ``max_w`` × ``max_h`` keeping its proportions."""
    try:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
    except Exception as exc:  # PIL/reportlab raise many kinds for a broken image
        raise KioskError(
            f"{what}图片已损坏或格式不支持（应为 PNG 或 JPG），请重新采集。",
            f"{what} image unreadable: {type(exc).__name__}",
        ) from exc
    scale = min(max_w / w, max_h / h)
    img = Image(io.BytesIO(data), width=w * scale, height=h * scale)
    img.hAlign = "LEFT"
    return img


def logo(path: Path | None, height: float = 12 * mm) -> Image | None:
    """The station logo from the template; a missing or broken file is skipped (and logged)."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
        return image_from_bytes(data, 60 * mm, height, "标志")
    except (OSError, KioskError) as exc:
        log.warning("print template logo %s not used: %s", path.name, exc)
        return None


def signature_block(
    label: str,
    layout: Layout,
    *,
    image: bytes | None = None,
    date_text: str = "",
    width: float = 70 * mm,
) -> Table:
    """A label, the signature image or a line to sign on, and a date line, for one person."""
    styles = styles_for(layout)
    label_width = text_width(label, styles.body.fontSize) + 9  # + cell padding: never wraps
    value_width = width - label_width
    sig: Flowable = (
        image_from_bytes(image, value_width - 4, 18 * mm, "签名")
        if image is not None
        else Paragraph("", styles.body)
    )
    return Table(
        [
            [Paragraph(markup(label), styles.body), sig],
            [Paragraph(markup("日期："), styles.body), Paragraph(markup(date_text), styles.body)],
        ],
        colWidths=[label_width, value_width],
        rowHeights=[20 * mm, 9 * mm],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 1), 0.6, colors.black),  # lines to sign and date on
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
