"""代办点批次汇总: the township centre's one-page view of its villages (A4), for the wall or
the monthly meeting: per village, when it was last heard from and how, what waits to be
relayed, what the hub is working on, what is overdue, plus a bar chart of waiting/overdue.

Takes any objects shaped like ``kiosk.sync.township_relay.VillageStatus`` (a Protocol, so
print does not depend on the sync layer). No personal data: counts and station names only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kiosk.core.clock import format_local, utcnow
from kiosk.print.fonts import BODY_FONT, check_glyphs, markup, runs
from kiosk.print.layout import RULE, SHADE, SPECS, DocMeta, Layout, build_pdf, styles_for
from kiosk.print.widgets import field_table, para

TITLE = "代办点批次汇总"
VIA = {"usb": "U盘", "online": "联网"}
WAITING_COLOUR = colors.HexColor("#1D6FB8")
OVERDUE_COLOUR = colors.HexColor("#B00020")
CHART_MAX_VILLAGES = 30  # more would not fit one page: the busiest ones are drawn


class VillageLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def last_contact_at(self) -> dt.datetime | None: ...
    @property
    def last_contact_via(self) -> str | None: ...
    @property
    def waiting(self) -> int: ...
    @property
    def oldest_waiting(self) -> dt.datetime | None: ...
    @property
    def by_status(self) -> Mapping[str, int]: ...
    @property
    def overdue(self) -> int: ...


@dataclass(frozen=True)
class Counts:
    """The report's columns for one village (or the total row)."""

    waiting: int = 0
    submitted: int = 0
    in_progress: int = 0  # accepted by the department, or waiting for 补正
    completed: int = 0
    problems: int = 0  # refused, quarantined, or in conflict at the hub
    overdue: int = 0

    @classmethod
    def of(cls, v: VillageLike) -> Counts:
        s = v.by_status
        return cls(
            v.waiting,
            s.get("submitted", 0),
            s.get("accepted", 0) + s.get("need_supplement", 0),
            s.get("completed", 0),
            s.get("rejected", 0) + s.get("quarantined", 0) + s.get("conflict", 0),
            v.overdue,
        )

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.waiting + other.waiting,
            self.submitted + other.submitted,
            self.in_progress + other.in_progress,
            self.completed + other.completed,
            self.problems + other.problems,
            self.overdue + other.overdue,
        )


def _strings(x: float, y: float, text: str, size: float, anchor: str = "start") -> list[String]:
    """One line of text as String shapes, one per font run (rare characters fall back)."""
    parts = runs(text)
    width = sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in parts)
    if anchor == "end":
        x -= width
    out = []
    for font, chunk in parts:
        out.append(String(x, y, chunk, fontName=font, fontSize=size, fillColor=colors.black))
        x += pdfmetrics.stringWidth(chunk, font, size)
    return out


def _shorten(text: str, size: float, width: float) -> str:
    def w(t: str) -> float:
        return float(sum(pdfmetrics.stringWidth(c, f, size) for f, c in runs(t)))

    if w(text) <= width:
        return text
    while text and w(text + "…") > width:
        text = text[:-1]
    return text + "…"


def waiting_chart(villages: Sequence[VillageLike], width: float) -> Drawing:
    """Horizontal bars per village: applications waiting to be relayed, and overdue cases."""
    busiest = sorted(villages, key=lambda v: (-(v.waiting + v.overdue), v.code))
    shown = busiest[:CHART_MAX_VILLAGES]
    size = 8.5
    row, bar = 7 * mm, 2.6 * mm
    label_w = 42 * mm
    legend_h = 8 * mm
    height = legend_h + row * max(1, len(shown)) + 4 * mm
    d = Drawing(width, height)
    d.initialFontName = BODY_FONT  # else the drawing's state references (unembedded) Helvetica
    # legend
    y = height - 5 * mm
    x = label_w
    for colour, text in ((WAITING_COLOUR, "待报送"), (OVERDUE_COLOUR, "超期")):
        d.add(Rect(x, y, 4 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        for s in _strings(x + 5.5 * mm, y + 0.3 * mm, text, size):
            d.add(s)
        x += 24 * mm
    top = max([1, *(max(v.waiting, v.overdue) for v in shown)])
    plot_w = width - label_w - 14 * mm
    base_y = height - legend_h - row
    d.add(Line(label_w, 2 * mm, label_w, height - legend_h, strokeColor=colors.grey))
    if not shown:
        for s in _strings(label_w + 3 * mm, base_y + 2 * mm, "暂无代办点数据", size):
            d.add(s)
    for i, v in enumerate(shown):
        y = base_y - i * row
        label = _shorten(v.name or v.code, size, label_w - 3 * mm)
        for s in _strings(label_w - 2 * mm, y + row / 2 - 1 * mm, label, size, anchor="end"):
            d.add(s)
        for k, (n, colour) in enumerate(((v.waiting, WAITING_COLOUR), (v.overdue, OVERDUE_COLOUR))):
            by = y + row / 2 + (0.2 * mm if k == 0 else -bar - 0.2 * mm)
            w = plot_w * n / top
            if n:
                d.add(Rect(label_w, by, w, bar, fillColor=colour, strokeColor=None))
            for s in _strings(label_w + w + 1.5 * mm, by + 0.4 * mm, str(n), size - 1.5):
                d.add(s)
    return d


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]], widths: list[float]) -> Table:
    """Ten columns on a portrait sheet: small type in the header too, narrow padding."""
    small = styles_for(Layout.A4).small
    cell = small.clone("township-cell", textColor=colors.black)
    data = [[Paragraph(markup(h), cell) for h in header]]
    data += [[Paragraph(markup(v).replace("\n", "<br/>"), cell) for v in row] for row in rows]
    return Table(
        data,
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )


HEADER = (
    "代办点编码",
    "名称",
    "最近联系",
    "待报送",
    "最早待报送",
    "已报送",
    "办理中",
    "已办结",
    "退回/冲突",
    "超期",
)


def _village_rows(villages: Sequence[VillageLike]) -> tuple[list[tuple[str, ...]], Counts]:
    """One row per village and the total row, with the totals."""
    rows: list[tuple[str, ...]] = []
    total = Counts()
    for v in villages:
        c = Counts.of(v)
        total = total + c
        contact = format_local(v.last_contact_at) or "从未联系"
        if v.last_contact_via:
            contact += "\n" + VIA.get(v.last_contact_via, v.last_contact_via)
        rows.append(
            (
                v.code,
                v.name or "（未命名）",
                contact,
                str(c.waiting),
                format_local(v.oldest_waiting) or "—",
                str(c.submitted),
                str(c.in_progress),
                str(c.completed),
                str(c.problems),
                str(c.overdue),
            )
        )
    oldest = min((v.oldest_waiting for v in villages if v.oldest_waiting), default=None)
    rows.append(
        (
            "合计",
            f"{len(villages)} 个代办点",
            "",
            str(total.waiting),
            format_local(oldest) or "—",
            str(total.submitted),
            str(total.in_progress),
            str(total.completed),
            str(total.problems),
            str(total.overdue),
        )
    )
    return rows, total


def build_township_report(
    villages: Sequence[VillageLike],
    township_name: str,
    township_code: str,
    generated_at: dt.datetime | None = None,
    footer: str = "",
) -> bytes:
    """The township dashboard as A4 PDF bytes: one table row per village, a total row, a chart."""
    layout = Layout.A4
    spec = SPECS[layout]
    when = generated_at or utcnow()
    check_glyphs(township_name, footer, *(v.name for v in villages))
    rows, total = _village_rows(villages)
    widths = [25 * mm, 26 * mm, 22 * mm, 12 * mm, 19 * mm, 12 * mm, 12 * mm, 12 * mm, 16.5 * mm]
    widths.append(spec.frame_width - sum(widths))
    table = _grid(HEADER, rows, widths)
    head = field_table(
        [
            ("乡镇", f"{township_name}（{township_code}）"),
            ("统计时间", format_local(when)),
            (
                "概况",
                f"{len(villages)} 个代办点，待报送 {total.waiting} 件，"
                f"超期 {total.overdue} 件，退回/冲突 {total.problems} 件",
            ),
        ],
        layout,
        label_width=24 * mm,
    )
    chart_title = "各代办点待报送与超期件数"
    if len(villages) > CHART_MAX_VILLAGES:
        chart_title += f"（仅列出最多的 {CHART_MAX_VILLAGES} 个）"
    story: list[Flowable] = [
        para(TITLE, "title", layout),
        head,
        Spacer(1, 4 * mm),
        table if villages else para("本乡镇还没有代办点数据：请先联网报送一次。", "body", layout),
        Spacer(1, 6 * mm),
        KeepTogether(
            [para(chart_title, "heading", layout), waiting_chart(villages, spec.frame_width)]
        ),
        Spacer(1, 3 * mm),
        para(
            "说明：待报送为已从U盘导入、尚未被省级平台接收的申请；办理中含已受理和待补正；"
            "超期按事项承诺时限计算。本表不含居民个人信息。",
            "small",
            layout,
        ),
    ]
    meta = DocMeta(title=TITLE, author=township_name, header=township_name, footer=footer)
    return build_pdf(story, layout, meta)
