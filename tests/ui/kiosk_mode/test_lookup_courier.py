"""A resident whose result was sent by courier sees the carrier and the tracking number on
the terminal, and on the progress slip it prints (real hub on loopback, PDF printer)."""

from __future__ import annotations

from hub.courier import Shipment
from kiosk.core.status import AppStatus
from tests.support import pdf
from tests.ui.kiosk_mode.helpers import click


def test_lookup_and_progress_slip_show_the_courier(qtbot, make_shell, case, ctx, hub, tmp_path):
    hub.service.advance(case.case_no, "办结", "已办结")
    hub.service.advance(case.case_no, "已寄出", "", Shipment("顺丰速运", "SF1234567890"))
    report = ctx.sync_engine().run_once(force=True)
    assert not report.error, report.error
    assert ctx.applications.get(case.app_id).status is AppStatus.DISPATCHED
    shell = make_shell()
    click(qtbot, shell.home.tiles["lookup"])
    page = shell.lookup
    # typed in (the 实施编码 case number has letters the numeric keypad lacks)
    page.case_no.setText(case.case_no)
    page.query_code.setText(case.query_code)
    click(qtbot, page.find_button)
    qtbot.waitUntil(lambda: page.views.currentIndex() == 1, timeout=10000)
    assert page.summary.text() == "办理结果已寄出"
    assert page.delivery.isVisible()
    assert page.delivery.text() == "办理结果已由 顺丰速运 寄出，快递单号 SF1234567890"
    assert page.steps_text()[-1].endswith("办理结果已寄出")
    click(qtbot, page.print_button)
    qtbot.waitUntil(lambda: "已打印" in page.result_message.text(), timeout=15000)
    printed = "".join(pdf.text(tmp_path / "printed.pdf").split())
    assert "顺丰速运" in printed and "SF1234567890" in printed and "办理结果已寄出" in printed
