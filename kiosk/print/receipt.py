"""受理回执 / 代办回执: proves the application was taken and tells the resident how to follow it.

A4 for laser printers, 80 mm and 58 mm for thermal receipt printers (one page as long as the
content). The resident's 身份证号 is always masked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from kiosk.core.clock import format_local
from kiosk.core.masking import mask_id_number
from kiosk.print.common import (
    MaterialLine,
    date_zh,
    guard,
    lookup_uri,
    lookup_value,
)
from kiosk.print.fonts import BODY_FONT
from kiosk.print.layout import SPECS, DocMeta, Layout, build_pdf, styles_for
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import field_table, grid_table, logo, para, qr_drawing

__all__ = ["ReceiptData", "build_receipt", "lookup_uri"]


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
    resident_id_number: str  # printed masked
    promised_days: int
    query_code: str | None
    case_kind: str = ""  # 承诺件 / 即办件
    department: str = ""
    due_date: dt.date | None = None  # expected completion (working days from filed_at)
    due_date_approximate: bool = False  # the holiday list does not cover the whole span
    materials: tuple[MaterialLine, ...] = ()
    # required materials with no attachment: for the agent's screen, not printed (an original
    # checked in person and handed back leaves no attachment, so "still to bring" could be wrong)
    missing_materials: tuple[str, ...] = ()
    delivery: str = ""
    fee: str = "不收费"
    # identity and contacts (docs/printing.md: where each field comes from)
    impl_code: str = ""  # 实施编码
    accepting_body: str = ""  # 受理机关: the implementing body's name
    legal_days: int | None = None  # 法定时限
    agent_phone: str = ""
    service_point: str = ""  # the agent's service point (profile), else the station
    station_phone: str = ""
    department_phone: str = ""
    scan_code: str = ""  # signed code for the terminal's scanner (kiosk/devices/receipt_code)

    @property
    def reference_label(self) -> str:
        return "办件编号" if self.synced else "本地受理号"


def _time_limit(data: ReceiptData) -> str:
    return f"{data.promised_days} 个工作日" if data.promised_days else "即办"


def _due(data: ReceiptData) -> str:
    if data.due_date is None:
        return ""
    text = date_zh(data.due_date)
    if data.due_date_approximate:
        text += "（节假日安排未公布，如遇法定节假日顺延）"
    return text


LEGAL_EXCLUDES = "不含听证、招标、拍卖、检验、检测、鉴定和专家评审等时间"


def _legal_limit(data: ReceiptData) -> str:
    if not data.legal_days:
        return "当场办结"
    return f"{data.legal_days} 个工作日（{LEGAL_EXCLUDES}）"


def _phones(data: ReceiptData) -> str:
    parts = []
    if data.station_phone:
        parts.append(f"代办点 {data.station_phone}")
    if data.department_phone:
        parts.append(f"{data.accepting_body or data.department} {data.department_phone}")
    return "；".join(parts)


def _rows(data: ReceiptData, template: PrintTemplate) -> list[tuple[str, str]]:
    rows = [("办理事项", f"{data.item_name}（{data.item_code}）")]
    if data.impl_code:
        rows.append(("实施编码", data.impl_code))
    rows += [
        (data.reference_label, data.reference),
        ("查询密码", data.query_code or "联网报送后生成"),
        ("申请人", data.resident_name),
        ("身份证号", mask_id_number(data.resident_id_number)),
    ]
    if data.accepting_body:
        rows.append(("受理机关", data.accepting_body))
    elif data.department:
        rows.append(("办理部门", data.department))
    rows += [
        ("代办点", data.station_name),
        ("代办员", data.agent + (f"（{data.agent_phone}）" if data.agent_phone else "")),
    ]
    if data.service_point and data.service_point != data.station_name:
        rows.append(("服务点", data.service_point))
    rows.append(("收件时间", format_local(data.filed_at)))
    if data.case_kind:
        rows.append(("办件类型", data.case_kind))
    if data.legal_days is not None:
        rows.append(("法定时限", _legal_limit(data)))
    rows.append(("承诺时限", _time_limit(data)))
    if data.due_date:
        rows.append(("预计办结", _due(data)))
    if data.delivery:
        rows.append(("送达方式", data.delivery))
    rows.append(("收费", data.fee))
    phones = _phones(data)
    if phones:
        rows.append(("咨询电话", phones))
    return rows


def _texts(data: ReceiptData, template: PrintTemplate) -> list[tuple[str, str]]:
    out = []
    if not data.synced:
        out.append(("small", template.text("receipt", "offline")))
    out += [
        ("small", template.text("receipt", "progress")),
        ("small", template.text("receipt", "evaluation")),
        ("small", template.text("receipt", "notice")),
    ]
    return out


def _a4_story(data: ReceiptData, template: PrintTemplate) -> list[Flowable]:
    layout = Layout.A4
    spec = SPECS[layout]
    story: list[Flowable] = []
    image = logo(template.logo_path())
    if image is not None:
        story.append(image)
    story.append(para(template.text("receipt", "title"), "title", layout))
    story.append(field_table(_rows(data, template), layout))
    story.append(para("收取材料", "heading", layout))
    if data.materials:
        story.append(
            grid_table(
                ("序号", "材料名称", "形式", "份数", "处理", "说明"),
                [
                    (str(i), m.name, m.form, str(m.count), m.handling, m.note)
                    for i, m in enumerate(data.materials, start=1)
                ],
                [10 * mm, 58 * mm, 17 * mm, 11 * mm, 30 * mm, spec.frame_width - 126 * mm],
                layout,
            )
        )
    else:
        story.append(para("本次未登记收取材料。", "body", layout))
    story.append(Spacer(1, 5 * mm))
    styles = styles_for(layout)
    hint = [para("扫码查询办理进度", "center", layout)]
    texts = [para(t, kind, layout) for kind, t in _texts(data, template)]
    qr_box = Table(
        [
            [
                [
                    qr_drawing(
                        lookup_value(template, data.reference, data.query_code, data.scan_code),
                        spec.qr_size,
                    ),
                    *hint,
                ],
                texts,
            ]
        ],
        colWidths=[spec.qr_size + 6 * mm, spec.frame_width - spec.qr_size - 6 * mm],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        ),
        hAlign="LEFT",
    )
    story.append(qr_box)
    contact = template.contact_line()
    if contact:
        story.append(Spacer(1, 3 * mm))
        story.append(para(f"{data.station_name}　{contact}", "small", layout))
    story.append(Spacer(1, styles.body.fontSize))
    return story


def _roll_story(data: ReceiptData, template: PrintTemplate, layout: Layout) -> list[Flowable]:
    spec = SPECS[layout]
    story: list[Flowable] = [
        para(data.station_name, "center", layout),
        para(template.text("receipt", "title"), "title", layout),
        para(data.reference_label, "small", layout),
        para(data.reference, "big", layout),
        Spacer(1, 1 * mm),
        field_table([r for r in _rows(data, template) if r[0] != data.reference_label], layout),
        para("收取材料", "heading", layout),
    ]
    if data.materials:
        story += [
            para(f"{i}. {m.describe_received()}", "body", layout)
            for i, m in enumerate(data.materials, 1)
        ]
    else:
        story.append(para("本次未登记收取材料。", "body", layout))
    story.append(Spacer(1, 2 * mm))
    qr = qr_drawing(
        lookup_value(template, data.reference, data.query_code, data.scan_code), spec.qr_size
    )
    qr.hAlign = "CENTER"
    story += [qr, para("扫码查询办理进度", "center", layout), Spacer(1, 1.5 * mm)]
    story += [para(t, kind, layout) for kind, t in _texts(data, template)]
    contact = template.contact_line()
    if contact:
        story.append(para(contact, "small", layout))
    footer = template.text("footer", "text")
    if footer:
        story.append(para(footer, "center", layout))
    return story


def build_receipt(
    data: ReceiptData, layout: Layout = Layout.A4, template: PrintTemplate | None = None
) -> bytes:
    template = template or load_template(None)
    guard(data, template, "receipt")
    story = (
        _a4_story(data, template) if layout is Layout.A4 else _roll_story(data, template, layout)
    )
    meta = DocMeta(
        title=f"{template.text('receipt', 'title')} {data.reference}",
        author=data.station_name,
        header=data.station_name,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, layout, meta)
