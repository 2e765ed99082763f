"""Where people sign on paper: signature and thumbprint (按手印) lines, and the seal place.

Used by the 代办委托书 and the paper signature page. A thumbprint box is an empty square the
size of a thumb; the seal place is a dashed circle the size of an official seal (42 mm), with
"（盖章）" under it, so it is clear where the station stamps.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from kiosk.print.fonts import BODY_FONT, markup, text_width
from kiosk.print.layout import SPECS, Layout, styles_for
from kiosk.print.widgets import image_from_bytes

THUMB = 18 * mm
SEAL = 42 * mm
GREY = colors.Color(0.55, 0.55, 0.55)


def thumb_box(size: float = THUMB) -> Drawing:
    d = Drawing(size, size)
    d.add(Rect(0, 0, size, size, strokeColor=GREY, strokeWidth=0.6, fillColor=None))
    label = String(size / 2, size / 2 - 3, "指印", textAnchor="middle")
    label.fontName, label.fontSize, label.fillColor = BODY_FONT, 8, GREY
    d.add(label)
    return d


def seal_place(size: float = SEAL) -> Drawing:
    d = Drawing(size, size)
    ring = Circle(size / 2, size / 2, size / 2 - 1, strokeColor=GREY, fillColor=None)
    ring.strokeDashArray = [3, 3]
    ring.strokeWidth = 0.6
    d.add(ring)
    label = String(size / 2, size / 2 - 4, "（盖章）", textAnchor="middle")
    label.fontName, label.fontSize, label.fillColor = BODY_FONT, 10, GREY
    d.add(label)
    return d


def sign_and_thumb(
    label: str,
    layout: Layout,
    width: float,
    *,
    image: bytes | None = None,
    date_text: str = "",
) -> Table:
    """``label`` (签名), a line to sign on (or the captured signature), a thumbprint box and a
    date line, for one person."""
    styles = styles_for(layout)
    label_w = text_width(label, styles.body.fontSize) + 9
    line_w = width - label_w - THUMB - 4 * mm
    sig: Flowable = (
        image_from_bytes(image, line_w - 4, 16 * mm, "签名")
        if image is not None
        else Paragraph("", styles.body)
    )
    return Table(
        [
            [Paragraph(markup(label), styles.body), sig, thumb_box()],
            [
                Paragraph(markup("日期："), styles.body),
                Paragraph(markup(date_text), styles.body),
                "",
            ],
        ],
        colWidths=[label_w, line_w, THUMB + 4 * mm],
        rowHeights=[THUMB + 2 * mm, 9 * mm],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 1), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (2, 0), (2, 0), 4 * mm),
            ]
        ),
    )


def two_parties(left: Table, right: Table, layout: Layout) -> Table:
    half = SPECS[layout].frame_width / 2
    return Table(
        [[left, right]],
        colWidths=[half, half],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def seal_row(station_name: str, layout: Layout, date_text: str = "") -> Table:
    """The station's name, the seal place and a date, right-aligned at the foot."""
    styles = styles_for(layout)
    words = [
        Paragraph(markup(f"代办点：{station_name}"), styles.body),
        Paragraph(markup(f"日期：{date_text or '　　　　年　　月　　日'}"), styles.body),
    ]
    width = SPECS[layout].frame_width
    return Table(
        [[words, seal_place()]],
        colWidths=[width - SEAL - 6 * mm, SEAL + 6 * mm],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
