"""Catalog bundles: one file carrying a whole catalog version (hub pull or USB stick).

Format (docs/catalog.md, ``assets/catalog/bundle.schema.json``)::

    {"format": "village-kiosk-catalog", "format_version": 1,
     "version": "2026.11.1", "released": "2026-11-20",
     "synonyms": [["低保", "最低生活保障"], ...],
     "divisions": {"33": "浙江省", ...},            # optional: keeps the station's table
     "items": [ITEM, ...],                          # item.schema.json, with form_history
     "retired": [{"code", "name", "forms": [FORM, ...]}],
     "event_bundles": [EVENT, ...],                 # event.schema.json (一件事)
     "sha256": "…"}                                 # of everything else, canonical JSON

``import_catalog(bundle, data_dir)`` checks everything before it changes anything, refuses a
version older than the installed one, is a no-op for the same version, and keeps every form
version drafts may still use (superseded forms move into ``form_history``; withdrawn items
into ``retired``). The installed catalog is ``<data_dir>/catalog/current.json``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.catalog import Catalog, RetiredItem, parse_item, version_key
from kiosk.core.catalog_source import INDEX_FILE, INSTALLED, source_fingerprint
from kiosk.core.errors import InputError
from kiosk.core.event_bundle_load import parse_event_bundle
from kiosk.forms.definition import FormDefinition, FormDefinitionError
from kiosk.forms.divisions import DivisionTable
from kiosk.forms.rules import RuleError
from kiosk.paths import assets_dir

log = logging.getLogger(__name__)

FORMAT = "village-kiosk-catalog"
FORMAT_VERSION = 1
MAX_BUNDLE_BYTES = 200 * 1024 * 1024


def _canonical(data: Mapping[str, Any]) -> bytes:
    body = {k: v for k, v in data.items() if k != "sha256"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def export_bundle(catalog: Catalog) -> dict[str, Any]:
    """The catalog as a bundle (what the hub serves and a township copies to USB)."""
    bundle: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "version": catalog.version,
        "released": catalog.released,
        "synonyms": [list(g) for g in catalog.synonyms],
        "items": [item.to_json() for item in catalog.items()],
        "retired": [
            {"code": r.code, "name": r.name, "forms": [f.to_json() for f in r.forms]}
            for r in sorted(catalog.retired.values(), key=lambda r: r.code)
        ],
    }
    if catalog.divisions is not None:
        bundle["divisions"] = catalog.divisions.to_json()
    if catalog.events_declared:
        bundle["event_bundles"] = [b.to_json() for b in catalog.event_bundles()]
    bundle["sha256"] = hashlib.sha256(_canonical(bundle)).hexdigest()
    return bundle


def bundle_bytes(catalog: Catalog) -> bytes:
    return json.dumps(export_bundle(catalog), ensure_ascii=False, indent=1).encode("utf-8")


@cache
def _bundle_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (assets_dir() / "catalog" / "bundle.schema.json").read_text("utf-8")
    )
    return schema


def _refuse(zh: str, en: str) -> InputError:
    return InputError(zh + "本机目录未作任何改动。", en)


def _load_json(source: bytes | str | Path | Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    if isinstance(source, Mapping):
        return dict(source), "<bundle>"
    name = "<bundle>"
    if isinstance(source, str | Path):
        path = Path(source)
        name = path.name
        try:
            if path.stat().st_size > MAX_BUNDLE_BYTES:
                raise _refuse(f"目录文件 {name} 过大，不是有效的事项目录。", "bundle too large")
            source = path.read_bytes()
        except OSError as exc:
            raise InputError(
                f"无法读取目录文件 {name}，请确认U盘已插好、文件未损坏。",
                f"cannot read catalog bundle {name}: {exc.strerror}",
            ) from exc
    try:
        data = json.loads(source.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(
            f"目录文件 {name} 已损坏或不完整（可能复制时中断），请重新拷贝。",
            f"catalog bundle {name} is not valid JSON: {exc}",
        ) from exc
    if not isinstance(data, dict):
        raise _refuse(f"{name} 不是事项目录文件。", "bundle is not a JSON object")
    return data, name


def parse_bundle(source: bytes | str | Path | Mapping[str, Any]) -> Catalog:
    """Check a bundle completely and build its catalog (nothing is written)."""
    data, name = _load_json(source)
    if data.get("format") != FORMAT:
        raise _refuse(f"{name} 不是事项目录文件。", f"{name}: format is not {FORMAT}")
    if data.get("format_version") != FORMAT_VERSION:
        raise _refuse(
            f"目录文件 {name} 的格式版本较新，请先升级本软件后再导入。",
            f"{name}: unsupported format_version {data.get('format_version')!r}",
        )
    import jsonschema  # imported only when a bundle is checked (start-up time)

    try:
        jsonschema.validate(data, _bundle_schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise _refuse(
            f"目录文件 {name} 格式不正确（{where}），请向县级管理员索取正确的目录文件。",
            f"{name} fails the bundle schema at {where}: {exc.message}",
        ) from exc
    if hashlib.sha256(_canonical(data)).hexdigest() != data["sha256"]:
        raise _refuse(
            f"目录文件 {name} 的校验值不符（文件被改动或损坏），请重新拷贝。",
            f"{name}: sha256 mismatch",
        )
    try:
        divisions = DivisionTable.from_json(data["divisions"]) if "divisions" in data else None
    except ValueError as exc:
        raise _refuse(f"目录文件 {name} 中的行政区划有误。", f"{name}: {exc}") from exc
    items = [
        parse_item(item, f"{name}#{item.get('code', i)}", divisions)
        for i, item in enumerate(data["items"])
    ]
    codes = [i.code for i in items]
    if len(set(codes)) != len(codes):
        raise _refuse(f"目录文件 {name} 中有重复的事项编码。", f"{name}: duplicate item codes")
    try:
        retired = [
            RetiredItem(
                r["code"],
                r["name"],
                tuple(FormDefinition.from_json(f, divisions) for f in r["forms"]),
            )
            for r in data.get("retired", [])
        ]
    except (FormDefinitionError, RuleError) as exc:
        raise _refuse(f"目录文件 {name} 中停用事项的表单有误。", f"{name}: {exc}") from exc
    by_code = {i.code: i for i in items}
    events = (
        [
            parse_event_bundle(e, f"{name}#{e.get('code', i)}", divisions, by_code)
            for i, e in enumerate(data["event_bundles"])
        ]
        if "event_bundles" in data
        else None
    )
    return Catalog(
        items,
        version=data["version"],
        released=data.get("released", ""),
        synonyms=data.get("synonyms", []),
        divisions=divisions,
        retired=retired,
        event_bundles=events,
    )


def merge_history(older: Catalog, newer: Catalog) -> Catalog:
    """``newer``, plus every form version of ``older`` it no longer carries."""
    items = []
    for item in newer.items():
        known = {f.version for f in (item.form, *item.form_history)}
        extra: list[FormDefinition] = []
        sources: list[FormDefinition] = []
        prior = next((c for c in item.codes if c in older), None)  # a former code too
        retired_as = next((c for c in item.codes if c in older.retired), None)
        if prior is not None:
            old = older.get(prior)
            sources = [old.form, *old.form_history]
        elif retired_as is not None:
            sources = list(older.retired[retired_as].forms)
        for f in sources:
            if f.version not in known and f.version < item.form.version:
                extra.append(dataclasses.replace(f, divisions=newer.divisions))
                known.add(f.version)
        history = tuple(sorted((*item.form_history, *extra), key=lambda f: f.version))
        items.append(dataclasses.replace(item, form_history=history))
    retired = dict(newer.retired)
    for old_item in older.items():
        if old_item.code not in newer and old_item.code not in retired:
            retired[old_item.code] = RetiredItem(
                old_item.code, old_item.name, (*old_item.form_history, old_item.form)
            )
    for code, r in older.retired.items():
        if code not in newer and code not in retired:
            retired[code] = r
    return Catalog(
        items,
        version=newer.version,
        released=newer.released,
        synonyms=newer.synonyms,
        divisions=newer.divisions or older.divisions,
        retired=retired.values(),
        # a file that says nothing of 一件事 keeps the bundles the station had (those whose
        # members it still offers: Catalog drops the others)
        event_bundles=(newer if newer.events_declared else older).event_bundles(),
    )


def installed_path(data_dir: Path) -> Path:
    return data_dir / INSTALLED


def _installed(data_dir: Path) -> Catalog | None:
    path = installed_path(data_dir)
    if not path.exists():
        return None
    try:
        return parse_bundle(path)
    except InputError as exc:  # never leave a station without a catalog
        log.error("installed catalog unusable, using the shipped one: %s", exc.en)
        return None


def load_catalog(data_dir: Path) -> Catalog:
    """The station's catalog: the newer of the installed and the shipped one, with the
    form history of both (drafts keep their form version across updates and app upgrades)."""
    shipped = Catalog.shipped()
    installed = _installed(data_dir)
    if installed is None:
        catalog = shipped
    elif version_key(installed.version) >= version_key(shipped.version):
        catalog = merge_history(shipped, installed)
    else:
        catalog = merge_history(installed, shipped)
    catalog.index_path = data_dir / INDEX_FILE
    catalog.source_fingerprint = source_fingerprint(data_dir)
    return catalog


def import_catalog(source: bytes | str | Path | Mapping[str, Any], data_dir: Path) -> str:
    """Install a catalog bundle for this station; returns the version now installed."""
    new = parse_bundle(source)
    current = load_catalog(data_dir)
    if version_key(new.version) < version_key(current.version):
        raise _refuse(
            f"目录文件的版本（{new.version}）比本机目录（{current.version}）旧，无需导入。",
            f"bundle version {new.version} is older than installed {current.version}",
        )
    merged = merge_history(current, new)
    if new.version == current.version:
        if merged.content_hash() == current.content_hash():
            return current.version
        raise _refuse(
            f"目录文件与本机目录版本号相同（{new.version}）但内容不同，请向县级管理员核实。",
            f"bundle {new.version} differs from the installed catalog of the same version",
        )
    atomic_write_bytes(installed_path(data_dir), bundle_bytes(merged), mode=0o644)
    log.info("catalog %s installed (was %s)", new.version, current.version)
    return new.version
