"""The service catalog (事项库): items, their guides and their (versioned) form definitions.

The shipped catalog lives in ``assets/catalog/`` (``catalog.json`` for its version and
synonyms, ``divisions.json``, one ``items/*.json`` per item, each validated against
``item.schema.json``). Updates arrive as one bundle file (``kiosk.core.catalog_bundle``).
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.catalog_source import station_prefers_village as station_prefers_village
from kiosk.core.catalog_terms import ITEM_TYPES as ITEM_TYPES
from kiosk.core.catalog_terms import LEVELS_ZH as LEVELS_ZH
from kiosk.core.catalog_terms import LIFE_EVENTS, SUBJECTS, THEMES
from kiosk.core.errors import InputError, NotFound
from kiosk.core.event_bundle import EventBundle as EventBundle
from kiosk.core.event_bundle import bundle_problems
from kiosk.core.event_bundle import member_form as member_form
from kiosk.core.event_bundle_load import EVENTS_DIR, load_event_dir
from kiosk.core.item_identity import ImplementingBody, identity_problems
from kiosk.forms.definition import FormDefinition, FormDefinitionError
from kiosk.forms.divisions import DivisionTable
from kiosk.forms.rules import RuleError, check_condition, condition_refs
from kiosk.paths import assets_dir

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from kiosk.core.search_index import SearchIndex


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
    short_name: str = ""
    accepting_level: str = "county"
    handling_level: str = "county"
    subject: str = "个人"
    themes: tuple[str, ...] = ()
    life_events: tuple[str, ...] = ()
    star_level: int = 3
    legal_days: int | None = None
    fee_fen: int = 0
    delivery: tuple[str, ...] = ()
    form_history: tuple[FormDefinition, ...] = field(default=(), compare=False, repr=False)
    # identity as the province defines it (kiosk.core.item_identity)
    former_codes: tuple[str, ...] = ()
    basic_code: str = ""
    impl_code: str = ""
    handling_codes: tuple[str, ...] = ()
    item_version: str = ""
    implementing_body: ImplementingBody | None = None
    esign_allowed: bool = True

    @classmethod
    def from_json(cls, data: dict[str, Any], divisions: DivisionTable | None = None) -> CatalogItem:
        return cls(
            code=data["code"],
            name=data["name"],
            item_type=data["item_type"],
            department=data["department"],
            promised_days=int(data["promised_days"]),
            case_kind=data["case_kind"],
            proxy_allowed=bool(data["proxy_allowed"]),
            form=FormDefinition.from_json(data["form"], divisions),
            aliases=tuple(data.get("aliases", ())),
            guide=dict(data.get("guide", {})),
            raw=data,
            short_name=data.get("short_name", ""),
            accepting_level=data.get("accepting_level", "county"),
            handling_level=data.get("handling_level", data.get("accepting_level", "county")),
            subject=data.get("subject", "个人"),
            themes=tuple(data.get("themes", ())),
            life_events=tuple(data.get("life_events", ())),
            star_level=int(data.get("star_level", 3)),
            legal_days=data.get("legal_days"),
            fee_fen=int(data.get("fee_fen", 0)),
            delivery=tuple(data.get("delivery", ())),
            form_history=tuple(
                FormDefinition.from_json(f, divisions) for f in data.get("form_history", ())
            ),
            former_codes=tuple(data.get("former_codes", ())),
            basic_code=str(data.get("basic_code", "")),
            impl_code=str(data.get("impl_code", "")),
            handling_codes=tuple(data.get("handling_codes", ())),
            item_version=str(data.get("version", "")),
            implementing_body=(
                ImplementingBody.from_json(data["implementing_body"])
                if data.get("implementing_body")
                else None
            ),
            esign_allowed=bool(data.get("esign_allowed", True)),
        )

    @property
    def item_type_name(self) -> str:
        return ITEM_TYPES[self.item_type]

    @property
    def codes(self) -> tuple[str, ...]:
        """Its code and every code it had before (applications may carry any of them)."""
        return (self.code, *self.former_codes)

    @property
    def accepting_body(self) -> str:
        """受理机关 as printed: the implementing body's name, else the department."""
        return self.implementing_body.name if self.implementing_body else self.department

    @property
    def department_phone(self) -> str:
        body = self.raw.get("implementing_body") or {}
        return str(body.get("phone") or self.guide.get("phone") or "")

    @property
    def village_acceptable(self) -> bool:
        """A village proxy point can take this application (and proxy filing is allowed)."""
        return self.proxy_allowed and self.accepting_level == "village"

    @property
    def form_versions(self) -> list[int]:
        return sorted({self.form.version, *(f.version for f in self.form_history)})

    def form_version(self, version: int) -> FormDefinition:
        if version == self.form.version:
            return self.form
        for f in self.form_history:
            if f.version == version:
                return f
        raise NotFound(
            f"事项“{self.name}”的第 {version} 版表单已停用，请按新版表单重新填写。",
            f"item {self.code} has no form version {version}",
        )

    def materials(self) -> list[dict[str, Any]]:
        return list(self.guide.get("materials", []))

    def fee_text(self) -> str:
        if self.guide.get("fee"):
            return str(self.guide["fee"])
        return "不收费" if not self.fee_fen else f"{self.fee_fen / 100:.2f} 元"

    def to_json(self) -> dict[str, Any]:
        """The item as stored (the bundle and ``kiosk catalog show`` use this)."""
        out = copy.deepcopy(self.raw)
        out["form"] = self.form.to_json()
        if self.form_history:
            out["form_history"] = [f.to_json() for f in self.form_history]
        return out


@cache
def _item_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (assets_dir() / "catalog" / "item.schema.json").read_text("utf-8")
    )
    import jsonschema  # only when something is validated: it costs start-up time

    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@cache
def _item_validator() -> Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(_item_schema())


def _bad_item(source: str, path: str, en: str) -> InputError:
    return InputError(
        f"事项目录文件 {source} 格式不正确（{path}）。请重新导入正确的目录文件。",
        f"catalog item {source} is invalid at {path}: {en}",
    )


def parse_item(
    data: dict[str, Any],
    source: str = "<data>",
    divisions: DivisionTable | None = None,
    schema_check: bool = True,
) -> CatalogItem:
    """Validate one item (schema + consistency) and build it.

    ``schema_check=False`` only for the catalog shipped inside the package, which the test
    suite validates against the schema: checking 28 items costs a quarter of a second at
    every start on a slow PC. Anything imported (hub, USB) is always checked."""
    errors = (
        sorted(_item_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
        if schema_check
        else []
    )
    if errors:
        exc = errors[0]
        raise _bad_item(source, "/".join(str(p) for p in exc.absolute_path), exc.message)
    try:
        item = CatalogItem.from_json(data, divisions)
    except (FormDefinitionError, RuleError) as exc:
        raise _bad_item(source, "form", str(exc)) from exc
    _check_item(item, source)
    for path, problem in identity_problems(data):
        raise _bad_item(source, path, problem)
    return item


def _check_item(item: CatalogItem, source: str) -> None:
    """What the schema cannot say: materials named by attachments, versions in order."""
    materials = {m["name"] for m in item.materials()}
    for form in (item.form, *item.form_history):
        for f in form.file_fields():
            if f.material not in materials:
                raise _bad_item(
                    source,
                    f"form v{form.version}/{f.key}",
                    f"material {f.material!r} is not in the guide's materials",
                )
    keys = {k for k, _ in item.form.all_fields()}
    for i, m in enumerate(item.materials()):
        if "when" in m:
            try:
                check_condition(m["when"], f"materials[{i}].when")
            except RuleError as exc:
                raise _bad_item(source, f"guide/materials/{i}", str(exc)) from exc
            unknown = set(condition_refs(m["when"])) - keys
            if unknown:
                raise _bad_item(source, f"guide/materials/{i}", f"unknown fields {unknown}")
    versions = [f.version for f in item.form_history]
    if len(set(versions)) != len(versions) or any(v >= item.form.version for v in versions):
        raise _bad_item(source, "form_history", "older versions must be unique and lower")


def version_key(version: str) -> tuple[int, ...]:
    """``"2026.11.2"`` → ``(2026, 11, 2)`` for ordering catalog versions."""
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (-1,)


@dataclass(frozen=True)
class RetiredItem:
    """An item no longer offered, kept so drafts started on it can still be opened."""

    code: str
    name: str
    forms: tuple[FormDefinition, ...]


class Catalog:
    """All items known to this station, by code, at one catalog version."""

    def __init__(
        self,
        items: Iterable[CatalogItem],
        *,
        version: str = "0",
        released: str = "",
        synonyms: Iterable[Iterable[str]] = (),
        divisions: DivisionTable | None = None,
        retired: Iterable[RetiredItem] = (),
        index_path: Path | None = None,
        event_bundles: Iterable[EventBundle] | None = None,
    ) -> None:
        self._items = {i.code: i for i in items}
        # 一件事 (kiosk.core.event_bundle); None: the source said nothing of them (an older
        # catalog file), so an update keeps the bundles it had (catalog_bundle.merge_history)
        self.events_declared = event_bundles is not None
        self._events: dict[str, EventBundle] = {}
        for b in event_bundles or ():
            problems = bundle_problems(b, self._items)
            if problems:  # a member withdrawn or changed by an update: the bundle cannot be filed
                log.warning("event bundle %s left out of catalog %s: %s", b.code, version, problems)
            else:
                self._events[b.code] = b
        # former codes → current code (an item's own current code always wins)
        self._former = {old: i.code for i in self._items.values() for old in i.former_codes}
        for code in self._items:
            self._former.pop(code, None)
        self.version = version
        self.released = released
        self.synonyms: tuple[tuple[str, ...], ...] = tuple(tuple(g) for g in synonyms)
        self.divisions = divisions
        self.retired = {r.code: r for r in retired}
        self.index_path = index_path
        self.prefer_village = False  # set by the station: village items first in search
        self.source_fingerprint = ""  # of the files read (catalog_source), keys the index
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()

    # --- loading -----------------------------------------------------------------------------
    @classmethod
    def load_dir(cls, folder: Path, schema_check: bool = True) -> Catalog:
        """A catalog folder: ``items/*.json`` (or ``*.json`` directly), ``catalog.json``,
        ``divisions.json``."""
        meta: dict[str, Any] = {}
        if (folder / "catalog.json").exists():
            meta = json.loads((folder / "catalog.json").read_text("utf-8"))
        divisions = None
        if (folder / "divisions.json").exists():
            divisions = DivisionTable.from_json(
                json.loads((folder / "divisions.json").read_text("utf-8"))
            )
        item_dir = folder / "items" if (folder / "items").is_dir() else folder
        items = []
        for path in sorted(item_dir.glob("*.json")):
            if path.name in {"catalog.json", "divisions.json"} or path.name.endswith(
                ".schema.json"
            ):
                continue
            items.append(
                parse_item(
                    json.loads(path.read_text("utf-8")),
                    path.name,
                    divisions=divisions,
                    schema_check=schema_check,
                )
            )
        by_code = {i.code: i for i in items}
        events = load_event_dir(folder / EVENTS_DIR, by_code, divisions, schema_check)
        return cls(
            items,
            version=str(meta.get("version", "0")),
            released=str(meta.get("released", "")),
            synonyms=meta.get("synonyms", ()),
            divisions=divisions,
            event_bundles=events,
        )

    @classmethod
    def shipped(cls) -> Catalog:
        return _shipped_copy()

    # --- items ---------------------------------------------------------------------------------
    def resolve(self, code: str) -> str:
        """The current code of the item once known as ``code`` (unchanged if none)."""
        return code if code in self._items else self._former.get(code, code)

    def get(self, code: str) -> CatalogItem:
        try:
            return self._items[self.resolve(code)]
        except KeyError:
            raise NotFound(
                f"找不到事项编码 {code}，请核对编码或先更新事项目录。",
                f"unknown item code {code!r}",
            ) from None

    def __contains__(self, code: object) -> bool:
        return code in self._items or code in self._former

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> list[CatalogItem]:
        return sorted(self._items.values(), key=lambda i: i.code)

    def form_version(self, code: str, version: int) -> FormDefinition:
        """The form an application or draft was started with, even if superseded since."""
        code = self.resolve(code) if code not in self.retired else code
        if code in self._items:
            return self._items[code].form_version(version)
        retired = self.retired.get(code)
        if retired is not None:
            for f in retired.forms:
                if f.version == version:
                    return f
        raise NotFound(
            f"找不到事项 {code} 的第 {version} 版表单，请先更新事项目录。",
            f"no form version {version} for item {code}",
        )

    def content_hash(self) -> str:
        """Changes whenever anything searchable or fillable changes (keys the search index)."""
        digest = hashlib.sha256(self.version.encode())
        for item in self.items():
            digest.update(json.dumps(item.to_json(), sort_keys=True, ensure_ascii=False).encode())
        digest.update(json.dumps(self.synonyms, ensure_ascii=False).encode())
        for bundle in self.event_bundles():
            digest.update(json.dumps(bundle.to_json(), sort_keys=True, ensure_ascii=False).encode())
        return digest.hexdigest()

    # --- browsing ------------------------------------------------------------------------------
    def subjects(self) -> list[str]:
        present = {i.subject for i in self._items.values()}
        return [s for s in SUBJECTS if s in present]

    def themes(self, subject: str | None = None) -> list[str]:
        present = {
            t for i in self._items.values() if subject in (None, i.subject) for t in i.themes
        }
        return _ordered(present, THEMES)

    def items_in_theme(self, theme: str, subject: str | None = None) -> list[CatalogItem]:
        return self._browse(lambda i: theme in i.themes and subject in (None, i.subject))

    def life_events(self) -> list[str]:
        present = {e for i in self._items.values() for e in i.life_events}
        present |= {b.life_event for b in self._events.values()}
        return _ordered(present, LIFE_EVENTS)

    def items_for_life_event(self, event: str) -> list[CatalogItem]:
        return self._browse(lambda i: event in i.life_events)

    # --- 一件事 event bundles ---------------------------------------------------------------------
    def event_bundles(self) -> list[EventBundle]:
        return sorted(self._events.values(), key=lambda b: b.code)

    def event_bundle(self, code: str) -> EventBundle:
        try:
            return self._events[code]
        except KeyError:
            raise NotFound(
                f"找不到“一件事”编码 {code}，请核对编码或先更新事项目录。",
                f"unknown event bundle {code!r}",
            ) from None

    def member_order(self, bundle_code: str) -> tuple[str, ...]:
        """A bundle's member item codes in its order; empty for a bundle withdrawn since
        (its groups then show their members in filing order)."""
        bundle = self._events.get(bundle_code)
        return bundle.member_codes if bundle is not None else ()

    def bundles_for_life_event(self, event: str) -> list[EventBundle]:
        """The bundles of one life event (browsing shows them before its items)."""
        return [b for b in self.event_bundles() if b.life_event == event]

    def _browse(self, keep: Any) -> list[CatalogItem]:
        chosen = [i for i in self._items.values() if keep(i)]
        return sorted(chosen, key=lambda i: (not i.village_acceptable, i.name))

    # --- search index (derived data) -----------------------------------------------------------
    def search_index(self) -> SearchIndex:
        """The search index for this catalog: built on first use, reused while unchanged."""
        with self._index_lock:
            if self._index is None:
                from kiosk.core.search_index import SearchIndex

                self._index = SearchIndex.for_catalog(self, self.index_path)
            return self._index


def _ordered(present: set[str], order: tuple[str, ...]) -> list[str]:
    return [t for t in order if t in present] + sorted(present - set(order))


@cache
def _shipped_items() -> tuple[tuple[CatalogItem, ...], dict[str, Any]]:
    cat = Catalog.load_dir(assets_dir() / "catalog", schema_check=False)  # tests validate it
    meta = {
        "version": cat.version,
        "released": cat.released,
        "synonyms": cat.synonyms,
        "divisions": cat.divisions,
        "event_bundles": tuple(cat.event_bundles()),
    }
    return tuple(cat.items()), meta


def _shipped_copy() -> Catalog:
    """A fresh Catalog over the (parsed once) shipped items: callers may set preferences."""
    items, meta = _shipped_items()
    return Catalog(
        items,
        version=meta["version"],
        released=meta["released"],
        synonyms=meta["synonyms"],
        divisions=meta["divisions"],
        event_bundles=meta["event_bundles"],
    )


def describe_level(level: str) -> str:
    return LEVELS_ZH.get(level, level)
