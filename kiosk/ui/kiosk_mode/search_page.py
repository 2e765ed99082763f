"""Search items with the on-screen keyboard: Chinese, full pinyin or initials (ylbx → 养老保险).

The catalog is in memory, so the search runs as you type. Nothing typed is remembered:
no history, no suggestions from earlier residents.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.catalog import Catalog
from kiosk.core.search import search
from kiosk.ui.kiosk_mode.guides import item_button
from kiosk.ui.kiosk_mode.keyboard import OnScreenKeyboard
from kiosk.ui.kiosk_mode.theme import Look
from kiosk.ui.kiosk_mode.widgets import clear_layout, entry, label, scroller

RESULT_LIMIT = 12


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
        self.status = label("", "body", "searchStatus")
        self.results_area = QWidget()
        self.results = QVBoxLayout(self.results_area)
        self.results.setSpacing(look.px(12))
        self.result_buttons: dict[str, QWidget] = {}
        self.keyboard = OnScreenKeyboard(look)
        self.keyboard.attach(self.query)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(look.px(40), look.px(12), look.px(40), look.px(16))
        layout.setSpacing(look.px(10))
        layout.addWidget(self.hint)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(scroller(self.results_area, "searchResults"), 1)
        layout.addWidget(self.keyboard)
        self._update("")

    def start(self) -> None:
        self.keyboard.set_target(self.query)

    def _update(self, text: str) -> None:
        clear_layout(self.results)
        self.result_buttons = {}
        if not text.strip():
            self.status.setText(self.tr("请输入要找的事项"))
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
