"""Which materials were received, derived from an application's attachments and the guide.

The catalog's guide lists each material with its form (原件/复印件) and count; an attachment
records which material it is. A guide material with at least one attachment counts as
received in the guide's form and count; attachments for materials the guide does not list
are shown as scans, one per file. Required materials without an attachment are "still to
bring" — except those with a ``condition`` (they apply only in some cases, which the kiosk
cannot judge).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.print.common import MaterialLine

SIGNATURE_MATERIAL = "签名"  # the resident's captured signature (for the 代办委托书)
OTHER_MATERIAL = "其他材料"


@dataclass(frozen=True)
class MaterialsReceived:
    received: tuple[MaterialLine, ...]
    missing: tuple[str, ...]


def guide_materials(guide: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    items = guide.get("materials") or []
    return [m for m in items if isinstance(m, Mapping) and m.get("name")]


def _count(value: Any) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def material_line(m: Mapping[str, Any]) -> MaterialLine:
    return MaterialLine(
        name=str(m["name"]),
        form=str(m.get("form") or ""),
        count=_count(m.get("count", 1)),
        note=str(m.get("note") or ""),
    )


def materials_received(
    guide: Mapping[str, Any], attachment_materials: Iterable[str]
) -> MaterialsReceived:
    files = Counter(m.strip() or OTHER_MATERIAL for m in attachment_materials)
    files.pop(SIGNATURE_MATERIAL, None)
    listed = guide_materials(guide)
    received: list[MaterialLine] = []
    missing: list[str] = []
    for m in listed:
        name = str(m["name"])
        if files.pop(name, 0):
            received.append(material_line(m))
        elif m.get("required", False) and not m.get("condition"):
            missing.append(name)
    for name, n in sorted(files.items(), key=lambda kv: kv[0] == OTHER_MATERIAL):
        received.append(MaterialLine(name, "扫描件", n))
    return MaterialsReceived(tuple(received), tuple(missing))


def _name_parts(name: str) -> list[str]:
    """ "本人银行卡或社会保障卡（具有金融功能）" → the name and its alternatives."""
    parts = [p for p in re.split(r"[或、/，,（）()\s]+", name) if len(p) >= 2]
    return [name, *parts]


def mentioned_materials(guide: Mapping[str, Any], text: str) -> list[MaterialLine]:
    """Guide materials that a free-text note (e.g. a 补正 request) mentions by name."""
    return [
        material_line(m)
        for m in guide_materials(guide)
        if any(part in text for part in _name_parts(str(m["name"])))
    ]
