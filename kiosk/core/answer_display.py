"""A form's answers as text for screens: readable (no Python reprs), identifiers masked.

One value per field; a repeat group (household members …) is one numbered line per row,
``1. 张三　330106********0221　子女``, each row field masked like a field of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any

from kiosk.core.masking import mask_id_number, mask_phone, scrub
from kiosk.forms.definition import FieldDef
from kiosk.forms.divisions import DivisionTable, format_address

EMPTY = "—"
SEPARATOR = "　"  # between the fields of a group row (ideographic space)

# Field types whose values are masked on screen (330106********1236, 138****5678).
MASKERS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "mobile": mask_phone,
    "bank_card": mask_phone,
}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _file_name(ref: Any) -> str:
    if isinstance(ref, Mapping):
        name = ref.get("name") or (PurePath(str(ref["path"])).name if ref.get("path") else "")
        return str(name)
    return str(ref)


def plain_text(value: Any, masked: bool) -> str:
    """Any value (an answer the form does not know) as text; with ``masked``, anything
    that looks like a 身份证号 or mobile number is masked."""
    if isinstance(value, Mapping):
        text = SEPARATOR.join(plain_text(v, masked) for v in value.values() if not _empty(v))
    elif isinstance(value, list | tuple):
        text = "；".join(plain_text(v, masked) for v in value if not _empty(v))
    elif isinstance(value, bool):
        text = "是" if value else "否"
    else:
        text = str(value)
    return scrub(text) if masked else text


def answer_text(
    field: FieldDef,
    value: Any,
    *,
    masked: bool,
    divisions: DivisionTable | None = None,
    yes: str = "是",
    no: str = "否",
) -> str:
    """The text shown for one answer."""
    if _empty(value):
        return EMPTY
    t = field.type
    if t == "yesno" and isinstance(value, bool):
        return yes if value else no
    if t == "group":
        return group_text(field, value, masked=masked, divisions=divisions, yes=yes, no=no)
    if t in MASKERS and isinstance(value, str | int):
        return MASKERS[t](str(value)) if masked else str(value)
    if t == "address":
        return format_address(value, divisions) or plain_text(value, masked)
    if field.is_file and isinstance(value, list):
        return "、".join(_file_name(ref) for ref in value)
    if t == "multiselect" and isinstance(value, list):
        return "、".join(str(v) for v in value)
    if t == "number" and field.unit and isinstance(value, int | float | str):
        return f"{value}{field.unit}"
    if t in {"select", "date", "number", "uscc"} and isinstance(value, str | int | float):
        return str(value)
    return plain_text(value, masked)  # free text may hold a number; so may unknown shapes


def group_text(
    field: FieldDef,
    rows: Any,
    *,
    masked: bool,
    divisions: DivisionTable | None = None,
    yes: str = "是",
    no: str = "否",
) -> str:
    """One numbered line per row of a repeat group."""
    if not isinstance(rows, list):
        return plain_text(rows, masked)
    known = {f.key for f in field.fields}
    lines = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, Mapping):
            lines.append(f"{i}. {plain_text(row, masked)}")
            continue
        parts = []
        for sub in field.fields:
            value = row.get(sub.key)
            if _empty(value):
                continue
            text = answer_text(sub, value, masked=masked, divisions=divisions, yes=yes, no=no)
            parts.append(f"{sub.label}：{text}" if sub.type == "yesno" else text)
        parts += [plain_text(v, masked) for k, v in row.items() if k not in known and not _empty(v)]
        lines.append(f"{i}. " + SEPARATOR.join(parts))
    return "\n".join(lines) or EMPTY
