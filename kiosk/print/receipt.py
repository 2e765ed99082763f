"""受理回执 (A4): proves the application was taken and tells the resident how to follow it."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kiosk.core.clock import format_local
from kiosk.core.masking import mask_id_number
from kiosk.print.fonts import BODY_FONT, check_glyphs, markup, register_fonts


@dataclass(frozen=True)
class ReceiptData:
    station_name: str
    agent: str
    filed_at: dt.datetime  # UTC
    item_name: str
    item_code: str
    reference: str  # case number once synced, local reference while offline
    synced: bool
    resident_name: str
    resident_id_number: str
    promised_days: int
    query_code: str | None


def lookup_uri(reference: str, query_code: str | None) -> str:
    """What the receipt's QR code encodes: scanned at a self-service terminal to look up status."""
    return f"KIOSKCASE:{reference}:{query_code or ''}"


def _qr(value: str, size: float) -> Drawing:
    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    drawing.initialFontName = BODY_FONT  # else renderPDF references (unembedded) Helvetica
    return drawing


def build_receipt(data: ReceiptData) -> bytes:
    masked_id = mask_id_number(data.resident_id_number)
    rows = [
        ("办理事项", f"{data.item_name}（{data.item_code}）"),
        ("办件编号" if data.synced else "本地受理号", data.reference),
        ("查询密码", data.query_code or "联网报送后生成，可凭本地受理号到代办点查询"),
        ("申请人", data.resident_name),
        ("身份证号", masked_id),
        ("代办点", data.station_name),
        ("代办员", data.agent),
        ("收件时间", format_local(data.filed_at)),
        ("承诺时限", f"{data.promised_days} 个工作日" if data.promised_days else "即办"),
        ("收费", "不收费"),
    ]
    check_glyphs(*(f"{k}{v}" for k, v in rows))
    register_fonts()
    title = ParagraphStyle("title", fontName=BODY_FONT, fontSize=18, leading=24, alignment=1)
    body = ParagraphStyle("body", fontName=BODY_FONT, fontSize=11, leading=16)
    small = ParagraphStyle(
        "small", fontName=BODY_FONT, fontSize=9, leading=13, textColor=colors.HexColor("#444444")
    )
    table = Table(
        [[Paragraph(markup(k), body), Paragraph(markup(v), body)] for k, v in rows],
        colWidths=[32 * mm, 130 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#888888")),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F0F0F0")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                (
                    "FONTNAME",
                    (0, 0),
                    (-1, -1),
                    BODY_FONT,
                ),  # else cells reference unembedded Helvetica
            ]
        )
    )
    note = (
        "请妥善保管本回执。可凭办件编号和查询密码在村（社区）代办点、自助终端或政务服务网查询办理进度；"
        "办结后欢迎对本次服务进行“好差评”评价。"
    )
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"代办受理回执 {data.reference}",
        author=data.station_name,
        initialFontName=BODY_FONT,
    )
    qr_table = Table(
        [
            [
                _qr(lookup_uri(data.reference, data.query_code), 32 * mm),
                Paragraph("扫码查询办理进度", small),
            ]
        ],
        colWidths=[36 * mm, 126 * mm],
        style=[("FONTNAME", (0, 0), (-1, -1), BODY_FONT), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")],
    )
    doc.build(
        [
            Paragraph("代办受理回执", title),
            Spacer(1, 6 * mm),
            table,
            Spacer(1, 6 * mm),
            qr_table,
            Spacer(1, 4 * mm),
            Paragraph(note, small),
        ]
    )
    return buf.getvalue()
