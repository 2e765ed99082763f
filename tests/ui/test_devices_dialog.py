"""设备 dialog: the card reader on the simulator, the ESC/POS test printer and the scanner,
each tested from the dialog; 保存 writes the settings file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.core.settings import Settings, load_settings
from kiosk.devices.escpos_test_printer import TestPrinter, decode
from kiosk.devices.sam_simulator import SamSimulator, cards_from_file
from kiosk.ui import escpos_print
from kiosk.ui.devices_dialog import DevicesDialog
from kiosk.ui.worker import wait_all

CARDS = cards_from_file(Path(__file__).parents[1] / "devices" / "fixtures" / "cards.json")


@pytest.fixture
def dialog(qtbot, ctx):
    d = DevicesDialog(ctx)
    qtbot.addWidget(d)
    d.show()
    yield d
    wait_all(10_000)
    escpos_print.configure(Settings())  # the module-wide printer list back to none


def test_reader_on_the_simulator_and_saved(qtbot, dialog, ctx):
    with SamSimulator(CARDS) as sim:
        sim.next_card()
        dialog.reader_kind.setCurrentIndex(dialog.reader_kind.findData("sam-serial"))
        dialog.reader_port.setCurrentText(sim.port)
        dialog.test_reader()
        qtbot.waitUntil(lambda: dialog.reader_test.isEnabled(), timeout=15000)
        text = dialog.reader_status.text()
        assert "安全模块正常" in text and "尾号 0220" in text, text
        assert "王秀英" not in text  # masked on screen
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    saved = load_settings(ctx.data_dir)
    assert (saved.card_reader, saved.card_reader_port) == ("sam-serial", sim.port)


def test_unplugged_reader_says_so(qtbot, dialog):
    dialog.reader_kind.setCurrentIndex(dialog.reader_kind.findData("sam-serial"))
    dialog.reader_port.setCurrentText("/dev/ttyNOSUCH0")
    dialog.test_reader()
    qtbot.waitUntil(lambda: dialog.reader_test.isEnabled(), timeout=15000)
    assert "未连接" in dialog.reader_status.text()


def test_escpos_printer_test_page_and_paper_out(qtbot, dialog, ctx):
    with TestPrinter() as printer:
        dialog.printer_address.setText(printer.address)
        dialog.paper.setCurrentIndex(dialog.paper.findData(384))
        dialog.test_printer()
        qtbot.waitUntil(lambda: dialog.printer_test.isEnabled(), timeout=20000)
        assert "测试页已发出" in dialog.printer_status.text()
        (job,) = printer.wait_jobs(1)
        page = decode(job).pages[0]
        assert page.width == 384 and page.height > 300
        printer.paper_out = True
        dialog.test_printer()
        qtbot.waitUntil(lambda: dialog.printer_test.isEnabled(), timeout=20000)
        assert "缺纸" in dialog.printer_status.text()
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            dialog.save()
        assert escpos_print.names() == [escpos_print.NAME_PREFIX + printer.address]
    assert load_settings(ctx.data_dir).escpos_dots == 384


def test_scanner_burst_is_recognised(qtbot, dialog):
    dialog.activateWindow()
    dialog.scan_field.setFocus()
    qtbot.waitUntil(dialog.scan_field.hasFocus, timeout=5000)
    qtbot.keyClicks(dialog.scan_field, "6901234567892")
    qtbot.keyClick(dialog.scan_field, Qt.Key.Key_Return)
    assert "读到 13 个字符" in dialog.scan_status.text()
