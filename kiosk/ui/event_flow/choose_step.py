"""Step 1 of a 一件事: which life event. Search as you type (汉字, pinyin, initials, 生孩子 …)
or pick from the list; the detail says which items it files together."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.event_bundle import EventBundle
from kiosk.core.search import search
from kiosk.ui.widgets import hint_label, set_message, title_label


class ChooseBundleStep(QWidget):
    chosen = Signal(str)  # the bundle's code (Enter or a double click)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search_box = QLineEdit()
        self.search_box.setObjectName("bundleSearch")
        self.search_box.setPlaceholderText(self.tr("搜索一件事：如“出生”“chusheng”“去世”“退休”"))
        self.search_box.setAccessibleName(self.tr("搜索一件事"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda _t: self.refilter())
        self.search_box.returnPressed.connect(self._enter)
        self.list = QListWidget()
        self.list.setObjectName("bundleList")
        self.list.setAccessibleName(self.tr("一件事列表"))
        self.list.currentItemChanged.connect(lambda cur, _prev: self._show_detail(cur))
        self.list.itemActivated.connect(lambda _i: self._enter())
        self.detail = QLabel("")
        self.detail.setObjectName("bundleDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("第一步：选择要办的一件事")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "一件事把同一件事要办的几个事项合在一起：信息只填一次，材料只扫一次，签一次名。"
                )
            )
        )
        layout.addWidget(self.search_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        self.refilter()

    def bundles(self) -> list[EventBundle]:
        return self.ctx.event_filings.bundles()

    def refilter(self) -> None:
        text = self.search_box.text().strip()
        everything = {b.code: b for b in self.bundles()}
        if text:
            found = search(self.ctx.catalog, text, limit=30, bundles=True)
            shown = [everything[h.code] for h in found if h.is_bundle and h.code in everything]
        else:
            shown = list(everything.values())
        self.list.clear()
        for b in shown:
            row = QListWidgetItem(f"{b.name}（{b.life_event}）")
            row.setData(Qt.ItemDataRole.UserRole, b.code)
            self.list.addItem(row)
        set_message(
            self.message,
            "" if shown else self.tr("没有找到相关的一件事，可以换个说法，或按单个事项新建申请。"),
        )
        if shown:
            self.list.setCurrentRow(0)
        else:
            self._show_detail(None)

    def select(self, code: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(i)
                return True
        return False

    def selected_code(self) -> str | None:
        row = self.list.currentItem()
        return str(row.data(Qt.ItemDataRole.UserRole)) if row is not None else None

    def _enter(self) -> None:
        code = self.selected_code()
        if code:
            self.chosen.emit(code)

    def _show_detail(self, row: QListWidgetItem | None) -> None:
        if row is None:
            self.detail.setText("")
            return
        bundle = self.ctx.event_filings.bundle(str(row.data(Qt.ItemDataRole.UserRole)))
        names = []
        for m in bundle.members:
            name = self.ctx.catalog.get(m.item_code).name
            if m.optional:
                name += self.tr("（可选）")
            elif m.condition:
                name += self.tr("（符合条件时）")
            names.append(name)
        self.detail.setText(bundle.description + "\n" + self.tr("一次办理：") + "、".join(names))

    def focus_first(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()
