"""一件事 planning, pure (no database): which members of an event bundle apply to these
answers and why the others do not, and each member's payload built through the field map.

The answer set of a filing is :class:`EventAnswers`: the bundle form's answers once
(``shared``), each member's own fields under its item code (``members``), and the files by
bundle material id (each file chosen once; :func:`bind_member_files` puts a reference to
it into every member field of that material).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.catalog import Catalog, CatalogItem
from kiosk.core.event_bundle import EventBundle, EventMember, member_form
from kiosk.forms import rules
from kiosk.forms.definition import FormDefinition
from kiosk.forms.engine import compute_values, validate

LEFT_OUT_BY_CHOICE = "居民选择本次不办理。"


@dataclass(frozen=True)
class EventAnswers:
    """What the agent entered for one filing of a bundle."""

    shared: Mapping[str, Any]
    members: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # item code → own
    skip: frozenset[str] = frozenset()  # optional members the resident leaves out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EventAnswers:
        """``{"shared": {...}, "members": {CODE: {...}}, "skip": [CODE]}``."""
        return cls(
            shared=dict(data.get("shared", {})),
            members={str(k): dict(v) for k, v in dict(data.get("members", {})).items()},
            skip=frozenset(str(c) for c in data.get("skip", ())),
        )


@dataclass(frozen=True)
class MemberDecision:
    """Whether one member applies; ``reason`` says why not (empty when it applies)."""

    item_code: str
    item_name: str
    applies: bool
    reason: str = ""
    optional: bool = False
    undecided: bool = False  # its condition needs an answer not given yet


def shared_values(bundle: EventBundle, shared: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """The shared answers with the bundle form's computed fields (for conditions)."""
    return {**shared, **compute_values(bundle.form, shared, today)}


def _condition_holds(
    cond: Mapping[str, Any], values: Mapping[str, Any], today: dt.date
) -> bool | None:
    """True/False, or None when the answer it needs is missing or unreadable."""
    value = values.get(cond["field"])
    if value in (None, "", [], {}):
        return None
    verdict = True
    if "min_age" in cond or "max_age" in cond:
        age = rules.evaluate({"fn": "age", "args": [{"ref": cond["field"]}]}, values, today)
        if age is None:
            return None
        verdict = verdict and age >= cond.get("min_age", 0)
        verdict = verdict and ("max_age" not in cond or age <= cond["max_age"])
    if "eq" in cond:
        verdict = verdict and rules.holds({"field": cond["field"], "eq": cond["eq"]}, values, today)
    return verdict


def decide_members(
    catalog: Catalog,
    bundle: EventBundle,
    shared: Mapping[str, Any],
    skip: frozenset[str] = frozenset(),
    today: dt.date | None = None,
) -> list[MemberDecision]:
    """For the UI before and while the form is filled, and for the filing itself."""
    today = today or dt.date.today()
    values = shared_values(bundle, shared, today)
    out = []
    for m in bundle.members:
        name = catalog.get(m.item_code).name
        out.append(_decide(m, name, values, skip, today))
    return out


def _decide(
    m: EventMember, name: str, values: Mapping[str, Any], skip: frozenset[str], today: dt.date
) -> MemberDecision:
    if m.optional and m.item_code in skip:
        reason = f"{LEFT_OUT_BY_CHOICE}{m.why_not}" if m.why_not else LEFT_OUT_BY_CHOICE
        return MemberDecision(m.item_code, name, False, reason, optional=True)
    if m.condition is not None:
        holds = _condition_holds(m.condition, values, today)
        if holds is None:
            return MemberDecision(
                m.item_code, name, False, m.why_not, optional=m.optional, undecided=True
            )
        if not holds:
            return MemberDecision(m.item_code, name, False, m.why_not, optional=m.optional)
    return MemberDecision(m.item_code, name, True, optional=m.optional)


def member_payload(
    bundle: EventBundle,
    item: CatalogItem,
    shared: Mapping[str, Any],
    own: Mapping[str, Any],
    today: dt.date,
) -> dict[str, Any]:
    """The member's answers: its own fields as entered under it, then every mapped field
    from the shared answers (a mapped field is never typed twice: the shared answer wins)."""
    sources = bundle.sources(item.code)
    out = {k: v for k, v in own.items() if k not in sources}
    values = shared_values(bundle, shared, today)
    for key, s in sources.items():
        if s.kind == "field":
            value = shared.get(s.field)
        elif s.kind == "value":
            value = s.value
        elif s.kind == "derive":
            value = rules.evaluate(s.value, values, today)
        else:  # from_result: the department fills it in; compute: the form computes it
            continue
        if value not in (None, ""):
            out[key] = value
    return out


def bind_member_files(
    bundle: EventBundle,
    item: CatalogItem,
    form: FormDefinition,
    payload: dict[str, Any],
    refs: Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, Any]:
    """Put the file references of each bundle material (``refs``: material id → refs) into
    the member's file fields of that material."""
    out = dict(payload)
    for f in form.file_fields():
        mat = bundle.material_for(item.code, f.material)
        if mat is not None and refs.get(mat.id):
            out[f.key] = [dict(r) for r in refs[mat.id]]
    return out


def check_member(
    bundle: EventBundle, item: CatalogItem, payload: Mapping[str, Any], today: dt.date
) -> tuple[dict[str, Any], dict[str, str]]:
    """``forms.engine.validate`` with the member's form (from_result fields relaxed)."""
    return validate(member_form(bundle, item), payload, today)
