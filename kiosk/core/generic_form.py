"""The catalog item made for a 实施清单 row the station has no item for yet.

A provincial list names the item, its codes, body and time limits, but not the form the
province's system asks for. Until a proper form is published, such an item is filed with a
generic application (申请人, 身份证号, 联系电话, 地址, 申请事项说明, and the list's 申请材料
as the guide's materials, each as an attachment the agent may scan), so a village can
already take it; the back office sees the request in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

GENERIC_FORM_VERSION = 1


def _materials(names: list[str]) -> list[dict[str, Any]]:
    return [
        {"name": name[:100], "form": "原件", "count": 1, "required": False}
        for name in dict.fromkeys(names)
    ]


def generic_form(materials: list[dict[str, Any]]) -> dict[str, Any]:
    fields: list[dict[str, Any]] = [
        {"key": "name", "type": "text", "label": "申请人姓名", "required": True}
        | {"personal": True, "max_length": 30},
        {"key": "id_number", "type": "id_number", "label": "公民身份号码", "required": True}
        | {"personal": True},
        {"key": "phone", "type": "mobile", "label": "联系电话", "required": True, "personal": True},
        {"key": "address", "type": "address", "label": "住址", "required": True}
        | {"personal": True, "level": "village"},
        {"key": "request", "type": "textarea", "label": "申请事项说明", "required": True}
        | {"max_length": 500, "help": "写明要办什么、为什么，以及居民的特殊情况"},
    ]
    fields += [
        {"key": f"material_{i}", "type": "attachment", "label": m["name"], "material": m["name"]}
        for i, m in enumerate(materials, start=1)
    ]
    return {
        "version": GENERIC_FORM_VERSION,
        "note": "通用申请表：本事项的专用表单发布前使用。",
        "checks": [],
        "fields": fields,
    }


def generic_item(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A whole item JSON from one implementation-list row (``implementation_list.row_fields``)."""
    materials = _materials(list(fields["_materials"]))
    level = fields["_level"]
    item: dict[str, Any] = {
        "code": fields["_code"] or fields["impl_code"],
        "name": fields["name"],
        "item_type": fields["item_type"],
        "department": fields["_department"],
        "handling_level": level,
        "accepting_level": level,
        "subject": fields["_subject"],
        "themes": list(fields["_themes"]),
        "case_kind": fields["case_kind"],
        "legal_days": fields["legal_days"],
        "promised_days": fields["promised_days"],
        "fee_fen": fields["fee_fen"],
        "proxy_allowed": fields["proxy_allowed"],
    }
    for key in ("basic_code", "impl_code", "handling_codes", "version", "implementing_body"):
        item[key] = fields[key]
    item["esign_allowed"] = fields["esign_allowed"]
    guide: dict[str, Any] = {"materials": materials}
    phone = fields["implementing_body"].get("phone")
    if phone:
        guide["phone"] = phone
    item["guide"] = guide
    item["form"] = generic_form(materials)
    return item
