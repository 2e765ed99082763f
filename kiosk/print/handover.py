"""交接清单: the applications of a batch and the paper materials travelling with them (A4).

Built from plain dataclasses, so the batch/township code feeds it whatever it carries. Each
case gets a Code 128 barcode (any handheld scanner reads it) and the batch a QR code; both
sides sign on paper when the materials change hands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kiosk.core.clock import format_local
from kiosk.core.masking import mask_name
from kiosk.print.common import MaterialLine, guard
from kiosk.print.fonts import BODY_FONT
from kiosk.print.layout import SPECS, DocMeta, Layout, build_pdf, styles_for
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import (
    Cell,
    barcode,
    field_table,
    grid_table,
    para,
    qr_drawing,
    signature_block,
)

BARCODE_COLUMN = 52 * mm  # bars ≥ 0.23 mm wide for 21-digit case numbers


@dataclass(frozen=True)
class HandoverEntry:
    reference: str  # case number, or the local reference of a case not yet relayed
    item_name: str
    resident_name: str  # printed masked (张*)
    materials: tuple[MaterialLine, ...] = ()  # paper that travels with the case
    note: str = ""


@dataclass(frozen=True)
class HandoverData:
    batch_id: str
    station_name: str
    station_code: str
    created_at: dt.datetime  # UTC
    prepared_by: str  # the village agent handing over
    entries: tuple[HandoverEntry, ...]
    receiver: str = ""  # the township centre; empty: the template's
    batch_file: str = ""  # the batch file's name on the removable medium, if any


def batch_qr_value(data: HandoverData) -> str:
    return f"KIOSKBATCH:{data.batch_id}:{len(data.entries)}"


def _barcode_cell(reference: str, layout: Layout) -> list[Flowable]:
    width = BARCODE_COLUMN - 6  # cell padding
    code = barcode(reference)
    if code.width > width:  # long references: narrower bars, still ≥ 0.4 pt
        code = barcode(reference, bar_width=max(0.4, 0.75 * width / code.width))
    return [code, para(reference, "small", layout)]


def _head(data: HandoverData, receiver: str, layout: Layout) -> Table:
    """The batch's fields beside its QR code."""
    spec = SPECS[layout]
    total_paper = sum(m.count for e in data.entries for m in e.materials)
    fields = [
        ("批次号", data.batch_id),
        ("移交单位", f"{data.station_name}（{data.station_code}）"),
        ("接收单位", receiver),
        ("制表时间", format_local(data.created_at)),
        ("移交人", data.prepared_by),
        ("合计", f"{len(data.entries)} 件，纸质材料 {total_paper} 份"),
    ] + ([("批次文件", data.batch_file)] if data.batch_file else [])
    return Table(
        [
            [
                field_table(fields, layout, label_width=22 * mm, width=spec.frame_width - 36 * mm),
                [qr_drawing(batch_qr_value(data), 28 * mm), para("批次二维码", "center", layout)],
            ]
        ],
        colWidths=[spec.frame_width - 34 * mm, 34 * mm],  # the field table leaves 2 mm
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
            ]
        ),
    )


def _case_rows(data: HandoverData, layout: Layout) -> list[tuple[Cell, ...]]:
    """One row per case: its barcode, item, masked name and the papers that go with it."""
    rows: list[tuple[Cell, ...]] = []
    for i, e in enumerate(data.entries, start=1):
        papers = "；".join(m.describe() for m in e.materials) or "无纸质材料"
        if e.note:
            papers += f"（{e.note}）"
        rows.append(
            (
                str(i),
                _barcode_cell(e.reference, layout),
                e.item_name,
                mask_name(e.resident_name),
                papers,
                str(sum(m.count for m in e.materials)),
            )
        )
    return rows


def _signatures(layout: Layout) -> Table:
    half = SPECS[layout].frame_width / 2
    return Table(
        [
            [
                signature_block("村代办员签字：", layout, width=half - 4 * mm),
                signature_block("乡镇接收人签字：", layout, width=half - 4 * mm),
            ]
        ],
        colWidths=[half, half],
        hAlign="LEFT",
        style=TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), BODY_FONT), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        ),
    )


def build_handover(data: HandoverData, template: PrintTemplate | None = None) -> bytes:
    template = template or load_template(None)
    layout = Layout.A4
    spec = SPECS[layout]
    guard(data, template, "handover")
    receiver = data.receiver or template.text("handover", "receiver")
    styles = styles_for(layout)
    rows = _case_rows(data, layout)
    fixed = [12 * mm, BARCODE_COLUMN, 34 * mm, 16 * mm, 12 * mm]
    widths = [*fixed[:4], spec.frame_width - sum(fixed), fixed[4]]
    table = grid_table(
        ("序号", "办件编号", "办理事项", "申请人", "随件纸质材料", "份数"),
        rows,
        widths,
        layout,
        small=True,
    )
    story: list[Flowable] = [
        para(template.text("handover", "title"), "title", layout),
        _head(data, receiver, layout),
        Spacer(1, 4 * mm),
        table if rows else para("本批次没有办件。", "body", layout),
        Spacer(1, styles.body.fontSize),
        KeepTogether(
            [
                para(template.text("handover", "note"), "small", layout),
                Spacer(1, 6 * mm),
                _signatures(layout),
            ]
        ),
    ]
    meta = DocMeta(
        title=f"{template.text('handover', 'title')} {data.batch_id}",
        author=data.station_name,
        header=data.station_name,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, layout, meta)
