"""Step 3 of the setup wizard: the station's accounts (at least one agent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWizardPage,
)

from kiosk.core.agents import AgentInfo
from kiosk.ui.errors import user_message
from kiosk.ui.widgets import role_label, set_message
from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.ui.setup_wizard import SetupWizard


class AgentPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.agents: list[AgentInfo] = []
        self.setTitle(self.tr("第三步：代办员账号"))
        self.setSubTitle(
            self.tr("至少添加一名代办员。PIN 码为6到12位数字，请代办员本人输入并牢记。")
        )
        self.list = QListWidget()
        self.list.setObjectName("agentList")
        self.list.setMaximumHeight(110)
        self.name = QLineEdit()
        self.name.setObjectName("newAgentName")
        self.name.setMaxLength(50)
        self.role = QComboBox()
        self.role.setObjectName("newAgentRole")
        for role in ("agent", "technician", "township"):
            self.role.addItem(role_label(role), role)
        self.pin = QLineEdit()
        self.pin.setObjectName("newAgentPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin2 = QLineEdit()
        self.pin2.setObjectName("newAgentPin2")
        self.pin2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin2.setMaxLength(12)
        self.pin2.returnPressed.connect(self.add)
        self.add_button = QPushButton(self.tr("添加账号"))
        self.add_button.setObjectName("addAgentButton")
        self.add_button.clicked.connect(self.add)
        self.status = QLabel("")
        self.status.setObjectName("agentStatus")
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("已有账号"), self.list)
        form.addRow(self.tr("姓名（登录名）"), self.name)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("PIN 码"), self.pin)
        form.addRow(self.tr("再输一次"), self.pin2)
        form.addRow(self.status, self.add_button)

    def initializePage(self) -> None:
        self.reload()

    def reload(self) -> None:
        run_task(self.wiz.ctx.agents.list, on_done=self._show)

    def _show(self, agents: list[AgentInfo]) -> None:
        self.agents = agents
        self.list.clear()
        for a in agents:
            self.list.addItem(f"{a.name}（{role_label(a.role)}）")
        self.completeChanged.emit()

    def add(self) -> None:
        name, pin, pin2 = self.name.text().strip(), self.pin.text(), self.pin2.text()
        role = self.role.currentData()
        if pin != pin2:
            set_message(self.status, self.tr("两次输入的 PIN 码不一致，请重新输入。"), "error")
            self.pin.clear()
            self.pin2.clear()
            self.pin.setFocus()
            return
        self.add_button.setEnabled(False)
        ctx = self.wiz.ctx
        run_task(
            lambda: ctx.agents.add(name, role, pin),
            on_done=self._added,
            on_error=self._failed,
        )

    def _added(self, info: AgentInfo) -> None:
        self.add_button.setEnabled(True)
        for w in (self.name, self.pin, self.pin2):
            w.clear()
        set_message(
            self.status,
            self.tr("已添加 {0}（{1}）。").format(info.name, role_label(info.role)),
            "ok",
        )
        self.reload()

    def _failed(self, exc: Exception) -> None:
        self.add_button.setEnabled(True)
        self.pin.clear()
        self.pin2.clear()
        set_message(self.status, user_message(exc), "error")

    def isComplete(self) -> bool:
        return any(a.role == "agent" for a in self.agents)
