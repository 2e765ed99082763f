"""Install a 实施清单 on a station: ``kiosk catalog update --from LIST.csv|LIST.json``.

The planned items (``implementation_list.plan_import``) and every item the list does not
touch become one new catalog version, installed like any catalog bundle: checked whole,
then written in one atomic file replace (``catalog_bundle.import_catalog``), keeping every
form version drafts still use. Refused rows are reported and change nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.core.catalog import Catalog, parse_item, version_key
from kiosk.core.catalog_bundle import export_bundle, import_catalog, load_catalog
from kiosk.core.implementation_list import ImportPlan, plan_import, read_rows


def next_version(current: str, offered: str = "") -> str:
    """The list's own version if it is newer, else the current one with a step appended."""
    if offered and version_key(offered) > version_key(current):
        return offered
    parts = [str(p) for p in version_key(current) if p >= 0] or ["0"]
    if len(parts) >= 4:
        return ".".join([*parts[:-1], str(int(parts[-1]) + 1)])
    return ".".join([*parts, "1"])


def install_list(path: Path, data_dir: Path) -> tuple[ImportPlan, str]:
    """Plan and install; returns the plan and the catalog version now installed."""
    rows, offered = read_rows(path)
    current = load_catalog(data_dir)
    plan = plan_import(rows, current.items())
    if not plan.accepted and not plan.changed:
        return plan, current.version
    data = {i.code: i.to_json() for i in current.items()} | plan.items
    items = [parse_item(d, code, current.divisions) for code, d in sorted(data.items())]
    new = Catalog(
        items,
        version=next_version(current.version, offered),
        released=dt.date.today().isoformat(),
        synonyms=current.synonyms,
        divisions=current.divisions,
        retired=current.retired.values(),
    )
    plan.version = import_catalog(export_bundle(new), data_dir)
    return plan, plan.version
