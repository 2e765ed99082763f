"""Privacy timeout: after a while with no touch, count down visibly, then wipe everything.

Any touch, click or key restarts the wait. ``busy()`` (e.g. reading aloud, printing) also
counts as use. The countdown overlay covers the screen with a big "continue" button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.kiosk_mode.theme import set_kind

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Emits ``expired`` after ``idle_ms`` without activity plus a ``countdown``-tick warning."""

    countdown = Signal(int)  # seconds left (shown); 0 = warning hidden
    expired = Signal()

    def __init__(
        self,
        idle_ms: int,
        countdown_ticks: int = 10,
        tick_ms: int = 1000,
        busy: Callable[[], bool] = lambda: False,
        needed: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ticks = countdown_ticks
        self._left = 0
        self._busy = busy
        self._needed = needed
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.setInterval(max(1, idle_ms))
        self._wait.timeout.connect(self._idle)
        self._tick = QTimer(self)
        self._tick.setInterval(max(1, tick_ms))
        self._tick.timeout.connect(self._count)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self._wait.start()

    def stop(self) -> None:
        self._wait.stop()
        self._tick.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def counting(self) -> bool:
        return self._tick.isActive()

    def poke(self) -> None:
        """Someone is here: hide any countdown and wait again from the start."""
        if self._tick.isActive():
            self._tick.stop()
            self.countdown.emit(0)
        self._wait.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.poke()
        return False

    def _idle(self) -> None:
        if self._busy() or not self._needed():
            self._wait.start()
            return
        self._left = self._ticks
        self.countdown.emit(self._left)
        self._tick.start()

    def _count(self) -> None:
        if self._busy():
            self.poke()
            return
        self._left -= 1
        if self._left > 0:
            self.countdown.emit(self._left)
            return
        self._tick.stop()
        self.countdown.emit(0)
        self.expired.emit()
        self._wait.start()


class IdleOverlay(QWidget):
    """The visible countdown over the whole screen."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.message = QLabel()
        self.message.setObjectName("idleMessage")
        set_kind(self.message, "countdown")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stay = QPushButton(self.tr("我还在用，继续"))
        self.stay.setObjectName("idleStay")
        self.stay.setAccessibleName(self.tr("我还在用，继续"))
        set_kind(self.stay, "primary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)  # at 特大 on 1024×768 the words need the width
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addSpacing(40)
        layout.addWidget(self.stay, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        if seconds <= 0:
            self.hide()
            return
        self.message.setText(
            self.tr("很久没有操作了。为保护您的隐私，{0} 秒后将清除本页内容并回到首页。").format(
                seconds
            )
        )
        parent = self.parentWidget()
        assert parent is not None  # the overlay covers the window it was made for
        self.setGeometry(parent.rect())
        self.show()
        self.raise_()
