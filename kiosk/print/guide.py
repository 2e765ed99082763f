"""办事指南: every section of an item's guide from the catalog, on A4, paginated.

The catalog's guide object is open-ended (the catalog grows sections over time), so every
section is optional: a missing or empty one is left out, list entries may be plain text or
small objects, and keys this module does not know are logged and skipped, never crash.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from kiosk.core.catalog import ITEM_TYPES, CatalogItem
from kiosk.core.clock import to_local, utcnow
from kiosk.print.common import fee_text, guard
from kiosk.print.layout import SPECS, DocMeta, Layout, build_pdf
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.widgets import field_table, grid_table, logo, numbered, para

log = logging.getLogger(__name__)

KNOWN_SECTIONS = frozenset(
    {
        "conditions",
        "materials",
        "steps",
        "fee",
        "basis",
        "place",
        "hours",
        "phone",
        "complaint_phone",
        "faq",
    }
)
STAR_LEVELS = {
    1: "一星：网上可查办事指南",
    2: "二星：网上可下载表格、预约",
    3: "三星：网上申报、窗口核验",
    4: "四星：网上申报、信任在先、办结核验",
    5: "五星：全程在线、零上门",
}
ACCEPTING_LEVELS = {
    "village": "村（社区）代办点",
    "township": "乡镇（街道）便民服务中心",
    "county": "县（市、区）行政服务中心",
}


@dataclass(frozen=True)
class GuideData:
    code: str
    name: str
    item_type: str = ""  # code (01…20) or label
    department: str = ""
    promised_days: int = 0
    legal_days: int | None = None
    case_kind: str = ""
    star_level: int | None = None
    fee_fen: int | None = None
    delivery: tuple[str, ...] = ()
    proxy_allowed: bool | None = None
    accepting_level: str = ""
    subject: str = ""
    guide: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_item(cls, item: CatalogItem) -> GuideData:
        raw = item.raw
        star = raw.get("star_level")
        legal = raw.get("legal_days")
        return cls(
            code=item.code,
            name=item.name,
            item_type=item.item_type,
            department=item.department,
            promised_days=item.promised_days,
            legal_days=int(legal) if isinstance(legal, int) else None,
            case_kind=item.case_kind,
            star_level=int(star) if isinstance(star, int) else None,
            fee_fen=raw.get("fee_fen") if isinstance(raw.get("fee_fen"), int) else None,
            delivery=tuple(str(d) for d in raw.get("delivery") or ()),
            proxy_allowed=item.proxy_allowed,
            accepting_level=str(raw.get("accepting_level") or ""),
            subject=str(raw.get("subject") or ""),
            guide=item.guide,
        )


def text_of(value: Any) -> str:
    """A list entry as one line of text: strings as is, objects as their values joined."""
    if isinstance(value, Mapping):
        parts = [text_of(v) for v in value.values() if v not in (None, "", [], {})]
        return parts[0] + "：" + "，".join(parts[1:]) if len(parts) > 1 else "".join(parts)
    if isinstance(value, list | tuple):
        return "、".join(text_of(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else str(value)


def _list(guide: Mapping[str, Any], key: str) -> list[str]:
    value = guide.get(key)
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [t for t in (text_of(v) for v in value) if t]
    return [text_of(value)]


def _step_text(step: Any) -> str:
    if isinstance(step, Mapping):
        name = text_of(step.get("name") or step.get("title") or "")
        desc = text_of(step.get("description") or step.get("desc") or step.get("content") or "")
        days = step.get("days")
        who = text_of(step.get("department") or step.get("by") or "")
        extra = "，".join(x for x in (who, f"{days} 个工作日" if days else "") if x)
        return "：".join(x for x in (name, desc) if x) + (f"（{extra}）" if extra else "")
    return text_of(step)


def _days(days: int | None) -> str:
    if days is None:
        return ""
    return f"{days} 个工作日" if days else "即办"


def _basic_rows(data: GuideData) -> list[tuple[str, str]]:
    g = data.guide
    rows = [
        ("事项名称", data.name),
        ("事项编码", data.code),
        ("事项类型", ITEM_TYPES.get(data.item_type, data.item_type)),
        ("实施主体", data.department),
        ("服务对象", data.subject),
        ("受理层级", ACCEPTING_LEVELS.get(data.accepting_level, data.accepting_level)),
        ("办件类型", data.case_kind),
        ("法定办结时限", _days(data.legal_days)),
        ("承诺办结时限", _days(data.promised_days)),
        ("网上办理深度", STAR_LEVELS.get(data.star_level or 0, "")),
        (
            "可否代办",
            ""
            if data.proxy_allowed is None
            else ("可以代办" if data.proxy_allowed else "不可代办"),
        ),
        ("收费", fee_text(data.fee_fen, text_of(g.get("fee")))),
        ("结果送达", "、".join(data.delivery)),
        ("办理地点", text_of(g.get("place"))),
        ("办公时间", text_of(g.get("hours"))),
        ("咨询电话", text_of(g.get("phone"))),
        ("投诉电话", text_of(g.get("complaint_phone"))),
    ]
    return [(k, v) for k, v in rows if v]


def _materials(data: GuideData, layout: Layout) -> list[Flowable]:
    items = [m for m in data.guide.get("materials") or [] if m]
    if not items:
        return []
    spec = SPECS[layout]
    rows = []
    for i, m in enumerate(items, start=1):
        if not isinstance(m, Mapping):
            rows.append((str(i), text_of(m), "", "", "", ""))
            continue
        notes = [text_of(m.get("note"))]
        if m.get("condition"):
            notes.append("适用情形：" + text_of(m["condition"]))
        if m.get("sample"):
            notes.append("样表：" + text_of(m["sample"]))
        required = m.get("required")
        rows.append(
            (
                str(i),
                text_of(m.get("name")),
                text_of(m.get("form")),
                text_of(m.get("count", "")),
                "" if required is None else ("必需" if required else "非必需"),
                "；".join(n for n in notes if n),
            )
        )
    widths = [12 * mm, 56 * mm, 17 * mm, 12 * mm, 16 * mm]
    widths.append(spec.frame_width - sum(widths))
    heading = para("申请材料", "heading", layout)
    heading.keepWithNext = 0  # the table may be long: a page break before it, not the whole table
    return [
        CondPageBreak(30 * mm),
        heading,
        grid_table(("序号", "材料名称", "形式", "份数", "必要性", "备注"), rows, widths, layout),
    ]


def _faq(guide: Mapping[str, Any], layout: Layout) -> list[Flowable]:
    entries = guide.get("faq") or []
    out: list[Flowable] = []
    for i, e in enumerate(entries, start=1):
        if isinstance(e, Mapping):
            q, a = text_of(e.get("q") or e.get("question")), text_of(e.get("a") or e.get("answer"))
        else:
            q, a = text_of(e), ""
        block: list[Flowable] = [para(f"问{i}：{q}", "body", layout)]
        if a:
            block.append(para(f"答：{a}", "body", layout))
        block.append(Spacer(1, 1.5 * mm))
        out.append(KeepTogether(block))
    return [para("常见问题", "heading", layout), *out] if out else []


def _section(title: str, lines: Sequence[str], layout: Layout) -> list[Flowable]:
    if not lines:
        return []
    return [para(title, "heading", layout), *numbered(lines, layout)]


def build_guide(
    data: GuideData,
    template: PrintTemplate | None = None,
    station_name: str = "",
    printed_at: dt.datetime | None = None,
) -> bytes:
    template = template or load_template(None)
    station = template.station_name(station_name)
    guard(data, template, "guide")
    unknown = sorted(set(data.guide) - KNOWN_SECTIONS)
    if unknown:
        log.info("guide of %s: sections not printed (unknown): %s", data.code, ", ".join(unknown))
    layout = Layout.A4
    g = data.guide
    story: list[Flowable] = []
    image = logo(template.logo_path())
    if image is not None:
        story.append(image)
    story += [
        para(f"{template.text('guide', 'title')}", "title", layout),
        para(data.name, "big", layout),
        Spacer(1, 3 * mm),
        para("基本信息", "heading", layout),
        field_table(_basic_rows(data), layout),
    ]
    story += _section("受理条件", _list(g, "conditions"), layout)
    story += _materials(data, layout)
    story += _section(
        "办理流程", [t for t in (_step_text(s) for s in g.get("steps") or []) if t], layout
    )
    fee = text_of(g.get("fee"))
    if fee:
        story += [para("收费标准", "heading", layout), para(fee, "body", layout)]
    story += _section("设定依据", _list(g, "basis"), layout)
    story += _faq(g, layout)
    printed = to_local(printed_at or utcnow()).strftime("%Y-%m-%d")
    contact = template.contact_line()
    story += [
        Spacer(1, 6 * mm),
        para(f"本指南打印于 {printed}，以最新公布的办事指南为准。", "small", layout),
    ]
    if contact:
        story.append(para(f"{station}　{contact}", "small", layout))
    meta = DocMeta(
        title=f"{template.text('guide', 'title')}：{data.name}",
        author=station,
        header=station,
        footer=template.text("footer", "text"),
    )
    return build_pdf(story, layout, meta)
