"""The print preview as an agent uses it: printer and paper choice, failures, remembering.

The printer list and the QPrinter call are replaced here (the machine running the tests has
whatever printers it has); the real QPrinter → CUPS path is tested in tests/print/test_cups.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.settings import load_settings
from kiosk.print.kinds import DocumentKind
from kiosk.print.layout import Layout
from kiosk.ui import print_preview
from kiosk.ui.print_preview import PrintPreviewDialog
from kiosk.ui.printing import PrintFailed
from kiosk.ui.worker import wait_all
from tests.conftest import AGENT, PENSION

PRINTERS = (["HP-LaserJet-1020", "EPSON-TM-T82"], "HP-LaserJet-1020")


@pytest.fixture
def app_id(ctx, resident):
    return ctx.applications.submit(PENSION, resident, AGENT).id


@pytest.fixture
def dialog(qtbot, ctx, app_id, monkeypatch):
    monkeypatch.setattr(print_preview, "_printer_list", lambda: PRINTERS)
    kind = DocumentKind.RECEIPT
    ctx.printing.preferences.remember(kind, "EPSON-TM-T82", Layout.ROLL_80)
    layout = ctx.printing.preferences.layout(kind)
    dlg = PrintPreviewDialog(
        ctx.printing.render(kind, app_id),
        "受理回执",
        kind=kind,
        layout=layout,
        rerender=lambda choice: ctx.printing.render(kind, app_id, choice),
        preferences=ctx.printing.preferences,
    )
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.printer_box.count() == 2, timeout=5000)
    return dlg


def page_width_mm(dlg) -> float:
    return dlg.document.pagePointSize(0).width() / 72 * 25.4


def test_remembered_printer_and_paper_are_preselected(dialog):
    assert dialog.selected_printer() == "EPSON-TM-T82"
    assert dialog.paper_box.currentData() == "80mm"
    assert page_width_mm(dialog) == pytest.approx(80, abs=0.2)
    assert dialog.print_button.isEnabled()


def test_changing_paper_relayouts_the_document(qtbot, dialog):
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("58mm"))
    qtbot.waitUntil(lambda: abs(page_width_mm(dialog) - 58) < 0.2, timeout=10000)
    assert dialog.layout_choice is Layout.ROLL_58 and dialog.print_button.isEnabled()


def test_printer_out_of_paper_keeps_the_document_for_a_retry(qtbot, dialog, ctx, monkeypatch):
    calls = []

    def out_of_paper(pdf, name, doc_name=""):
        calls.append(name)
        raise PrintFailed("打印机“EPSON-TM-T82”无法打印：打印机缺纸，请装入纸张。", "media-empty")

    boxes: list[Exception] = []
    monkeypatch.setattr(print_preview, "print_pdf", out_of_paper)
    monkeypatch.setattr(print_preview, "show_error", boxes.append)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "缺纸" in dialog.message.text(), timeout=5000)
    assert "重新打印" in dialog.message.text() and "缺纸" in boxes[0].zh
    assert dialog.isVisible() and dialog.print_button.isEnabled()

    printed = []
    monkeypatch.setattr(
        print_preview, "print_pdf", lambda pdf, name, doc_name="": printed.append(pdf) or name
    )
    dialog.printer_box.setCurrentIndex(dialog.printer_box.findData("HP-LaserJet-1020"))
    with qtbot.waitSignal(dialog.printed, timeout=5000) as signal:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["HP-LaserJet-1020"]
    assert printed == [dialog.pdf] and calls == ["EPSON-TM-T82"]
    wait_all()
    stored = load_settings(ctx.data_dir)
    assert stored.printer_receipt == "HP-LaserJet-1020" and stored.paper_receipt == "80mm"


def test_no_printer_installed_says_so(qtbot, ctx, app_id, monkeypatch):
    monkeypatch.setattr(print_preview, "_printer_list", lambda: ([], ""))
    dlg = PrintPreviewDialog(ctx.printing.receipt(app_id), "受理回执")
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: "没有可用的打印机" in dlg.message.text(), timeout=5000)
    assert not dlg.print_button.isEnabled()
    assert not dlg.paper_box.isEnabled()  # no way to re-render without a render function
