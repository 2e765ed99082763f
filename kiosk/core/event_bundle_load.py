"""Reading event bundles: schema validation (``assets/catalog/event.schema.json``, whose form
is the item schema's), building, and the folder ``assets/catalog/events/``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.errors import InputError
from kiosk.core.event_bundle import EventBundle, bundle_problems
from kiosk.forms.definition import FormDefinitionError
from kiosk.forms.divisions import DivisionTable
from kiosk.forms.rules import RuleError
from kiosk.paths import assets_dir

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from kiosk.core.catalog import CatalogItem

EVENTS_DIR = "events"  # under a catalog folder


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((assets_dir() / "catalog" / name).read_text("utf-8"))
    return data


@cache
def _validator() -> Draft202012Validator:
    import jsonschema  # only when something is validated: it costs start-up time
    from referencing import Registry, Resource

    item, event = _schema("item.schema.json"), _schema("event.schema.json")
    jsonschema.Draft202012Validator.check_schema(event)
    registry: Registry[Any] = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in (item, event)]
    )
    return jsonschema.Draft202012Validator(event, registry=registry)


def bad_bundle(source: str, path: str, en: str) -> InputError:
    return InputError(
        f"“一件事”目录文件 {source} 格式不正确（{path}）。请重新导入正确的目录文件。",
        f"event bundle {source} is invalid at {path}: {en}",
    )


def parse_event_bundle(
    data: Mapping[str, Any],
    source: str = "<event bundle>",
    divisions: DivisionTable | None = None,
    items: Mapping[str, CatalogItem] | None = None,
    schema_check: bool = True,
) -> EventBundle:
    """Validate one event bundle (schema, its form, and against ``items`` when given)."""
    if schema_check:
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            exc = errors[0]
            raise bad_bundle(source, "/".join(map(str, exc.absolute_path)), exc.message)
    try:
        bundle = EventBundle.from_json(data, divisions)
    except (FormDefinitionError, RuleError) as exc:
        raise bad_bundle(source, "form", str(exc)) from exc
    if items is not None:
        for problem in bundle_problems(bundle, items):
            raise bad_bundle(source, problem.split(":")[0], problem)
    return bundle


def load_event_dir(
    folder: Path,
    items: Mapping[str, CatalogItem],
    divisions: DivisionTable | None = None,
    schema_check: bool = True,
) -> list[EventBundle]:
    """Every ``*.json`` of ``folder`` (none if it does not exist), checked against ``items``."""
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.json")):
        out.append(
            parse_event_bundle(
                json.loads(path.read_text("utf-8")),
                path.name,
                divisions,
                items,
                schema_check=schema_check,
            )
        )
    codes = [b.code for b in out]
    if len(set(codes)) != len(codes):
        raise bad_bundle(folder.name, "code", "two event bundles share a code")
    return out
