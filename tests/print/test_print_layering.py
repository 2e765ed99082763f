"""docs/architecture.md: kiosk/print uses core and reportlab, never the database or network."""

from __future__ import annotations

from tests.test_layering import ROOT, top_level_imports


def test_print_never_touches_database_network_or_qt():
    banned = {"sqlalchemy", "httpx", "sqlite3", "PySide6"}
    offenders = {
        str(p.relative_to(ROOT)): top_level_imports(p) & banned
        for p in (ROOT / "kiosk/print").rglob("*.py")
        if top_level_imports(p) & banned
    }
    assert offenders == {}
