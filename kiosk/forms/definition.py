"""Form definitions: the declarative, versioned description of one item's form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FIELD_TYPES = frozenset(
    {
        "text",
        "textarea",
        "number",
        "date",
        "select",
        "yesno",
        "id_number",
        "mobile",
        "uscc",
        "bank_card",
    }
)


@dataclass(frozen=True)
class FieldDef:
    key: str
    type: str
    label: str
    required: bool = False
    personal: bool = False  # personal data: encrypted at rest, masked on screens and logs
    help: str = ""
    options: tuple[str, ...] = ()
    max_length: int | None = None
    min: float | None = None
    max: float | None = None
    visible_if: dict[str, str | bool] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FieldDef:
        return cls(
            key=data["key"],
            type=data["type"],
            label=data["label"],
            required=bool(data.get("required", False)),
            personal=bool(data.get("personal", False)),
            help=data.get("help", ""),
            options=tuple(data.get("options", ())),
            max_length=data.get("max_length"),
            min=data.get("min"),
            max=data.get("max"),
            visible_if=dict(data.get("visible_if", {})),
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "type": self.type,
            "label": self.label,
            "required": self.required,
        }
        if self.options:
            out["options"] = list(self.options)
        return out


@dataclass(frozen=True)
class FormDefinition:
    version: int
    fields: tuple[FieldDef, ...]
    checks: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormDefinition:
        return cls(
            version=int(data["version"]),
            fields=tuple(FieldDef.from_json(f) for f in data["fields"]),
            checks=tuple(data.get("checks", ())),
        )

    def field(self, key: str) -> FieldDef:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def first_of_type(self, type_: str) -> FieldDef | None:
        return next((f for f in self.fields if f.type == type_), None)
