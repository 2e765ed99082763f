"""The workspace window: login, what each role sees, the form's live checks, sync + receipt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.agents import AgentInfo
from kiosk.core.status import AppStatus
from kiosk.ui.login import LoginDialog
from kiosk.ui.main_window import MainWindow
from kiosk.ui.new_application.flow import DONE, FILES
from kiosk.ui.print_preview import PrintPreviewDialog
from kiosk.ui.worker import wait_all
from tests.conftest import AGENT, PENSION, PIN
from tests.support.keyboard import type_text
from tests.ui.driving import click, fill_form, press_next, settle, show_active, to_form


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def nav_keys(win):
    return [win.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(win.nav.count())]


def test_login_and_wrong_pin_message(qtbot, ctx):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.user, AGENT)
    type_text(qtbot, dialog.pin, "000000")
    qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "还可尝试" in dialog.message.text(), timeout=5000)
    assert dialog.pin.text() == ""
    type_text(qtbot, dialog.pin, PIN)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.agent.name == AGENT


def test_role_decides_what_is_visible(qtbot, ctx):
    agent = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    township = MainWindow(ctx, AgentInfo("zhou", "township"), auto_sync=False)
    tech = MainWindow(ctx, AgentInfo("li", "technician"), auto_sync=False)
    for w in (agent, township, tech):
        qtbot.addWidget(w)
    settle(qtbot)
    assert nav_keys(agent) == ["dashboard", "new", "event", "cases", "usb", "complaints"]
    assert nav_keys(township) == ["dashboard", "cases", "batches", "complaints"]
    assert nav_keys(tech) == ["dashboard", "cases", "setup", "doctor"]
    assert township.dashboard.tiles["batches"].isEnabled()
    township.dashboard.tiles["batches"].opened.emit("batches")
    assert township.current_page() == "batches"
    assert not tech.dashboard.new_button.isVisibleTo(tech.dashboard)
    tech.new_application()  # Ctrl+N does nothing for a technician
    tech.new_event()  # nor Ctrl+E (一件事)
    assert "new" not in tech._pages and "event" not in tech._pages
    agent.navigate("event")
    assert agent.current_page() == "event"
    # the technician of an unprovisioned station is offered the setup wizard at once
    qtbot.waitUntil(lambda: getattr(tech, "setup_wizard", None) is not None, timeout=5000)
    assert tech.setup_wizard.isVisible()
    tech.setup_wizard.reject()


def test_dashboard_counts_and_tiles_open_their_list(qtbot, window, ctx, resident):
    ctx.applications.submit(PENSION, resident, AGENT)
    ctx.applications.save_draft(PENSION, {"name": "李四"}, AGENT)
    window.dashboard.refresh()
    qtbot.waitUntil(lambda: window.dashboard.tiles["drafts"].number.text() == "1", timeout=5000)
    assert window.dashboard.tiles["waiting"].number.text() == "1"
    assert window.dashboard.tiles["today"].number.text() == "1"
    assert window.dashboard.banner.isVisible(), "unprovisioned station says so"
    click(qtbot, window.dashboard.tiles["drafts"])
    qtbot.waitUntil(lambda: window.current_page() == "cases", timeout=5000)
    qtbot.waitUntil(lambda: len(window.case_list.row_texts()) == 1, timeout=5000)
    assert window.case_list.row_texts()[0][0] == "草稿"


def test_invalid_id_shows_message_at_the_field_and_goes_no_further(qtbot, window, ctx, resident):
    window.new_application()
    flow = window.new_page
    to_form(qtbot, flow)
    fill_form(qtbot, flow, dict(resident, id_number=resident["id_number"][:-1] + "9"))
    editor = flow.form_step.form_view.editors["id_number"]
    assert editor.error.isVisible() and "校验位" in editor.error.text()  # live, on leaving
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: "需要修改" in flow.message.text(), timeout=5000)
    assert flow.current() != FILES and "校验位" in editor.error.text()
    settle(qtbot)
    [draft] = ctx.applications.list()
    assert draft.status is AppStatus.DRAFT, "only a draft: nothing queued"


def test_conditional_field_appears_when_needed(qtbot, window):
    window.new_application()
    flow = window.new_page
    to_form(qtbot, flow)
    form = flow.form_step.form_view
    note = form.editors["other_pension_note"]
    assert not note.isVisible()
    form.editors["has_other_pension"].input.setCurrentIndex(
        form.editors["has_other_pension"].input.findData(True)
    )
    assert note.isVisible()


@pytest.mark.slow
def test_submit_syncs_and_the_receipt_prints_from_the_case(
    qtbot, online_ctx, resident, monkeypatch
):
    win = MainWindow(online_ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    win.new_application()
    flow = win.new_page
    to_form(qtbot, flow)
    fill_form(qtbot, flow, resident)
    for _ in range(2):  # form → attachments → signature
        press_next(qtbot, flow)
        settle(qtbot)
    click(qtbot, flow.sign_step.paper)
    press_next(qtbot, flow)
    settle(qtbot)
    press_next(qtbot, flow)  # review → submit
    qtbot.waitUntil(lambda: flow.current() == DONE, timeout=10000)
    # submitting triggers a sync when a hub is configured
    qtbot.waitUntil(lambda: online_ctx.applications.list()[0].case_no is not None, timeout=15000)
    wait_all()
    case_no = online_ctx.applications.list()[0].case_no
    click(qtbot, flow.done_step.case_button)
    qtbot.waitUntil(lambda: case_no in win.case_view.facts.text(), timeout=5000)
    opened = []
    monkeypatch.setattr(PrintPreviewDialog, "open", lambda self: opened.append(self))
    click(qtbot, win.case_view.receipt_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert opened[0].document.pageCount() == 1
    assert case_no in opened[0].windowTitle()


def test_township_batches_only_on_a_township_station(qtbot, online_ctx):
    """A village station (provisioned as one) does not offer 乡镇批次, even to a township
    account: only township stations relay villages' batches."""
    win = MainWindow(online_ctx, AgentInfo("zhou", "township"), auto_sync=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.relays is False, timeout=5000)
    rows = [i for i, key in enumerate(nav_keys(win)) if key == "batches"]
    assert [win.nav.item(i).isHidden() for i in rows] == [True]
    assert not win.dashboard.tiles["batches"].isVisibleTo(win.dashboard)
    win.navigate("batches")
    assert win.current_page() != "batches"


def test_a_case_opened_leaves_no_menu_entry_chosen(qtbot, ctx, resident):
    from tests.conftest import PENSION

    view = ctx.applications.submit(PENSION, resident, AGENT)
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    win.new_application()
    assert [i.data(Qt.ItemDataRole.UserRole) for i in win.nav.selectedItems()] == ["new"]
    win.open_case(view.id)  # as 查看办件 on the done page does
    assert win.current_page() == "case" and win.nav.selectedItems() == []
