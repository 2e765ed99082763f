"""代办委托书: the resident's signed consent to proxy filing (A4, two copies).

Page 1 is the station's copy (代办点留存联), page 2 the resident's (委托人留存联). Both name the
agent by real name (never the login name), with phone and service point; the agent's
身份证号 is printed in full on the station's copy and masked on the resident's. The
resident's numbers are masked on both, like on every printout (docs/design.md §5).

The 委托事项 names the item, its 实施编码, the 受理机关 and the case; the 委托期限 runs from
the signing date until the case is finished. Both sides get a signature line and a
thumbprint box, and the station a place for its seal. The resident's captured signature
is printed in the signature box only where an on-screen signature is legally enough
(``esign_allowed``); otherwise the resident signs on paper (and a signature page is printed
to be scanned back, ``kiosk.print.signature_page``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from kiosk.core.masking import mask_id_number, mask_phone
from kiosk.print.common import date_zh, guard
from kiosk.print.layout import SPECS, DocMeta, Layout, build_pdf
from kiosk.print.sign_lines import parties_table, seal_row, sign_and_thumb, two_parties
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import field_table, logo, numbered, para

COPIES = ("第一联　代办点留存", "第二联　委托人留存")
PAPER_ONLY = (
    "本事项依法须由委托人在纸面亲笔签名（《中华人民共和国电子签名法》第三条），"
    "屏幕签名不作为本事项的签名。"
)


@dataclass(frozen=True)
class AuthorizationData:
    station_name: str
    agent: str  # the agent's real name (profile), never the login name
    resident_name: str
    resident_id_number: str  # printed masked
    item_name: str
    item_code: str
    reference: str  # case number, or the local reference while offline
    resident_phone: str = ""  # printed masked
    scope: tuple[str, ...] = ()  # empty: the template's standard scope
    signature_png: bytes | None = None  # the resident's captured signature
    signed_on: dt.date | None = None  # date of the captured signature
    agent_id_number: str = ""  # full on the station's copy, masked on the resident's
    agent_phone: str = ""
    service_point: str = ""
    station_phone: str = ""
    impl_code: str = ""
    accepting_body: str = ""
    esign_allowed: bool = True
    term_from: dt.date | None = None  # the day the 委托 starts (the filing date)


def _date(day: dt.date | None) -> str:
    return date_zh(day).split("（")[0] if day else ""


def _term(data: AuthorizationData, template: PrintTemplate) -> str:
    if data.term_from is None:
        return template.text("authorization", "term")
    return f"自{_date(data.term_from)}起，至本事项办结（或撤回、终止办理）之日止。"


def _copy(
    data: AuthorizationData, template: PrintTemplate, copy: str, station_copy: bool
) -> list[Flowable]:
    layout = Layout.A4
    spec = SPECS[layout]
    scope = list(data.scope) or template.lines("authorization", "scope")
    masked_id = mask_id_number(data.resident_id_number)
    agent_id = data.agent_id_number if station_copy else mask_id_number(data.agent_id_number)
    signature = data.signature_png if data.esign_allowed else None
    story: list[Flowable] = []
    image = logo(template.logo_path())
    if image is not None:
        story.append(image)
    matter = [("办理事项", f"{data.item_name}（{data.item_code}）")]
    if data.impl_code:
        matter.append(("实施编码", data.impl_code))
    if data.accepting_body:
        matter.append(("受理机关", data.accepting_body))
    matter.append(("办件编号", data.reference))
    agent_rows = [("姓名", data.agent)]
    if data.agent_id_number:
        agent_rows.append(("身份证号", agent_id))
    if data.agent_phone:
        agent_rows.append(("联系电话", data.agent_phone))
    agent_rows.append(("服务点", data.service_point or data.station_name))
    story += [
        para(template.text("authorization", "title"), "title", layout),
        para(copy, "center", layout),
        para(
            f"委托人 {data.resident_name}（身份证号 {masked_id}）现委托 "
            f"{data.service_point or data.station_name} 代办员 {data.agent}，代为办理下列事项：",
            "body",
            layout,
        ),
        Spacer(1, 2 * mm),
        parties_table(
            ("委托人（申请人）", "受托人（代办员）"),
            [("姓名", data.resident_name), ("身份证号", masked_id)]
            + ([("联系电话", mask_phone(data.resident_phone))] if data.resident_phone else []),
            agent_rows,
            layout,
        ),
        para("委托事项", "heading", layout),
        field_table(matter, layout),
        para("委托权限", "heading", layout),
        *numbered(scope, layout),
        para("委托期限", "heading", layout),
        para(_term(data, template), "body", layout),
        Spacer(1, 2 * mm),
        para(template.text("authorization", "declaration"), "body", layout),
    ]
    if not data.esign_allowed:
        story.append(para(PAPER_ONLY, "small", layout))
    story.append(Spacer(1, 2 * mm))
    half = spec.frame_width / 2 - 4 * mm
    story.append(
        two_parties(
            sign_and_thumb(
                "委托人签名：",
                layout,
                half,
                image=signature,
                date_text=_date(data.signed_on) if signature else "",
            ),
            sign_and_thumb("受托人签名：", layout, half),
            layout,
        )
    )
    story.append(seal_row(data.station_name, layout, phone=data.station_phone))
    return story


def build_authorization(data: AuthorizationData, template: PrintTemplate | None = None) -> bytes:
    template = template or load_template(None)
    guard(data, template, "authorization")
    story = _copy(data, template, COPIES[0], station_copy=True)
    story += [PageBreak(), *_copy(data, template, COPIES[1], station_copy=False)]
    meta = DocMeta(
        title=f"{template.text('authorization', 'title')} {data.reference}",
        author=data.station_name,
        header=data.station_name,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, Layout.A4, meta)
