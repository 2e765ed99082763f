"""The Inno Setup script, checked for structure (no Inno compiler on Linux: see check_iss)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installer" / "windows" / "kiosk.iss"
sys.path.insert(0, str(ISS.parent))

from check_iss import check  # noqa: E402


def test_script_is_structurally_sound():
    report = check(ISS)
    assert report.problems == []


def test_per_machine_install_with_start_menu_autostart_and_provisioning():
    report = check(ISS)
    assert report.setup["PrivilegesRequired"] == "admin"
    assert report.setup["DefaultDirName"].startswith("{autopf}")
    tasks = {t["Name"]: t for t in report.entries["Tasks"]}
    assert "autostart" in tasks and "unchecked" in tasks["autostart"].get("Flags", "")
    icons = report.entries["Icons"]
    assert any(i["Name"].startswith("{group}\\") and i.get("Parameters") == "gui" for i in icons)
    auto = [i for i in icons if i.get("Tasks") == "autostart"]
    assert auto and auto[0]["Name"].startswith("{commonstartup}")
    assert auto[0]["Parameters"] == "gui --kiosk-mode"
    files = report.entries["Files"]
    assert any("recursesubdirs" in f.get("Flags", "") for f in files)
    assert all("skipifsilent" in r.get("Flags", "") for r in report.entries["Run"])
    assert "{param:PROVISION|}" in report.code
    assert "CurStepChanged" in report.code


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'WorkingDir: "{app}"; Tasks: autostart',
            'WorkDir: "{app}"; Tasks: autostart',
            "unknown parameter",
        ),
        ("Tasks: desktopicon", "Tasks: deskicon", "undefined task"),
        ("    exit;\n  end;", "    exit;\n", "begin/end"),
        ("AppId=", "AppIdent=", "lacks"),
        ("#endif\n#define AppName", "#define AppName", "unbalanced #if"),
        (
            '{commonappdata}\\village-kiosk\\provision"; Permissions',
            '{commonappdatta}\\village-kiosk\\provision"; Permissions',
            "unknown constant",
        ),
        ('"{cm:RunAfter}"', '"{cm:RunAftr}"', "undefined message"),
        (
            "Log('provisioning file not found: ' + Source);",
            "Log('provisioning file not found: + Source);",
            "unbalanced quote",
        ),
    ],
)
def test_checker_catches_typos(tmp_path, old, new, expected):
    text = ISS.read_text("utf-8")
    assert old in text, old
    broken = tmp_path / "broken.iss"
    broken.write_text(text.replace(old, new, 1), "utf-8")
    problems = check(broken).problems
    assert any(expected in p for p in problems), problems
