"""A catalog delivered by an offline update: ``<data dir>/catalog/items/*.json``.

Items there replace the shipped items with the same code and add new ones. A station whose
update catalog cannot be read keeps working with the shipped catalog (and logs why).
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from kiosk.core.atomic import atomic_write_text
from kiosk.core.catalog import Catalog, parse_item
from kiosk.core.errors import InputError, KioskError

log = logging.getLogger(__name__)

FOLDER = Path("catalog") / "items"
PREVIOUS = Path("catalog.previous")
VERSION_FILE = Path("catalog") / "VERSION"


def station_catalog(data_dir: Path) -> Catalog:
    shipped = Catalog.shipped()
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return shipped
    try:
        extra = Catalog.load_dir(folder)
    except (KioskError, OSError, ValueError) as exc:
        log.error("update catalog in %s unreadable, using the shipped one: %s", folder, exc)
        return shipped
    merged = {i.code: i for i in shipped.items()}
    merged.update({i.code: i for i in extra.items()})
    # the shipped 一件事 bundles stay (those whose members are still offered)
    return Catalog(list(merged.values()), event_bundles=shipped.event_bundles())


def validate_folder(folder: Path) -> int:
    """Every item must pass the catalog schema before it replaces anything."""
    count = 0
    for path in sorted(folder.glob("*.json")):
        parse_item(json.loads(path.read_text("utf-8")), path.name)
        count += 1
    return count


def installed_version(data_dir: Path) -> str:
    """The catalog version of the last update package installed here ("" if none)."""
    path = data_dir / VERSION_FILE
    return path.read_text("utf-8").strip() if path.exists() else ""


def check_forward(data_dir: Path, version: str) -> None:
    """Catalog packages only go forward: an older (or the same) signed catalog applied again
    would roll the questions and rules back."""
    from kiosk.deploy.installs import version_key

    installed = installed_version(data_dir)
    if installed and (not version or version_key(version) <= version_key(installed)):
        raise InputError(
            f"更新包中的事项目录（{version or '无版本号'}）不比本机已装的 {installed} 新，"
            "已拒绝：旧目录不能覆盖新目录。",
            f"catalog {version or '(none)'} is not newer than installed {installed}",
        )


def install(data_dir: Path, staged: Path, version: str = "") -> None:
    """Swap in the staged items; what was there is kept in ``catalog.previous`` for rollback."""
    current, previous = data_dir / "catalog", data_dir / PREVIOUS
    shutil.rmtree(previous, ignore_errors=True)
    if current.exists():
        current.rename(previous)
    (data_dir / "catalog").mkdir()
    staged.rename(data_dir / FOLDER)
    if version:
        atomic_write_text(data_dir / VERSION_FILE, version + "\n")


def restore_previous(data_dir: Path) -> None:
    current, previous = data_dir / "catalog", data_dir / PREVIOUS
    shutil.rmtree(current, ignore_errors=True)
    if previous.exists():
        previous.rename(current)
