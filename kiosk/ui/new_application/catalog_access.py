"""How the flow browses the catalog by theme and by life event.

One adapter, so that when the catalog offers a browse API this is the only place to
switch: today it reads the items' ``themes`` / ``life_events`` lists from their JSON.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.core.catalog import Catalog, CatalogItem


def item_tags(item: CatalogItem) -> tuple[list[str], list[str]]:
    """(themes, life events) of one item."""
    raw = item.raw or {}
    themes = [str(t) for t in raw.get("themes") or []]
    events = [str(e) for e in raw.get("life_events") or []]
    return themes, events


def browse_index(catalog: Catalog) -> tuple[list[str], list[str]]:
    """All themes and all life events, in first-seen order of the item codes."""
    themes: dict[str, None] = {}
    events: dict[str, None] = {}
    for item in catalog.items():
        t, e = item_tags(item)
        themes.update(dict.fromkeys(t))
        events.update(dict.fromkeys(e))
    return list(themes), list(events)


def items_for(
    catalog: Catalog, theme: str | None = None, event: str | None = None
) -> Iterable[CatalogItem]:
    for item in catalog.items():
        t, e = item_tags(item)
        if (theme is None or theme in t) and (event is None or event in e):
            yield item
