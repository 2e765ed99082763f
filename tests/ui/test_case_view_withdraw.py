"""The case view offers 撤回 only while the case has not left the station."""

from __future__ import annotations

import pytest

from kiosk.core.agents import AgentInfo
from kiosk.store.models import Application
from kiosk.ui.main_window import MainWindow
from tests.conftest import AGENT, PENSION
from tests.ui.driving import settle, show_active


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def open_case(qtbot, win, app_id):
    win.open_case(app_id)
    qtbot.waitUntil(
        lambda: win.case_view.data is not None and win.case_view.data.view.id == app_id,
        timeout=5000,
    )
    settle(qtbot)
    return win.case_view


@pytest.mark.parametrize("how", ["usb", "sent"])
def test_no_withdraw_button_once_the_case_may_be_at_the_hub(qtbot, window, ctx, resident, how):
    waiting = ctx.applications.submit(PENSION, resident, AGENT)
    gone = ctx.applications.submit(PENSION, resident, AGENT)
    with ctx.db.write() as s:  # what a USB export / a request without an answer leaves behind
        row = s.get(Application, gone.id)
        if how == "usb":
            row.exported_batch = "8d0c7a52-5d0e-4b8e-9a51-0f3b7c1c2e11"
        else:
            row.attempts = 1
    view = open_case(qtbot, window, waiting.id)
    assert view.withdraw_button.isVisible()
    assert "不能撤回" not in view.facts.text()
    view = open_case(qtbot, window, gone.id)
    assert not view.withdraw_button.isVisible()
    assert "已送往省级平台，本站不能撤回" in view.facts.text()
    assert view.receipt_button.isVisible()  # the rest of the case stays available
