"""The material checklist (申请材料) for one application, derived from its answers.

A guide's material may carry ``when`` (a condition over the form's fields): it is needed only
when that holds, e.g. 残疾人证 only when a household member is disabled. ``condition`` is the
same rule in words, for people and for print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.forms import rules
from kiosk.forms.definition import FormDefinition
from kiosk.forms.engine import compute_values


@dataclass(frozen=True)
class MaterialNeed:
    name: str
    form: str  # 原件 / 复印件 / 原件和复印件 / 电子材料
    count: int
    required: bool  # False: bring it if there is one (如有)
    note: str = ""
    condition: str = ""  # when it is needed, in words
    sample: str = ""
    files: int = 0  # scans/photos attached for it in this application

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "form": self.form,
            "count": self.count,
            "required": self.required,
            "note": self.note,
            "condition": self.condition,
            "sample": self.sample,
            "files": self.files,
        }


def material_checklist(
    materials: Sequence[Mapping[str, Any]],
    form: FormDefinition,
    answers: Mapping[str, Any],
    today: dt.date | None = None,
) -> list[MaterialNeed]:
    """The materials this resident must bring, given the answers so far."""
    today = today or dt.date.today()
    values = {**answers, **compute_values(form, answers, today)}
    files: dict[str, int] = {}
    for f in form.file_fields():
        refs = answers.get(f.key)
        if isinstance(refs, list):
            files[f.material] = files.get(f.material, 0) + len(refs)
    out = []
    for m in materials:
        when = m.get("when")
        if when is not None and not rules.holds(when, values, today):
            continue
        out.append(
            MaterialNeed(
                name=m["name"],
                form=m.get("form", ""),
                count=int(m.get("count", 1)),
                required=bool(m.get("required", True)) or when is not None,
                note=m.get("note", ""),
                condition=m.get("condition", ""),
                sample=m.get("sample", ""),
                files=files.get(m["name"], 0),
            )
        )
    return out
