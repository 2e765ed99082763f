"""Login: user name + PIN. The check runs in a worker (scrypt is deliberately slow).

:class:`LoginPanel` is the form itself; :class:`LoginDialog` shows it at start, and the
idle lock (idle_lock.py) shows it over the workspace with the user name fixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.errors import user_message
from kiosk.ui.widgets import set_message
from kiosk.ui.worker import run_task

if TYPE_CHECKING:  # the login paints before the services are imported (see startup.py)
    from kiosk.context import AppContext
    from kiosk.core.agents import AgentInfo


class LoginPanel(QWidget):
    authenticated = Signal(object)  # AgentInfo

    def __init__(
        self,
        ctx: AppContext | None,
        hint: str = "",
        fixed_user: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent: AgentInfo | None = None
        self.fixed_user = fixed_user
        self.title = QLabel(self.tr("村（社区）代办点"))
        self.title.setProperty("role", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.user = QLineEdit()
        self.user.setObjectName("loginUser")
        self.user.setAccessibleName(self.tr("用户名"))
        self.user.setMaxLength(50)
        if fixed_user is not None:
            self.user.setText(fixed_user)
            self.user.setReadOnly(True)
            self.user.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pin = QLineEdit()
        self.pin.setObjectName("loginPin")
        self.pin.setAccessibleName(self.tr("PIN 码"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self.try_login)
        self.user.returnPressed.connect(self.pin.setFocus)
        self.message = QLabel(hint)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("登录") if fixed_user is None else self.tr("解锁"))
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_login)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("PIN 码"), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.button)
        self.setTabOrder(self.user, self.pin)
        self.setTabOrder(self.pin, self.button)
        self.hint = hint
        self._waiting = False  # Enter pressed before the station was open: log in when it is
        if ctx is None:
            set_message(self.message, self.tr("正在打开本站数据，请稍候…"))

    def set_context(self, ctx: AppContext) -> None:
        """The station is open: logging in works from now on."""
        self.ctx = ctx
        set_message(self.message, self.hint)
        if self._waiting:
            self._waiting = False
            self.try_login()

    def focus_first(self) -> None:
        (self.pin if self.fixed_user is not None or self.user.text() else self.user).setFocus()

    def reset(self, message: str = "") -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        set_message(self.message, message)

    def try_login(self) -> None:
        if not self.button.isEnabled():
            return
        name, pin = self.user.text(), self.pin.text()
        if not name.strip() or not pin:
            set_message(self.message, self.tr("请输入用户名和 PIN 码。"), "error")
            (self.user if not name.strip() else self.pin).setFocus()
            return
        if self.ctx is None:
            self._waiting = True
            set_message(self.message, self.tr("正在打开本站数据，打开后自动登录…"))
            return
        self.button.setEnabled(False)
        set_message(self.message, self.tr("正在验证…"))
        ctx = self.ctx
        run_task(
            lambda: ctx.agents.authenticate(name, pin), on_done=self._ok, on_error=self._failed
        )

    def _ok(self, agent: AgentInfo) -> None:
        self.agent = agent
        self.button.setEnabled(True)
        self.pin.clear()
        self.authenticated.emit(agent)

    def _failed(self, exc: Exception) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        set_message(self.message, user_message(exc), "error")


class LoginDialog(QDialog):
    def __init__(
        self, ctx: AppContext | None, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent: AgentInfo | None = None
        self.setWindowTitle(self.tr("村级代办 · 登录"))
        self.setMinimumWidth(400)
        self.panel = LoginPanel(ctx, hint, parent=self)
        self.user, self.pin = self.panel.user, self.panel.pin
        self.message, self.button = self.panel.message, self.panel.button
        self.panel.authenticated.connect(self._ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)

    def set_context(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.panel.set_context(ctx)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.panel.focus_first()

    def _ok(self, agent: AgentInfo) -> None:
        self.agent = agent
        self.accept()
