"""Monthly statistics report (A4 landscape PDF): counts by item and status for one month."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.core.clock import format_local, utcnow
from kiosk.core.statistics import REPORT_STATUSES, MonthRow
from kiosk.core.status import LABELS_ZH
from kiosk.print.fonts import BODY_FONT, check_glyphs, markup, register_fonts


def build_statistics_report(
    rows: list[MonthRow],
    year: int,
    month: int,
    station_name: str,
    generated_at: dt.datetime | None = None,
) -> bytes:
    """The table the township asks for each month, with a total row, as PDF bytes."""
    header = ["事项名称", *(LABELS_ZH[s] for s in REPORT_STATUSES), "其他", "合计"]
    body: list[list[str]] = []
    sums = [0] * (len(REPORT_STATUSES) + 2)
    for r in rows:
        known = [r.by_status.get(s, 0) for s in REPORT_STATUSES]
        numbers = [*known, r.total - sum(known), r.total]
        sums = [a + b for a, b in zip(sums, numbers, strict=True)]
        body.append([f"{r.item_name}\n{r.item_code}", *(str(n) for n in numbers)])
    title = f"{station_name} {year}年{month}月 代办统计"
    check_glyphs(title, *header, *(cell for row in body for cell in row))
    register_fonts()
    title_style = ParagraphStyle("t", fontName=BODY_FONT, fontSize=16, leading=22, alignment=1)
    cell = ParagraphStyle("c", fontName=BODY_FONT, fontSize=9, leading=12)
    small = ParagraphStyle("s", fontName=BODY_FONT, fontSize=8, leading=11)

    def para(text: str, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(markup(text).replace("\n", "<br/>"), style)

    data: list[list[object]] = [[para(h) for h in header]]
    data += [[para(row[0]), *row[1:]] for row in body]
    data.append([para("合计"), *(str(n) for n in sums)])
    n_cols = len(header)
    first = 62 * mm
    rest = (landscape(A4)[0] - 30 * mm - first) / (n_cols - 1)
    table = Table(data, colWidths=[first] + [rest] * (n_cols - 1), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF5")),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F3F3F3")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    note = (
        f"统计口径：{year}年{month}月（北京时间）提交的代办申请，按当前状态计数。"
        f"生成时间 {format_local(generated_at or utcnow())}。本表不含居民个人信息。"
    )
    if not rows:
        note = "本月没有代办申请。" + note
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author=station_name,
        initialFontName=BODY_FONT,
    )
    doc.build(
        [para(title, title_style), Spacer(1, 5 * mm), table, Spacer(1, 4 * mm), para(note, small)]
    )
    return buf.getvalue()
