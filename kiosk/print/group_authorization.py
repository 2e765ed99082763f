"""一件事代办委托书: one signed consent for every member of an application group (A4, two copies).

What the single 委托书 says (``kiosk/print/authorization.py``: 委托人, 受托人, 委托事项, 委托权限,
委托期限, declaration, both signatures with thumbprint, the station's seal), once for the whole
group: the 委托事项 table lists every member item with its code, 受理机关 and its own case
number (or local reference), and what a department fills in later (the baby's 身份证号 after
落户: 待落户后由部门补录). Members of the bundle not filed this time are listed apart as NOT
delegated. The resident signs once; the captured signature is printed only when every member
allows an on-screen signature, else the whole document is signed by hand.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.core.masking import mask_id_number, mask_phone
from kiosk.print.authorization import COPIES
from kiosk.print.common import date_zh, guard
from kiosk.print.fonts import BODY_FONT, markup
from kiosk.print.group_data import GroupAuthorizationData, GroupMemberLine
from kiosk.print.layout import SPECS, DocMeta, Layout, build_pdf, styles_for
from kiosk.print.sign_lines import SEAL, parties_table, seal_place, sign_and_thumb
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import grid_table, logo, para

NOT_DELEGATED = "以下事项本次不办理，不在本委托范围内："


def _date(data: GroupAuthorizationData) -> str:
    return date_zh(data.signed_on).split("（")[0] if data.signed_on else ""


def _term(data: GroupAuthorizationData) -> str:
    start = f"自{date_zh(data.term_from).split('（')[0]}起" if data.term_from else "自签署之日起"
    return f"{start}，至上列各事项均办结（或撤回、终止办理）之日止。"


def _member_row(i: int, m: GroupMemberLine) -> list[object]:
    notes = [f"为 {m.subject} 办理"] if m.subject else []
    notes += list(m.later)
    # the item code on a line of its own: a code is never broken across lines
    what = [para(m.item_name, "small", Layout.A4), para(m.item_code, "small", Layout.A4)]
    return [str(i), what, m.accepting_body, m.reference, "；".join(notes)]


def _reference(data: GroupAuthorizationData) -> str:
    """ "，一件事受理号 LG-…" (nothing on a 委托书 printed before filing)."""
    return f"，{data.reference_label} {data.reference}" if data.reference else ""


def _scope(template: PrintTemplate) -> str:
    lines = template.lines("group_authorization", "scope")
    return "；".join(f"{i}. {t.rstrip('；;。')}" for i, t in enumerate(lines, start=1)) + "。"


def _paper_only(data: GroupAuthorizationData) -> str:
    names = "、".join(f"“{m.item_name}”" for m in data.paper_only)
    return (
        f"{names}依法须由委托人在纸面亲笔签名（《中华人民共和国电子签名法》第三条），"
        "本委托书由委托人亲笔签名，屏幕签名不作为签名。"
    )


def _signatures(data: GroupAuthorizationData, layout: Layout) -> Flowable:
    """Both signatures stacked on the left, the station's name, date and seal on the right
    (one block, never split from the page it closes)."""
    styles = styles_for(layout)
    width = SPECS[layout].frame_width
    right = SEAL + 22 * mm
    signature = data.signature_png if not data.paper_only else None
    signs = [
        sign_and_thumb(
            "委托人签名：",
            layout,
            width - right - 6 * mm,
            image=signature,
            date_text=_date(data) if signature else "",
        ),
        Spacer(1, 1 * mm),
        sign_and_thumb("受托人签名：", layout, width - right - 6 * mm),
    ]
    station = [Paragraph(markup(f"代办点：{data.station_name}"), styles.small)]
    if data.station_phone:
        station.append(Paragraph(markup(f"代办点电话：{data.station_phone}"), styles.small))
    station += [
        Paragraph(markup("日期：______年____月____日"), styles.small),
        Spacer(1, 2 * mm),
        seal_place(),
    ]
    return Table(
        [[signs, station]],
        colWidths=[width - right, right],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )


def _copy(
    data: GroupAuthorizationData, template: PrintTemplate, copy: str, station_copy: bool
) -> list[Flowable]:
    layout = Layout.A4
    spec = SPECS[layout]
    p = data.principal
    masked_id = mask_id_number(p.id_number)
    agent_id = data.agent_id_number if station_copy else mask_id_number(data.agent_id_number)
    where = data.service_point or data.station_name
    story: list[Flowable] = []
    image = logo(template.logo_path())
    if image is not None:
        story.append(image)
    agent_rows = [("姓名", data.agent)]
    if data.agent_id_number:
        agent_rows.append(("身份证号", agent_id))
    if data.agent_phone:
        agent_rows.append(("联系电话", data.agent_phone))
    agent_rows.append(("服务点", where))
    resident_rows = [("姓名", p.name), ("身份证号", masked_id)]
    if p.phone:
        resident_rows.append(("联系电话", mask_phone(p.phone)))
    width = spec.frame_width
    story += [
        para(template.text("group_authorization", "title"), "title", layout),
        para(copy, "center", layout),
        para(
            f"委托人 {p.name}（身份证号 {masked_id}）现委托 {where} 代办员 {data.agent}，"
            f"代为一并办理“{data.bundle_name}”（{data.bundle_code}{_reference(data)}）"
            f"的下列 {len(data.members)} 个事项：",
            "body",
            layout,
        ),
        Spacer(1, 2 * mm),
        parties_table(
            (f"委托人（{p.role}）", "受托人（代办员）"), resident_rows, agent_rows, layout
        ),
    ]
    if p.others:
        story.append(
            para("涉及人员：" + "；".join(f"{k} {v}" for k, v in p.others), "small", layout)
        )
    story += [
        para(f"委托事项（共 {len(data.members)} 项）", "heading", layout),
        grid_table(
            ("序号", "办理事项（事项编码）", "受理机关", "办件编号", "说明"),
            [_member_row(i, m) for i, m in enumerate(data.members, start=1)],
            [12 * mm, 50 * mm, 34 * mm, 34 * mm, width - 130 * mm],
            layout,
            small=True,
        ),
    ]
    if data.left_out:
        story.append(para(NOT_DELEGATED, "small", layout))
        story += [
            para(f"{x.item_name}（{x.item_code}）：{x.reason}", "small", layout)
            for x in data.left_out
        ]
    story += [
        Spacer(1, 2 * mm),
        para("委托权限：" + _scope(template), "body", layout),
        para("委托期限：" + _term(data), "body", layout),
    ]
    closing: list[Flowable] = [
        para(template.text("group_authorization", "declaration"), "body", layout)
    ]
    if data.paper_only:
        closing.append(para(_paper_only(data), "small", layout))
    closing += [Spacer(1, 2 * mm), _signatures(data, layout)]
    story.append(KeepTogether(closing))
    return story


def build_group_authorization(
    data: GroupAuthorizationData, template: PrintTemplate | None = None
) -> bytes:
    template = template or load_template(None)
    guard(data, template, "group_authorization")
    story = _copy(data, template, COPIES[0], station_copy=True)
    story += [PageBreak(), *_copy(data, template, COPIES[1], station_copy=False)]
    title = template.text("group_authorization", "title")
    meta = DocMeta(
        title=f"{title} {data.reference}".strip(),
        author=data.station_name,
        header=data.station_name,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, Layout.A4, meta)
