"""The technician's setup wizard: from an empty data dir to a station that files and syncs."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from kiosk.context import open_context
from kiosk.core.agents import AgentInfo
from kiosk.core.settings import load_settings
from kiosk.demo import demo_residents
from kiosk.sync.enrollment import DEVICE_TOKEN
from kiosk.ui.app import first_run
from kiosk.ui.login import LoginDialog
from kiosk.ui.main_window import MainWindow
from kiosk.ui.printer_test import make_printer, print_test_page
from kiosk.ui.setup_wizard import SetupWizard, check_hub_url, station_name
from tests.conftest import PENSION
from tests.support.keyboard import type_text
from tests.support.pdf import text as pdf_text
from tests.ui.driving import click, settle

REAL_KEYRING = os.environ.get("KIOSK_TEST_SECRET_SERVICE") == "1"


def test_station_page_checks_the_code_as_it_is_typed(qtbot, ctx):
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    settle(qtbot)
    page = wizard.station_page
    type_text(qtbot, page.code, "330106000201")  # township part missing
    assert "乡镇" in page.preview.text() and not page.isComplete()
    page.code.clear()
    type_text(qtbot, page.code, "330106109201")
    type_text(qtbot, page.township, "西湖镇")
    type_text(qtbot, page.village, "示范村")
    assert page.isComplete() and "西湖镇示范村代办点" in page.preview.text()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert station_name(" 西湖镇", "示范村 ") == "西湖镇示范村代办点"
    assert check_hub_url("ftp://x") and check_hub_url("https://hub.example:8443/api") is None


def test_test_page_prints_chinese(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = make_printer("")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "test-page.pdf"
    printer.setOutputFileName(str(out))
    assert print_test_page(printer, "西湖镇示范村代办点")
    text = pdf_text(out)
    assert "打印测试页" in text and "西湖镇示范村代办点" in text


@pytest.mark.slow
def test_from_empty_data_dir_to_a_working_station(qtbot, hub, tmp_path):
    ctx = open_context(tmp_path / "new-station", demo=not REAL_KEYRING)
    try:
        assert first_run(ctx) and ctx.station() is None
        code = hub.service.issue_enrollment_code("330106109201")
        wizard = SetupWizard(ctx)
        qtbot.addWidget(wizard)
        wizard.show()
        settle(qtbot)
        next_button = wizard.button(QWizard.WizardButton.NextButton)

        page = wizard.station_page
        type_text(qtbot, page.code, "330106109201")
        type_text(qtbot, page.township, "西湖镇")
        type_text(qtbot, page.village, "示范村")
        click(qtbot, next_button)

        hub_page = wizard.hub_page
        assert wizard.currentPage() is hub_page and not next_button.isEnabled()
        type_text(qtbot, hub_page.url, hub.url)
        type_text(qtbot, hub_page.code, "AAAA-BBBB-CCCC")  # a wrong code first
        qtbot.keyClick(hub_page.code, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "注册码无效" in hub_page.status.text(), timeout=10000)
        assert not next_button.isEnabled()
        hub_page.code.clear()
        type_text(qtbot, hub_page.code, code)
        click(qtbot, hub_page.enroll_button)
        qtbot.waitUntil(lambda: hub_page.isComplete(), timeout=10000)
        assert "注册成功" in hub_page.status.text()
        click(qtbot, next_button)

        agents = wizard.agent_page
        assert wizard.currentPage() is agents
        settle(qtbot)
        assert not next_button.isEnabled(), "at least one agent account"
        type_text(qtbot, agents.name, "张丽")
        type_text(qtbot, agents.pin, "135790")
        type_text(qtbot, agents.pin2, "135791")
        click(qtbot, agents.add_button)
        assert "不一致" in agents.status.text()
        type_text(qtbot, agents.pin, "135790")
        type_text(qtbot, agents.pin2, "135790")
        qtbot.keyClick(agents.pin2, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: agents.list.count() == 1, timeout=10000)
        assert next_button.isEnabled()
        click(qtbot, next_button)

        printers = wizard.printer_page
        qtbot.waitUntil(lambda: printers._loaded, timeout=10000)
        assert printers.printer.itemData(0) == ""  # the system default is always offered
        click(qtbot, next_button)

        checks = wizard.checks_page
        qtbot.waitUntil(checks.isComplete, timeout=20000)
        assert "同步正常" in checks.sync_status.text()
        assert checks.doctor.report["keyring"]["ok"]
        click(qtbot, next_button)

        assert wizard.currentPage() is wizard.catalog_page
        assert f"共 {len(ctx.catalog.items())} 项" in wizard.catalog_page.info.text()
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
        assert wizard.result() == QWizard.DialogCode.Accepted

        # a working station: provisioned, token in the secret store, settings on disk
        station = ctx.station()
        assert station and station.code == "330106109201" and station.name == "西湖镇示范村代办点"
        assert ctx.secrets.get(DEVICE_TOKEN)
        assert load_settings(ctx.data_dir).hub_url == hub.url
        if REAL_KEYRING:  # the token lives in the OS keyring, not in any file
            token = ctx.secrets.get(DEVICE_TOKEN).encode()
            for path in ctx.data_dir.rglob("*"):
                assert not path.is_file() or token not in path.read_bytes()
        assert not first_run(ctx)

        login = LoginDialog(ctx)
        qtbot.addWidget(login)
        type_text(qtbot, login.user, "张丽")
        type_text(qtbot, login.pin, "135790")
        with qtbot.waitSignal(login.accepted, timeout=10000):
            qtbot.keyClick(login.pin, Qt.Key.Key_Return)
        assert login.agent == AgentInfo("张丽", "agent")
        window = MainWindow(ctx, login.agent, auto_sync=False)
        qtbot.addWidget(window)
        app = ctx.applications.submit(PENSION, demo_residents()[0], "张丽")
        window.sync_now(force=True)
        qtbot.waitUntil(lambda: ctx.applications.get(app.id).case_no is not None, timeout=15000)
        qtbot.waitUntil(lambda: "已联网" in window.sync_label.text(), timeout=10000)
        window.close()
    finally:
        settle(qtbot)
        ctx.close()


def test_technician_on_an_unprovisioned_station_gets_the_wizard(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo("li", "technician"), auto_sync=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: getattr(win, "setup_wizard", None) is not None, timeout=5000)
    wizard = win.setup_wizard
    assert wizard.isVisible() and wizard.currentPage() is wizard.station_page
    wizard.reject()
    win.navigate("doctor")
    doctor = win.page("doctor")
    qtbot.waitUntil(lambda: doctor.report is not None, timeout=20000)
    assert "数据库" in " ".join(doctor.rows)
