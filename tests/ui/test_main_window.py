"""Drive the agent's window through its widgets, as an agent would (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit

from kiosk.core.agents import AgentInfo
from kiosk.core.status import AppStatus
from kiosk.ui.login import LoginDialog
from kiosk.ui.main_window import MainWindow
from kiosk.ui.print_preview import PrintPreviewDialog
from kiosk.ui.worker import wait_all
from tests.conftest import AGENT, PENSION, PIN
from tests.support.keyboard import type_text


def type_into(qtbot, widget, value):
    if isinstance(widget, QLineEdit):
        widget.clear()
        type_text(qtbot, widget, str(value))
        widget.editingFinished.emit()
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(widget.findData(value))
    elif isinstance(widget, QDateEdit):
        from PySide6.QtCore import QDate

        widget.setDate(QDate.fromString(value, "yyyy-MM-dd"))


def fill(qtbot, window, data):
    form = window.new_page.form_view
    for key, value in data.items():
        type_into(qtbot, form.editors[key].input, value)


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    win.show()
    win.new_page.select_item(PENSION)
    return win


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
        qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)
    assert dialog.agent.name == AGENT


def test_fill_and_submit_through_widgets(qtbot, window, ctx, resident):
    fill(qtbot, window, resident)
    qtbot.mouseClick(window.new_page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已保存" in window.new_page.message.text(), timeout=5000)
    [view] = ctx.applications.list()
    assert view.status is AppStatus.QUEUED
    assert ctx.applications.payload(view.id)["id_number"] == resident["id_number"]
    assert window.new_page.form_view.data() == {}, "form cleared for the next resident"


def test_invalid_id_shows_message_at_the_field_and_stores_nothing(qtbot, window, ctx, resident):
    fill(qtbot, window, dict(resident, id_number=resident["id_number"][:-1] + "9"))
    editor = window.new_page.form_view.editors["id_number"]
    assert editor.error.isVisible() and "校验位" in editor.error.text()  # live, on leaving
    qtbot.mouseClick(window.new_page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "需要修改" in window.new_page.message.text(), timeout=5000)
    assert "校验位" in editor.error.text()
    assert ctx.applications.list() == []


def test_conditional_field_appears_when_needed(qtbot, window, resident):
    form = window.new_page.form_view
    note = form.editors["other_pension_note"]
    assert not note.isVisible()
    type_into(qtbot, form.editors["has_other_pension"].input, True)
    assert note.isVisible()


@pytest.mark.slow
def test_sync_button_and_receipt_preview(qtbot, online_ctx, resident, monkeypatch):
    win = MainWindow(online_ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    win.show()
    win.new_page.select_item(PENSION)
    fill(qtbot, win, resident)
    qtbot.mouseClick(win.new_page.submit_button, Qt.MouseButton.LeftButton)
    # submitting triggers a sync when a hub is configured
    qtbot.waitUntil(
        lambda: (
            bool(online_ctx.applications.list())
            and online_ctx.applications.list()[0].case_no is not None
        ),
        timeout=10000,
    )
    wait_all()
    win.tabs.setCurrentIndex(1)
    case_no = online_ctx.applications.list()[0].case_no
    qtbot.waitUntil(
        lambda: (
            win.queue_page.table.rowCount() == 1
            and win.queue_page.table.item(0, 1).text() == case_no
        ),
        timeout=5000,
    )
    opened = []
    monkeypatch.setattr(PrintPreviewDialog, "open", lambda self: opened.append(self))
    qtbot.mouseClick(win.queue_page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert opened[0].document.pageCount() == 1
    assert case_no in opened[0].windowTitle()
