"""The terminal in a real full-screen window on a 1920×1080 virtual X server, screenshotted in
each look (100 %, 150 %, high contrast) for a person to look at."""

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
    from hub.server import BackgroundHub
    from kiosk.context import open_context
    from kiosk.demo import DEMO_AGENT, DEMO_STATION_CODE, DEMO_STATION_NAME, PENSION_ITEM
    from kiosk.demo import demo_residents, ensure_demo_agent
    from kiosk.ui.kiosk_mode.screenshots import save_kiosk_screenshots
    from PySide6.QtWidgets import QApplication

    data = Path(sys.argv[1])
    ctx = open_context(data / "station", demo=True)
    with BackgroundHub(f"sqlite:///{data / 'hub.sqlite3'}") as hub:
        ctx.provision(hub.url, DEMO_STATION_CODE, DEMO_STATION_NAME,
                      hub.service.issue_enrollment_code(DEMO_STATION_CODE))
        ensure_demo_agent(ctx)
        view = ctx.applications.submit(PENSION_ITEM, demo_residents()[0], DEMO_AGENT)
        ctx.sync_engine().run_once(force=True)
        view = ctx.applications.get(view.id)
        hub.service.advance(view.case_no, "受理", "材料齐全")
        ctx.sync_engine().run_once(force=True)
    for p in save_kiosk_screenshots(ctx, Path(sys.argv[2]), view.case_no, view.query_code,
                                    PENSION_ITEM):
        print(p)
    print(QApplication.instance().platformName())
""")

SCREENS = ("home", "guide", "lookup", "evaluate")
LOOKS = ("100", "150", "contrast")


def test_terminal_screens_full_screen_in_every_look(tmp_path):
    out = Path(os.environ.get("KIOSK_SCREENSHOT_DIR") or tmp_path / "shots")
    out.mkdir(parents=True, exist_ok=True)
    with xvfb("1920x1080x24") as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", KIOSK_TTS_ENGINE="mock")
        res = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(tmp_path), str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.split()[-1] == "xcb", "not a real window"
    for look in LOOKS:
        for screen in SCREENS:
            image = QImage(str(out / f"kiosk-{look}-{screen}.png"))
            assert (image.width(), image.height()) == (1920, 1080), (
                f"{look}-{screen} not full screen"
            )
            colours = {
                image.pixel(x, y)
                for x in range(0, image.width(), 9)
                for y in range(0, image.height(), 9)
            }
            assert len(colours) > 20, f"{look}-{screen} looks blank"
    # high contrast really is dark: most of the home screen is black
    home = QImage(str(out / "kiosk-contrast-home.png"))
    dark = sum(
        1
        for x in range(0, 1920, 16)
        for y in range(0, 1080, 16)
        if home.pixelColor(x, y).lightness() < 40
    )
    assert dark > 0.5 * (1920 // 16) * (1080 // 16)
