"""Finding the item: search as you type (off the GUI thread) or browse by theme / life event."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.catalog import Catalog, CatalogItem, describe_level
from kiosk.core.search import search
from kiosk.ui.kiosk_mode.words import word
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 120  # wait for a pause in typing before searching


class ItemPicker(QWidget):
    """Search box, browse filter and the list of items. Emits the chosen item's code."""

    chosen = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._seq = 0
        self.browse = QComboBox()
        self.browse.setObjectName("itemBrowse")
        self.browse.setAccessibleName(self.tr("按主题或人生事项浏览"))
        self.browse.addItem(self.tr("全部事项"), ("all",))  # never None: see form_inputs.NO_DATA
        if any(i.village_acceptable for i in catalog.items()):
            self.browse.addItem(self.tr("本代办点可受理的事项"), ("village", ""))
        for subject in catalog.subjects():
            for theme in catalog.themes(subject):
                label = f"{word(subject)} › {word(theme)}"  # topic names in the UI language
                self.browse.addItem(label, ("theme", subject, theme))
        for event in catalog.life_events():
            self.browse.addItem(self.tr("人生事项 › ") + word(event), ("event", event))
        self.browse.currentIndexChanged.connect(lambda _i: self._show_browse())
        self.search_box = QLineEdit()
        self.search_box.setObjectName("itemSearch")
        self.search_box.setPlaceholderText(self.tr("搜索事项：汉字、拼音或首字母"))
        self.search_box.setAccessibleName(self.tr("搜索事项"))
        self.search_box.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self._search)
        self.search_box.textChanged.connect(lambda _t: self.timer.start())
        self.items = QListWidget()
        self.items.setObjectName("itemList")
        self.items.setAccessibleName(self.tr("事项列表"))
        self.items.currentItemChanged.connect(self._current_changed)
        self.status = QLabel("")
        self.status.setObjectName("searchStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("选择办理事项")))
        layout.addWidget(self.search_box)
        layout.addWidget(self.browse)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.status)
        self._show_browse()
        # build (or open) the search index now, in the background, not on the first keystroke
        run_task(catalog.search_index, on_error=lambda exc: log.warning("index: %s", exc))

    # --- listing -------------------------------------------------------------------------------
    def _browse_items(self) -> list[CatalogItem]:
        choice = self.browse.currentData()
        if choice[0] == "all":
            return sorted(self.catalog.items(), key=lambda i: (not i.village_acceptable, i.code))
        if choice[0] == "village":
            return [i for i in self.catalog.items() if i.village_acceptable]
        if choice[0] == "theme":
            return self.catalog.items_in_theme(choice[2], choice[1])
        return self.catalog.items_for_life_event(choice[1])

    def _show_browse(self) -> None:
        if self.search_box.text().strip():
            self._search()
            return
        self._fill([(i.code, i.name) for i in self._browse_items()])
        self.status.clear()

    def _fill(self, entries: list[tuple[str, str]]) -> None:
        current = self.current_code()
        self.items.blockSignals(True)
        self.items.clear()
        for code, name in entries:
            item = self.catalog.get(code) if code in self.catalog else None
            row = QListWidgetItem(name)
            row.setData(Qt.ItemDataRole.UserRole, code)
            if item is not None:
                row.setToolTip(
                    f"{code} · {item.department} · {describe_level(item.accepting_level)}受理"
                )
            self.items.addItem(row)
            if code == current:
                self.items.setCurrentItem(row)
        self.items.blockSignals(False)

    # --- searching -----------------------------------------------------------------------------
    def _search(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            self._show_browse()
            return
        self._seq += 1
        seq = self._seq
        catalog = self.catalog
        run_task(
            lambda: search(catalog, text, limit=50),
            on_done=lambda hits: self._searched(seq, hits),
            on_error=lambda exc: log.warning("search failed: %s", exc),
        )

    def _searched(self, seq: int, hits: list[Any]) -> None:
        if seq != self._seq:
            return  # the agent typed on: an older answer must not replace a newer one
        choice = self.browse.currentData()
        if choice[0] != "all":
            allowed = {i.code for i in self._browse_items()}
            hits = [h for h in hits if h.code in allowed]
        self._fill([(h.code, h.name) for h in hits])
        self.status.setText(
            self.tr("找到 {0} 个事项").format(len(hits))
            if hits
            else self.tr("没有找到，换个说法试试（如“低保”“养老”“残疾证”）")
        )

    def filter_now(self, text: str) -> None:
        """Search synchronously (for code that must see the result at once, e.g. tests)."""
        self.search_box.blockSignals(True)
        self.search_box.setText(text)
        self.search_box.blockSignals(False)
        self._seq += 1
        if text.strip():
            self._searched(self._seq, search(self.catalog, text, limit=50))
        else:
            self._show_browse()

    # --- choosing ------------------------------------------------------------------------------
    def current_code(self) -> str | None:
        row = self.items.currentItem()
        code = None if row is None else row.data(Qt.ItemDataRole.UserRole)
        return code if isinstance(code, str) else None

    def select(self, code: str) -> bool:
        for i in range(self.items.count()):
            if self.items.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.items.setCurrentRow(i)
                return True
        return False

    def _current_changed(self, current: QListWidgetItem | None, _prev: Any = None) -> None:
        if current is not None:
            self.chosen.emit(current.data(Qt.ItemDataRole.UserRole))


def guide_html(item: CatalogItem) -> str:
    """The 办事指南 as simple rich text for the guide dialog."""
    g = item.guide
    e = html.escape

    def items(values: list[str]) -> str:
        return "<ol>" + "".join(f"<li>{e(v)}</li>" for v in values) + "</ol>"

    parts = [f"<h3>{e(item.name)}</h3>"]
    parts.append(
        f"<p>{e(item.department)} · {e(item.item_type_name)} · {e(item.case_kind)} · "
        f"承诺 {item.promised_days} 个工作日"
        + (f"（法定 {item.legal_days} 个工作日）" if item.legal_days is not None else "")
        + f" · {e(describe_level(item.accepting_level))}受理 · 网办深度 {'★' * item.star_level}</p>"
    )
    if g.get("conditions"):
        parts.append("<h4>受理条件</h4>" + items(g["conditions"]))
    if g.get("materials"):
        rows = []
        for m in g["materials"]:
            need = "必需" if m.get("required") else "如有"
            extra = "；".join(x for x in (m.get("condition", ""), m.get("note", "")) if x)
            rows.append(
                f"<li>{e(m['name'])}（{e(m['form'])} {m['count']} 份，{need}）"
                + (f"<br/><small>{e(extra)}</small>" if extra else "")
                + "</li>"
            )
        parts.append("<h4>申请材料</h4><ol>" + "".join(rows) + "</ol>")
    if g.get("steps"):
        parts.append("<h4>办理流程</h4>" + items(g["steps"]))
    for key, title in (("fee", "收费"), ("place", "办理地点"), ("hours", "办理时间")):
        if g.get(key):
            parts.append(f"<h4>{title}</h4><p>{e(g[key])}</p>")
    phones = [
        f"{label}：{e(g[key])}"
        for key, label in (("phone", "咨询电话"), ("complaint_phone", "投诉电话"))
        if g.get(key)
    ]
    if phones:
        parts.append("<p>" + "<br/>".join(phones) + "</p>")
    if g.get("basis"):
        parts.append("<h4>设定依据</h4>" + items(g["basis"]))
    if g.get("faq"):
        parts.append(
            "<h4>常见问题</h4>"
            + "".join(f"<p><b>问：{e(x['q'])}</b><br/>答：{e(x['a'])}</p>" for x in g["faq"])
        )
    return "".join(parts)
