"""结果交付 through the widgets: a case collected at the desk waits on the dashboard tile once
the real hub on loopback says 办结; the agent opens it, records the hand-over to a proxy
whose ID card is read, the proxy signs on screen; the case is 已交付, the 交付回执 preview
opens (printed to a real printer queue is the print preview's own test), and the tile
empties."""

from __future__ import annotations

import datetime as dt
import random

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.agents import AgentInfo
from kiosk.core.card_reader import SimulatedCardReader, card_from_id_number
from kiosk.core.status import AppStatus
from kiosk.demo import make_id_number
from kiosk.print.kinds import DocumentKind
from kiosk.ui.handover_dialog import HandoverDialog
from kiosk.ui.main_window import MainWindow
from kiosk.ui.print_preview import PrintPreviewDialog
from tests.conftest import AGENT, PENSION
from tests.support import pdf
from tests.support.residents import resident
from tests.ui.driving import click, draw_signature, settle, show_active

PROXY_ID = make_id_number("330106", dt.date(1979, 3, 4), 21)


def test_hand_over_at_the_desk(qtbot, online_ctx, hub, tmp_path):
    ctx = online_ctx
    data = resident(random.Random(8))
    data["result_delivery"] = {"method": "自取（本代办点）"}
    app_id = ctx.applications.submit(PENSION, data, AGENT).id
    assert not ctx.sync_engine().run_once(force=True).error
    case_no = ctx.applications.get(app_id).case_no
    hub.service.advance(case_no, "受理")
    hub.service.advance(case_no, "办结", "已办结，请领取")
    assert not ctx.sync_engine().run_once(force=True).error

    reader = SimulatedCardReader([card_from_id_number("赵建华", PROXY_ID, "示范村")])
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False, card_reader=reader)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    tile = win.dashboard.tiles["completed_recent"]
    qtbot.waitUntil(lambda: tile.number.text() == "1", timeout=10000)
    win.open_case(app_id)
    view = win.case_view
    qtbot.waitUntil(lambda: view.data is not None and view.data.view.id == app_id, timeout=5000)
    settle(qtbot)
    assert view.handover_button.isVisible() and not view.handover_receipt_button.isVisible()
    click(qtbot, view.handover_button)
    dialog = view.findChild(HandoverDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    radio = dialog.proxy_button  # on the button itself, as a person does (not mid-row)
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert dialog.proxy_button.isChecked() and dialog.proxy_name.isVisible()
    click(qtbot, dialog.ok_button)  # nobody named, no signature: refused, nothing recorded
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=5000)
    assert ctx.applications.get(app_id).status is AppStatus.COMPLETED
    click(qtbot, dialog.read_card)
    qtbot.waitUntil(lambda: dialog.id_checked.isChecked(), timeout=5000)
    assert dialog.proxy_name.text() == "赵建华" and dialog.proxy_id.text() == PROXY_ID
    draw_signature(qtbot, dialog.pad)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(
        lambda: view.findChild(PrintPreviewDialog, "delivery_receiptPreview") is not None,
        timeout=15000,
    )
    preview = view.findChild(PrintPreviewDialog, "delivery_receiptPreview")
    assert preview.kind is DocumentKind.DELIVERY_RECEIPT  # its own printer, not the 委托书's
    out = tmp_path / "handover.pdf"
    out.write_bytes(preview.pdf)
    text = "".join(pdf.text(out).split())
    assert "办理结果交付回执" in text and "赵*华" in text and PROXY_ID not in text
    preview.close()
    assert ctx.applications.get(app_id).status is AppStatus.HANDED_OVER
    qtbot.waitUntil(lambda: view.handover_receipt_button.isVisible(), timeout=5000)
    win.dashboard.refresh()
    qtbot.waitUntil(lambda: tile.number.text() == "0", timeout=10000)
    QApplication.processEvents()
