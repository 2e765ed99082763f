"""The setup wizard's way in with a signed provisioning file (``.kprov``, docs/provisioning.md):
choose the file (the one the installer left is offered), type its passphrase, and the station
is enrolled as ``kiosk setup --from FILE`` would do it: code, name, hub, CA certificate and the
one-time enrollment code all come from the file; nothing changes if it is refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.ui.errors import user_message
from kiosk.ui.widgets import set_message
from kiosk.ui.worker import run_task


def apply_file(ctx: AppContext, path: str, passphrase: str) -> tuple[str, str, str]:
    """(station code, name, device id): opened and checked before anything changes."""
    from kiosk.deploy import provisioning

    opened = provisioning.open_file(Path(path), passphrase)
    device_id = provisioning.apply(ctx, opened)
    return opened.data.station_code, opened.data.station_name, device_id


def pending_path() -> str:
    from kiosk.deploy import provisioning

    found = provisioning.pending_file()
    return str(found) if found else ""


class ProvisioningFileBox(QGroupBox):
    applied = Signal(str, str)  # station code, name

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("有县里发的站点配置文件（.kprov）？"))
        self.setObjectName("provisioningFileBox")
        self.ctx = ctx
        self.path = QLineEdit(pending_path())
        self.path.setObjectName("kprovPath")
        self.path.setPlaceholderText(self.tr("配置文件位置，如 U 盘上的 station-….kprov"))
        self.path.setAccessibleName(self.tr("配置文件"))
        self.choose = QPushButton(self.tr("选择文件…"))
        self.choose.setObjectName("kprovChoose")
        self.choose.clicked.connect(self._choose)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("kprovPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("配置文件口令"))
        self.passphrase.setAccessibleName(self.tr("配置文件口令"))
        self.passphrase.returnPressed.connect(self.load)
        self.load_button = QPushButton(self.tr("用配置文件注册本站点"))
        self.load_button.setObjectName("kprovLoad")
        self.load_button.clicked.connect(self.load)
        self.message = QLabel(
            self.tr("没有配置文件时，在下面手工填写站点编码，下一步填写平台地址和注册码。")
        )
        self.message.setObjectName("kprovMessage")
        self.message.setWordWrap(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)
        phrase_row = QHBoxLayout()
        phrase_row.addWidget(self.passphrase, 1)
        phrase_row.addWidget(self.load_button)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(phrase_row)
        layout.addWidget(self.message)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择站点配置文件"), "", self.tr("站点配置文件 (*.kprov)")
        )
        if path:
            self.path.setText(path)
            self.passphrase.setFocus()

    def load(self) -> None:
        path, phrase = self.path.text().strip(), self.passphrase.text()
        if not path or not phrase:
            set_message(self.message, self.tr("请选择配置文件并输入口令。"), "error")
            return
        self.load_button.setEnabled(False)
        set_message(self.message, self.tr("正在核验配置文件并注册…"))
        ctx = self.ctx
        run_task(lambda: apply_file(ctx, path, phrase), on_done=self._done, on_error=self._failed)

    def _done(self, result: tuple[str, str, str]) -> None:
        code, name, device_id = result
        self.load_button.setEnabled(True)
        self.passphrase.clear()
        set_message(
            self.message,
            self.tr("站点 {0}（{1}）已注册（设备 {2}）。请按“下一步”继续。").format(
                code, name, device_id[:8]
            ),
            "ok",
        )
        self.applied.emit(code, name)

    def _failed(self, exc: Exception) -> None:
        self.load_button.setEnabled(True)
        self.passphrase.clear()
        set_message(self.message, user_message(exc), "error")
