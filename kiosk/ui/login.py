"""Login: user name + PIN. The check runs in a worker (scrypt is deliberately slow)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.ui.errors import user_message
from kiosk.ui.worker import run_task


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent: AgentInfo | None = None
        self.setWindowTitle(self.tr("村级代办 · 登录"))
        self.setMinimumWidth(380)
        title = QLabel(self.tr("村（社区）代办点"))
        title.setProperty("role", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.user = QLineEdit()
        self.user.setObjectName("loginUser")
        self.user.setAccessibleName(self.tr("用户名"))
        self.pin = QLineEdit()
        self.pin.setObjectName("loginPin")
        self.pin.setAccessibleName(self.tr("PIN 码"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.message = QLabel(hint)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("登录"))
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self._try_login)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("PIN 码"), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.button)

    def _try_login(self) -> None:
        name, pin = self.user.text(), self.pin.text()
        self.button.setEnabled(False)
        self.message.setText(self.tr("正在验证…"))
        run_task(
            lambda: self.ctx.agents.authenticate(name, pin), on_done=self._ok, on_error=self._failed
        )

    def _ok(self, agent: AgentInfo) -> None:
        self.agent = agent
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        self.message.setProperty("role", "error")
        self.message.setText(user_message(exc))
        self.message.style().polish(self.message)
