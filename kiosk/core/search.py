"""Catalog search: Chinese substrings of any length, full pinyin, initials, aliases.

``search(catalog, query, limit)`` is what the UI (as you type), the CLI and the resident
kiosk call. Hits come best first: exact name, name prefix, elsewhere in the name, short name
or alias (and synonyms: 低保 ↔ 最低生活保障), theme / life event / department, guide text.
At a village station the items a village point can accept come before all others.
The index behind it is ``kiosk.core.search_index``.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.catalog import Catalog

MAX_QUERY = 40  # characters; longer input is cut (nobody types more to find an item)


@dataclass(frozen=True)
class SearchHit:
    code: str
    name: str
    score: float


def search(
    catalog: Catalog, query: str, limit: int = 20, prefer_village: bool | None = None
) -> list[SearchHit]:
    q = query.strip()[:MAX_QUERY]
    if not q or limit <= 0:
        return []
    village = catalog.prefer_village if prefer_village is None else prefer_village
    hits = catalog.search_index().search(q, limit, prefer_village=village)
    return [SearchHit(h.code, h.name, h.score) for h in hits]
