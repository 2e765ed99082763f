"""Home: five big buttons, and the switches for text size, contrast and language."""

from __future__ import annotations

from typing import Unpack

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.kiosk_mode.icons import pixmap
from kiosk.ui.kiosk_mode.theme import SCALES, Look, LookChanges
from kiosk.ui.kiosk_mode.widgets import TileGrid, button, label, scroller, tile


class HomePage(QWidget):
    go = Signal(str)  # "guides" | "search" | "lookup" | "evaluate" | "print"
    look_changed = Signal(object)  # Look

    def __init__(self, look: Look, idle_seconds: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self.look = look
        self.title = label(self.tr("村（社区）自助服务"), "title", "homeTitle")
        self.station = label("", "hint", "homeStation")
        self.prompt = label(self.tr("请点一下您要办的事"), "heading", "homePrompt")

        grid = self._build_tiles(look)

        switches = self._build_switches(look)

        self.privacy = label(
            self.tr(
                "需要帮助请找村代办员。为保护您的隐私，{0} 秒无人操作会自动清除并回到首页。"
            ).format(idle_seconds),
            "hint",
            "privacyHint",
        )

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.station, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        tiles = QVBoxLayout()
        tiles.setContentsMargins(0, 0, 0, 0)
        tiles.setSpacing(look.px(18))
        tiles.addWidget(self.prompt)
        tiles.addWidget(grid)
        tiles.addStretch(1)
        tiles.addWidget(self.privacy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(look.px(48), look.px(20), look.px(48), look.px(16))
        layout.setSpacing(look.px(14))
        layout.addLayout(header)
        layout.addLayout(switches)
        layout.addWidget(scroller(tiles, "homeScroll"), 1)  # on a short screen: scroll

    def _build_tiles(self, look: Look) -> TileGrid:
        """The five big tiles, three to a row."""
        icon_px = min(look.px(110), 120)  # the words grow with the text size, the picture less
        ink = look.tile_ink
        self.tiles = {
            "guides": tile(self.tr("查办事指南"), "tileGuides", pixmap("guide", icon_px, ink)),
            "search": tile(self.tr("搜索事项"), "tileSearch", pixmap("search", icon_px, ink)),
            "lookup": tile(self.tr("查办件进度"), "tileLookup", pixmap("progress", icon_px, ink)),
            "evaluate": tile(self.tr("评价服务"), "tileEvaluate", pixmap("rate", icon_px, ink)),
            "print": tile(self.tr("打印"), "tilePrint", pixmap("print", icon_px, ink)),
        }
        self.tiles["guides"].setAccessibleDescription(self.tr("按人生事件或主题查找办事指南"))
        self.tiles["search"].setAccessibleDescription(self.tr("用拼音或首字母搜索事项"))
        self.tiles["lookup"].setAccessibleDescription(self.tr("用回执上的办件编号和查询码查进度"))
        self.tiles["evaluate"].setAccessibleDescription(self.tr("给办过的事打分（好差评）"))
        self.tiles["print"].setAccessibleDescription(self.tr("打印办事指南或办件进度"))
        grid = TileGrid(3, look.px(20))
        for key, widget in self.tiles.items():
            widget.clicked.connect(lambda _=False, k=key: self.go.emit(k))
        grid.set_tiles(list(self.tiles.values()))
        return grid

    def _build_switches(self, look: Look) -> FlowLayout:
        """Text size, high contrast and the other language."""
        self.size_label = label(self.tr("文字大小："), "body", "sizeLabel")
        names = {100: self.tr("标准"), 125: self.tr("大"), 150: self.tr("特大")}
        self.size_buttons = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        for scale in SCALES:
            b = button(
                names[scale],
                f"scale{scale}",
                "choice",
                self.tr("文字大小：{0}").format(names[scale]),
            )
            b.setCheckable(True)
            b.setChecked(scale == look.scale)
            b.clicked.connect(lambda _=False, s=scale: self._set(scale=s))
            group.addButton(b)
            self.size_buttons[scale] = b
        self.contrast = button(self.tr("高对比度"), "contrastToggle", "choice")
        self.contrast.setCheckable(True)
        self.contrast.setChecked(look.contrast)
        self.contrast.clicked.connect(lambda on: self._set(contrast=bool(on)))
        # The language button names the other language in that language (a convention that
        # lets someone who cannot read this one find theirs).
        other = "zh_CN" if look.english else "en"
        self.language = button(
            "中文" if look.english else "English",
            "languageToggle",
            "nav",
            "切换到中文 / Switch to Chinese" if look.english else "Switch to English / 切换到英文",
        )
        self.language.setProperty("otherLanguage", True)
        self.language.clicked.connect(lambda: self._set(language=other))
        # the switches stay on screen whatever the text size (they are how to make it
        # smaller again): where one line is too narrow for them they take two
        switches = FlowLayout(spacing=look.px(12), line_spacing=look.px(8))
        switches.addWidget(self.size_label)
        for b in self.size_buttons.values():
            switches.addWidget(b)
        switches.addWidget(self.contrast)
        switches.addWidget(self.language)
        return switches

    def set_station(self, name: str) -> None:
        self.station.setText(name)

    def _set(self, **changes: Unpack[LookChanges]) -> None:
        self.look_changed.emit(self.look.with_(**changes))


class PrintMenuPage(QWidget):
    """What can be printed here: a guide, or the progress of one's own case."""

    go = Signal(str)

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printMenuPage")
        icon_px = min(look.px(110), 120)
        ink = look.tile_ink
        self.guide = tile(self.tr("打印办事指南"), "printGuide", pixmap("guide", icon_px, ink))
        self.progress = tile(
            self.tr("打印办件进度"), "printProgress", pixmap("progress", icon_px, ink)
        )
        self.guide.clicked.connect(lambda: self.go.emit("guides"))
        self.progress.clicked.connect(lambda: self.go.emit("lookup"))
        hint = label(
            self.tr("先找到要打印的指南或办件，再点“打印”按钮。打印好后请在打印机出口取走。"),
            "hint",
            "printHint",
        )
        row = TileGrid(2, look.px(40))
        row.set_tiles([self.guide, self.progress])
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(hint)
        content.addWidget(row, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(look.px(60), look.px(24), look.px(60), look.px(24))
        layout.addWidget(scroller(content, "printScroll"))
