"""Step 4 of the setup wizard: the printer, with a test page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from kiosk.core.settings import save_settings
from kiosk.ui.errors import user_message
from kiosk.ui.printer_test import make_printer, print_test_page, printer_names
from kiosk.ui.widgets import hint_label, set_message
from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.ui.setup_wizard import SetupWizard


class PrinterPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第四步：打印机"))
        self.setSubTitle(self.tr("选择打印回执和委托书用的打印机，并打印一张测试页核对。"))
        self.printer = QComboBox()
        self.printer.setObjectName("printerChoice")
        self.printer.addItem(self.tr("系统默认打印机"), "")
        self.test_button = QPushButton(self.tr("打印测试页"))
        self.test_button.setObjectName("testPageButton")
        self.test_button.clicked.connect(self.test_page)
        self.status = QLabel("")
        self.status.setObjectName("printerStatus")
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("打印机"), self.printer)
        form.addRow(self.status, self.test_button)
        # a short button and the list of devices in words that wrap (the list on the
        # button itself was cut on a 1366×768 screen at 150 % in English)
        self.devices_button = QPushButton(self.tr("设置其他设备…"))
        self.devices_button.setObjectName("devicesButton")
        self.devices_button.clicked.connect(self.open_devices)  # kiosk/ui/devices_dialog.py
        devices = QVBoxLayout()
        devices.setContentsMargins(0, 0, 0, 0)
        devices.addWidget(self.devices_button, 0, Qt.AlignmentFlag.AlignLeft)
        devices.addWidget(hint_label(self.tr("读卡器、热敏打印机、扫码器和高拍仪")))
        form.addRow(self.tr("其他设备"), devices)
        self._loaded = False

    def open_devices(self) -> None:
        from kiosk.ui.devices_dialog import DevicesDialog

        DevicesDialog(self.wiz.ctx, self).open()

    def initializePage(self) -> None:
        if not self._loaded:
            set_message(self.status, self.tr("正在查找打印机…"))
            run_task(printer_names, on_done=self._show, on_error=self._failed)

    def _show(self, found: tuple[list[str], str]) -> None:
        names, default = found
        self._loaded = True
        for n in names:
            label = n + (self.tr("（默认）") if n == default else "")
            self.printer.addItem(label, n)
        chosen = self.wiz.ctx.settings.printer_name
        idx = self.printer.findData(chosen)
        self.printer.setCurrentIndex(max(idx, 0))
        if names:
            set_message(self.status, self.tr("找到 {0} 台打印机。").format(len(names)))
        else:
            set_message(
                self.status,
                self.tr(
                    "没有找到已安装的打印机。请先在系统中安装打印机驱动；暂时可跳过，以后在向导中再设置。"
                ),
                "error",
            )

    def _failed(self, exc: Exception) -> None:
        set_message(self.status, user_message(exc), "error")

    def chosen(self) -> str:
        return str(self.printer.currentData() or "")

    def test_page(self) -> None:
        name = self.chosen()
        station = self.wiz.station.name if self.wiz.station else self.wiz.station_page.name()
        self.test_button.setEnabled(False)
        set_message(self.status, self.tr("正在发送测试页…"))
        run_task(
            lambda: print_test_page(make_printer(name), station),
            on_done=self._printed,
            on_error=self._failed_print,
        )

    def _printed(self, ok: bool) -> None:
        self.test_button.setEnabled(True)
        if ok:
            set_message(
                self.status, self.tr("测试页已发送，请检查打印效果（方框完整、中文清楚）。"), "ok"
            )
        else:
            set_message(
                self.status,
                self.tr("打印机未就绪（未开机、缺纸或未连接），请检查后重试。"),
                "error",
            )

    def _failed_print(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        set_message(self.status, user_message(exc), "error")

    def validatePage(self) -> bool:
        settings = self.wiz.ctx.settings
        if settings.printer_name != self.chosen():
            settings.printer_name = self.chosen()
            data_dir = self.wiz.ctx.data_dir
            run_task(lambda: save_settings(data_dir, settings))
        return True
