"""Idle lock: after N minutes without keyboard, mouse or touch input the workspace locks.

An application-wide event filter notes the time of the last input (a float assignment per
event; nothing else runs per event). A single-shot timer wakes up when the idle time could
have run out and either locks or sleeps for the remainder. Locked, the window shows only
the login for the same user: nothing of the case behind it stays readable, and dialogs
that were open (a receipt preview …) are hidden until the PIN is entered again.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.ui.login import LoginPanel

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``timeout_ms`` without input; ``reset()`` re-arms it."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = max(1000, int(timeout_ms))
        self._last = time.monotonic()
        self._armed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self._last = time.monotonic()
        self._armed = True
        self._timer.start(self.timeout_ms)

    def stop(self) -> None:
        self._armed = False
        self._timer.stop()

    def set_timeout(self, timeout_ms: int) -> None:
        self.timeout_ms = max(1000, int(timeout_ms))
        if self._armed:
            self.start()

    def idle_ms(self) -> int:
        return int((time.monotonic() - self._last) * 1000)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if not self._armed:
            return
        left = self.timeout_ms - self.idle_ms()
        if left > 0:
            self._timer.start(left)
            return
        self._armed = False
        self.idle.emit()

    def uninstall(self) -> None:
        self.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockPage(QWidget):
    """What a locked window shows: the login of the same user, nothing else."""

    unlocked = Signal(object)  # AgentInfo
    switch_user = Signal()

    def __init__(self, ctx: AppContext, agent: AgentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.agent = agent
        self.panel = LoginPanel(ctx, fixed_user=agent.name, parent=self)
        self.panel.setObjectName("lockPanel")
        self.panel.setMaximumWidth(460)
        self.panel.title.setText(self.tr("屏幕已锁定"))
        self.panel.authenticated.connect(self._ok)
        self.switch_button = QPushButton(self.tr("切换用户"))
        self.switch_button.setObjectName("switchUserButton")
        self.switch_button.clicked.connect(self.switch_user)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def prepare(self, reason: str) -> None:
        self.panel.reset(reason)
        self.panel.focus_first()

    def _ok(self, agent: AgentInfo) -> None:
        if agent.name != self.agent.name:  # the name field is read-only; belt and braces
            self.panel.reset(self.tr("请由本人解锁，或选择“切换用户”。"))
            return
        self.unlocked.emit(agent)
