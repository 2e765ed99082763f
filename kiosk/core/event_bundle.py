"""一件事 event bundles (issue 19): several catalog items filed together for one life event.

An event bundle (``assets/catalog/events/*.json``, ``assets/catalog/event.schema.json``,
docs/catalog.md §11) names its **members** (catalog items; some ``optional``, some with a
``condition`` such as ``{"field": "id_number", "min_age": 80}`` and the ``why_not`` text said
when it does not hold), its own **form** (every shared field once, in the item form format),
the **field map** (for each member: member field ← its source) and its **materials**
(deduplicated by material id: one scan serves every member that needs it).

A source in the field map is one of:

* ``"KEY"``: the bundle form's field KEY;
* ``{"value": V}``: a constant (医保参保的人员类别 is 新生儿 in the birth bundle);
* ``{"from_result": ITEM_CODE, "field": KEY}``: known only once an earlier member is done
  (the baby's 身份证号 after 落户): the station leaves it empty and does not require it, the
  department fills it in (the 委托书 says so);
* ``{"derive": EXPR}``: an expression over the bundle form's answers (女方出生日期 from her
  身份证号: ``{"fn": "birth_date", "args": [{"ref": "mother_id_number"}]}``);
* ``{"compute": EXPR}``: for a computed member field, how to compute it from what the
  station has (the baby's age from its birth date instead of its missing 身份证号).

The bundle's members are checked against the catalog's items when a catalog is loaded
(:func:`bundle_problems`); the hub and the station validate a member with
:func:`member_form`, its item form with the ``from_result`` fields relaxed.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.forms import rules
from kiosk.forms.definition import FieldDef, FormDefinition
from kiosk.forms.divisions import DivisionTable

if TYPE_CHECKING:
    from kiosk.core.catalog import Catalog, CatalogItem


@dataclass(frozen=True)
class FieldSource:
    """Where one member field's value comes from (see the module docstring)."""

    kind: str  # "field" | "value" | "from_result" | "derive" | "compute"
    field: str = ""  # kind field: the bundle field; from_result: the earlier member's field
    value: Any = None  # kind value: the constant; derive, compute: the expression
    member: str = ""  # kind from_result: the earlier member's item code
    note: str = ""  # kind from_result: what the paper says instead (待落户后由部门补录)

    @classmethod
    def from_json(cls, data: Any) -> FieldSource:
        if isinstance(data, str):
            return cls("field", field=data)
        if "value" in data:
            return cls("value", value=copy.deepcopy(data["value"]))
        if "from_result" in data:
            return cls(
                "from_result",
                field=str(data.get("field", "")),
                member=data["from_result"],
                note=str(data.get("note", "")),
            )
        if "derive" in data:
            return cls("derive", value=copy.deepcopy(data["derive"]))
        return cls("compute", value=copy.deepcopy(data["compute"]))


@dataclass(frozen=True)
class EventMember:
    item_code: str
    optional: bool = False  # the resident may leave it out
    condition: dict[str, Any] | None = None  # over the bundle form's answers
    why_not: str = ""  # said when it does not apply (condition false, or left out)
    note: str = ""


@dataclass(frozen=True)
class EventMaterial:
    """One document the resident brings (or one scan) for every member naming it."""

    id: str
    name: str
    members: tuple[tuple[str, str], ...]  # (item code, the material's name in that item)
    form: str = ""  # 原件 / 复印件 …
    note: str = ""

    def name_in(self, item_code: str) -> str | None:
        return next((n for c, n in self.members if c == item_code), None)


@dataclass(frozen=True)
class EventBundle:
    code: str
    name: str
    life_event: str
    description: str
    version: int
    members: tuple[EventMember, ...]
    form: FormDefinition
    field_map: Mapping[str, Mapping[str, FieldSource]]  # item code → member field → source
    materials: tuple[EventMaterial, ...]
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], divisions: DivisionTable | None = None
    ) -> EventBundle:
        return cls(
            code=data["code"],
            name=data["name"],
            life_event=data["life_event"],
            description=data["description"],
            version=int(data["version"]),
            members=tuple(
                EventMember(
                    item_code=m["item_code"],
                    optional=bool(m.get("optional", False)),
                    condition=copy.deepcopy(m.get("condition")),
                    why_not=m.get("why_not", ""),
                    note=m.get("note", ""),
                )
                for m in data["members"]
            ),
            form=FormDefinition.from_json(data["form"], divisions),
            field_map={
                code: {k: FieldSource.from_json(v) for k, v in mapping.items()}
                for code, mapping in data["field_map"].items()
            },
            materials=tuple(
                EventMaterial(
                    id=m["id"],
                    name=m["name"],
                    members=tuple((c, n) for c, n in m["members"].items()),
                    form=m.get("form", ""),
                    note=m.get("note", ""),
                )
                for m in data["materials"]
            ),
            short_name=data.get("short_name", ""),
            aliases=tuple(data.get("aliases", ())),
            raw=copy.deepcopy(dict(data)),
        )

    def to_json(self) -> dict[str, Any]:
        return copy.deepcopy(self.raw)

    @property
    def member_codes(self) -> tuple[str, ...]:
        return tuple(m.item_code for m in self.members)

    def member(self, item_code: str) -> EventMember:
        for m in self.members:
            if m.item_code == item_code:
                return m
        raise KeyError(item_code)

    def sources(self, item_code: str) -> Mapping[str, FieldSource]:
        return self.field_map.get(item_code, {})

    def own_fields(self, item: CatalogItem) -> list[FieldDef]:
        """The member's fields the bundle form does not ask: asked under the member."""
        mapped = self.sources(item.code)
        return [
            f for f in item.form.fields if f.key not in mapped and not f.computed and not f.is_file
        ]

    def from_result_fields(self, item_code: str) -> list[str]:
        return [k for k, s in self.sources(item_code).items() if s.kind == "from_result"]

    def material_for(self, item_code: str, material_name: str) -> EventMaterial | None:
        return next((m for m in self.materials if m.name_in(item_code) == material_name), None)


@dataclass(frozen=True)
class PendingField:
    """A member field the department fills in from an earlier member's result."""

    key: str
    label: str
    note: str  # for the paper (委托书, receipt) in place of the value


def pending_fields(bundle: EventBundle, catalog: Catalog, item_code: str) -> list[PendingField]:
    """The member's ``from_result`` fields, each with what the paper says instead."""
    item = catalog.get(item_code)
    out = []
    for key, s in bundle.sources(item_code).items():
        if s.kind == "from_result":
            earlier = catalog.get(s.member).short_name or catalog.get(s.member).name
            note = s.note or f"待“{earlier}”办结后由部门补录"
            out.append(PendingField(key, item.form.field(key).label, note))
    return out


def member_form(bundle: EventBundle, item: CatalogItem) -> FormDefinition:
    """The form a member is validated with: the item's own form, except that a field filled
    from an earlier member's result is not required here, and a computed field the bundle
    computes otherwise (``compute``) uses the bundle's expression."""
    sources = bundle.sources(item.code)
    if not sources:
        return item.form
    changed = []
    for f in item.form.fields:
        s = sources.get(f.key)
        if s is not None and s.kind == "from_result":
            f = dataclasses.replace(f, required=False, required_if=None, constraints=())
        elif s is not None and s.kind == "compute":
            f = dataclasses.replace(f, compute=copy.deepcopy(s.value))
        changed.append(f)
    return dataclasses.replace(item.form, fields=tuple(changed))


def bundle_problems(bundle: EventBundle, items: Mapping[str, CatalogItem]) -> list[str]:
    """What the schema cannot say: members are offered items, the field map names real
    fields of matching types, materials are the members' own (English, for the log)."""
    out: list[str] = []
    codes = bundle.member_codes
    if len(set(codes)) != len(codes):
        out.append("members: an item is listed twice")
    shared = {f.key: f for f in bundle.form.fields}
    if any(f.is_file for f in bundle.form.fields):
        out.append("form: files are attached as materials, not as form fields")
    for m in bundle.members:
        if m.item_code not in items:
            out.append(f"members: unknown item {m.item_code}")
        elif not items[m.item_code].proxy_allowed:
            out.append(f"members: item {m.item_code} does not allow proxy filing")
        if m.condition is not None:
            on = shared.get(str(m.condition.get("field")))
            if on is None:
                out.append(f"members/{m.item_code}/condition: unknown field")
            elif {"min_age", "max_age"} & set(m.condition) and on.type not in {"id_number", "date"}:
                out.append(f"members/{m.item_code}/condition: an age needs a 身份证号 or a date")
    for code, mapping in bundle.field_map.items():
        if code not in codes or code not in items:
            out.append(f"field_map/{code}: not a member")
            continue
        out += _map_problems(bundle, items[code], mapping, shared, items)
    for mat in bundle.materials:
        for code, name in mat.members:
            item = items.get(code)
            if code not in codes or item is None:
                out.append(f"materials/{mat.id}: {code} is not a member")
            elif name not in {x["name"] for x in item.materials()}:
                out.append(f"materials/{mat.id}: {code} has no material {name!r}")
    pairs = [(c, n) for mat in bundle.materials for c, n in mat.members]
    if len(set(pairs)) != len(pairs):
        out.append("materials: a member's material is named by two bundle materials")
    return out


def _map_problems(
    bundle: EventBundle,
    item: CatalogItem,
    mapping: Mapping[str, FieldSource],
    shared: Mapping[str, FieldDef],
    items: Mapping[str, CatalogItem],
) -> list[str]:
    out = []
    own = {f.key: f for f in item.form.fields}
    earlier = bundle.member_codes[: bundle.member_codes.index(item.code)]
    for key, s in mapping.items():
        where = f"field_map/{item.code}/{key}"
        target = own.get(key)
        if target is None or target.is_file:
            out.append(f"{where}: not a (non-file) field of the item's form")
            continue
        if target.computed and s.kind != "compute":
            out.append(f"{where}: a computed field is computed (give it compute, or leave it)")
        elif s.kind == "field":
            src = shared.get(s.field)
            if src is None:
                out.append(f"{where}: unknown bundle field {s.field!r}")
            elif src.type != target.type:
                out.append(f"{where}: a {src.type} cannot fill a {target.type}")
            elif target.options and not set(src.options) <= set(target.options):
                out.append(f"{where}: options {sorted(set(src.options) - set(target.options))}")
        elif s.kind == "value" and target.options and s.value not in target.options:
            out.append(f"{where}: {s.value!r} is not one of the field's options")
        elif s.kind == "from_result":
            if s.member not in earlier:
                out.append(f"{where}: from_result must name an earlier member")
            elif s.field and s.field not in {k for k, _ in items[s.member].form.all_fields()}:
                out.append(f"{where}: {s.member} has no field {s.field!r}")
        elif s.kind in {"compute", "derive"}:
            if (s.kind == "compute") != target.computed:
                out.append(f"{where}: compute is for computed fields, derive for the others")
            try:
                rules.check_expression(s.value, where)
            except rules.RuleError as exc:
                out.append(str(exc))
            scope = set(own) if s.kind == "compute" else set(shared)
            unknown = set(rules.expression_refs(s.value)) - scope
            if unknown:
                out.append(f"{where}: unknown fields {sorted(unknown)}")
    return out
