"""The only way out of kiosk mode: a technician's PIN (after a hidden gesture, see shell.py).

The PIN is checked by AgentService.authenticate in a worker (slow on purpose, with lockout
after repeated failures), against the technician accounts only: an agent's PIN never leaves.
No account name is shown on this page.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.core.errors import KioskError
from kiosk.ui.kiosk_mode.keyboard import OnScreenKeyboard
from kiosk.ui.kiosk_mode.theme import Look, set_kind
from kiosk.ui.kiosk_mode.widgets import WrapButton, button, entry, label, scroller
from kiosk.ui.worker import run_task

TECHNICIAN = "technician"


class TechnicianPage(QWidget):
    """A PIN field and the number pad. No account names are shown (anyone can find this
    page): the PIN is tried against each technician account of the station."""

    unlocked = Signal(object)  # AgentInfo
    cancelled = Signal()

    def __init__(self, ctx: AppContext, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("technicianPage")
        self.ctx = ctx
        self.look = look
        self.checking = False
        self.technicians = 0
        self.title = label(self.tr("技术员退出自助模式"), "title", "techTitle")
        self.who_label = label(self.tr("请输入技术员 PIN 码："), "heading", "techWho")
        self.pin = entry("techPin", self.tr("技术员 PIN 码"), self.tr("PIN 码"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self.submit)
        self.keyboard = OnScreenKeyboard(look, numeric=True)
        self.keyboard.attach(self.pin)
        # its words wrap: "Leave self-service mode" at 特大 is wider than the column
        self.exit_button = WrapButton(self.tr("退出自助模式"), "techExit", "primary", centred=True)
        self.exit_button.clicked.connect(self.submit)
        self.cancel_button = button(self.tr("取消"), "techCancel", "nav")
        self.cancel_button.clicked.connect(self.cancelled.emit)
        self.message = label("", "error", "techMessage")
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(look.px(12))
        words.addWidget(self.title)
        words.addWidget(self.who_label)
        words.addWidget(self.message)
        words.addStretch(1)
        left = QVBoxLayout()
        left.setSpacing(look.px(12))
        left.addWidget(scroller(words, "techWords"), 1)  # the buttons stay on screen
        left.addWidget(self.pin)
        left.addWidget(self.exit_button)
        left.addWidget(self.cancel_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(look.px(40), look.px(20), look.px(40), look.px(20))
        layout.setSpacing(look.px(30))
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
            lambda: sum(1 for a in ctx.agents.list() if a.role == TECHNICIAN),
            on_done=self._accounts,
            on_error=lambda exc: self.message.setText(self.tr("读不到账号，请重试。")),
        )

    def _accounts(self, count: int) -> None:
        self.technicians = count
        if not count:
            self.message.setText(
                self.tr("本机还没有技术员账号。请在代办工作台的“站点配置向导”里添加技术员账号。")
            )
        self.exit_button.setEnabled(bool(count))

    def submit(self) -> None:
        pin = self.pin.text()
        if self.checking:
            return
        if not pin:
            self.message.setText(self.tr("请输入技术员 PIN 码。"))
            return
        self.checking = True
        self.exit_button.setEnabled(False)
        set_kind(self.message, "hint")
        self.message.setText(self.tr("正在验证……"))
        ctx = self.ctx
        run_task(lambda: unlock_with_pin(ctx, pin), on_done=self._ok, on_error=self._bad)

    def _ok(self, agent: AgentInfo) -> None:
        self.checking = False
        self.pin.clear()
        self.exit_button.setEnabled(True)
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


def unlock_with_pin(ctx: AppContext, pin: str) -> AgentInfo:
    """The technician account whose PIN this is (each wrong try counts against every
    technician account, so guessing locks them all); agents' PINs never unlock."""
    names = [a.name for a in ctx.agents.list() if a.role == TECHNICIAN]
    failure: Exception = KioskError("PIN 码不正确。", "wrong technician PIN")
    for name in names:
        try:
            return ctx.agents.authenticate(name, pin)
        except KioskError as exc:
            failure = exc
    raise failure
