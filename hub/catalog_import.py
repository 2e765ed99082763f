"""``kiosk-hub catalog import FILE``: publish a province's 实施清单 (CSV or JSON).

Every row is checked on its own (``kiosk.core.implementation_list``); the new and changed
items are published as one catalog version in one transaction, so the stations pull all of
them or none. Refused rows are reported one line each and change nothing.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from hub.catalog import HubCatalog
from hub.models import CatalogItem
from kiosk.core.catalog import parse_item
from kiosk.core.implementation_list import ImportPlan, plan_import, read_rows


def import_list(catalog: HubCatalog, path: Path) -> ImportPlan:
    rows, _ = read_rows(path)
    with catalog.db.session() as s:
        published = [dict(r.data) for r in s.scalars(select(CatalogItem).where(CatalogItem.active))]
    items = [parse_item(d, str(d.get("code", "?"))) for d in published]
    plan = plan_import(rows, items)
    todo = [plan.items[c] for c in plan.accepted] + [plan.items[c] for c, _ in plan.changed]
    if todo:
        plan.version = str(catalog.publish(todo))
    return plan
