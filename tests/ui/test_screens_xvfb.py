"""Real windows on a real (virtual) X server, screenshotted for a person to look at."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.support.xvfb import xvfb

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]

SCRIPT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kiosk.context import open_context
    from kiosk.demo import ensure_demo_agent
    from kiosk.ui.screenshots import save_screenshots
    from PySide6.QtWidgets import QApplication
    ctx = open_context(Path(sys.argv[1]), demo=True)
    ensure_demo_agent(ctx)
    for p in save_screenshots(ctx, Path(sys.argv[2])):
        print(p)
    print(QApplication.instance().platformName())
""")


@pytest.fixture(scope="module")
def display():
    with xvfb() as name:
        yield name


def test_main_screens_in_a_real_window(display, tmp_path):
    out = Path(os.environ.get("KIOSK_SCREENSHOT_DIR") or tmp_path / "shots")
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    res = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "station"), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    lines = res.stdout.split()
    assert lines[-1] == "xcb", "not a real window"
    names = (
        "screen-login.png",
        "screen-dashboard.png",
        "screen-form.png",
        "screen-review.png",
        "screen-queue.png",
        "screen-case.png",
        "screen-usb.png",
        "screen-township.png",
        "screen-wizard.png",
    )
    for name in names:
        image = QImage(str(out / name))
        assert not image.isNull() and image.width() >= 300
        # a blank or black capture has one colour; a rendered screen has many
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 20, f"{name} looks blank"
