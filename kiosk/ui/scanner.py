"""A keyboard-wedge scanner's bursts, watched on one window (never the whole application).

:class:`ScannerWatch` is a child of the window it watches. Key events go to the focus
widget first, so it filters the window's current focus widget (moved along as the focus
moves, through ``QApplication.focusChanged``) and the window itself. It keeps no Python
reference to any widget and calls nothing: it only emits :attr:`scanned`, so no reference
cycle ties it to the window, and it dies with the window's C++ object.

Enter that ends a burst which ``accept`` likes is swallowed (no button fires, no form is
sent), and the burst's characters, already typed into a line edit, are taken out again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from kiosk.devices.receipt_code import looks_like_code
from kiosk.devices.scanner import BurstDetector
from kiosk.ui.errors import show_error
from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.context import AppContext


class ScannerWatch(QObject):
    scanned = Signal(str)

    def __init__(self, window: QWidget, accept: Callable[[str], bool]) -> None:
        """``accept``: whether a burst is a code for this window (a plain function of the
        text, e.g. ``looks_like_code``; it must not hold the window)."""
        super().__init__(window)
        self.setObjectName("scannerWatch")
        self._accept = accept
        self._burst = BurstDetector()
        window.installEventFilter(self)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_moved)
        focus = QApplication.focusWidget()
        if focus is not None and window.isAncestorOf(focus):
            focus.installEventFilter(self)

    def _window(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def _focus_moved(self, old: QWidget | None, now: QWidget | None) -> None:
        window = self._window()
        if old is not None and old is not window:
            old.removeEventFilter(self)
        if now is not None and window is not None and window.isAncestorOf(now):
            now.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        # a key a child ignores travels up to the window: read it where it starts, once
        focus = QApplication.focusWidget()
        if watched is not (focus if focus is not None else self._window()):
            return False
        assert isinstance(event, QKeyEvent)
        if event.isAutoRepeat():
            return False
        at = int(event.timestamp())
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self._burst.enter(at)
            if text is None or not self._accept(text):
                return False
            if isinstance(watched, QLineEdit) and watched.text().endswith(text):
                watched.setText(watched.text()[: -len(text)])
            self.scanned.emit(text)
            return True
        if event.text() and event.text().isprintable():
            self._burst.key(event.text(), at)
        return False


@runtime_checkable
class CaseDesk(Protocol):
    """The window a desk scanner opens cases in (the main window)."""

    ctx: AppContext
    locked: bool

    def open_case(self, app_id: str) -> None: ...


class DeskScanner(ScannerWatch):
    """At the agent's desk: a receipt's signed code opens that case in the main window
    (which has ``ctx``, ``locked`` and ``open_case``)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, looks_like_code)
        self.scanned.connect(self._open, Qt.ConnectionType.QueuedConnection)

    def _open(self, text: str) -> None:
        window = self._window()
        if not isinstance(window, CaseDesk) or window.locked:
            return
        ctx = window.ctx
        run_task(lambda: ctx.case_of_receipt(text), on_done=window.open_case, on_error=show_error)
