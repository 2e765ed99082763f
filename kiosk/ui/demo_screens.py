"""Every page of both modes as PNG files at one screen size and scale (``kiosk demo --out DIR
--screen 1366x768 --scale 1.5``): documentation, and a way to look at what a village's screen
shows. The pages come from the same tours the screen-fit check walks (kiosk/ui/tour.py,
kiosk/ui/kiosk_mode/tour.py).

Without a display (a server, CI) Qt falls back to its offscreen platform instead of aborting;
the scale is Qt's own (``QT_SCALE_FACTOR``), so a picture is as many pixels as the screen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCREEN_DEFAULT = "1366x768"


def parse_screen(text: str) -> tuple[int, int]:
    from kiosk.core.errors import InputError

    try:
        w, h = (int(x) for x in text.lower().replace("×", "x").split("x"))
    except ValueError:
        w = h = 0
    if not (640 <= w <= 7680 and 480 <= h <= 4320):
        raise InputError(
            f"屏幕尺寸“{text}”不对，请写成 宽x高，例如 1366x768。",
            f"bad screen size {text!r}; use WIDTHxHEIGHT, e.g. 1366x768",
        )
    return w, h


def prepare_platform(scale: float) -> str:
    """Before the QApplication exists: offscreen when there is no display (no abort), and
    the OS scale factor. Returns the platform chosen ("" = Qt's default)."""
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"]
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return "offscreen"
    return ""


def save_every_page(
    ctx: object,
    out: Path,
    screen: tuple[int, int],
    scale: float,
    case_no: str,
    query_code: str,
) -> list[Path]:
    """``workspace-<page>.png`` and ``terminal-<text size>-<page>.png`` in ``out``."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QWidget

    from kiosk.context import AppContext
    from kiosk.demo import demo_card_reader
    from kiosk.ui.kiosk_mode.shell import KioskShell
    from kiosk.ui.kiosk_mode.theme import Look
    from kiosk.ui.kiosk_mode.tour import settle
    from kiosk.ui.kiosk_mode.tour import tour as terminal_tour
    from kiosk.ui.look import apply_look, ensure_app
    from kiosk.ui.tour import agent_tour, login_tour, technician_tour, township_tour

    assert isinstance(ctx, AppContext)
    app = ensure_app()
    apply_look(app, ctx.settings.language)
    # the logical size: what layouts see at this scale (Qt multiplies it back when drawing)
    size = QSize(round(screen[0] / scale), round(screen[1] / scale))
    shots: list[Path] = []

    def place(window: QWidget, dialog: bool) -> None:
        window.setMaximumSize(size)
        window.resize(window.size().boundedTo(size) if dialog else size)
        app.processEvents()

    def save(window: QWidget, name: str) -> None:
        settle(timeout=0.5)  # layouts (and a page's last background read) done
        path = out / f"{name}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        shots.append(path)

    agent = ctx.agents.list()[0].name
    for walk in (
        login_tour(ctx),
        agent_tour(ctx, agent, demo_card_reader()),
        township_tour(ctx, agent),
        technician_tour(ctx, agent),
    ):
        for stop in walk:
            place(stop.window, stop.dialog)
            save(stop.window, f"workspace-{stop.name}")
    for text_size in (100, 150):
        shell = KioskShell(ctx, tts_engine="mock")
        try:
            shell.set_look(Look(language=ctx.settings.language).with_(scale=text_size))
            place(shell, False)
            shell.show()
            for step in terminal_tour(shell, case_no, query_code):
                place(shell, False)
                save(shell, f"terminal-text{text_size}-{step.name}")
        finally:
            shell.shutdown()
            shell.deleteLater()
    return shots
