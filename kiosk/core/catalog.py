"""The service catalog (事项库): items, their guides and their form definitions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from kiosk.core.errors import InputError, NotFound
from kiosk.forms.definition import FormDefinition
from kiosk.paths import assets_dir

ITEM_TYPES = {
    "01": "行政许可",
    "02": "行政处罚",
    "03": "行政强制",
    "04": "行政征收",
    "05": "行政给付",
    "06": "行政检查",
    "07": "行政确认",
    "08": "行政奖励",
    "09": "行政裁决",
    "10": "其他行政权力",
    "20": "公共服务",
}


@dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    item_type: str
    department: str
    promised_days: int
    case_kind: str
    proxy_allowed: bool
    form: FormDefinition
    aliases: tuple[str, ...] = ()
    guide: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CatalogItem:
        return cls(
            code=data["code"],
            name=data["name"],
            item_type=data["item_type"],
            department=data["department"],
            promised_days=int(data["promised_days"]),
            case_kind=data["case_kind"],
            proxy_allowed=bool(data["proxy_allowed"]),
            form=FormDefinition.from_json(data["form"]),
            aliases=tuple(data.get("aliases", ())),
            guide=dict(data.get("guide", {})),
            raw=data,
        )


@cache
def _item_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (assets_dir() / "catalog" / "item.schema.json").read_text("utf-8")
    )
    return schema


def parse_item(data: dict[str, Any], source: str = "<data>") -> CatalogItem:
    try:
        jsonschema.validate(data, _item_schema())
    except jsonschema.ValidationError as exc:
        path = "/".join(str(p) for p in exc.absolute_path)
        raise InputError(
            f"事项目录文件 {source} 格式不正确（{path}）。请重新导入正确的目录文件。",
            f"catalog item {source} fails schema at {path}: {exc.message}",
        ) from exc
    return CatalogItem.from_json(data)


class Catalog:
    """All items known to this station, by code."""

    def __init__(self, items: list[CatalogItem]) -> None:
        self._items = {i.code: i for i in items}

    @classmethod
    def load_dir(cls, folder: Path) -> Catalog:
        items = []
        for path in sorted(folder.glob("*.json")):
            items.append(parse_item(json.loads(path.read_text("utf-8")), path.name))
        return cls(items)

    @classmethod
    def shipped(cls) -> Catalog:
        return cls.load_dir(assets_dir() / "catalog" / "items")

    def get(self, code: str) -> CatalogItem:
        try:
            return self._items[code]
        except KeyError:
            raise NotFound(
                f"找不到事项编码 {code}，请核对编码或先更新事项目录。",
                f"unknown item code {code!r}",
            ) from None

    def items(self) -> list[CatalogItem]:
        return sorted(self._items.values(), key=lambda i: i.code)
