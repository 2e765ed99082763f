"""Form definitions: the declarative, versioned description of one item's form.

The JSON shape is ``assets/catalog/item.schema.json`` (``form``) and docs/catalog.md. Parsing
also checks what a JSON schema cannot: unique keys, conditions that name real fields,
attachments bound to a material, checks pointing at fields of the right type.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.forms import rules
from kiosk.forms.divisions import LEVELS, DivisionTable

FIELD_TYPES = frozenset(
    {
        "text",
        "textarea",
        "number",
        "date",
        "select",
        "multiselect",
        "yesno",
        "id_number",
        "mobile",
        "uscc",
        "bank_card",
        "address",
        "group",
        "attachment",
        "signature",
    }
)
FILE_TYPES = frozenset({"attachment", "signature"})


class FormDefinitionError(ValueError):
    """A form definition is inconsistent (English message for the technician's log)."""


@dataclass(frozen=True)
class Constraint:
    rule: dict[str, Any]
    message: str


@dataclass(frozen=True)
class Rule:
    """A form-level check: when ``when`` holds (or always), ``assert_`` must hold."""

    assert_: dict[str, Any]
    field: str
    message: str
    when: dict[str, Any] | None = None


@dataclass(frozen=True)
class IdCheck:
    """Sex and birth date must agree with the 身份证号 (GB 11643 encodes both)."""

    id: str
    sex: str | None = "sex"
    birth_date: str | None = "birth_date"


@dataclass(frozen=True)
class FieldDef:
    key: str
    type: str
    label: str
    required: bool = False
    personal: bool = False  # personal data: encrypted at rest, masked on screens and logs
    help: str = ""
    placeholder: str = ""
    options: tuple[str, ...] = ()
    max_length: int | None = None
    min_length: int | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: str = ""
    min_date: str | None = None  # ISO date or "today"
    max_date: str | None = None
    visible_if: dict[str, Any] = field(default_factory=dict)  # a condition; {} = always
    required_if: dict[str, Any] | None = None
    constraints: tuple[Constraint, ...] = ()
    compute: Any = None  # an expression: the field is computed, never typed in
    material: str = ""  # attachment/signature: the 申请材料 it provides
    accept: tuple[str, ...] = ()  # attachment file extensions, lower case, no dot
    max_files: int | None = None
    level: str = "county"  # address: the finest division level that must be chosen
    root: str = ""  # address: only divisions under this code
    fields: tuple[FieldDef, ...] = ()  # group: the fields of one row
    min_items: int | None = None  # group rows / multiselect choices
    max_items: int | None = None
    item_label: str = ""  # group: what one row is called (家庭成员)
    unique: tuple[str, ...] = ()  # group: row fields that must differ between rows
    checks: tuple[IdCheck, ...] = ()  # group: checks applied to each row
    default: Any = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def computed(self) -> bool:
        return self.compute is not None

    @property
    def is_file(self) -> bool:
        return self.type in FILE_TYPES

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldDef:
        visible = data.get("visible_if") or {}
        if visible and not rules.is_condition(visible):
            visible = rules.legacy_visible_if(visible)
        return cls(
            key=data["key"],
            type=data["type"],
            label=data["label"],
            required=bool(data.get("required", False)),
            personal=bool(data.get("personal", False)),
            help=data.get("help", ""),
            placeholder=data.get("placeholder", ""),
            options=tuple(data.get("options", ())),
            max_length=data.get("max_length"),
            min_length=data.get("min_length"),
            min=data.get("min"),
            max=data.get("max"),
            integer=bool(data.get("integer", False)),
            unit=data.get("unit", ""),
            min_date=data.get("min_date"),
            max_date=data.get("max_date"),
            visible_if=dict(visible),
            required_if=data.get("required_if"),
            constraints=tuple(
                Constraint(c["rule"], c["message"]) for c in data.get("constraints", ())
            ),
            compute=data.get("compute"),
            material=data.get("material", ""),
            accept=tuple(a.lower().lstrip(".") for a in data.get("accept", ())),
            max_files=data.get("max_files"),
            level=data.get("level", "county"),
            root=data.get("root", ""),
            fields=tuple(FieldDef.from_json(f) for f in data.get("fields", ())),
            min_items=data.get("min_items"),
            max_items=data.get("max_items"),
            item_label=data.get("item_label", ""),
            unique=tuple(data.get("unique", ())),
            checks=tuple(_parse_check(c) for c in data.get("checks", ())),
            default=data.get("default"),
            raw=copy.deepcopy(dict(data)),
        )

    def to_json(self) -> dict[str, Any]:
        """The definition as JSON (what ``kiosk catalog show`` prints, round-trips)."""
        out = copy.deepcopy(self.raw) or {"key": self.key, "type": self.type, "label": self.label}
        out["required"] = self.required
        if self.options:
            out["options"] = list(self.options)
        if self.fields:
            out["fields"] = [f.to_json() for f in self.fields]
        return out

    def subfield(self, key: str) -> FieldDef:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


def _parse_check(data: Any) -> IdCheck:
    if data == "id_birth_sex_agree":
        return IdCheck(id="")  # the form's first 身份证号 field, resolved by the form
    if isinstance(data, Mapping) and data.get("check") == "id_matches":
        return IdCheck(id=data["id"], sex=data.get("sex"), birth_date=data.get("birth_date"))
    raise FormDefinitionError(f"unknown check {data!r}")


@dataclass(frozen=True)
class FormDefinition:
    version: int
    fields: tuple[FieldDef, ...]
    checks: tuple[IdCheck, ...] = ()
    rules: tuple[Rule, ...] = ()
    note: str = ""  # what changed in this version, for agents moving a draft
    divisions: DivisionTable | None = field(default=None, compare=False, repr=False)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], divisions: DivisionTable | None = None
    ) -> FormDefinition:
        fields = tuple(FieldDef.from_json(f) for f in data["fields"])
        first_id = next((f.key for f in fields if f.type == "id_number"), "")
        checks = tuple(
            IdCheck(first_id, c.sex, c.birth_date) if not c.id else c
            for c in (_parse_check(c) for c in data.get("checks", ()))
        )
        form = cls(
            version=int(data["version"]),
            fields=fields,
            checks=checks,
            rules=tuple(
                Rule(r["assert"], r["field"], r["message"], r.get("when"))
                for r in data.get("rules", ())
            ),
            note=data.get("note", ""),
            divisions=divisions,
            raw=copy.deepcopy(dict(data)),
        )
        form._check_consistency()
        return form

    def to_json(self) -> dict[str, Any]:
        out = copy.deepcopy(self.raw)
        out["version"] = self.version
        out["fields"] = [f.to_json() for f in self.fields]
        return out

    def field(self, key: str) -> FieldDef:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def first_of_type(self, type_: str) -> FieldDef | None:
        return next((f for f in self.fields if f.type == type_), None)

    def file_fields(self) -> list[FieldDef]:
        return [f for f in self.fields if f.is_file]

    def all_fields(self) -> Iterator[tuple[str, FieldDef]]:
        """Every field with its path (``members.id_number`` for a group's row field)."""
        for f in self.fields:
            yield f.key, f
            for sub in f.fields:
                yield f"{f.key}.{sub.key}", sub

    # --- consistency ---------------------------------------------------------------------------
    def _check_consistency(self) -> None:
        top = _check_fields(self.fields, set(), f"form v{self.version}")
        for check in self.checks:
            _check_id_check(check, {f.key: f for f in self.fields}, "form checks")
        for i, rule in enumerate(self.rules):
            where = f"rules[{i}]"
            rules.check_condition(rule.assert_, where)
            if rule.when is not None:
                rules.check_condition(rule.when, f"{where}.when")
            refs = set(rules.condition_refs(rule.assert_))
            refs |= set(rules.condition_refs(rule.when or {}))
            _known(refs | {rule.field}, top, where)


def _known(refs: set[str], keys: set[str], where: str) -> None:
    unknown = refs - keys
    if unknown:
        raise FormDefinitionError(f"{where}: unknown field(s) {sorted(unknown)}")


def _check_id_check(check: IdCheck, by_key: Mapping[str, FieldDef], where: str) -> None:
    if check.id not in by_key or by_key[check.id].type != "id_number":
        raise FormDefinitionError(f"{where}: id check needs an id_number field, got {check.id!r}")
    if check.sex and check.sex in by_key and by_key[check.sex].type != "select":
        raise FormDefinitionError(f"{where}: {check.sex!r} must be a select (男/女)")
    if check.birth_date and check.birth_date in by_key and by_key[check.birth_date].type != "date":
        raise FormDefinitionError(f"{where}: {check.birth_date!r} must be a date")


def _check_fields(fields: tuple[FieldDef, ...], outer: set[str], where: str) -> set[str]:
    """Check one level of fields; returns the keys visible to rules at this level."""
    keys = [f.key for f in fields]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise FormDefinitionError(f"{where}: duplicate field keys {sorted(dupes)}")
    scope = outer | set(keys)
    for f in fields:
        here = f"{where}.{f.key}"
        if f.type not in FIELD_TYPES:
            raise FormDefinitionError(f"{here}: unknown type {f.type!r}")
        if f.type in {"select", "multiselect"} and not f.options:
            raise FormDefinitionError(f"{here}: a {f.type} needs options")
        if f.is_file and not f.material:
            raise FormDefinitionError(f"{here}: an {f.type} must name its material")
        if f.type == "address" and f.level not in LEVELS:
            raise FormDefinitionError(f"{here}: level must be one of {LEVELS}")
        if f.type == "group":
            if not f.fields:
                raise FormDefinitionError(f"{here}: a group needs row fields")
            _check_fields(f.fields, scope, here)
            missing = set(f.unique) - {s.key for s in f.fields}
            if missing:
                raise FormDefinitionError(f"{here}: unique names unknown fields {missing}")
            for check in f.checks:
                _check_id_check(check, {s.key: s for s in f.fields}, here)
        elif f.fields:
            raise FormDefinitionError(f"{here}: only a group has row fields")
        for name, cond in (("visible_if", f.visible_if), ("required_if", f.required_if)):
            if cond:
                rules.check_condition(cond, f"{here}.{name}")
                _known(set(rules.condition_refs(cond)), scope, f"{here}.{name}")
                if f.key in set(rules.condition_refs(cond)):
                    raise FormDefinitionError(f"{here}.{name}: a field cannot depend on itself")
        for i, c in enumerate(f.constraints):
            cond = dict(c.rule)
            _fill_self(cond, f.key)
            rules.check_condition(cond, f"{here}.constraints[{i}]")
            _known(set(rules.condition_refs(cond)), scope, f"{here}.constraints[{i}]")
        if f.compute is not None:
            rules.check_expression(f.compute, f"{here}.compute")
            _known(set(rules.expression_refs(f.compute)), scope, f"{here}.compute")
        for bound in (f.min_date, f.max_date):
            if bound is not None and bound != "today" and not _iso_date(bound):
                raise FormDefinitionError(f"{here}: min_date/max_date is an ISO date or 'today'")
    return scope


def _fill_self(cond: dict[str, Any], key: str) -> None:
    """A field's constraint may leave out ``field``: it then means the field itself."""
    for k in ("all", "any"):
        for part in cond.get(k, []):
            _fill_self(part, key)
    if "not" in cond:
        _fill_self(cond["not"], key)
    if not ({"all", "any", "not", "field"} & set(cond)):
        cond["field"] = key


def constraint_condition(constraint: Constraint, key: str) -> dict[str, Any]:
    cond = copy.deepcopy(constraint.rule)
    _fill_self(cond, key)
    return cond


def _iso_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
