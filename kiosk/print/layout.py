"""Paper layouts (A4 sheets, 80 mm and 58 mm thermal rolls), text styles, and the PDF builder.

A4 documents get a header (station, document title), a footer (template text, page x of y)
and normal pagination. Thermal receipts are one page as long as the content: the story is
measured first and the page height set to fit, so the roll is cut right after the last line.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from kiosk.print.fonts import BODY_FONT, draw_text, register_fonts
from kiosk.print.paper import Layout

__all__ = ["SPECS", "DocMeta", "Layout", "PageSpec", "build_pdf", "styles_for"]

_build_lock = threading.Lock()

GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#888888")
SHADE = colors.HexColor("#F0F0F0")


@dataclass(frozen=True)
class PageSpec:
    layout: Layout
    width: float
    height: float | None  # None: continuous roll, the page is as tall as its content
    margin_x: float
    margin_top: float
    margin_bottom: float
    body_size: float
    title_size: float
    qr_size: float

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin_x


SPECS: dict[Layout, PageSpec] = {
    Layout.A4: PageSpec(Layout.A4, A4[0], A4[1], 20 * mm, 22 * mm, 20 * mm, 10.5, 18, 30 * mm),
    # 80 mm rolls print about 72 mm wide; 58 mm rolls about 48 mm.
    Layout.ROLL_80: PageSpec(Layout.ROLL_80, 80 * mm, None, 4 * mm, 4 * mm, 8 * mm, 9, 13, 30 * mm),
    Layout.ROLL_58: PageSpec(Layout.ROLL_58, 58 * mm, None, 5 * mm, 3 * mm, 8 * mm, 8, 11, 26 * mm),
}


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    center: ParagraphStyle
    big: ParagraphStyle  # the reference number on a roll receipt


@cache
def styles_for(layout: Layout) -> Styles:
    spec = SPECS[layout]
    size = spec.body_size

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": BODY_FONT,
            "fontSize": size,
            "leading": size * 1.45,
            "wordWrap": "CJK",  # Chinese has no spaces: break between any two characters
        }
        base.update(kw)
        return ParagraphStyle(f"{layout.value}-{name}", **base)

    title_size = spec.title_size
    return Styles(
        title=style(
            "title",
            fontSize=title_size,
            leading=title_size * 1.35,
            alignment=TA_CENTER,
            spaceAfter=size * 0.8,
        ),
        heading=style(
            "heading",
            fontSize=size * 1.2,
            leading=size * 1.7,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.3,
            keepWithNext=1,  # a heading never ends a page alone
        ),
        body=style("body"),
        label=style("label", textColor=colors.black),
        # thermal heads print black or nothing: grey would come out dithered
        small=style(
            "small",
            fontSize=size * 0.85,
            leading=size * 1.25,
            textColor=colors.black if layout.is_roll else GREY,
        ),
        center=style("center", fontSize=size * 0.9, leading=size * 1.3, alignment=TA_CENTER),
        big=style("big", fontSize=size * 1.25, leading=size * 1.6),
    )


@dataclass(frozen=True)
class DocMeta:
    title: str  # PDF metadata and the header's right side
    author: str  # the station
    header: str = ""  # left side of the A4 header (station name)
    footer: str = ""  # left side of the A4 footer (template text)


PageDecorator = Callable[[Canvas, int, int], None]


def _a4_decorator(spec: PageSpec, meta: DocMeta) -> PageDecorator:
    def decorate(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        small = spec.body_size * 0.8
        left, right = spec.margin_x, spec.width - spec.margin_x
        top = spec.height or 0
        y_head = top - spec.margin_top + 7 * mm
        canvas.setFillColor(GREY)
        if meta.header:
            draw_text(canvas, left, y_head, meta.header, small)
        draw_text(canvas, right, y_head, meta.title, small, align="right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, y_head - 2 * mm, right, y_head - 2 * mm)
        y_foot = spec.margin_bottom - 9 * mm
        canvas.line(left, y_foot + small + 2, right, y_foot + small + 2)
        if meta.footer:
            draw_text(canvas, left, y_foot, meta.footer, small)
        draw_text(canvas, right, y_foot, f"第 {page} 页 共 {pages} 页", small, align="right")
        canvas.restoreState()

    return decorate


def _numbered_canvas(decorate: PageDecorator) -> type[Canvas]:
    """A canvas that knows the page count when it draws headers and footers ("共 n 页")."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decorate(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def measure(story: list[Flowable], width: float) -> float:
    """Height the story takes in a frame ``width`` wide (for roll paper)."""
    total = 0.0
    for i, flowable in enumerate(story):
        _, height = flowable.wrap(width, 1e6)
        total += height + flowable.getSpaceAfter()
        if i:  # a frame drops the space before its first flowable
            total += flowable.getSpaceBefore()
    return total


def build_pdf(story: list[Flowable], layout: Layout, meta: DocMeta) -> bytes:
    register_fonts()
    spec = SPECS[layout]
    width = spec.frame_width
    if spec.height is None:
        # Measure, then make the page exactly that tall (+ a little slack against rounding,
        # which would otherwise push the last line onto a second "page" of the roll).
        height = measure(story, width) + spec.margin_top + spec.margin_bottom + 2 * mm
        pagesize = (spec.width, height)
    else:
        pagesize = (spec.width, spec.height)
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=spec.margin_x,
        rightMargin=spec.margin_x,
        topMargin=spec.margin_top,
        bottomMargin=spec.margin_bottom,
        title=meta.title,
        author=meta.author,
        creator="village-kiosk",
        initialFontName=BODY_FONT,  # else the canvas references (unembedded) Helvetica
        invariant=False,
    )
    frame = Frame(
        spec.margin_x,
        spec.margin_bottom,
        width,
        pagesize[1] - spec.margin_top - spec.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    with _build_lock:  # reportlab's font subsetting reads the shared font file: one at a time
        if spec.height is None:
            doc.build(story)
        else:
            doc.build(story, canvasmaker=_numbered_canvas(_a4_decorator(spec, meta)))
    return buf.getvalue()
