"""Who applies, read from an item's form answers (the receipt's 申请人, the 委托书's 委托人)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.core.catalog import CatalogItem


def resident_of(item: CatalogItem, payload: Mapping[str, Any]) -> tuple[str, str, str]:
    """(name, 身份证号, phone) of the applicant from the form payload."""
    name = payload.get("name")
    if not name:
        name_field = next((f for f in item.form.fields if "姓名" in f.label), None)
        name = payload.get(name_field.key) if name_field else ""
    id_field = item.form.first_of_type("id_number")
    phone_field = item.form.first_of_type("mobile")
    return (
        str(name or ""),
        str(payload.get(id_field.key, "")) if id_field else "",
        str(payload.get(phone_field.key, "")) if phone_field else "",
    )
