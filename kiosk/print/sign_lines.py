"""Where people sign on paper: signature and thumbprint (按手印) lines, and the seal place.

Used by the 代办委托书 and the paper signature page. A thumbprint box is an empty square the
size of a thumb; the seal place is a dashed circle about the size of an official seal, with
"（盖章）" under it, so it is clear where the station stamps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from kiosk.print.fonts import BODY_FONT, markup, text_width
from kiosk.print.layout import RULE, SHADE, SPECS, Layout, styles_for
from kiosk.print.widgets import image_from_bytes

THUMB = 16 * mm
SEAL = 38 * mm
GREY = colors.Color(0.55, 0.55, 0.55)


class _Mark(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """An empty square (thumbprint) or dashed circle (seal) with a grey word in it, drawn on
    the canvas directly (a reportlab Drawing would reference the unembedded Helvetica)."""

    def __init__(self, size: float, word: str, round_: bool) -> None:
        super().__init__()
        self.size, self.word, self.round = size, word, round_

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c, n = self.canv, self.size
        c.saveState()
        c.setStrokeColor(GREY)
        c.setFillColor(GREY)
        c.setLineWidth(0.6)
        if self.round:
            c.setDash(3, 3)
            c.circle(n / 2, n / 2, n / 2 - 1, stroke=1, fill=0)
        else:
            c.rect(0, 0, n, n, stroke=1, fill=0)
        size = 10 if self.round else 8
        c.setFont(BODY_FONT, size)
        c.drawCentredString(n / 2, n / 2 - size / 3, self.word)
        c.restoreState()


def thumb_box(size: float = THUMB) -> Flowable:
    return _Mark(size, "指印", round_=False)


def seal_place(size: float = SEAL) -> Flowable:
    return _Mark(size, "（盖章）", round_=True)


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


def seal_row(station_name: str, layout: Layout, date_text: str = "", phone: str = "") -> Table:
    """The station's name (and phone), a date, and the seal place, at the foot."""
    styles = styles_for(layout)
    words = [
        Paragraph(markup(f"代办点：{station_name}"), styles.body),
        *([Paragraph(markup(f"代办点电话：{phone}"), styles.body)] if phone else []),
        Paragraph(markup(f"日期：{date_text or '______年____月____日'}"), styles.body),
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


def parties_table(
    titles: tuple[str, str],
    left: Sequence[tuple[str, str]],
    right: Sequence[tuple[str, str]],
    layout: Layout,
) -> Table:
    """Two people side by side (委托人 | 受托人): a title row, then label/value pairs."""
    styles = styles_for(layout)
    width = SPECS[layout].frame_width
    label_w = 22 * mm
    value_w = width / 2 - label_w

    def cells(rows: Sequence[tuple[str, str]], i: int) -> list[Any]:
        if i >= len(rows):
            return ["", ""]
        k, v = rows[i]
        return [Paragraph(markup(k), styles.label), Paragraph(markup(v), styles.body)]

    data: list[list[Any]] = [
        [
            Paragraph(markup(titles[0]), styles.label),
            "",
            Paragraph(markup(titles[1]), styles.label),
            "",
        ]
    ]
    data += [cells(left, i) + cells(right, i) for i in range(max(len(left), len(right)))]
    return Table(
        data,
        colWidths=[label_w, value_w, label_w, value_w],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("SPAN", (0, 0), (1, 0)),
                ("SPAN", (2, 0), (3, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("BACKGROUND", (0, 1), (0, -1), SHADE),
                ("BACKGROUND", (2, 1), (2, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )
