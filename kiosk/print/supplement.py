"""补齐补正告知书: what is missing and by when, after the back office asks for a supplement.

A4 or a thermal roll, like the receipt (the resident takes it home and comes back with it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kiosk.core.clock import format_local
from kiosk.print.common import MaterialLine, date_zh, guard
from kiosk.print.layout import SPECS, DocMeta, Layout, build_pdf
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import field_table, grid_table, logo, para


@dataclass(frozen=True)
class SupplementData:
    station_name: str
    agent: str
    item_name: str
    item_code: str
    reference: str
    resident_name: str
    requested_at: dt.datetime  # UTC, when the back office asked
    reason: str  # the back office's words
    missing: tuple[MaterialLine, ...] = ()  # guide materials the request names
    deadline: dt.date | None = None
    deadline_approximate: bool = False


def _deadline(data: SupplementData) -> str:
    if data.deadline is None:
        return "请尽快补正"
    text = date_zh(data.deadline) + "前"
    if data.deadline_approximate:
        text += "（节假日安排未公布，如遇法定节假日顺延）"
    return text


def build_supplement(
    data: SupplementData, layout: Layout = Layout.A4, template: PrintTemplate | None = None
) -> bytes:
    template = template or load_template(None)
    guard(data, template, "supplement")
    spec = SPECS[layout]
    story: list[Flowable] = []
    if layout is Layout.A4:
        image = logo(template.logo_path())
        if image is not None:
            story.append(image)
    else:
        story.append(para(data.station_name, "center", layout))
    story += [
        para(template.text("supplement", "title"), "title", layout),
        para(f"{data.resident_name}：", "body", layout),
        para(template.text("supplement", "intro"), "body", layout),
        Spacer(1, 2 * mm),
        field_table(
            [
                ("办理事项", f"{data.item_name}（{data.item_code}）"),
                ("办件编号", data.reference),
                ("告知时间", format_local(data.requested_at)),
                ("补正期限", _deadline(data)),
                ("代办点", data.station_name),
                ("代办员", data.agent),
            ],
            layout,
        ),
        para("补正原因", "heading", layout),
        para(data.reason or "（审核部门未注明原因，请联系代办点）", "body", layout),
    ]
    if data.missing:
        story.append(para("需补交的材料", "heading", layout))
        if layout is Layout.A4:
            w = spec.frame_width
            story.append(
                grid_table(
                    ("序号", "材料名称", "形式", "份数", "说明"),
                    [
                        (str(i), m.name, m.form, str(m.count), m.note)
                        for i, m in enumerate(data.missing, start=1)
                    ],
                    [12 * mm, 70 * mm, 20 * mm, 14 * mm, w - 116 * mm],
                    layout,
                )
            )
        else:
            story += [
                para(f"{i}. {m.describe()}", "body", layout)
                for i, m in enumerate(data.missing, start=1)
            ]
    story += [
        Spacer(1, 3 * mm),
        para(template.text("supplement", "late"), "small", layout),
    ]
    contact = template.contact_line()
    if contact:
        story.append(para(f"{data.station_name}　{contact}", "small", layout))
    if layout.is_roll and template.text("footer", "text"):
        story.append(para(template.text("footer", "text"), "center", layout))
    meta = DocMeta(
        title=f"{template.text('supplement', 'title')} {data.reference}",
        author=data.station_name,
        header=data.station_name,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, layout, meta)
