"""``kiosk demo --out DIR --screen WxH --scale S`` (issue 14): with no display at all it falls
back to the offscreen platform (it used to abort with SIGABRT half-way), writes a picture of
every page of both modes at that screen size, and refuses a folder that is not empty with a
clear answer, before writing anything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.slow


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # as on a server: nothing says offscreen
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_demo_without_a_display_writes_every_page_at_the_screen_size(tmp_path: Path):
    out = tmp_path / "demo"
    res = _kiosk("demo", "--out", str(out), "--screen", "1024x768", "--json")
    assert res.returncode == 0, res.stderr[-3000:]
    assert '"platform": "offscreen"' in res.stdout
    names = {p.name for p in out.glob("*.png")}
    for page in ("login", "dashboard", "new-review", "case", "township", "wizard-checks"):
        assert f"workspace-{page}.png" in names
    for page in ("home", "search-results", "lookup-result", "evaluate", "technician"):
        assert f"terminal-text100-{page}.png" in names and f"terminal-text150-{page}.png" in names
    shot = QImage(str(out / "workspace-dashboard.png"))
    assert (shot.width(), shot.height()) == (1024, 768)
    assert (QImage(str(out / "terminal-text150-home.png")).size().toTuple()) == (1024, 768)

    again = _kiosk("demo", "--out", str(out), "--screen", "1024x768")
    assert again.returncode == 2
    assert "不是空的" in again.stderr and "choose an empty directory" in again.stderr
    assert {p.name for p in out.glob("*.png")} == names  # nothing written, nothing lost
