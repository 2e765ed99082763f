"""Step 2: which service item. Search as you type (汉字, pinyin, initials) or browse by theme
and life event."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.catalog import ITEM_TYPES, CatalogItem
from kiosk.core.search import search
from kiosk.ui.new_application.catalog_access import browse_index, items_for
from kiosk.ui.new_application.state import FlowState
from kiosk.ui.new_application.step import Step
from kiosk.ui.widgets import hint_label, set_message, title_label

BUNDLE_ROLE = Qt.ItemDataRole.UserRole + 1  # a row that opens a 一件事, not an item


class ItemStep(Step):
    event_chosen = Signal(str)  # a 一件事 (event bundle) the search found: file it as one visit

    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("事项")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("itemSearch")
        self.search_box.setPlaceholderText(self.tr("搜索事项：汉字、拼音或首字母，如“养老”“yl”"))
        self.search_box.setAccessibleName(self.tr("搜索事项"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(lambda _t: self.refilter())
        self.search_box.returnPressed.connect(self._enter_from_search)
        themes, events = browse_index(ctx.catalog)
        self.theme = QComboBox()
        self.theme.setObjectName("themeFilter")
        self.theme.setAccessibleName(self.tr("按主题"))
        self.theme.addItem(self.tr("全部主题"), None)
        for t in themes:
            self.theme.addItem(t, t)
        self.life_event = QComboBox()
        self.life_event.setObjectName("eventFilter")
        self.life_event.setAccessibleName(self.tr("按人生事件"))
        self.life_event.addItem(self.tr("全部人生事件"), None)
        for e in events:
            self.life_event.addItem(e, e)
        self.theme.currentIndexChanged.connect(lambda _i: self.refilter())
        self.life_event.currentIndexChanged.connect(lambda _i: self.refilter())
        self.items = QListWidget()
        self.items.setObjectName("itemList")
        self.items.setAccessibleName(self.tr("事项列表"))
        self.items.currentItemChanged.connect(lambda cur, _prev: self._show_detail(cur))
        self.items.itemActivated.connect(self._activated)
        self.detail = QLabel("")
        self.detail.setObjectName("itemDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        browse = QHBoxLayout()
        browse.addWidget(QLabel(self.tr("按主题")))
        browse.addWidget(self.theme, 1)
        browse.addWidget(QLabel(self.tr("按人生事件")))
        browse.addWidget(self.life_event, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("第二步：选择办理事项")))
        layout.addWidget(self.search_box)
        layout.addLayout(browse)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        layout.addWidget(hint_label(self.tr("↑↓ 选择，Enter 确认")))
        self.refilter()

    def focus_first(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def refilter(self) -> None:
        chosen = self.selected_code()
        text = self.search_box.text().strip()
        allowed = {
            i.code: i
            for i in items_for(
                self.ctx.catalog, self.theme.currentData(), self.life_event.currentData()
            )
        }
        hits = search(self.ctx.catalog, text, limit=50, bundles=True) if text else []
        if text:
            entries = [allowed[h.code] for h in hits if not h.is_bundle and h.code in allowed]
        else:
            entries = list(allowed.values())
        self.items.clear()
        for hit in hits:
            if hit.is_bundle:  # a life event: its items filed together, each answer once
                row = QListWidgetItem(self.tr("【一件事】{0}：几个事项一次办").format(hit.name))
                row.setData(BUNDLE_ROLE, hit.code)
                self.items.addItem(row)
        for item in entries:
            label = item.name
            if not item.proxy_allowed:
                label += self.tr("（不可代办，请引导居民到窗口办理）")
            row = QListWidgetItem(label)
            row.setData(Qt.ItemDataRole.UserRole, item.code)
            if not item.proxy_allowed:
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.items.addItem(row)
        if not entries:
            set_message(self.message, self.tr("没有找到相关事项，请换个说法，或用拼音首字母。"))
        else:
            set_message(self.message, "")
        self.select(chosen) if chosen else self._select_first()

    def _activated(self, row: QListWidgetItem) -> None:
        bundle = row.data(BUNDLE_ROLE)
        if bundle:
            self.event_chosen.emit(str(bundle))
        else:
            self.advance.emit()

    def _select_first(self) -> None:
        for i in range(self.items.count()):
            row = self.items.item(i)
            if row.flags() & Qt.ItemFlag.ItemIsEnabled and not row.data(BUNDLE_ROLE):
                self.items.setCurrentRow(i)
                return
        self._show_detail(None)

    def _enter_from_search(self) -> None:
        row = self.items.currentItem()
        if row is not None and row.data(BUNDLE_ROLE):
            self.event_chosen.emit(str(row.data(BUNDLE_ROLE)))
        elif self.selected_code():
            self.advance.emit()

    def select(self, code: str) -> bool:
        for i in range(self.items.count()):
            if self.items.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.items.setCurrentRow(i)
                return True
        return False

    def selected_code(self) -> str | None:
        row = self.items.currentItem()
        if row is None or not (row.flags() & Qt.ItemFlag.ItemIsEnabled):
            return None
        code = row.data(Qt.ItemDataRole.UserRole)
        return str(code) if code else None

    def _show_detail(self, row: QListWidgetItem | None) -> None:
        if row is None:
            self.detail.setText("")
            return
        if row.data(BUNDLE_ROLE):
            bundle = self.ctx.event_filings.bundle(str(row.data(BUNDLE_ROLE)))
            self.detail.setText(bundle.description)
            return
        item = self.ctx.catalog.get(row.data(Qt.ItemDataRole.UserRole))
        self.detail.setText(describe(self, item))

    def enter(self, state: FlowState) -> None:
        if state.item is not None and not self.select(state.item.code):
            self.search_box.clear()
            self.theme.setCurrentIndex(0)
            self.life_event.setCurrentIndex(0)
            self.select(state.item.code)

    def collect(self, state: FlowState) -> None:
        code = self.selected_code()
        if code and (state.item is None or state.item.code != code):
            state.item = self.ctx.catalog.get(code)
            state.form = state.item.form

    def check(self, state: FlowState) -> str | None:
        if self.selected_code() is None:
            return self.tr("请先选择要办理的事项。")
        return None


def describe(widget: QWidget, item: CatalogItem) -> str:
    raw = item.raw or {}
    parts = [
        f"{item.department} · {ITEM_TYPES.get(item.item_type, item.item_type)} · {item.case_kind}",
        widget.tr("承诺时限 {0} 个工作日").format(item.promised_days)
        if item.promised_days
        else widget.tr("即办"),
    ]
    fee = (item.guide or {}).get("fee")
    if fee:
        parts.append(str(fee))
    stars = raw.get("star_level")
    if stars:
        parts.append(widget.tr("网办星级 {0}").format("★" * int(stars)))
    return "　".join(parts)
