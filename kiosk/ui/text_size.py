"""The agent workspace's text size: 标准 (100 %) or 大 (125 %), remembered per agent account
in the station's settings. It scales the application font and every ``font-size`` of the
workspace theme (assets/theme/kiosk.qss); the layouts adapt (checked by the screen-fit
matrix, tests/ui/test_screen_fit.py)."""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.core.settings import Settings
from kiosk.paths import assets_dir

SIZES = (100, 125)
BASE_POINTS = 10.0  # the application font of apply_look


@cache
def _theme() -> str:
    path = assets_dir() / "theme" / "kiosk.qss"
    return path.read_text("utf-8") if path.exists() else ""


def scaled_theme(scale: int) -> str:
    """The workspace stylesheet with every font size at ``scale`` percent."""

    def bigger(m: re.Match[str]) -> str:
        return f"font-size: {round(int(m.group(1)) * scale / 100)}px"

    return re.sub(r"font-size:\s*(\d+)px", bigger, _theme())


def apply_text_size(app: QApplication, scale: int) -> None:
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINTS * scale / 100)
    if font != app.font():
        app.setFont(font)
    theme = scaled_theme(scale)
    if theme != app.styleSheet():  # setting it re-styles every widget: only when it changes
        app.setStyleSheet(theme)


def remembered(settings: Settings, agent: str) -> int:
    size = settings.workspace_text_sizes.get(agent, 100)
    return size if size in SIZES else 100
