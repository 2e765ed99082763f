"""The only way out of kiosk mode: a technician's PIN (after a hidden gesture, see shell.py).

The PIN is checked by AgentService.authenticate in a worker (slow on purpose, with lockout
after repeated failures); only an account with the technician role may leave.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.core.errors import KioskError
from kiosk.ui.kiosk_mode.keyboard import OnScreenKeyboard
from kiosk.ui.kiosk_mode.theme import Look, set_kind
from kiosk.ui.kiosk_mode.widgets import button, clear_layout, entry, label
from kiosk.ui.worker import run_task

TECHNICIAN = "technician"


class TechnicianPage(QWidget):
    unlocked = Signal(object)  # AgentInfo
    cancelled = Signal()

    def __init__(self, ctx: AppContext, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("technicianPage")
        self.ctx = ctx
        self.look = look
        self.checking = False
        self.title = label(self.tr("技术员退出自助模式"), "title", "techTitle")
        self.who_label = label(self.tr("技术员账号："), "heading", "techWho")
        self.accounts = QHBoxLayout()
        self.account_buttons: dict[str, QWidget] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.pin = entry("techPin", self.tr("技术员 PIN 码"), self.tr("PIN 码"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self.submit)
        self.keyboard = OnScreenKeyboard(look, numeric=True)
        self.keyboard.attach(self.pin)
        self.exit_button = button(self.tr("退出自助模式"), "techExit", "primary")
        self.exit_button.clicked.connect(self.submit)
        self.cancel_button = button(self.tr("取消"), "techCancel", "nav")
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self.message = label("", "error", "techMessage")
        left = QVBoxLayout()
        left.setSpacing(look.px(12))
        left.addWidget(self.title)
        left.addWidget(self.who_label)
        left.addLayout(self.accounts)
        left.addWidget(self.pin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exit_button, 1)
        buttons.addWidget(self.cancel_button)
        left.addLayout(buttons)
        left.addWidget(self.message)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(look.px(60), look.px(30), look.px(60), look.px(30))
        layout.setSpacing(look.px(40))
        layout.addLayout(left, 3)
        pad = QVBoxLayout()
        pad.addWidget(self.keyboard)
        pad.addStretch(1)
        layout.addLayout(pad, 2)

    def start(self) -> None:
        self.pin.clear()
        self.message.setText("")
        self.keyboard.set_target(self.pin)
        ctx = self.ctx
        run_task(
            lambda: [a.name for a in ctx.agents.list() if a.role == TECHNICIAN],
            on_done=self._accounts,
            on_error=lambda exc: self.message.setText(self.tr("读不到账号，请重试。")),
        )

    def _accounts(self, names: list[str]) -> None:
        clear_layout(self.accounts)
        self.account_buttons = {}
        for i, name in enumerate(names):
            b = button(name, f"techAccount{i}", "choice", self.tr("技术员 {0}").format(name))
            b.setCheckable(True)
            b.setChecked(len(names) == 1)
            self._group.addButton(b)
            self.account_buttons[name] = b
            self.accounts.addWidget(b)
        self.accounts.addStretch(1)
        if not names:
            self.message.setText(
                self.tr("本机还没有技术员账号。请在电脑上用 kiosk agent add 添加技术员账号。")
            )
        self.exit_button.setEnabled(bool(names))

    def chosen(self) -> str:
        for name, b in self.account_buttons.items():
            if b.isChecked():  # type: ignore[attr-defined]
                return name
        return ""

    def submit(self) -> None:
        name, pin = self.chosen(), self.pin.text()
        if self.checking:
            return
        if not name or not pin:
            self.message.setText(self.tr("请选择技术员账号并输入 PIN 码。"))
            return
        self.checking = True
        self.exit_button.setEnabled(False)
        set_kind(self.message, "hint")
        self.message.setText(self.tr("正在验证……"))
        ctx = self.ctx
        run_task(lambda: ctx.agents.authenticate(name, pin), on_done=self._ok, on_error=self._bad)

    def _ok(self, agent: AgentInfo) -> None:
        self.checking = False
        self.pin.clear()
        self.exit_button.setEnabled(True)
        if agent.role != TECHNICIAN:
            set_kind(self.message, "error")
            self.message.setText(self.tr("只有技术员账号可以退出自助模式。"))
            return
        self.unlocked.emit(agent)

    def _bad(self, exc: Exception) -> None:
        self.checking = False
        self.pin.clear()
        self.exit_button.setEnabled(True)
        set_kind(self.message, "error")
        if isinstance(exc, KioskError) and not self.look.english:
            self.message.setText(exc.zh)  # says how many tries are left, or for how long locked
        else:
            self.message.setText(self.tr("PIN 码不正确，或账号已被锁定。"))
