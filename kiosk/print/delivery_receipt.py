"""交付回执: the paper the resident (or the proxy) takes home when the result is handed over
at the desk: which case, who collected it (masked), when, by whom, and the signature."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kiosk.core.clock import format_local
from kiosk.core.handover import HandoverRecord
from kiosk.print.common import texts_of
from kiosk.print.fonts import check_glyphs
from kiosk.print.layout import DocMeta, Layout, build_pdf
from kiosk.print.widgets import field_table, para, signature_block

TITLE = "办理结果交付回执"


def build_delivery_receipt(record: HandoverRecord, station_name: str) -> bytes:
    """A4: the hand-over of one case's result (text and signature checked for glyphs)."""
    check_glyphs(*texts_of(record), station_name, TITLE)
    layout = Layout.A4
    story: list[Flowable] = [
        para(TITLE, "title", layout),
        para(station_name, "center", layout),
        Spacer(1, 3 * mm),
        field_table(
            [
                ("办理事项", record.item_name),
                ("办件编号", record.case_no or "—"),
                ("申请人", record.applicant or "—"),
                ("领取人", record.collector),
                ("交付时间", format_local(record.handed_over_at)),
                ("经办代办员", record.handed_over_by),
                ("签名方式", record.signed_on),
            ],
            layout,
        ),
        Spacer(1, 6 * mm),
        para("领取人确认已收到上述办理结果。", "body", layout),
        Spacer(1, 3 * mm),
        signature_block(
            "领取人签名：",
            layout,
            image=record.signature,
            date_text=format_local(record.handed_over_at)[:10],
        ),
    ]
    meta = DocMeta(
        title=f"{TITLE} {record.case_no or ''}".strip(),
        author=station_name,
        header=station_name,
        footer="",
    )
    return build_pdf(story, layout, meta)
