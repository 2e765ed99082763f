"""Catalog search: Chinese substrings of any length, full pinyin, initials, aliases.

``search(catalog, query, limit)`` is what the UI (as you type), the CLI and the resident
kiosk call. Hits come best first: exact name, name prefix, elsewhere in the name, short name
or alias (and synonyms: 低保 ↔ 最低生活保障), theme / life event / department, guide text.
At a village station the items a village point can accept come before all others.
Event bundles (一件事, ``kind="bundle"``) are indexed with the items and, when asked for
(``bundles=True``), come before any item of the same tier: 出生, chusheng, cs, 生孩子 find
出生一件事 first.
The index behind it is ``kiosk.core.search_index``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.catalog import Catalog
    from kiosk.core.search_index import SearchIndex

MAX_QUERY = 40  # characters; longer input is cut (nobody types more to find an item)


@dataclass(frozen=True)
class SearchHit:
    code: str
    name: str
    score: float
    kind: str = "item"  # "bundle": an event bundle (一件事, ``catalog.event_bundle(code)``)

    @property
    def is_bundle(self) -> bool:
        return self.kind == "bundle"


def search(
    catalog: Catalog,
    query: str,
    limit: int = 20,
    prefer_village: bool | None = None,
    *,
    bundles: bool = False,
) -> list[SearchHit]:
    """Items best first; with ``bundles``, event bundles too (before any item of the same
    tier). Callers that open every hit as an item leave ``bundles`` off."""
    q = query.strip()[:MAX_QUERY]
    if not q or limit <= 0:
        return []
    village = catalog.prefer_village if prefer_village is None else prefer_village
    return _hits(catalog.search_index(), q, limit, village, bundles)


def _hits(
    index: SearchIndex, q: str, limit: int, prefer_village: bool, bundles: bool
) -> list[SearchHit]:
    # bundles are few and ranked first: asking for that many more keeps a page of items
    extra = 0 if bundles else index.bundle_docs
    hits = index.search(q, limit + extra, prefer_village=prefer_village)
    out = [SearchHit(h.code, h.name, h.score, h.kind) for h in hits]
    return (out if bundles else [h for h in out if h.kind == "item"])[:limit]


def search_station(
    data_dir: Path,
    query: str,
    limit: int = 20,
    prefer_village: bool = False,
    *,
    bundles: bool = False,
) -> list[SearchHit] | None:
    """The command line's search: the station's index file answers directly when it was
    built from the very catalog files the station has now (``catalog_source``), without
    parsing the catalog; None when it is missing or stale (then ``search`` over the loaded
    catalog rebuilds it)."""
    from kiosk.core.catalog_source import INDEX_FILE, source_fingerprint
    from kiosk.core.search_index import SearchIndex
    from kiosk.core.search_index_build import FORMAT

    path = data_dir / INDEX_FILE
    if not path.is_file():
        return None
    try:
        index = SearchIndex.open_file(path)
    except sqlite3.DatabaseError:
        return None
    try:
        meta = index.meta
        if meta.get("format") != FORMAT or meta.get("source") != source_fingerprint(data_dir):
            return None
        q = query.strip()[:MAX_QUERY]
        if not q or limit <= 0:
            return []
        return _hits(index, q, limit, prefer_village, bundles)
    finally:
        index.close()
