"""设备: choose and test the desk devices (from the setup wizard's printer step).

The ID-card reader (serial SAM reader or a vendor library), the ESC/POS receipt printer,
the scanner (scan anything here to see it recognised) and the document camera. Tests run
in workers; 保存 writes the typed settings. The card reader chosen is used from the next
log-in on; the ESC/POS printer at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.masking import mask_name
from kiosk.core.settings import Settings, save_settings
from kiosk.devices.choice import CARD_READER_KINDS, card_reader_from_settings
from kiosk.ui import escpos_print
from kiosk.ui.errors import user_message
from kiosk.ui.scanner import ScannerWatch
from kiosk.ui.widgets import set_message
from kiosk.ui.worker import run_task

PAPER_DOTS = {"80 mm": 576, "58 mm": 384}


def serial_ports() -> list[str]:
    from serial.tools import list_ports

    return sorted(p.device for p in list_ports.comports())


def test_reader(settings: Settings) -> str:
    """Worker: ask the chosen reader for its status, then read the card lying on it."""
    reader = card_reader_from_settings(settings)
    if reader is None:
        return "未选择读卡器。"
    try:
        status = getattr(reader, "sam_status", None)
        words = ("安全模块" + status() + "。") if status is not None else ""
        card = reader.read(8.0)
    finally:
        close = getattr(reader, "close", None)
        if close is not None:
            close()
    if card is None:
        return words + "读卡器正常，但没有读到证件（请放上一张身份证再测试）。"
    return words + f"读到{card.card_type}：{mask_name(card.name)}，号码尾号 {card.id_number[-4:]}。"


def test_printer(address: str, dots: int, station: str) -> str:
    """Worker: the printer's status, then a test slip."""
    from kiosk.devices.escpos_printer import EscPosPrinter
    from kiosk.devices.escpos_test_page import test_slip
    from kiosk.ui.pdf_raster import render_pages

    printer = EscPosPrinter(address, dots)
    state = printer.print_pages(render_pages(test_slip(station, 80 if dots > 400 else 58), dots))
    return f"打印机状态：{state.words()}。测试页已发出，请核对中文、生僻字和切纸。"


class DevicesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("devicesDialog")
        self.setWindowTitle(self.tr("读卡器、热敏打印机、扫码器和高拍仪"))
        self.ctx = ctx
        s = ctx.settings
        # --- ID-card reader ---
        self.reader_kind = QComboBox()
        for kind, label in CARD_READER_KINDS.items():
            self.reader_kind.addItem(self.tr(label), kind)
        self.reader_kind.setCurrentIndex(max(0, self.reader_kind.findData(s.card_reader)))
        self.reader_port = QComboBox()
        self.reader_port.setEditable(True)
        self.reader_port.setCurrentText(s.card_reader_port)
        self.reader_library = QLineEdit(s.card_reader_library)
        self.reader_library.setPlaceholderText(self.tr("厂商读卡库文件，如 C:\\reader\\Termb.dll"))
        self.reader_test = QPushButton(self.tr("测试读卡"))
        self.reader_test.clicked.connect(self.test_reader)
        self.reader_status = QLabel("")
        self.reader_status.setWordWrap(True)
        reader_box = QGroupBox(self.tr("身份证阅读器"))
        form = QFormLayout(reader_box)
        form.addRow(self.tr("类型"), self.reader_kind)
        form.addRow(self.tr("端口（串口名，或厂商库端口 1001 起）"), self.reader_port)
        form.addRow(self.tr("厂商读卡库"), self.reader_library)
        form.addRow(self.reader_status, self.reader_test)
        # --- ESC/POS printer ---
        self.printer_address = QLineEdit(s.escpos_printer)
        self.printer_address.setPlaceholderText("tcp://192.168.1.50:9100")
        self.paper = QComboBox()
        for label, dots in PAPER_DOTS.items():
            self.paper.addItem(label, dots)
        self.paper.setCurrentIndex(max(0, self.paper.findData(s.escpos_dots)))
        self.printer_test = QPushButton(self.tr("打印测试页"))
        self.printer_test.clicked.connect(self.test_printer)
        self.printer_status = QLabel("")
        self.printer_status.setWordWrap(True)
        printer_box = QGroupBox(self.tr("热敏小票打印机（ESC/POS，无需驱动）"))
        pform = QFormLayout(printer_box)
        pform.addRow(self.tr("地址（留空：不用）"), self.printer_address)
        pform.addRow(self.tr("纸宽"), self.paper)
        pform.addRow(self.printer_status, self.printer_test)
        # --- scanner ---
        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText(self.tr("点这里，然后用扫码器扫任意二维码或条码"))
        self.scan_status = QLabel("")
        scan_box = QGroupBox(self.tr("扫码器（键盘模式）"))
        scan_layout = QVBoxLayout(scan_box)
        scan_layout.addWidget(self.scan_field)
        scan_layout.addWidget(self.scan_status)
        self.scanner = ScannerWatch(self, bool)
        self.scanner.scanned.connect(self._scanned)
        # --- camera ---
        self.camera_test = QPushButton(self.tr("打开高拍仪预览"))
        self.camera_test.clicked.connect(self.test_camera)
        camera_row = QHBoxLayout()
        camera_row.addWidget(QLabel(self.tr("高拍仪（USB 摄像头）")))
        camera_row.addWidget(self.camera_test)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (reader_box, printer_box, scan_box):
            layout.addWidget(box)
        layout.addLayout(camera_row)
        layout.addWidget(buttons)
        run_task(serial_ports, on_done=self._ports, on_error=lambda _e: None)

    def _ports(self, ports: list[str]) -> None:
        current = self.reader_port.currentText()
        self.reader_port.clear()
        self.reader_port.addItems(ports)
        self.reader_port.setCurrentText(current or (ports[0] if ports else ""))

    def chosen(self) -> Settings:
        """A copy of the station's settings with the choices on screen."""
        import dataclasses

        return dataclasses.replace(
            self.ctx.settings,
            card_reader=str(self.reader_kind.currentData() or ""),
            card_reader_port=self.reader_port.currentText().strip(),
            card_reader_library=self.reader_library.text().strip(),
            escpos_printer=self.printer_address.text().strip(),
            escpos_dots=int(self.paper.currentData()),
        )

    def test_reader(self) -> None:
        settings = self.chosen()
        self.reader_test.setEnabled(False)
        set_message(self.reader_status, self.tr("正在测试读卡器（请放上一张身份证）…"))
        run_task(lambda: test_reader(settings), on_done=self._reader_ok, on_error=self._reader_bad)

    def _reader_ok(self, words: str) -> None:
        self.reader_test.setEnabled(True)
        set_message(self.reader_status, words, "ok")

    def _reader_bad(self, exc: Exception) -> None:
        self.reader_test.setEnabled(True)
        set_message(self.reader_status, user_message(exc), "error")

    def test_printer(self) -> None:
        s = self.chosen()
        if not s.escpos_printer:
            set_message(self.printer_status, self.tr("请先填写打印机地址。"), "error")
            return
        address, dots = s.escpos_printer, s.escpos_dots
        station = self.ctx.settings.station_name
        self.printer_test.setEnabled(False)
        set_message(self.printer_status, self.tr("正在询问打印机状态并打印测试页…"))
        run_task(
            lambda: test_printer(address, dots, station),
            on_done=self._printer_ok,
            on_error=self._printer_bad,
        )

    def _printer_ok(self, words: str) -> None:
        self.printer_test.setEnabled(True)
        set_message(self.printer_status, words, "ok")

    def _printer_bad(self, exc: Exception) -> None:
        self.printer_test.setEnabled(True)
        set_message(self.printer_status, user_message(exc), "error")

    def _scanned(self, text: str) -> None:
        set_message(
            self.scan_status, self.tr("扫码器正常：读到 {0} 个字符。").format(len(text)), "ok"
        )

    def test_camera(self) -> None:
        from kiosk.ui.camera import CameraDialog

        CameraDialog(self).exec()

    def save(self) -> None:
        chosen = self.chosen()
        settings = self.ctx.settings
        for name in (
            "card_reader",
            "card_reader_port",
            "card_reader_library",
            "escpos_printer",
            "escpos_dots",
        ):
            setattr(settings, name, getattr(chosen, name))
        escpos_print.configure(settings)
        data_dir = self.ctx.data_dir
        run_task(lambda: save_settings(data_dir, settings), on_done=lambda _r: self.accept())
