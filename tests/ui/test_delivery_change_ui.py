"""更改领取方式 from the case view, until 办结: the dialog checks the new choice like the
filing did; the case view then shows the choice in force."""

from __future__ import annotations

import random

from kiosk.core.agents import AgentInfo
from kiosk.ui.delivery_change_dialog import DeliveryChangeDialog
from kiosk.ui.main_window import MainWindow
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident
from tests.ui.driving import click, settle, show_active, type_into

VILLAGE = "330106109203"


def test_change_the_delivery_from_the_case_view(qtbot, ctx):
    data = resident(random.Random(31))
    data["result_delivery"] = {"method": "自取（本代办点）"}
    app_id = ctx.applications.submit(PENSION, data, AGENT).id
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    win.open_case(app_id)
    view = win.case_view
    qtbot.waitUntil(lambda: view.data is not None and view.data.view.id == app_id, timeout=5000)
    settle(qtbot)
    assert "自取（本代办点）" in view.result_label.text()
    assert view.change_delivery_button.isVisible()
    click(qtbot, view.change_delivery_button)
    dialog = view.findChild(DeliveryChangeDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.view.editors["method"].input, "邮寄")
    settle(qtbot)
    click(qtbot, dialog.save_button)  # no recipient, phone or address: refused at the fields
    qtbot.waitUntil(lambda: bool(dialog.view.editors["address"].error.text()), timeout=5000)
    type_into(qtbot, dialog.view.editors["recipient"].input, "周玉梅")
    type_into(qtbot, dialog.view.editors["phone"].input, "13911112222")
    picker = dialog.view.editors["address"].input
    for box, part in zip(
        picker.levels, [d.code for d in ctx.catalog.divisions.path(VILLAGE)], strict=False
    ):
        box.setCurrentIndex(box.findData(part))
    picker.detail.setText("东山村8号")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: "邮寄" in view.result_label.text(), timeout=5000)
    assert "东山村" in view.result_label.text() and "东山村8号" not in view.result_label.text()
    assert "周*梅" in view.result_label.text()
    current = ctx.delivery_changes.current(app_id, ctx.applications.payload(app_id))
    assert current["result_delivery"]["address"] == {"division": VILLAGE, "detail": "东山村8号"}
