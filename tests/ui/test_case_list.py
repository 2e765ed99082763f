"""The case list with its filters, and the monthly statistics export (CSV for Excel/WPS, PDF)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from kiosk.core.agents import AgentInfo
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import AppStatus
from kiosk.demo import demo_residents
from kiosk.store.models import Application, AuditEvent
from kiosk.ui.main_window import MainWindow
from tests.conftest import AGENT, PENSION
from tests.support.keyboard import type_text
from tests.support.pdf import text as pdf_text
from tests.ui.driving import click, settle, show_active


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


@pytest.fixture
def cases(ctx):
    people = demo_residents()
    ok = ctx.applications.submit(PENSION, people[0], AGENT)
    failed = ctx.applications.submit(PENSION, people[1], AGENT)
    other = ctx.applications.submit(PENSION, people[2], AGENT)
    with ctx.db.write() as s:
        s.get(Application, failed.id).last_error = "无法连接省级平台，稍后自动重试。"
        row = s.get(Application, other.id)
        for t in (AppStatus.SENDING, AppStatus.SUBMITTED):
            apply_transition(s, row, t, "同步")
        row.case_no = "330106202611220000009"
        row.created_at = row.queued_at = dt.datetime(2026, 1, 5, 2, 0)  # long ago: overdue
    return {"ok": ok, "failed": failed, "other": other, "people": people}


def rows(win):
    return win.case_list.row_texts()


def test_tiles_open_filtered_lists(qtbot, window, cases):
    window.navigate("dashboard")  # shows the dashboard, counted again
    qtbot.waitUntil(lambda: window.dashboard.tiles["failed"].number.text() == "1", timeout=5000)
    assert "无法连接" in window.dashboard.failure.text(), "the reason shows on the dashboard"
    assert window.dashboard.tiles["overdue"].number.text() == "1"
    click(qtbot, window.dashboard.tiles["failed"])
    qtbot.waitUntil(lambda: len(rows(window)) == 1, timeout=5000)
    assert "无法连接" in rows(window)[0][5] and rows(window)[0][0] == "排队待发送"
    window.open_list("overdue")
    qtbot.waitUntil(
        lambda: rows(window) and rows(window)[0][1] == "330106202611220000009", timeout=5000
    )
    assert len(rows(window)) == 1
    window.open_list("")
    qtbot.waitUntil(lambda: len(rows(window)) == 3, timeout=5000)
    assert "共 3 件" in window.case_list.summary.text()


def test_search_by_resident_and_case_number(qtbot, window, cases):
    window.navigate("cases")
    page = window.case_list
    qtbot.waitUntil(lambda: len(rows(window)) == 3, timeout=5000)
    type_text(qtbot, page.resident, cases["people"][1]["id_number"])
    qtbot.keyClick(page.resident, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(rows(window)) == 1, timeout=5000)
    assert rows(window)[0][1] == cases["failed"].local_ref  # found by the 身份证号's blind index
    page.resident.clear()
    type_text(qtbot, page.resident, "330106199001011230")  # wrong check digit
    qtbot.keyClick(page.resident, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "校验位" in page.summary.text(), timeout=5000)
    page.resident.clear()
    type_text(qtbot, page.reference, cases["ok"].local_ref[:6])
    qtbot.keyClick(page.reference, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: rows(window) and rows(window)[0][1] == cases["ok"].local_ref, timeout=5000
    )
    page.reference.clear()
    type_text(qtbot, page.reference, "3301062026")
    qtbot.keyClick(page.reference, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(rows(window)) == 1 and rows(window)[0][0] == "已报送", timeout=5000)


def test_status_item_and_date_filters(qtbot, window, cases):
    window.navigate("cases")
    page = window.case_list
    page.status.setCurrentIndex(page.status.findData("status:submitted"))
    page.apply_filters()
    qtbot.waitUntil(lambda: len(rows(window)) == 1, timeout=5000)
    page.clear_filters()
    page.item.setCurrentIndex(page.item.findData(PENSION))
    click(qtbot, page.by_date)
    page.date_from.setDate(QDate(2026, 1, 1))
    page.date_to.setDate(QDate(2026, 1, 31))
    click(qtbot, page.search_button)
    qtbot.waitUntil(lambda: len(rows(window)) == 1, timeout=5000)
    assert rows(window)[0][1] == "330106202611220000009"


def test_rows_open_the_case(qtbot, window, cases):
    window.open_list("failed")
    qtbot.waitUntil(lambda: len(rows(window)) == 1, timeout=5000)
    click(qtbot, window.case_list.open_button)
    qtbot.waitUntil(lambda: window.current_page() == "case", timeout=5000)
    qtbot.waitUntil(lambda: window.case_view.data is not None, timeout=5000)
    assert window.case_view.data.view.id == cases["failed"].id
    click(qtbot, window.case_view.back_button)
    assert window.current_page() == "cases"


def test_paging_loads_more(qtbot, window, ctx, resident, monkeypatch):
    import kiosk.ui.case_list as case_list

    monkeypatch.setattr(case_list, "PAGE_SIZE", 4)
    for _ in range(6):
        ctx.applications.submit(PENSION, resident, AGENT)
    window.navigate("cases")
    qtbot.waitUntil(lambda: len(rows(window)) == 4, timeout=5000)
    assert window.case_list.more_button.isVisible()
    click(qtbot, window.case_list.more_button)
    qtbot.waitUntil(lambda: len(rows(window)) == 6, timeout=5000)
    assert not window.case_list.more_button.isVisible()
    assert len({r[1] for r in rows(window)}) == 6, "no row twice"


def test_statistics_export_csv_and_pdf(qtbot, window, ctx, cases, tmp_path):
    window.navigate("cases")
    click(qtbot, window.case_list.stats_button)
    dialog = window.statistics_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    assert dialog.table.item(0, 0).text() == "城乡居民基本养老保险参保登记"
    assert dialog.table.item(0, dialog.table.columnCount() - 1).text() == "2"  # this month
    csv_path = tmp_path / "stats.csv"
    dialog.export("csv", csv_path)
    qtbot.waitUntil(lambda: "已导出" in dialog.message.text(), timeout=5000)
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "BOM: Excel and WPS read it as UTF-8"
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("事项编码,事项名称") and lines[1].endswith(",2")
    pdf_path = tmp_path / "stats.pdf"
    dialog.export("pdf", pdf_path)
    qtbot.waitUntil(lambda: "stats.pdf" in dialog.message.text(), timeout=10000)
    text = pdf_text(pdf_path)
    now = dt.date.today()
    assert f"{now.year}年{now.month}月" in text and "城乡居民基本养老保险参保登记" in text
    with ctx.db.read() as s:
        exports = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "export")))
    assert [(e.actor, e.detail[:3]) for e in exports] == [(AGENT, "csv"), (AGENT, "pdf")]
    assert ctx.audit.verify(ctx.db).ok
    dialog.month.setDate(QDate(2026, 1, 15))
    qtbot.waitUntil(
        lambda: dialog.table.rowCount() == 1 and "2026年1月共 1 件" in dialog.message.text(),
        timeout=5000,
    )


def test_export_to_an_unwritable_place_says_so(qtbot, window, cases, tmp_path):
    window.navigate("cases")
    window.open_statistics()
    dialog = window.statistics_dialog
    settle(qtbot)
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("x")
    dialog.export("csv", blocked / "stats.csv")
    qtbot.waitUntil(lambda: "无法写入" in dialog.message.text(), timeout=5000)
