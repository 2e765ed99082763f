"""Validate and normalise a payload against a form definition (Chinese messages per field)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from kiosk.forms import validators as v
from kiosk.forms.definition import FieldDef, FormDefinition

Payload = dict[str, Any]


def is_visible(field: FieldDef, data: Mapping[str, Any]) -> bool:
    return all(data.get(k) == want for k, want in field.visible_if.items())


def _normalise(field: FieldDef, raw: Any) -> Any:
    if isinstance(raw, str):
        raw = raw.strip()
        if field.type == "id_number":
            raw = v.normalize_id_number(raw)
        elif field.type == "uscc":
            raw = raw.upper()
        elif field.type == "bank_card":
            raw = raw.replace(" ", "")
    return raw


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _check_field(field: FieldDef, value: Any, today: dt.date) -> str | None:
    t = field.type
    if t in {"text", "textarea"}:
        if not isinstance(value, str):
            return f"“{field.label}”应为文字。"
        if field.max_length and len(value) > field.max_length:
            return f"“{field.label}”不能超过 {field.max_length} 个字。"
        return None
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            try:
                value = float(str(value))
            except ValueError:
                return f"“{field.label}”应为数字。"
        if field.min is not None and value < field.min:
            return f"“{field.label}”不能小于 {field.min:g}。"
        if field.max is not None and value > field.max:
            return f"“{field.label}”不能大于 {field.max:g}。"
        return None
    if t == "date":
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return f"“{field.label}”应为日期，格式如 2024-03-01。"
        return None
    if t == "select":
        if value not in field.options:
            return f"“{field.label}”请从列表中选择：{'、'.join(field.options)}。"
        return None
    if t == "yesno":
        if not isinstance(value, bool):
            return f"“{field.label}”请选择“是”或“否”。"
        return None
    if not isinstance(value, str):
        return f"“{field.label}”格式不正确。"
    if t == "id_number":
        return v.check_id_number(value, today)
    if t == "mobile":
        return v.check_mobile(value)
    if t == "uscc":
        return v.check_uscc(value)
    if t == "bank_card":
        return v.check_bank_card(value)
    return f"“{field.label}”的字段类型 {t} 不受支持。"


def _cross_checks(form: FormDefinition, data: Payload, errors: dict[str, str]) -> None:
    if "id_birth_sex_agree" in form.checks:
        idf = form.first_of_type("id_number")
        if idf and idf.key not in errors and data.get(idf.key):
            idv = data[idf.key]
            if data.get("sex") and "sex" not in errors and data["sex"] != v.id_sex(idv):
                errors["sex"] = f"性别与身份证号不一致（身份证号显示为{v.id_sex(idv)}）。"
            birth = data.get("birth_date")
            if birth and "birth_date" not in errors and str(birth) != str(v.id_birth_date(idv)):
                errors["birth_date"] = "出生日期与身份证号不一致，请核对。"


def validate(
    form: FormDefinition, data: Mapping[str, Any], today: dt.date | None = None
) -> tuple[Payload, dict[str, str]]:
    """Return the normalised payload (visible, known fields only) and field errors."""
    today = today or dt.date.today()
    clean: Payload = {}
    errors: dict[str, str] = {}
    for key in data:
        if not any(f.key == key for f in form.fields):
            errors[key] = f"表单中没有“{key}”这一项，请检查数据文件。"
    for field in form.fields:
        value = _normalise(field, data.get(field.key))
        if not is_visible(field, {**data, **clean}):
            continue
        if _empty(value):
            if field.required:
                errors[field.key] = f"“{field.label}”为必填项。"
            continue
        message = _check_field(field, value, today)
        if message:
            errors[field.key] = message
        else:
            clean[field.key] = value
    _cross_checks(form, clean, errors)
    return clean, errors
