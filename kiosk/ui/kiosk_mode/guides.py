"""Guides: browse by life event or theme, then one guide in large print, read aloud,
printed, or taken away on a phone by its QR code."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.catalog import Catalog, CatalogItem
from kiosk.ui.kiosk_mode import guide_text
from kiosk.ui.kiosk_mode.icons import pixmap, topic_icon_name
from kiosk.ui.kiosk_mode.printing import (
    PrinterFactory,
    guide_pdf,
    print_html,
    print_pdf_bytes,
)
from kiosk.ui.kiosk_mode.qr import qr_image
from kiosk.ui.kiosk_mode.speech import Reader
from kiosk.ui.kiosk_mode.theme import Look, set_kind
from kiosk.ui.kiosk_mode.widgets import (
    FitPicture,
    TileGrid,
    WrapButton,
    button,
    clear_layout,
    label,
    panel,
    scroller,
    tile,
)
from kiosk.ui.kiosk_mode.words import OTHER_TOPIC, TOPIC_WORDS, word
from kiosk.ui.page_stack import PageStack
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)

LIFE_EVENTS = "life_events"
THEMES = "themes"


def topics(catalog: Catalog, kind: str) -> dict[str, list[CatalogItem]]:
    """Topic → its items (by name), common topics first in a fixed order, then the rest."""
    found: dict[str, list[CatalogItem]] = {}
    for item in catalog.items():
        names = [str(t) for t in item.raw.get(kind, []) if str(t).strip()] or [OTHER_TOPIC]
        for name in names:
            found.setdefault(name, []).append(item)
    order = {name: i for i, name in enumerate(TOPIC_WORDS)}
    ranked = sorted(found, key=lambda n: (n == OTHER_TOPIC, order.get(n, len(order)), n))
    return {name: sorted(found[name], key=lambda i: i.name) for name in ranked}


def item_button(item: CatalogItem, look: Look) -> WrapButton:
    """An item as a wide button: its name, then who handles it and how long it takes."""
    if item.promised_days:
        days = QCoreApplication.translate("KioskItems", "{0} 个工作日办好").format(
            item.promised_days
        )
    else:
        days = QCoreApplication.translate("KioskItems", "当场办好")
    text = f"{item.name}\n{item.department} · {days}"
    return WrapButton(text, f"item_{item.code}", "item", item.name)


class GuideBrowsePage(QWidget):
    """Topics (life events / themes) as picture buttons; a topic opens its list of items."""

    open_item = Signal(str)

    def __init__(self, catalog: Catalog, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideBrowsePage")
        self.catalog = catalog
        self.look = look
        self.kind = LIFE_EVENTS
        self.by_event = button(self.tr("按人生事件"), "byLifeEvent", "choice")
        self.by_theme = button(self.tr("按主题"), "byTheme", "choice")
        self.all_items = button(self.tr("全部事项"), "allItems", "choice")
        group = QButtonGroup(self)
        for b in (self.by_event, self.by_theme, self.all_items):
            b.setCheckable(True)
            group.addButton(b)
        self.by_event.setChecked(True)
        self.by_event.clicked.connect(lambda: self.show_topics(LIFE_EVENTS))
        self.by_theme.clicked.connect(lambda: self.show_topics(THEMES))
        self.all_items.clicked.connect(self.show_all)
        switch = QHBoxLayout()
        switch.setSpacing(look.px(16))
        for b in (self.by_event, self.by_theme, self.all_items):
            switch.addWidget(b)
        switch.addStretch(1)
        self.heading = label("", "heading", "browseHeading")
        self.views = PageStack()
        self.topic_tiles = TileGrid(4 if look.scale < 150 else 3, look.px(20))
        self.topic_area = QWidget()
        topic_column = QVBoxLayout(self.topic_area)
        topic_column.setContentsMargins(0, 0, 0, 0)
        topic_column.addWidget(self.topic_tiles)
        topic_column.addStretch(1)
        self.item_area = QWidget()
        self.item_list = QVBoxLayout(self.item_area)
        self.item_list.setSpacing(look.px(14))
        self.views.addWidget(scroller(self.topic_area, "topicScroll"))
        self.views.addWidget(scroller(self.item_area, "itemScroll"))
        self.topic_buttons: dict[str, QToolButton] = {}
        self.item_buttons: dict[str, WrapButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(look.px(40), look.px(16), look.px(40), look.px(16))
        layout.addLayout(switch)
        layout.addWidget(self.heading)
        layout.addWidget(self.views, 1)
        self.show_topics(LIFE_EVENTS)

    @staticmethod
    def _clear(layout: QGridLayout | QVBoxLayout) -> None:
        clear_layout(layout)

    def show_topics(self, kind: str) -> None:
        self.kind = kind
        (self.by_event if kind == LIFE_EVENTS else self.by_theme).setChecked(True)
        for old in self.topic_tiles.tiles:
            old.hide()
            old.deleteLater()
        self.topic_buttons = {}
        groups = topics(self.catalog, kind)
        self.heading.setText(
            self.tr("您遇到了什么事？点一下看要办的事项")
            if kind == LIFE_EVENTS
            else self.tr("按主题查找：点一下看这个主题下的事项")
        )
        icon_px = self.look.px(96)
        for name, items in groups.items():
            text = self.tr("{0}\n{1} 项").format(word(name), len(items))
            b = tile(text, f"topic_{name}", pixmap(topic_icon_name(name), icon_px, self.look.ink))
            set_kind(b, "topic")
            b.setAccessibleName(self.tr("{0}，{1} 个事项").format(word(name), len(items)))
            b.setMinimumHeight(self.look.px(220))
            b.clicked.connect(lambda _=False, n=name: self.show_items(n))
            # in a scroll area: never smaller than the words need (scroll instead)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            self.topic_buttons[name] = b
        self.topic_tiles.set_tiles(list(self.topic_buttons.values()))
        for b in self.topic_buttons.values():
            b.ensurePolished()  # in the window now: the theme's font decides the words' height
            b.setMinimumHeight(max(b.minimumHeight(), b.sizeHint().height()))
        self.views.setCurrentIndex(0)

    def show_items(self, topic: str | None) -> None:
        if topic is None:
            items = self.catalog.items()
            self.heading.setText(self.tr("全部事项（{0} 项）").format(len(items)))
        else:
            items = topics(self.catalog, self.kind).get(topic, [])
            self.heading.setText(self.tr("{0}：{1} 项").format(word(topic), len(items)))
        self._clear(self.item_list)
        self.item_buttons = {}
        for item in sorted(items, key=lambda i: i.name):
            b = item_button(item, self.look)
            b.clicked.connect(lambda _=False, c=item.code: self.open_item.emit(c))
            # in a scroll area: never smaller than the words need (scroll instead)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            self.item_buttons[item.code] = b
            self.item_list.addWidget(b)
            b.ensurePolished()  # in the window now: the theme's font decides the words' height
            b.setMinimumHeight(max(b.minimumHeight(), b.sizeHint().height()))
        self.item_list.addStretch(1)
        self.views.setCurrentIndex(1)

    def show_all(self) -> None:
        self.all_items.setChecked(True)
        self.show_items(None)

    def back(self) -> bool:
        """From a topic's items back to the topics; False when already there."""
        if self.views.currentIndex() == 1 and not self.all_items.isChecked():
            self.show_topics(self.kind)
            return True
        return False


class CaptionedCode(QWidget):
    """The guide's QR code over its caption. The code takes (and shrinks to) the room left
    below the buttons; where that is too short for its smallest size and the caption too
    (1024×768 at 特大, English), the caption steps aside instead of being cut: the code
    keeps the same words as its accessible description, and 打印本指南 is just above."""

    def __init__(self, code: FitPicture, caption: QLabel) -> None:
        super().__init__()
        self.code, self.caption = code, caption
        code.setAccessibleDescription(caption.text())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(code, 1)
        layout.addWidget(caption)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        layout = self.layout()
        assert layout is not None
        need = self.code.smallest + layout.spacing() + self.caption.heightForWidth(self.width())
        self.caption.setVisible(self.height() >= need)


class GuidePage(QWidget):
    """One guide, big and plain; read aloud, print, or scan to take it along."""

    busy_changed = Signal(bool)

    def __init__(
        self,
        ctx: AppContext,
        look: Look,
        reader: Reader,
        printer_factory: PrinterFactory,
        station: Callable[[], str] = lambda: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("guidePage")
        self.station = station
        self.ctx = ctx
        self.look = look
        self.reader = reader
        self.printer_factory = printer_factory
        self.item: CatalogItem | None = None
        self.doc: guide_text.GuideDoc | None = None
        self.printing = False
        self._reading_note = False

        self.title = label("", "title", "guideTitle")
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setSpacing(look.px(8))
        self.scroll_area = scroller(self.body, "guideScroll")  # (QWidget has a scroll())

        self.qr = FitPicture(100)
        self.qr.setObjectName("guideQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName(self.tr("本指南的二维码"))
        self.qr_caption = label(self.tr("用手机扫一扫，把指南带回家"), "hint", "qrCaption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the actions' words wrap: beside the guide on 1024×768 at 特大 (English) a button
        # as wide as "Print this guide" on one line left the guide's words cut off
        ink = look.tile_ink
        self.read_button = WrapButton(
            self.tr("朗读指南"),
            "readAloud",
            "primary",
            centred=True,
            icon=pixmap("speaker", look.px(44), ink),
        )
        self.stop_button = WrapButton(
            self.tr("停止朗读"),
            "stopReading",
            "stop",
            centred=True,
            icon=pixmap("stop", look.px(36), ink),
        )
        self.stop_button.setEnabled(False)
        self.stop_button.hide()  # shown in the place of 朗读指南 while reading
        self.print_button = WrapButton(
            self.tr("打印本指南"),
            "printGuide",
            "primary",
            centred=True,
            icon=pixmap("print", look.px(44), ink),
        )
        self.message = label("", "hint", "guideMessage")
        self.read_button.clicked.connect(self.read_aloud)
        self.stop_button.clicked.connect(self.stop_reading)
        self.print_button.clicked.connect(self.print_guide)
        reader.speaking.connect(self._speaking)

        side = QVBoxLayout()
        side.setSpacing(look.px(14))
        side.addWidget(self.read_button)  # the actions first: always on screen
        side.addWidget(self.stop_button)
        side.addWidget(self.print_button)
        side.addWidget(self.message)
        side.addWidget(CaptionedCode(self.qr, self.qr_caption), 1)  # takes what is left
        side_panel = panel(side, "guideSide")
        side_panel.setMaximumWidth(look.px(440))  # narrower on a narrow screen
        row = QHBoxLayout()
        row.setSpacing(look.px(24))
        row.addWidget(self.scroll_area, 1)  # half each (the panel at most px(440) wide): on
        row.addWidget(side_panel, 1)  # a narrow screen both shrink, the buttons' words wrap
        layout = QVBoxLayout(self)
        layout.setContentsMargins(look.px(40), look.px(12), look.px(40), look.px(16))
        layout.addWidget(self.title)
        layout.addLayout(row, 1)

    # --- content -----------------------------------------------------------------------------
    def show_item(self, code: str) -> None:
        self.stop_reading()
        self.item = self.ctx.catalog.get(code)
        self.doc = guide_text.build(self.item)
        self.title.setText(self.item.name)
        clear_layout(self.body_layout)
        for section in self.doc.sections:
            self.body_layout.addWidget(label(section.title, "heading"))
            for m in section.materials:
                self.body_layout.addWidget(self._material_row(m))
            for line in section.lines:
                self.body_layout.addWidget(label(line, "body"))
        self.body_layout.addStretch(1)
        self.scroll_area.verticalScrollBar().setValue(0)
        size = 320 if self.look.scale < 150 else 270  # leaves room for the larger words
        self.qr.set_picture(QPixmap.fromImage(qr_image(guide_text.qr_payload(self.item), size)))
        self.message.setText("")

    def _material_row(self, m: guide_text.Material) -> QWidget:
        box = label("☐", "heading")
        box.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = f"{m.line}　{guide_text.material_tag(m)}" + (f"\n{m.note}" if m.note else "")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(box)
        row.addWidget(label(text, "body"), 1)
        holder = QWidget()
        holder.setLayout(row)
        return holder

    # --- read aloud --------------------------------------------------------------------------
    def read_aloud(self) -> None:
        if self.doc is None:
            return
        if not self.reader.available:
            self.read_button.setEnabled(False)
            self.message.setText(
                self.tr("这台终端没有安装朗读功能（语音引擎），请找工作人员帮忙。")
            )
            set_kind(self.message, "error")
            return
        self.reader.say(guide_text.speech_text(self.doc), chinese=True)
        self._show_stop(True)
        self._reading_note = True
        self.message.setText(self.tr("正在朗读……点“停止朗读”可以随时停下。"))
        set_kind(self.message, "hint")

    def stop_reading(self) -> None:
        self.reader.stop()
        self._speaking(False)

    def _show_stop(self, on: bool) -> None:
        self.stop_button.setEnabled(on)
        self.stop_button.setVisible(on)
        self.read_button.setVisible(not on)

    def _speaking(self, on: bool) -> None:
        self._show_stop(on)
        if not on and self._reading_note:
            self._reading_note = False
            self.message.setText("")

    # --- print -------------------------------------------------------------------------------
    def print_guide(self) -> None:
        if self.item is None or self.doc is None or self.printing:
            return
        self.printing = True
        self.busy_changed.emit(True)
        self.print_button.setEnabled(False)
        self.message.setText(self.tr("正在打印，请稍等……"))
        set_kind(self.message, "hint")
        ctx, code, factory = self.ctx, self.item.code, self.printer_factory
        html = guide_text.to_html(self.doc, self.station())
        family = QApplication.font().family()

        def job() -> None:
            printer = factory()
            pdf = guide_pdf(ctx, code)
            if pdf is not None:
                print_pdf_bytes(pdf, printer)
            else:
                print_html(html, printer, family)

        run_task(job, on_done=self._printed, on_error=self._print_failed)

    def _printed(self, _: object = None) -> None:
        self._print_finished()
        self.message.setText(self.tr("已打印，请在打印机出口取走。"))
        set_kind(self.message, "ok")

    def _print_failed(self, exc: Exception) -> None:
        log.warning("guide printing failed: %s", exc)
        self._print_finished()
        self.message.setText(self.tr("打印机没有准备好，没能打印。请找工作人员帮忙。"))
        set_kind(self.message, "error")

    def _print_finished(self) -> None:
        self.printing = False
        self.print_button.setEnabled(True)
        self.busy_changed.emit(False)
