"""What changed between two versions of a form, and moving a draft to the newer one.

A draft keeps the form version it was started with. When the catalog brings a new version,
the agent is shown :func:`form_changes` and may move the draft with :func:`migrate_answers`:
answers to fields that still exist with the same type are kept, the rest are listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.forms.definition import FieldDef, FormDefinition


def _req(f: FieldDef) -> str:
    return "必填" if f.required else ("按条件必填" if f.required_if else "选填")


def form_changes(old: FormDefinition, new: FormDefinition) -> list[str]:
    """Changes from ``old`` to ``new`` in Chinese, one line each (empty: nothing relevant)."""
    out: list[str] = []
    before = {k: f for k, f in old.all_fields()}
    after = {k: f for k, f in new.all_fields()}
    for key, f in after.items():
        if key not in before:
            out.append(f"新增“{f.label}”（{_req(f)}）")
    for key, f in before.items():
        if key not in after:
            out.append(f"删除“{f.label}”")
    for key, f in after.items():
        was = before.get(key)
        if was is None:
            continue
        if was.type != f.type:
            out.append(f"“{f.label}”的填写方式已改变，需要重新填写")
        elif was.label != f.label:
            out.append(f"“{was.label}”改名为“{f.label}”")
        if _req(was) != _req(f):
            out.append(f"“{f.label}”由{_req(was)}改为{_req(f)}")
        added = [o for o in f.options if o not in was.options]
        removed = [o for o in was.options if o not in f.options]
        if added:
            out.append(f"“{f.label}”新增选项：{'、'.join(added)}")
        if removed:
            out.append(f"“{f.label}”不再有选项：{'、'.join(removed)}")
        if was.visible_if != f.visible_if or was.constraints != f.constraints:
            out.append(f"“{f.label}”的填写条件有调整")
    if old.rules != new.rules or old.checks != new.checks:
        out.append("表单的校验规则有调整")
    return out


def migrate_answers(
    old: FormDefinition, new: FormDefinition, answers: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Answers carried to ``new``, and the labels of answers that could not be carried."""
    kept: dict[str, Any] = {}
    dropped: list[str] = []
    for key, value in answers.items():
        try:
            was = old.field(key)
        except KeyError:
            continue
        try:
            now = new.field(key)
        except KeyError:
            dropped.append(was.label)
            continue
        if now.computed:
            continue
        if was.type != now.type or (now.options and _not_in_options(now, value)):
            dropped.append(was.label)
            continue
        kept[key] = value
    return kept, dropped


def _not_in_options(f: FieldDef, value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(x not in f.options for x in values)
