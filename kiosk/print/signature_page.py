"""申请人签字页: the paper signature for items where an on-screen signature is not enough.

电子签名法 §3 excludes 婚姻、收养、继承 and stopping water/heat/gas supply from electronic
signatures; the catalog marks such items ``esign_allowed: false``. For them the station
prints this page (A4): what was applied for, the resident's declaration, a signature line
with a thumbprint box for the resident and one for the agent, and the station's seal place.
The resident signs it by hand, the agent scans it back into the application as the material
``纸质签字页`` (the new-application flow asks for it), and the original travels with the
paper materials.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kiosk.core.clock import format_local
from kiosk.core.item_identity import PAPER_SIGNATURE_MATERIAL as PAPER_SIGNATURE_MATERIAL
from kiosk.core.masking import mask_id_number
from kiosk.print.common import guard
from kiosk.print.layout import SPECS, DocMeta, Layout, build_pdf
from kiosk.print.sign_lines import seal_row, sign_and_thumb, two_parties
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import field_table, logo, para

TITLE = "申请人签字页"
DECLARATION = (
    "本人已核对代办员代为填写的申请内容，确认所填信息和所交材料真实、完整、有效，"
    "同意以本页亲笔签名作为本次申请的签名。如有虚假，本人愿意承担相应的法律责任。"
)
WHY = (
    "依照《中华人民共和国电子签名法》第三条，本事项不适用电子签名，须由申请人在纸面亲笔签名"
    "并按手印。签字后由代办员扫描上传，原件随纸质材料报送。"
)


@dataclass(frozen=True)
class SignaturePageData:
    station_name: str
    agent: str  # real name
    item_name: str
    item_code: str
    impl_code: str
    accepting_body: str
    reference: str
    resident_name: str
    resident_id_number: str  # printed masked
    filed_at: dt.datetime  # UTC


def build_signature_page(data: SignaturePageData, template: PrintTemplate | None = None) -> bytes:
    template = template or load_template(None)
    guard(data, template)
    layout = Layout.A4
    width = SPECS[layout].frame_width
    rows = [("办理事项", f"{data.item_name}（{data.item_code}）")]
    if data.impl_code:
        rows.append(("实施编码", data.impl_code))
    rows += [
        ("受理机关", data.accepting_body),
        ("办件编号", data.reference),
        ("申请人", data.resident_name),
        ("身份证号", mask_id_number(data.resident_id_number)),
        ("代办点", data.station_name),
        ("代办员", data.agent),
        ("收件时间", format_local(data.filed_at)),
    ]
    story: list[Flowable] = []
    image = logo(template.logo_path())
    if image is not None:
        story.append(image)
    half = width / 2 - 4 * mm
    story += [
        para(TITLE, "title", layout),
        field_table(rows, layout),
        Spacer(1, 4 * mm),
        para(DECLARATION, "body", layout),
        Spacer(1, 2 * mm),
        para(WHY, "small", layout),
        Spacer(1, 10 * mm),
        two_parties(
            sign_and_thumb("申请人签名：", layout, half),
            sign_and_thumb("代办员签名：", layout, half),
            layout,
        ),
        Spacer(1, 6 * mm),
        seal_row(data.station_name, layout),
    ]
    meta = DocMeta(
        title=f"{TITLE} {data.reference}",
        author=data.station_name,
        header=data.station_name,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, layout, meta)
