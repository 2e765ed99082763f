"""Validate and normalise a payload against a form definition (Chinese messages per field).

One engine for every entry point: the form on screen (live checks), ``kiosk apply``, batch
import and the hub all call :func:`validate`. Errors are keyed by field; a row field of a
household-member group is keyed ``members.0.id_number``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.forms import answer_extras, rules, text_rules
from kiosk.forms import validators as v
from kiosk.forms.definition import (
    FILE_TYPES,
    FieldDef,
    FormDefinition,
    IdCheck,
    Rule,
    constraint_condition,
)
from kiosk.forms.divisions import LEVELS, DivisionTable, level_of

Payload = dict[str, Any]
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def is_visible(field: FieldDef, data: Mapping[str, Any], today: dt.date | None = None) -> bool:
    if not field.visible_if:
        return True
    return rules.holds(field.visible_if, data, today or dt.date.today())


def is_required(field: FieldDef, data: Mapping[str, Any], today: dt.date | None = None) -> bool:
    if field.required:
        return True
    if field.required_if:
        return rules.holds(field.required_if, data, today or dt.date.today())
    return False


# --- normalisation ---------------------------------------------------------------------------
def _normalise(field: FieldDef, raw: Any) -> Any:
    t = field.type
    if isinstance(raw, str):
        raw = text_rules.normalise(raw.strip())
        if t == "id_number":
            return v.normalize_id_number(raw)
        if t == "uscc":
            return raw.replace(" ", "").upper()
        if t == "bank_card":
            return re.sub(r"[\s-]", "", raw)
        if t == "mobile":
            return v.normalize_mobile(raw)
        if t == "date":
            return _normalise_date(raw)
        if t == "multiselect" and raw:
            return [raw]
        if t in FILE_TYPES and raw:
            return [{"name": raw}]
    if t == "select" and isinstance(raw, int | float) and not isinstance(raw, bool):
        return f"{raw:g}"
    if t == "number" and isinstance(raw, str) and raw:
        return raw.replace(",", "")
    return raw


def _normalise_date(text: str) -> str:
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return text


def _bound_date(bound: str | None, today: dt.date) -> dt.date | None:
    if bound is None:
        return None
    return today if bound == "today" else dt.date.fromisoformat(bound)


# --- one value -------------------------------------------------------------------------------
@dataclass
class _Ctx:
    today: dt.date
    divisions: DivisionTable | None


def _check_text(f: FieldDef, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return None, f"“{f.label}”应为文字。"
    refused = text_rules.problem(f.label, value, multiline=f.type == "textarea")
    if refused:
        return None, refused
    if f.max_length and len(value) > f.max_length:
        return None, f"“{f.label}”不能超过 {f.max_length} 个字。"
    if f.min_length and len(value) < f.min_length:
        return None, f"“{f.label}”至少要 {f.min_length} 个字。"
    return value, None


def _check_number(f: FieldDef, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return None, f"“{f.label}”应为数字。"
    if not isinstance(value, int | float):
        try:
            value = float(str(value))
        except ValueError:
            return None, f"“{f.label}”应为数字。"
    if value != value or value in (float("inf"), float("-inf")):
        return None, f"“{f.label}”应为数字。"
    if float(value).is_integer():
        value = int(value)
    elif f.integer:
        return None, f"“{f.label}”应为整数。"
    unit = f.unit or ""
    if f.min is not None and value < f.min:
        return None, f"“{f.label}”不能小于 {f.min:g}{unit}。"
    if f.max is not None and value > f.max:
        return None, f"“{f.label}”不能大于 {f.max:g}{unit}。"
    return value, None


def _check_date(f: FieldDef, value: Any, ctx: _Ctx) -> tuple[Any, str | None]:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return None, f"“{f.label}”应为日期，格式如 2024-03-01。"
    low, high = _bound_date(f.min_date, ctx.today), _bound_date(f.max_date, ctx.today)
    if high is not None and day > high:
        when = "今天" if f.max_date == "today" else high.isoformat()
        return None, f"“{f.label}”不能晚于{when}。"
    if low is not None and day < low:
        when = "今天" if f.min_date == "today" else low.isoformat()
        return None, f"“{f.label}”不能早于{when}。"
    return day.isoformat(), None


def _check_choice(f: FieldDef, value: Any) -> tuple[Any, str | None]:
    if f.type == "select":
        if value not in f.options:
            return None, f"“{f.label}”请从列表中选择：{'、'.join(f.options)}。"
        return value, None
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        return None, f"“{f.label}”应为若干选项。"
    wrong = [x for x in value if x not in f.options]
    if wrong:
        return None, f"“{f.label}”中“{wrong[0]}”不是可选项，请从列表中选择。"
    chosen = [o for o in f.options if o in value]  # option order, no repeats
    if f.min_items and len(chosen) < f.min_items:
        return None, f"“{f.label}”至少选择 {f.min_items} 项。"
    if f.max_items and len(chosen) > f.max_items:
        return None, f"“{f.label}”最多选择 {f.max_items} 项。"
    return chosen, None


def _check_files(f: FieldDef, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list):
        return None, f"“{f.label}”应为已上传的文件。"
    out = []
    for ref in value:
        if isinstance(ref, str):
            ref = {"name": ref}
        if not isinstance(ref, dict) or not isinstance(ref.get("name"), str) or not ref["name"]:
            return None, f"“{f.label}”的文件信息不完整，请重新上传。"
        sha = ref.get("sha256")
        if sha is not None and not (isinstance(sha, str) and _SHA256.fullmatch(sha)):
            return None, f"“{f.label}”的文件校验值不正确，请重新上传。"
        ext = ref["name"].rsplit(".", 1)[-1].lower() if "." in ref["name"] else ""
        if f.accept and ext not in f.accept:
            kinds = "、".join(a.upper() for a in f.accept)
            return None, f"“{f.label}”只接受 {kinds} 文件，“{ref['name']}”不符合。"
        out.append({k: ref[k] for k in ("name", "sha256", "size") if k in ref})
    limit = f.max_files or (1 if f.type == "signature" else None)
    if limit and len(out) > limit:
        return None, f"“{f.label}”最多上传 {limit} 个文件。"
    return out, None


def _check_address(f: FieldDef, value: Any, ctx: _Ctx) -> tuple[Any, str | None]:
    if not isinstance(value, dict):
        return None, f"“{f.label}”请依次选择省、市、县、乡镇、村，并填写详细地址。"
    code = str(value.get("division", "")).strip()
    detail = value.get("detail", "")
    detail = text_rules.normalise(detail.strip()) if isinstance(detail, str) else None
    level = level_of(code)
    if level is None:
        return None, f"“{f.label}”的行政区划代码不正确，请重新选择。"
    if f.root and not code.startswith(f.root):
        return None, f"“{f.label}”应在本辖区内，请重新选择。"
    table = ctx.divisions
    if table is not None:
        if code not in table:
            return None, f"“{f.label}”的行政区划不在目录中，请重新选择。"
        deepest_needed = LEVELS.index(f.level)
        if LEVELS.index(level) < deepest_needed and table.children(code):
            below = table.children(code)[0].level
            return None, f"“{f.label}”请继续选择到{_level_zh(below)}。"
    elif code[:2] not in v.PROVINCE_PREFIXES:
        return None, f"“{f.label}”的行政区划代码不正确，请重新选择。"
    if not detail:
        return None, f"“{f.label}”请填写详细地址（门牌号等）。"
    refused = text_rules.problem(f"{f.label}（详细地址）", detail)
    if refused:
        return None, refused
    if len(detail) > 100:
        return None, f"“{f.label}”的详细地址不能超过 100 个字。"
    return {"division": code, "detail": detail}, None


def _level_zh(level: str) -> str:
    return {"province": "省", "city": "市", "county": "县（区）", "township": "乡镇（街道）"}.get(
        level, "村（社区）"
    )


def _check_value(f: FieldDef, value: Any, ctx: _Ctx) -> tuple[Any, str | None]:
    t = f.type
    if t in {"text", "textarea"}:
        return _check_text(f, value)
    if t == "number":
        return _check_number(f, value)
    if t == "date":
        return _check_date(f, value, ctx)
    if t in {"select", "multiselect"}:
        return _check_choice(f, value)
    if t == "yesno":
        if not isinstance(value, bool):
            return None, f"“{f.label}”请选择“是”或“否”。"
        return value, None
    if t in FILE_TYPES:
        return _check_files(f, value)
    if t == "address":
        return _check_address(f, value, ctx)
    if not isinstance(value, str):
        return None, f"“{f.label}”格式不正确。"
    checker = {
        "id_number": lambda x: v.check_id_number(x, ctx.today),
        "mobile": v.check_mobile,
        "uscc": v.check_uscc,
        "bank_card": v.check_bank_card,
    }.get(t)
    if checker is None:
        return None, f"“{f.label}”的字段类型 {t} 不受支持。"
    message = checker(value)
    return (None, f"“{f.label}”：{message}") if message else (value, None)


# --- a level of fields (the form, or one group row) -------------------------------------------
def _required_message(f: FieldDef) -> str:
    if f.is_file:
        return f"请上传“{f.material or f.label}”。"
    if f.type == "group":
        return f"请填写“{f.label}”，至少 {max(f.min_items or 1, 1)} {_row_unit(f)}。"
    return f"“{f.label}”为必填项。"


def _row_unit(f: FieldDef) -> str:
    return "人" if "成员" in (f.item_label or f.label) else "行"


def _validate_level(
    fields: Sequence[FieldDef],
    data: Mapping[str, Any],
    outer: Mapping[str, Any],
    ctx: _Ctx,
    prefix: str,
    label: str,
) -> tuple[Payload, dict[str, str], dict[str, Any]]:
    """Clean values, errors and the values rules see (``outer`` overlaid with this level)."""
    errors: dict[str, str] = {}
    known = {f.key for f in fields}
    for key in data:
        if key not in known:
            errors[prefix + key] = f"{label}表单中没有“{key}”这一项，请检查数据文件。"
    values: dict[str, Any] = dict(outer)
    for f in fields:
        if not f.computed:
            values[f.key] = _normalise(f, data.get(f.key))
    for f in fields:
        if f.computed:
            values[f.key] = rules.evaluate(f.compute, values, ctx.today)
    clean: Payload = {}
    for f in fields:
        key = prefix + f.key
        if not is_visible(f, values, ctx.today):
            values.pop(f.key, None)
            continue
        value = values.get(f.key)
        if f.computed:
            if value is not None:
                clean[f.key] = value
            continue
        if _empty(value):
            if is_required(f, values, ctx.today):
                errors[key] = label + _required_message(f)
            continue
        if f.type == "group":
            rows, row_errors, message = _validate_group(f, value, values, ctx, key)
            errors.update(row_errors)
            if message:
                errors[key] = label + message
            elif not row_errors:
                clean[f.key] = rows
            continue
        normal, message = _check_value(f, value, ctx)
        if message is None:
            values[f.key] = normal
            for c in f.constraints:
                if not rules.holds(constraint_condition(c, f.key), values, ctx.today):
                    message = rules.format_message(c.message, values)
                    break
        if message:
            errors[key] = label + message
        else:
            clean[f.key] = normal
    return clean, errors, values


def _validate_group(
    f: FieldDef, value: Any, outer: Mapping[str, Any], ctx: _Ctx, key: str
) -> tuple[list[Payload], dict[str, str], str | None]:
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        return [], {}, f"“{f.label}”应为若干行，每行一位{f.item_label or '成员'}。"
    if f.min_items and len(value) < f.min_items:
        return [], {}, f"“{f.label}”至少填写 {f.min_items} {_row_unit(f)}。"
    if f.max_items and len(value) > f.max_items:
        return [], {}, f"“{f.label}”最多填写 {f.max_items} {_row_unit(f)}。"
    rows: list[Payload] = []
    errors: dict[str, str] = {}
    unit = f.item_label or f.label
    for i, row in enumerate(value):
        prefix = f"{key}.{i}."
        label = f"第{i + 1}位{unit}：" if _row_unit(f) == "人" else f"{unit}第{i + 1}行："
        clean, row_errors, _ = _validate_level(f.fields, row, outer, ctx, prefix, label)
        _id_checks(f.checks, clean, row_errors, prefix, label)
        errors.update(row_errors)
        rows.append(clean)
    for sub in f.unique:
        seen: dict[Any, int] = {}
        for i, row in enumerate(rows):
            item = row.get(sub)
            if item in (None, ""):
                continue
            if item in seen:
                label = f.subfield(sub).label
                errors.setdefault(
                    f"{key}.{i}.{sub}",
                    f"第{i + 1}位{unit}的“{label}”与第{seen[item] + 1}位重复，请核对。",
                )
            else:
                seen[item] = i
    return rows, errors, None


def _id_checks(
    checks: Sequence[IdCheck],
    clean: Mapping[str, Any],
    errors: dict[str, str],
    prefix: str = "",
    label: str = "",
) -> None:
    for check in checks:
        idv = clean.get(check.id)
        if not idv:
            continue
        sex = clean.get(check.sex) if check.sex else None
        if sex and prefix + check.sex not in errors and sex != v.id_sex(idv):  # type: ignore[operator]
            errors[prefix + str(check.sex)] = (
                f"{label}性别与身份证号不一致（身份证号显示为{v.id_sex(idv)}）。"
            )
        birth = clean.get(check.birth_date) if check.birth_date else None
        if birth and str(birth) != str(v.id_birth_date(idv)):
            errors.setdefault(
                prefix + str(check.birth_date), f"{label}出生日期与身份证号不一致，请核对。"
            )


def _rule_inputs_ok(
    rule: Rule, form: FormDefinition, values: Mapping[str, Any], errors: Any
) -> bool:
    refs = set(rules.condition_refs(rule.assert_)) | set(rules.condition_refs(rule.when or {}))
    for ref in refs:
        if ref in errors:
            return False
        try:
            f = form.field(ref)
        except KeyError:
            continue
        if _empty(values.get(ref)) and (f.computed or f.type not in {"group", "multiselect"}):
            return False
    return True


def validate(
    form: FormDefinition, data: Mapping[str, Any], today: dt.date | None = None
) -> tuple[Payload, dict[str, str]]:
    """Return the normalised payload (visible, known fields only) and field errors.

    ``today`` is the application date (ages and "not in the future" are measured on it).
    Computed fields are recomputed here whatever the payload says.
    """
    ctx = _Ctx(today or dt.date.today(), form.divisions)
    # delivery / notify: the filing's own answers, unless the item's form asks them itself
    data, extras = answer_extras.split(data, {f.key for f in form.fields})
    computed = {f.key for f in form.fields if f.computed}
    data = {k: val for k, val in data.items() if k not in computed}
    clean, errors, values = _validate_level(form.fields, data, {}, ctx, "", "")
    _id_checks(form.checks, clean, errors)
    for rule in form.rules:
        if not _rule_inputs_ok(rule, form, values, errors):
            continue
        if rule.when is not None and not rules.holds(rule.when, values, ctx.today):
            continue
        if not rules.holds(rule.assert_, values, ctx.today):
            errors.setdefault(rule.field, rules.format_message(rule.message, values))
    if extras:
        extra_clean, extra_errors = validate_extras(extras, form.divisions, ctx.today)
        clean.update(extra_clean)
        errors.update(extra_errors)
    return clean, errors


def compute_values(
    form: FormDefinition, data: Mapping[str, Any], today: dt.date | None = None
) -> dict[str, Any]:
    """Values of the computed fields for what is entered so far (for display while typing)."""
    _, _, values = _validate_level(
        form.fields, data, {}, _Ctx(today or dt.date.today(), form.divisions), "", ""
    )
    return {f.key: values.get(f.key) for f in form.fields if f.computed}


def bind_files(
    form: FormDefinition, data: Mapping[str, Any], files: Sequence[Mapping[str, Any]]
) -> Payload:
    """Put file references (``{"name", "material", "sha256"?, "size"?}``) into the payload.

    Each file goes to the attachment/signature field whose material (or key) it names;
    fields already filled in the payload are kept. Files naming no field are left out.
    """
    out = dict(data)
    for f in form.file_fields():
        refs = [
            {k: ref[k] for k in ("name", "sha256", "size") if k in ref}
            for ref in files
            if ref.get("material") in {f.material, f.key}
        ]
        if refs and not out.get(f.key):
            out[f.key] = refs
    return out


def validate_extras(
    extras: Mapping[str, Any], divisions: DivisionTable | None, today: dt.date | None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean extras and their errors (keys ``delivery.phone`` …)."""
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in extras.items():
        if not isinstance(value, Mapping):
            errors[key] = "结果领取方式或通知设置的格式不正确，请重新选择。"
            continue
        values, problems = validate(answer_extras.extra_form(key, divisions), value, today)
        clean[key] = dict(values)
        errors.update({f"{key}.{k}": v for k, v in problems.items()})
    return clean, errors
