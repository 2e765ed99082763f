"""Catalog pull: ask the hub for what changed since our version (ETag → 304 when nothing did).

Applying a catalog bundle is the catalog's business, not the sync engine's: the engine is
given an ``apply_catalog(bundle) -> int`` callable. Until the catalog import is wired in,
:class:`CatalogFileSink` keeps the hub's items as JSON under the data dir.
The version and ETag are stored only after the bundle has been applied.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.protocol.atomic import atomic_write_text
from kiosk.store.db import Database
from kiosk.sync import state

if TYPE_CHECKING:
    from kiosk.sync.client import HubClient

log = logging.getLogger(__name__)

ApplyCatalog = Callable[[dict[str, Any]], int]
"""Apply a catalog bundle ``{"version", "since", "items": [...], "withdrawn": [...]}``.

Returns how many items were added, changed or withdrawn; raises to refuse the bundle (the
engine then keeps its old version and asks again next time).
"""


class CatalogFileSink:
    """Minimal ``apply_catalog``: merge the bundle into ``<data dir>/catalog/hub-catalog.json``."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "catalog" / "hub-catalog.json"

    def load(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {"version": 0, "items": {}, "withdrawn": []}
        return data

    def __call__(self, bundle: dict[str, Any]) -> int:
        current = self.load()
        items: dict[str, Any] = dict(current.get("items", {}))
        withdrawn = set(current.get("withdrawn", []))
        changed = 0
        for item in bundle.get("items", []):
            if isinstance(item, dict) and isinstance(item.get("code"), str):
                items[item["code"]] = item
                withdrawn.discard(item["code"])
                changed += 1
        for code in bundle.get("withdrawn", []):
            if isinstance(code, str):
                items.pop(code, None)
                withdrawn.add(code)
                changed += 1
        merged = {
            "version": bundle.get("version", 0),
            "items": items,
            "withdrawn": sorted(withdrawn),
        }
        atomic_write_text(self.path, json.dumps(merged, ensure_ascii=False, sort_keys=True), 0o644)
        return changed


def pull_catalog(db: Database, client: HubClient, apply_catalog: ApplyCatalog) -> int:
    """Returns how many items changed (0 when the station is up to date)."""
    with db.read() as s:
        since = state.get_int(s, state.CATALOG_VERSION)
        etag = state.get(s, state.CATALOG_ETAG)
    feed = client.catalog(since, etag)
    if feed is None or (feed.version == since and not feed.bundle.get("items")):
        return 0
    applied = apply_catalog(feed.bundle)
    with db.write() as s:
        state.put(s, state.CATALOG_VERSION, str(feed.version))
        state.put(s, state.CATALOG_ETAG, feed.etag)
    log.info("catalog updated to version %d (%d items)", feed.version, applied)
    return applied
