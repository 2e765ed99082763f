"""Search items with the on-screen keyboard: Chinese, full pinyin or initials (ylbx → 养老保险).

The catalog is in memory, so the search runs as you type. Nothing typed is remembered:
no history, no suggestions from earlier residents.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.catalog import Catalog
from kiosk.core.search import search
from kiosk.ui.kiosk_mode.guides import item_button
from kiosk.ui.kiosk_mode.keyboard import OnScreenKeyboard
from kiosk.ui.kiosk_mode.theme import Look
from kiosk.ui.kiosk_mode.widgets import (
    WrapButton,
    button,
    clear_layout,
    entry,
    label,
    scroller,
)

RESULT_LIMIT = 20


class SearchPage(QWidget):
    open_item = Signal(str)

    def __init__(self, catalog: Catalog, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPage")
        self.catalog = catalog
        self.look = look
        self.hint = label(
            self.tr("用下面的键盘输入拼音或拼音首字母，例如“养老”可以输入 yanglao 或 yl。"),
            "hint",
            "searchHint",
        )
        self.query = entry("searchQuery", self.tr("搜索内容"), self.tr("在这里显示您输入的字母"))
        self.query.textChanged.connect(self._update)
        # results scroll above the keyboard; the keyboard folds away to show more of them
        self.fold = button(self.tr("收起键盘"), "foldKeyboard", "nav")
        self.fold.clicked.connect(lambda: self.show_keyboard(not self.keyboard.isVisible()))
        self.status = label("", "body", "searchStatus")
        self.results_area = QWidget()
        self.results = QVBoxLayout(self.results_area)
        self.results.setSpacing(look.px(12))
        self.result_buttons: dict[str, WrapButton] = {}
        self.keyboard: OnScreenKeyboard = OnScreenKeyboard(look, digits_row=False)
        self.keyboard.attach(self.query)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(look.px(40), look.px(10), look.px(40), look.px(10))
        layout.setSpacing(look.px(8))
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        row.setSpacing(look.px(12))
        row.addWidget(self.query, 1)
        row.addWidget(self.fold)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(scroller(self.results_area, "searchResults"), 1)
        layout.addWidget(self.keyboard)
        self._update("")

    def start(self) -> None:
        self.show_keyboard(True)
        self.keyboard.set_target(self.query)

    def show_keyboard(self, on: bool) -> None:
        self.keyboard.setVisible(on)
        self.fold.setText(self.tr("收起键盘") if on else self.tr("打开键盘"))
        self.fold.setAccessibleName(self.fold.text())

    def _update(self, text: str) -> None:
        clear_layout(self.results)
        self.result_buttons = {}
        self.hint.setVisible(not text)  # once typing, the room goes to the results
        self.status.setVisible(bool(text))
        if not text.strip():
            self.status.setText("")  # the hint above says what to type
            return
        hits = search(self.catalog, text, limit=RESULT_LIMIT)
        if not hits:
            self.status.setText(
                self.tr("没有找到“{0}”。换个说法试试，或回到首页按人生事件查找。").format(text)
            )
            return
        self.status.setText(self.tr("找到 {0} 项，点一下看办事指南：").format(len(hits)))
        for hit in hits:
            item = self.catalog.get(hit.code)
            b = item_button(item, self.look)
            b.clicked.connect(lambda _=False, c=item.code: self.open_item.emit(c))
            self.result_buttons[item.code] = b
            self.results.addWidget(b)
        self.results.addStretch(1)
        QTimer.singleShot(0, self._make_room)

    def _make_room(self) -> None:
        """Large text on a small screen: if not even the first result fits above the
        keyboard, fold the keyboard away (打开键盘 brings it back)."""
        if not self.result_buttons or not self.keyboard.isVisible():
            return
        tallest = max(b.heightForWidth(b.width()) for b in self.result_buttons.values())
        viewport = self.results_area.parentWidget()
        if viewport is not None and viewport.height() < tallest:
            self.show_keyboard(False)
