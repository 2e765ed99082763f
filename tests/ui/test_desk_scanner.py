"""At the agent's desk a receipt scanned with the keyboard-wedge scanner opens its case.
The scanner watch sits on the main window only: no application-wide event filter."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.core.agents import AgentInfo
from kiosk.devices.receipt_code import make_code
from kiosk.store.models import Application
from kiosk.ui.main_window import MainWindow
from kiosk.ui.scanner import ScannerWatch
from tests.conftest import AGENT, PENSION
from tests.ui.driving import show_active

CASE_NO, QUERY = "330106202611220000001", "482913"


def scan(qtbot, window, text: str) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def filed(ctx, resident) -> str:
    app = ctx.applications.submit(PENSION, resident, AGENT)
    with ctx.db.write() as s:  # plays the hub: a case number and query code came back
        row = s.get(Application, app.id)
        row.case_no, row.query_code = CASE_NO, QUERY
    return app.id


def error_text() -> str:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    return " ".join(b.text() for b in boxes if b.isVisible())


def test_scanning_a_receipt_opens_the_case(qtbot, online_ctx, resident):
    app_id = filed(online_ctx, resident)
    win = MainWindow(online_ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    win.navigate("cases")
    qtbot.waitUntil(lambda: win.current_page() == "cases", timeout=5000)
    scan(qtbot, win, online_ctx.receipt_codes().make(CASE_NO, QUERY))
    qtbot.waitUntil(
        lambda: win.case_view.data is not None and win.case_view.data.view.id == app_id,
        timeout=10000,
    )
    watches = win.findChildren(ScannerWatch)
    assert len(watches) == 1 and watches[0].parent() is win


def test_a_forged_or_foreign_code_is_refused(qtbot, online_ctx, resident):
    filed(online_ctx, resident)
    win = MainWindow(online_ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    code = online_ctx.receipt_codes().make(CASE_NO, QUERY)
    scan(qtbot, win, code.replace(f":{QUERY}:", ":111111:"))
    qtbot.waitUntil(lambda: "无法识别" in error_text(), timeout=10000)
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
    other = make_code(Ed25519PrivateKey.generate(), "330106109299", CASE_NO, QUERY)
    scan(qtbot, win, other)
    qtbot.waitUntil(lambda: "其他代办点" in error_text(), timeout=10000)
    assert win.current_page() != "case"
