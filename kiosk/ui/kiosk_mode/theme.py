"""The terminal's look: text size (100/125/150 %), high contrast, language; the stylesheet."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TypedDict, Unpack

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from kiosk.paths import assets_dir

SCALES = (100, 125, 150)
LANGUAGES = ("zh_CN", "en")

# Point sizes at 100 %. Body text never goes below 20 pt (readable at arm's length on 1080p).
BASE_PT = {"SMALL": 20, "BODY": 22, "BIG": 26, "TITLE": 32, "HUGE": 36, "KEY": 26}
BASE_PX = {"PAD": 8}
MIN_TARGET_PX = 64  # touch targets; accessibility asks for at least 48


class LookChanges(TypedDict, total=False):
    """What a resident may change of the look (``Look.with_``)."""

    scale: int
    contrast: bool
    language: str


@dataclass(frozen=True)
class Look:
    scale: int = 100
    contrast: bool = False
    language: str = "zh_CN"

    def with_(self, **changes: Unpack[LookChanges]) -> Look:
        return replace(self, **changes)

    @property
    def english(self) -> bool:
        return not self.language.startswith("zh")

    def pt(self, name: str) -> int:
        if name == "KEY":  # a key shows one capital letter: it grows less than the words
            return round(BASE_PT[name] * (100 + (self.scale - 100) / 3) / 100)
        return round(BASE_PT[name] * self.scale / 100)

    def px(self, base: int) -> int:
        """A pixel size (icons, keys) at this text size."""
        return round(base * self.scale / 100)

    @property
    def ink(self) -> QColor:
        """Colour of line icons on normal buttons."""
        return QColor("#ffff00") if self.contrast else QColor("#0b3d91")

    @property
    def tile_ink(self) -> QColor:
        """Colour of icons on the big home tiles."""
        return QColor("#000000") if self.contrast else QColor("#ffffff")


@cache
def _qss(name: str) -> str:
    return (assets_dir() / "theme" / name).read_text("utf-8")


def stylesheet(look: Look) -> str:
    text = _qss("kiosk-mode.qss")
    if look.contrast:
        text += "\n" + _qss("kiosk-mode-contrast.qss")
    sizes = {k: str(look.pt(k)) for k in BASE_PT} | {k: str(look.px(v)) for k, v in BASE_PX.items()}
    return re.sub(r"@([A-Z]+)@", lambda m: sizes[m.group(1)], text)


def set_kind(widget: QWidget, kind: str) -> None:
    """Tag a widget for the stylesheet (``QLabel[k="title"]`` …) and re-apply the style."""
    widget.setProperty("k", kind)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
