"""kiosk/deploy runs in the technician's CLI and in the launcher: no Qt (docs/design.md §3)."""

from __future__ import annotations

from pathlib import Path

from tests.test_layering import top_level_imports

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_does_not_import_qt():
    offenders = [
        p for p in (ROOT / "kiosk" / "deploy").rglob("*.py") if "PySide6" in top_level_imports(p)
    ]
    assert offenders == []


def test_launcher_imports_little():
    """The launcher runs before every start: it must not pull in the database or Qt."""
    import subprocess
    import sys

    code = (
        "import sys; import kiosk.deploy.launcher; "
        "print(','.join(m for m in ('sqlalchemy', 'PySide6', 'reportlab', 'httpx') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
