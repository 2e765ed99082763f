"""At a terminal whose station has an ESC/POS receipt printer, the progress slip goes there
as a raster image (no print driver), cut; paper out is reported to the resident plainly."""

from __future__ import annotations

import pytest

from kiosk.core.settings import Settings
from kiosk.devices.escpos_test_printer import TestPrinter, decode
from kiosk.ui import escpos_print
from tests.ui.kiosk_mode.helpers import click


@pytest.fixture
def printer():
    with TestPrinter() as p:
        escpos_print.configure(Settings(escpos_printer=p.address, escpos_dots=576))
        yield p
    escpos_print.configure(Settings())


def inked_rows(page) -> int:
    grey = page.convert("L")
    return sum(
        1 for y in range(grey.height) if grey.crop((0, y, grey.width, y + 1)).getextrema()[0] == 0
    )


def test_progress_slip_on_the_receipt_printer(qtbot, make_shell, case, printer):
    shell = make_shell()
    click(qtbot, shell.home.tiles["lookup"])
    shell.lookup.fill(case.case_no, case.query_code)  # as typed or scanned
    shell.lookup.submit()
    qtbot.waitUntil(lambda: shell.lookup.views.currentIndex() == 1, timeout=10000)
    click(qtbot, shell.lookup.print_button)
    qtbot.waitUntil(lambda: "已打印" in shell.lookup.result_message.text(), timeout=15000)
    (job,) = printer.wait_jobs(1)
    decoded = decode(job)
    assert decoded.cuts == 1
    slip = decoded.pages[0]
    assert slip.width == 576 and 300 < slip.height < 3000
    assert inked_rows(slip) > 150  # heading, case, summary and four timeline steps


def test_paper_out_at_the_terminal(qtbot, make_shell, case, printer):
    printer.paper_out = True
    shell = make_shell()
    click(qtbot, shell.home.tiles["lookup"])
    shell.lookup.fill(case.case_no, case.query_code)  # as typed or scanned
    shell.lookup.submit()
    qtbot.waitUntil(lambda: shell.lookup.views.currentIndex() == 1, timeout=10000)
    click(qtbot, shell.lookup.print_button)
    qtbot.waitUntil(lambda: "没能打印" in shell.lookup.result_message.text(), timeout=15000)
