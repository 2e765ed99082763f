"""代办委托书: the resident's signed consent to proxy filing (A4).

The resident's captured signature (PNG/JPEG bytes) is printed in the signature box; without
one, the box is a line to sign on by hand. Identifiers are masked like on every printout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from kiosk.core.masking import mask_id_number, mask_phone
from kiosk.print.common import date_zh, guard
from kiosk.print.fonts import BODY_FONT
from kiosk.print.layout import SPECS, DocMeta, Layout, build_pdf
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import field_table, logo, numbered, para, signature_block


@dataclass(frozen=True)
class AuthorizationData:
    station_name: str
    agent: str
    resident_name: str
    resident_id_number: str  # printed masked
    item_name: str
    item_code: str
    reference: str  # case number, or the local reference while offline
    resident_phone: str = ""  # printed masked
    scope: tuple[str, ...] = ()  # empty: the template's standard scope
    signature_png: bytes | None = None  # the resident's captured signature
    signed_on: dt.date | None = None  # date of the captured signature


def _date(day: dt.date | None) -> str:
    return date_zh(day).split("（")[0] if day else ""


def build_authorization(data: AuthorizationData, template: PrintTemplate | None = None) -> bytes:
    template = template or load_template(None)
    layout = Layout.A4
    spec = SPECS[layout]
    guard(data, template, "authorization")
    scope = list(data.scope) or template.lines("authorization", "scope")
    masked_id = mask_id_number(data.resident_id_number)
    story: list[Flowable] = []
    image = logo(template.logo_path())
    if image is not None:
        story.append(image)
    story += [
        para(template.text("authorization", "title"), "title", layout),
        para(
            f"委托人 {data.resident_name}（身份证号 {masked_id}）现委托 {data.station_name} "
            f"代办员 {data.agent}，代为办理下列事项：",
            "body",
            layout,
        ),
        Spacer(1, 3 * mm),
        para("委托人（申请人）", "heading", layout),
        field_table(
            [("姓名", data.resident_name), ("身份证号", masked_id)]
            + ([("联系电话", mask_phone(data.resident_phone))] if data.resident_phone else []),
            layout,
        ),
        para("受托人（代办员）", "heading", layout),
        field_table(
            [("姓名", data.agent), ("代办点", data.station_name)]
            + (
                [("联系电话", template.text("station", "contact"))]
                if template.text("station", "contact")
                else []
            ),
            layout,
        ),
        para("委托事项", "heading", layout),
        field_table(
            [("办理事项", f"{data.item_name}（{data.item_code}）"), ("办件编号", data.reference)],
            layout,
        ),
        para("委托权限", "heading", layout),
        *numbered(scope, layout),
        para("委托期限", "heading", layout),
        para(template.text("authorization", "term"), "body", layout),
        Spacer(1, 4 * mm),
        para(template.text("authorization", "declaration"), "body", layout),
        Spacer(1, 8 * mm),
    ]
    half = spec.frame_width / 2
    signatures = Table(
        [
            [
                signature_block(
                    "委托人签名：",
                    layout,
                    image=data.signature_png,
                    date_text=_date(data.signed_on) if data.signature_png else "",
                    width=half - 4 * mm,
                ),
                signature_block("受托人签名：", layout, width=half - 4 * mm),
            ]
        ],
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
    story.append(signatures)
    meta = DocMeta(
        title=f"{template.text('authorization', 'title')} {data.reference}",
        author=data.station_name,
        header=data.station_name,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, layout, meta)
