"""docs/design.md §3: Qt stays in kiosk/ui; the UI never talks to the database or network."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "package",
    [
        "kiosk/core",
        "kiosk/store",
        "kiosk/forms",
        "kiosk/sync",
        "kiosk/print",
        "kiosk/devices",
        "hub",
    ],
)
def test_no_qt_below_the_ui(package):
    offenders = [p for p in (ROOT / package).rglob("*.py") if "PySide6" in imported_modules(p)]
    assert offenders == []


def test_ui_does_not_touch_database_or_network():
    banned = {"sqlalchemy", "httpx", "sqlite3"}
    offenders = {
        str(p.relative_to(ROOT)): imported_modules(p) & banned
        for p in (ROOT / "kiosk/ui").rglob("*.py")
        if imported_modules(p) & banned
    }
    assert offenders == {}
