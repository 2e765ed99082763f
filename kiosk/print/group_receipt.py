"""一件事受理回执: one receipt for an application group (A4, 80 mm and 58 mm rolls).

The group (bundle name and code, the hub's group number or the group's local reference, the
applicant, agent, filing time), then every sub-case with its own item, 受理机关, reference
and query code, 承诺办结时限 and expected date (each member finishes on its own), and its own
QR code for the self-service terminal (the same code the member's single receipt carries);
the materials received once for the whole group with the members each serves; the members
not filed this time and why; how to follow progress. The 身份证号 is masked.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kiosk.core.clock import format_local
from kiosk.core.masking import mask_id_number
from kiosk.print.common import guard, lookup_value
from kiosk.print.fonts import BODY_FONT, markup
from kiosk.print.group_data import GroupMaterial, GroupMemberLine, GroupReceiptData
from kiosk.print.layout import RULE, SHADE, SPECS, DocMeta, Layout, build_pdf, styles_for
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import field_table, grid_table, logo, para, qr_drawing

MEMBER_QR = 22 * mm  # per sub-case on A4: four fit beside their rows
PENDING = "联网报送后生成"


def _head_rows(data: GroupReceiptData) -> list[tuple[str, str]]:
    p = data.principal
    rows = [
        ("一件事", f"{data.bundle_name}（{data.bundle_code}）"),
        (data.reference_label, data.reference),
        (p.role, p.name),
        ("身份证号", mask_id_number(p.id_number)),
        ("代办点", data.station_name),
        ("代办员", data.agent + (f"（{data.agent_phone}）" if data.agent_phone else "")),
    ]
    if data.service_point and data.service_point != data.station_name:
        rows.append(("服务点", data.service_point))
    rows.append(("收件时间", format_local(data.filed_at)))
    if data.station_phone:
        rows.append(("咨询电话", f"代办点 {data.station_phone}"))
    return rows


def _pairs_table(rows: list[tuple[str, str]], layout: Layout) -> Flowable:
    """Label/value pairs two to a row (the A4 head: half the height of one pair a row)."""
    styles = styles_for(layout)
    width = SPECS[layout].frame_width
    label_w = 27 * mm
    value_w = width / 2 - label_w
    cells = [
        [Paragraph(markup(k), styles.label), Paragraph(markup(v), styles.body)] for k, v in rows
    ]
    if len(cells) % 2:
        cells.append(["", ""])
    data = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    return Table(
        data,
        colWidths=[label_w, value_w, label_w, value_w],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("BACKGROUND", (2, 0), (2, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )


def _count(data: GroupReceiptData) -> str:
    text = f"办理事项（共 {len(data.members)} 项，各自办结"
    if data.left_out:
        text += f"；另有 {len(data.left_out)} 项本次不办理，见下文"
    return text + "）"


def _qr(m: GroupMemberLine, template: PrintTemplate, size: float) -> Flowable:
    return qr_drawing(lookup_value(template, m.reference, m.query_code, m.scan_code), size)


def _used_by(g: GroupMaterial, data: GroupReceiptData) -> str:
    if len(g.used_by) == len(data.members) and len(data.members) > 1:
        return f"全部 {len(data.members)} 项"
    return "、".join(g.used_by)


def _texts(data: GroupReceiptData, template: PrintTemplate) -> list[str]:
    offline = [] if data.all_synced else [template.text("group_receipt", "offline")]
    return [
        *offline,
        template.text("group_receipt", "lookup"),
        template.text("receipt", "evaluation"),
        template.text("receipt", "notice"),
    ]


def _a4_member(i: int, m: GroupMemberLine, template: PrintTemplate) -> list[object]:
    layout = Layout.A4

    def cell(*lines: str) -> list[Flowable]:
        return [para(t, "small", layout) for t in lines if t]

    what = [m.item_name, m.item_code, m.accepting_body]  # a code on its own line: never broken
    what.append("；".join(([f"为 {m.subject} 办理"] if m.subject else []) + list(m.later)))
    kind = f"{m.case_kind}，" if m.case_kind else ""
    return [
        str(i),
        cell(*what),
        cell(f"{m.reference_label}：", m.reference, f"查询密码：{m.query_code or PENDING}"),
        cell(f"{kind}{m.time_limit}", f"预计 {m.due_text}"),
        _qr(m, template, MEMBER_QR),
    ]


def _a4_story(data: GroupReceiptData, template: PrintTemplate) -> list[Flowable]:
    layout = Layout.A4
    width = SPECS[layout].frame_width
    story: list[Flowable] = []
    image = logo(template.logo_path())
    if image is not None:
        story.append(image)
    story += [
        para(template.text("group_receipt", "title"), "title", layout),
        _pairs_table(_head_rows(data), layout),
        para(_count(data), "heading", layout),
        grid_table(
            ("序号", "办理事项 / 受理机关", "办件编号 / 查询密码", "承诺办结时限", "扫码查询"),
            [_a4_member(i, m, template) for i, m in enumerate(data.members, start=1)],
            [12 * mm, 57 * mm, 43 * mm, 36 * mm, width - 148 * mm],
            layout,
        ),
        para("收取材料（一套材料，各事项共用）", "heading", layout),
    ]
    if data.materials:
        story.append(
            grid_table(
                ("序号", "材料名称", "形式", "份数", "处理", "用于"),
                [
                    (str(i), g.line.name, g.line.form, str(g.line.count), g.line.handling, u)
                    for i, g in enumerate(data.materials, start=1)
                    for u in [_used_by(g, data)]
                ],
                [12 * mm, 46 * mm, 18 * mm, 12 * mm, 26 * mm, width - 114 * mm],
                layout,
                small=True,
            )
        )
    else:
        story.append(para("本次未登记收取材料。", "body", layout))
    if data.left_out:
        story.append(para("本次不办理的事项", "heading", layout))
        story += [
            para(f"{x.item_name}（{x.item_code}）：{x.reason}", "small", layout)
            for x in data.left_out
        ]
    story.append(Spacer(1, 2 * mm))
    story.append(para("".join(_texts(data, template)), "small", layout))  # one block: one page
    contact = template.contact_line()
    if contact:
        story += [Spacer(1, 2 * mm), para(f"{data.station_name}　{contact}", "small", layout)]
    return story


def _roll_member(
    i: int, m: GroupMemberLine, template: PrintTemplate, layout: Layout
) -> list[Flowable]:
    rows = [("事项编码", m.item_code)]
    if m.accepting_body:
        rows.append(("受理机关", m.accepting_body))
    if m.subject:
        rows.append(("办理对象", m.subject))
    rows += [
        ("办件编号" if m.synced else "受理号", m.reference),  # a label that fits the roll
        ("查询密码", m.query_code or PENDING),
        ("承诺时限", m.time_limit),
        ("预计办结", m.due_text),
    ]
    rows += [("说明", text) for text in m.later]
    qr = _qr(m, template, SPECS[layout].qr_size * 0.8)
    qr.hAlign = "CENTER"
    return [para(f"{i}. {m.item_name}", "heading", layout), field_table(rows, layout), qr]


def _roll_story(data: GroupReceiptData, template: PrintTemplate, layout: Layout) -> list[Flowable]:
    story: list[Flowable] = [
        para(data.station_name, "center", layout),
        para(template.text("group_receipt", "title"), "title", layout),
        para(data.reference_label, "small", layout),
        para(data.reference, "big", layout),
        Spacer(1, 1 * mm),
        field_table([r for r in _head_rows(data) if r[0] != data.reference_label], layout),
    ]
    for i, m in enumerate(data.members, start=1):
        story += _roll_member(i, m, template, layout)
    story.append(para("收取材料（各事项共用）", "heading", layout))
    if data.materials:
        story += [
            para(f"{i}. {g.line.describe_received()}", "body", layout)
            for i, g in enumerate(data.materials, 1)
        ]
    else:
        story.append(para("本次未登记收取材料。", "body", layout))
    if data.left_out:
        story.append(para("本次不办理的事项", "heading", layout))
        story += [para(f"{x.item_name}：{x.reason}", "small", layout) for x in data.left_out]
    story.append(Spacer(1, 1.5 * mm))
    story += [para(t, "small", layout) for t in _texts(data, template)]
    contact = template.contact_line()
    if contact:
        story.append(para(contact, "small", layout))
    footer = template.text("footer", "text")
    if footer:
        story.append(para(footer, "center", layout))
    story.append(Spacer(1, styles_for(layout).body.fontSize))
    return story


def build_group_receipt(
    data: GroupReceiptData, layout: Layout = Layout.A4, template: PrintTemplate | None = None
) -> bytes:
    template = template or load_template(None)
    guard(data, template, "group_receipt", "receipt")
    story = (
        _a4_story(data, template) if layout is Layout.A4 else _roll_story(data, template, layout)
    )
    meta = DocMeta(
        title=f"{template.text('group_receipt', 'title')} {data.reference}",
        author=data.station_name,
        header=data.station_name,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, layout, meta)
