"""The locked-down kiosk window: full screen, no window chrome, no way out but a technician.

- Close requests (Alt+F4, the window manager) are refused; Escape and shortcuts with
  Alt/Ctrl/Meta or function keys are swallowed. (Keys the OS keeps for itself, such as
  Ctrl+Alt+Del or the Windows key, need the OS set up as a kiosk: see
  installer/kiosk-mode-autostart.md.)
- Way out: five taps in the top-right corner within three seconds open the technician page;
  a technician account's PIN closes the window.
- A receipt QR read by a USB scanner (a burst of keys ending in Enter: the station-signed
  ``KQ1:…`` code, or an older receipt's ``KIOSKCASE:<case_no>:<query_code>``) opens that
  case's progress from any screen; another station's or a forged code is refused in plain
  words (kiosk/ui/scanner.py watches this window only).
- Privacy: "首页" and the idle timeout rebuild every page from scratch, so nothing typed
  survives; the idle timeout also puts text size, contrast and language back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.public_lookup import PublicCase, parse_scanned
from kiosk.core.search import search
from kiosk.devices.receipt_code import looks_like_code
from kiosk.ui.errors import user_message
from kiosk.ui.kiosk_mode.evaluate import EvaluatePage
from kiosk.ui.kiosk_mode.guides import LIFE_EVENTS, GuideBrowsePage, GuidePage
from kiosk.ui.kiosk_mode.home import HomePage, PrintMenuPage
from kiosk.ui.kiosk_mode.icons import pixmap
from kiosk.ui.kiosk_mode.idle import IdleOverlay, IdleWatcher
from kiosk.ui.kiosk_mode.lookup import LookupGuard, LookupPage
from kiosk.ui.kiosk_mode.printing import PrinterFactory, station_printer
from kiosk.ui.kiosk_mode.search_page import SearchPage
from kiosk.ui.kiosk_mode.speech import Reader
from kiosk.ui.kiosk_mode.technician import TechnicianPage
from kiosk.ui.kiosk_mode.theme import Look, stylesheet
from kiosk.ui.kiosk_mode.widgets import button, label, with_icon
from kiosk.ui.page_stack import PageStack
from kiosk.ui.scanner import ScannerWatch
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)

Page = TypeVar("Page", bound=QWidget)  # the shell's pages, each made when first shown

CORNER_PX = 120
TAPS_TO_EXIT = 5
TAP_WINDOW_S = 3.0
BLOCKED_MODIFIERS = (
    Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.MetaModifier
)


def _receipt_scan(text: str) -> bool:
    return looks_like_code(text) or parse_scanned(text) is not None


def _blocked_key(event: QKeyEvent) -> bool:
    key = event.key()
    if key in (Qt.Key.Key_Escape, Qt.Key.Key_Menu, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R):
        return True
    if Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35:
        return True
    return bool(event.modifiers() & BLOCKED_MODIFIERS)


class KioskShell(QWidget):
    exited = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        idle_seconds: float | None = None,
        countdown_seconds: int = 10,
        tick_ms: int = 1000,
        printer_factory: PrinterFactory = station_printer,
        tts_engine: str = "",
        lockdown: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("kioskShell")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(self.tr("村（社区）自助服务终端"))
        self.ctx = ctx
        self.lockdown = lockdown
        self.printer_factory = printer_factory
        self.default_look = Look(language=ctx.settings.language)
        self.look = self.default_look
        self.idle_seconds = (
            idle_seconds if idle_seconds is not None else ctx.settings.kiosk_idle_seconds
        )
        self.reader = Reader(tts_engine, self)
        self.guard = LookupGuard()
        self.station_name = ""
        self._may_close = False
        self._taps: list[float] = []
        self._last_press: tuple[int, int, int] | None = None
        self._pages: dict[str, QWidget] = {}
        self._history: list[tuple[QWidget, str]] = []
        self.body: QWidget | None = None
        self.overlay: IdleOverlay | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        if lockdown:
            self.setWindowFlags(
                Qt.WindowType.Window
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )
        self._build()
        self.idle = IdleWatcher(
            int(self.idle_seconds * 1000),
            countdown_seconds,
            tick_ms,
            busy=self.busy,
            needed=self.needs_reset,
            parent=self,
        )
        self.idle.countdown.connect(self._countdown)
        self.idle.expired.connect(self.reset)
        self.idle.start()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.scanner = ScannerWatch(self, _receipt_scan)
        self.scanner.scanned.connect(self._on_scanned, Qt.ConnectionType.QueuedConnection)
        run_task(ctx.station, on_done=self._station, on_error=lambda exc: None)
        run_task(lambda: search(ctx.catalog, "yl"), on_error=lambda exc: None)  # warm pinyin

    # --- building (again) --------------------------------------------------------------------
    def _build(self) -> None:
        """(Re)create everything on screen for ``self.look``: nothing typed survives."""
        self.setStyleSheet(stylesheet(self.look))
        old, old_overlay = self.body, self.overlay
        self._pages = {}
        self._history = []
        body = QWidget()
        body.setObjectName("kioskBody")
        top = QWidget()
        top.setObjectName("topBar")
        top.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        ink = self.look.ink
        self.home_button = button(self.tr("首页"), "navHome", "nav")
        with_icon(self.home_button, pixmap("home", self.look.px(40), ink))
        self.home_button.clicked.connect(self.go_home)
        self.back_button = button(self.tr("返回"), "navBack", "nav")
        with_icon(self.back_button, pixmap("back", self.look.px(40), ink))
        self.back_button.clicked.connect(self.back)
        self.page_title = label("", "title", "pageTitle")
        bar = QHBoxLayout(top)
        bar.setContentsMargins(self.look.px(24), self.look.px(10), CORNER_PX, self.look.px(10))
        bar.setSpacing(self.look.px(20))
        bar.addWidget(self.home_button)
        bar.addWidget(self.back_button)
        bar.addWidget(self.page_title, 1)
        self.top_bar = top
        self.stack = PageStack()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.stack, 1)
        self.body = body
        self._layout.addWidget(body)
        self.overlay = IdleOverlay(self)
        self.overlay.stay.clicked.connect(lambda: self.idle.poke())
        self._show(self.home, "", remember=False)
        if old is not None:
            self._layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        if old_overlay is not None:
            old_overlay.hide()
            old_overlay.deleteLater()

    def _page(self, key: str, kind: type[Page], make: Callable[[], Page]) -> Page:
        page = self._pages.get(key)
        if page is None:
            made = make()
            self._pages[key] = made
            self.stack.addWidget(made)
            return made
        assert isinstance(page, kind)  # one kind of page per key
        return page

    @property
    def home(self) -> HomePage:
        def make() -> HomePage:
            page = HomePage(self.look, int(self.idle_seconds))
            page.set_station(self.station_name)
            page.go.connect(self.go)
            page.look_changed.connect(self.set_look)
            return page

        return self._page("home", HomePage, make)

    @property
    def browse(self) -> GuideBrowsePage:
        def make() -> GuideBrowsePage:
            page = GuideBrowsePage(self.ctx.catalog, self.look)
            page.open_item.connect(self.open_guide)
            return page

        return self._page("browse", GuideBrowsePage, make)

    @property
    def guide(self) -> GuidePage:
        def make() -> GuidePage:
            return GuidePage(
                self.ctx,
                self.look,
                self.reader,
                self.printer_factory,
                station=lambda: self.station_name,
            )

        return self._page("guide", GuidePage, make)

    @property
    def search(self) -> SearchPage:
        def make() -> SearchPage:
            page = SearchPage(self.ctx.catalog, self.look)
            page.open_item.connect(self.open_guide)
            return page

        return self._page("search", SearchPage, make)

    @property
    def lookup(self) -> LookupPage:
        def make() -> LookupPage:
            page = LookupPage(self.ctx, self.look, self.guard, self.printer_factory)
            page.evaluate.connect(self.open_evaluation)
            page.rate_now.connect(self.open_evaluation)
            return page

        return self._page("lookup", LookupPage, make)

    @property
    def evaluate(self) -> EvaluatePage:
        def make() -> EvaluatePage:
            page = EvaluatePage(self.ctx, self.look)
            page.done.connect(self.go_home)
            return page

        return self._page("evaluate", EvaluatePage, make)

    @property
    def print_menu(self) -> PrintMenuPage:
        def make() -> PrintMenuPage:
            page = PrintMenuPage(self.look)
            page.go.connect(self.go)
            return page

        return self._page("print", PrintMenuPage, make)

    @property
    def technician(self) -> TechnicianPage:
        def make() -> TechnicianPage:
            page = TechnicianPage(self.ctx, self.look)
            page.unlocked.connect(self._unlocked)
            page.cancelled.connect(self.go_home)
            return page

        return self._page("technician", TechnicianPage, make)

    # --- navigation --------------------------------------------------------------------------
    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show(self, page: QWidget, title: str, remember: bool = True) -> None:
        current = self.stack.currentWidget()
        if remember and current is not None and current is not page:
            self._history.append((current, self.page_title.text()))
        self.stack.setCurrentWidget(page)
        self.page_title.setText(title)
        self.top_bar.setVisible(page is not self._pages.get("home"))

    def go(self, key: str) -> None:
        if key == "guides":
            self.browse.show_topics(LIFE_EVENTS)
            self._show(self.browse, self.tr("查办事指南"))
        elif key == "search":
            self._show(self.search, self.tr("搜索事项"))
            self.search.start()
        elif key in ("lookup", "evaluate"):
            self.lookup.clear()
            title = self.tr("评价服务") if key == "evaluate" else self.tr("查办件进度")
            self._show(self.lookup, title)
            self.lookup.start(then_evaluate=key == "evaluate")
        elif key == "print":
            self._show(self.print_menu, self.tr("打印"))
        else:
            raise ValueError(key)

    def open_guide(self, code: str) -> None:
        self.guide.show_item(code)
        self._show(self.guide, self.tr("办事指南"))

    def open_evaluation(self, case: PublicCase, done: str = "") -> None:
        """The rating of ``case``; ``done``: what the resident just did (said above it)."""
        self.evaluate.show_case(case, done)
        self._show(self.evaluate, self.tr("评价服务"))

    def back(self) -> None:
        page = self.current()
        step_back = getattr(page, "back", None)
        if callable(step_back) and step_back():
            return
        self.reader.stop()
        if self._history:
            previous, title = self._history.pop()
            self._show(previous, title, remember=False)
        else:
            self.go_home()

    def go_home(self) -> None:
        """Home, with every page rebuilt empty (the person's text size etc. stay)."""
        self.reader.stop()
        self._rebuild_now()  # safe inside a click handler: old widgets go by deleteLater

    def _rebuild_now(self) -> None:
        QGuiApplication.clipboard().clear()
        self._build()

    def set_look(self, look: Look) -> None:
        if look == self.look:
            return
        language_changed = look.language != self.look.language
        self.look = look
        if language_changed:
            from kiosk.ui.look import install_translators

            app = QApplication.instance()
            assert isinstance(app, QApplication)
            install_translators(app, look.language)
        self._build()

    def reset(self) -> None:
        """The privacy reset: everything wiped, back home, the station's default look."""
        log.info("kiosk idle reset")
        self.reader.stop()
        if self.look.language != self.default_look.language:
            from kiosk.ui.look import install_translators

            app = QApplication.instance()
            assert isinstance(app, QApplication)
            install_translators(app, self.default_look.language)
        self.look = self.default_look
        self._rebuild_now()

    # --- idle --------------------------------------------------------------------------------
    def busy(self) -> bool:
        """Reading aloud or printing counts as use: the countdown waits."""
        guide = self._pages.get("guide")
        lookup = self._pages.get("lookup")
        return (
            self.reader.is_speaking()
            or (isinstance(guide, GuidePage) and guide.printing)
            or (isinstance(lookup, LookupPage) and lookup.working)
        )

    def needs_reset(self) -> bool:
        return self.current() is not self._pages.get("home") or self.look != self.default_look

    def _countdown(self, seconds: int) -> None:
        if self.overlay is not None:
            self.overlay.show_seconds(seconds)

    # --- lock-down, hidden exit, scanner -----------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            if not self.isVisible():
                return False
            assert isinstance(event, QKeyEvent)
            if self.lockdown and _blocked_key(event):
                return True
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._maybe_tap(event)
        return False

    def _on_scanned(self, text: str) -> None:
        """A scanner's burst (kiosk/ui/scanner.py): the receipt's signed code, or an older
        receipt's plain ``KIOSKCASE:`` code."""
        plain = parse_scanned(text)
        if plain:
            self.scanned(*plain)
            return
        codes = self.ctx.receipt_codes()
        run_task(
            lambda: codes.read(text),
            on_done=lambda code: self.scanned(code.reference, code.query_code),
            on_error=self._scan_refused,
        )

    def _scan_refused(self, exc: Exception) -> None:
        """A forged code or another station's: say so plainly on the lookup page."""
        self.reader.stop()
        self._rebuild_now()
        self.go("lookup")
        self.lookup.refuse(user_message(exc))

    def scanned(self, case_no: str, query_code: str) -> None:
        """A receipt QR was scanned: wipe whatever was on screen, show that case."""
        then_evaluate = self.current() is self._pages.get("lookup") and self.lookup.then_evaluate
        self.reader.stop()
        self._rebuild_now()
        self.go("evaluate" if then_evaluate else "lookup")
        self.lookup.fill(case_no, query_code)
        self.lookup.submit()

    def _maybe_tap(self, event: QEvent) -> None:
        points = getattr(event, "points", None)
        if points is None or not self.isVisible():
            return
        pts = points()
        if not pts:
            return
        pos = pts[0].globalPosition().toPoint()
        press = (int(getattr(event, "timestamp", lambda: 0)()), pos.x(), pos.y())
        if press == self._last_press:
            return  # the same press seen again on its way through the widget tree
        self._last_press = press
        local = self.mapFromGlobal(pos)
        if not (
            self.width() - CORNER_PX <= local.x() < self.width() and 0 <= local.y() < CORNER_PX
        ):
            self._taps.clear()
            return
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t <= TAP_WINDOW_S] + [now]
        if len(self._taps) >= TAPS_TO_EXIT:
            self._taps.clear()
            self.open_technician()

    def open_technician(self) -> None:
        self.reader.stop()
        self._show(self.technician, self.tr("技术员"))
        self.technician.start()

    def _unlocked(self, agent: object) -> None:
        log.info("kiosk mode left by a technician")
        self.shutdown()
        self.exited.emit()

    def show_full_screen(self) -> None:
        """Cover the whole screen, also on an X server with no window manager (a common
        kiosk set-up, where the full-screen request alone changes nothing)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setMaximumSize(screen.geometry().size())  # pages squeeze, never spill off
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def shutdown(self) -> None:
        """Close for good (after a technician's PIN, or at the end of a test)."""
        self._may_close = True
        self.reader.stop()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close or not self.lockdown:
            self.idle.stop()
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            event.accept()
            return
        event.ignore()

    def _station(self, info: object) -> None:
        self.station_name = getattr(info, "name", "") or ""
        home = self._pages.get("home")
        if isinstance(home, HomePage):
            home.set_station(self.station_name)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.overlay is not None and self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())
