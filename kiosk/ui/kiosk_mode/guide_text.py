"""A guide (办事指南) as sections of plain lines: shown on screen, printed, read aloud, QR'd.

Headings and sentence frames are translated; the catalog's own text (conditions, places …)
is data and stays as the catalog has it, except the materials' names, forms and notes, which
the English UI shows with their English where known (kiosk/ui/material_words.py).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from kiosk.core.catalog import CatalogItem
from kiosk.ui.material_words import material_name, material_word
from kiosk.ui.translate_marks import QT_TRANSLATE_NOOP

CTX = "KioskGuide"

H_BASICS = QT_TRANSLATE_NOOP("KioskGuide", "基本信息")
H_CONDITIONS = QT_TRANSLATE_NOOP("KioskGuide", "谁可以办（受理条件）")
H_MATERIALS = QT_TRANSLATE_NOOP("KioskGuide", "要带的材料（材料清单）")
H_STEPS = QT_TRANSLATE_NOOP("KioskGuide", "怎么办（办理流程）")
H_WHERE = QT_TRANSLATE_NOOP("KioskGuide", "去哪里办")
H_BASIS = QT_TRANSLATE_NOOP("KioskGuide", "设定依据")

L_DEPARTMENT = QT_TRANSLATE_NOOP("KioskGuide", "办理部门：{0}")
L_DAYS = QT_TRANSLATE_NOOP("KioskGuide", "承诺时限：{0} 个工作日")
L_SAME_DAY = QT_TRANSLATE_NOOP("KioskGuide", "承诺时限：当场办结")
L_FEE = QT_TRANSLATE_NOOP("KioskGuide", "收费：{0}")
L_FREE = QT_TRANSLATE_NOOP("KioskGuide", "收费：不收费")
L_PROXY = QT_TRANSLATE_NOOP("KioskGuide", "可以请村代办员代办")
L_DELIVERY = QT_TRANSLATE_NOOP("KioskGuide", "办好后：{0}")
L_PLACE = QT_TRANSLATE_NOOP("KioskGuide", "地点：{0}")
L_HOURS = QT_TRANSLATE_NOOP("KioskGuide", "时间：{0}")
L_PHONE = QT_TRANSLATE_NOOP("KioskGuide", "咨询电话：{0}")
L_MATERIAL = QT_TRANSLATE_NOOP("KioskGuide", "{0}（{1} {2} 份）")
L_REQUIRED = QT_TRANSLATE_NOOP("KioskGuide", "必须")
L_IF_ANY = QT_TRANSLATE_NOOP("KioskGuide", "如有")
L_NO_MATERIALS = QT_TRANSLATE_NOOP("KioskGuide", "不需要带材料")
L_STEP = QT_TRANSLATE_NOOP("KioskGuide", "第 {0} 步：{1}")
L_QR_TITLE = QT_TRANSLATE_NOOP("KioskGuide", "办事指南：{0}")
L_QR_MATERIALS = QT_TRANSLATE_NOOP("KioskGuide", "材料：{0}")
L_QR_MORE = QT_TRANSLATE_NOOP("KioskGuide", "等")
L_LIST_SEP = QT_TRANSLATE_NOOP("KioskGuide", "、")
L_PRINTED_AT = QT_TRANSLATE_NOOP("KioskGuide", "本指南由自助终端打印，以办理窗口最新要求为准。")

QR_BYTE_BUDGET = 420  # keeps the code coarse enough to scan off a screen (version 14 or less)


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


@dataclass(frozen=True)
class Material:
    name: str
    line: str  # translated frame around the data
    note: str
    required: bool


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)


@dataclass(frozen=True)
class GuideDoc:
    code: str
    name: str
    sections: list[Section]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return []


def build(item: CatalogItem) -> GuideDoc:
    guide = item.guide
    basics = [_t(L_DEPARTMENT).format(item.department)]
    basics.append(_t(L_DAYS).format(item.promised_days) if item.promised_days else _t(L_SAME_DAY))
    fee = str(guide.get("fee", "")).strip()
    basics.append(_t(L_FEE).format(fee) if fee and fee != "不收费" else _t(L_FREE))
    if item.proxy_allowed:
        basics.append(_t(L_PROXY))
    delivery = _strings(item.raw.get("delivery"))
    if delivery:
        basics.append(_t(L_DELIVERY).format(_t(L_LIST_SEP).join(delivery)))
    sections = [Section(_t(H_BASICS), basics)]
    conditions = _strings(guide.get("conditions"))
    if conditions:
        sections.append(Section(_t(H_CONDITIONS), conditions))
    materials = []
    for m in guide.get("materials", []) or []:
        if not isinstance(m, dict) or not str(m.get("name", "")).strip():
            continue
        name = material_name(str(m["name"]))  # "户口簿 (Household register)" in English
        line = _t(L_MATERIAL).format(name, material_word(str(m.get("form", ""))), m.get("count", 1))
        required = bool(m.get("required", True))
        note = material_word(str(m.get("note", "")).strip())
        materials.append(Material(str(m["name"]), line, note, required))
    sections.append(Section(_t(H_MATERIALS), [] if materials else [_t(L_NO_MATERIALS)], materials))
    steps = _strings(guide.get("steps"))
    if steps:
        sections.append(
            Section(_t(H_STEPS), [_t(L_STEP).format(i, s) for i, s in enumerate(steps, 1)])
        )
    where = []
    for frame, key in ((L_PLACE, "place"), (L_HOURS, "hours"), (L_PHONE, "phone")):
        value = str(guide.get(key, "")).strip()
        if value:
            where.append(_t(frame).format(value))
    if where:
        sections.append(Section(_t(H_WHERE), where))
    basis = _strings(guide.get("basis"))
    if basis:
        sections.append(Section(_t(H_BASIS), basis))
    return GuideDoc(item.code, item.name, sections)


def material_tag(m: Material) -> str:
    return _t(L_REQUIRED) if m.required else _t(L_IF_ANY)


def speech_text(doc: GuideDoc) -> str:
    """What the read-aloud button says: everything on screen, in reading order."""
    parts = [doc.name]
    for section in doc.sections:
        if section.title == _t(H_BASIS):
            continue  # legal references are for the record, not for listening to
        parts.append(section.title)
        parts.extend(section.lines)
        for m in section.materials:
            parts.append(f"{material_tag(m)}：{m.line}" + (f"，{m.note}" if m.note else ""))
    return "。\n".join(p.rstrip("。") for p in parts) + "。"


def to_html(doc: GuideDoc, station: str = "") -> str:
    """The guide as HTML for QTextDocument printing (A4, readable at 14 pt)."""
    e = html.escape
    out = [
        "<html><body style='font-size:13pt'>",
        f"<h1 style='font-size:20pt'>{e(doc.name)}</h1>",
        f"<p style='font-size:10pt'>{e(doc.code)}{'　' + e(station) if station else ''}</p>",
    ]
    for section in doc.sections:
        out.append(f"<h2 style='font-size:15pt'>{e(section.title)}</h2>")
        if section.materials:
            out.append("<table cellspacing='0' cellpadding='4' width='100%'>")
            for m in section.materials:
                note = f"<br/><span style='font-size:11pt'>{e(m.note)}</span>" if m.note else ""
                out.append(
                    f"<tr><td width='30' style='font-size:16pt'>☐</td>"
                    f"<td>{e(m.line)}　<b>{e(material_tag(m))}</b>{note}</td></tr>"
                )
            out.append("</table>")
        if section.lines:
            out.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in section.lines) + "</ul>")
    out.append(f"<p style='font-size:10pt'>{e(_t(L_PRINTED_AT))}</p></body></html>")
    return "".join(out)


def qr_payload(item: CatalogItem) -> str:
    """What the guide's QR code holds: the item's online guide address if the catalog has
    one, else a short text summary a phone shows offline (name, materials, where, phone)."""
    for url in (item.raw.get("url"), item.raw.get("guide_url"), item.guide.get("url")):
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url
    lines = [_t(L_QR_TITLE).format(item.name)]
    names = [str(m.get("name", "")) for m in item.guide.get("materials", []) if isinstance(m, dict)]
    tail = []
    for frame, key in ((L_PLACE, "place"), (L_HOURS, "hours"), (L_PHONE, "phone")):
        value = str(item.guide.get(key, "")).strip()
        if value:
            tail.append(_t(frame).format(value))

    def size(parts: list[str]) -> int:
        return len("\n".join(parts).encode("utf-8"))

    shown = list(names)
    while shown:
        materials = _t(L_QR_MATERIALS).format(
            "；".join(shown) + ("" if len(shown) == len(names) else _t(L_QR_MORE))
        )
        if size([*lines, materials, *tail]) <= QR_BYTE_BUDGET:
            lines.append(materials)
            break
        shown.pop()
    while tail and size(lines + tail) > QR_BYTE_BUDGET:
        tail.pop()
    text = "\n".join(lines + tail)
    return text.encode("utf-8")[:QR_BYTE_BUDGET].decode("utf-8", "ignore")
