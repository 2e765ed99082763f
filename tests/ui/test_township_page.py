"""乡镇批次 at the township centre: import a village's stick (twice), relay to the real hub,
export the return files, print the 交接清单 and the 代办点批次汇总."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.core.agents import AgentInfo
from kiosk.ui.main_window import MainWindow
from tests.support.pdf import text as pdf_text
from tests.sync.test_batches_e2e import file_applications
from tests.ui.batch_fixtures import (  # noqa: F401
    DEMO_STATION_CODE,
    error_boxes,
    township,
    usb,
    village,
)
from tests.ui.driving import click, settle, show_active

pytestmark = pytest.mark.slow


@pytest.fixture
def window(qtbot, township):  # noqa: F811
    win = MainWindow(township, AgentInfo("李接收", "township"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def row_of(page, code: str) -> dict[str, str]:
    headers = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    for r in range(page.table.rowCount()):
        if page.table.item(r, 0).text() == code:
            return {h: page.table.item(r, c).text() for c, h in enumerate(headers)}
    raise AssertionError(f"{code} not in the table")


def wait_idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30000)
    settle(qtbot)


def test_import_relay_and_return_through_the_page(
    qtbot,
    window,
    village,  # noqa: F811
    usb,  # noqa: F811
    hub,
    tmp_path,
):
    file_applications(village, 3)
    stick = village.batch_paperwork.export_batch(usb, "wang").path
    window.navigate("batches")
    page = window.page("batches")
    settle(qtbot)
    assert page.isVisible() and page.table.rowCount() == 0
    assert "还没有代办点数据" in page.summary.text()

    # before the village list came from the hub, its key is unknown: refused, plainly
    page.import_file(stick)
    wait_idle(qtbot, page)
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=5000)
    assert "报送到省级平台" in error_boxes()[0].text()
    error_boxes()[0].accept()

    click(qtbot, page.relay_button)  # fetches the village list and keys, nothing to relay yet
    wait_idle(qtbot, page)
    assert page.message.text() == "没有等待报送的批次。"
    assert row_of(page, DEMO_STATION_CODE)["待报送"] == "0"

    page.import_file(stick)
    wait_idle(qtbot, page)
    assert "第 1 批 · 3 件 · " in page.message.text()
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=15000)
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(page.preview.pdf)
    flat = pdf_text(receipt).replace(" ", "")
    assert "交接清单" in flat and "合计3件" in flat and "乡镇接收人签字" in flat
    page.preview.reject()
    row = row_of(page, DEMO_STATION_CODE)
    assert row["待报送"] == "3" and row["方式"] == "U盘" and row["最近联系"]
    assert page.chart.rows()[0][1] == 3

    page.import_file(stick)  # the same stick again
    wait_idle(qtbot, page)
    assert page.message.text() == "该批次此前已导入过，本次未做任何更改。"
    assert row_of(page, DEMO_STATION_CODE)["待报送"] == "3"

    click(qtbot, page.relay_button)
    wait_idle(qtbot, page)
    assert page.message.text() == "已报送 1 个批次，共 3 件申请。"
    assert hub.service.stats()["cases"] == 3
    row = row_of(page, DEMO_STATION_CODE)
    assert row["待报送"] == "0" and row["已报送"] == "3"

    cases = hub.service.cases(DEMO_STATION_CODE)
    hub.service.advance(cases[0].case_no, "受理")
    hub.service.advance(cases[0].case_no, "办结")
    out = tmp_path / "stick-back"
    out.mkdir()
    page.export_returns(out)
    wait_idle(qtbot, page)
    (ret,) = out.glob("*.kreturn")
    assert ret.name in page.message.text() and "已导出 1 个代办点的回传文件" in page.message.text()
    assert row_of(page, DEMO_STATION_CODE)["已办结"] == "1"

    keep = os.environ.get("KIOSK_SCREENSHOT_DIR")
    if keep:  # the page with a village on it, for a person to look at
        window.resize(1366, 768)
        settle(qtbot)
        window.grab().save(str(Path(keep) / "township-page.png"))
    click(qtbot, page.report_button)
    qtbot.waitUntil(
        lambda: (
            page.preview is not None
            and page.preview.isVisible()
            and page.preview.windowTitle() == "代办点批次汇总"
        ),
        timeout=15000,
    )
    report = tmp_path / "report.pdf"
    report.write_bytes(page.preview.pdf)
    flat = pdf_text(report).replace(" ", "")
    assert "代办点批次汇总" in flat and DEMO_STATION_CODE in flat and "西湖镇便民服务中心" in flat
    page.preview.reject()

    # the village imports what the township exported: the loop is closed
    answer = village.village_batches.import_return(ret, "wang")
    assert answer.results_applied == 3


def test_a_damaged_batch_file_is_refused_with_the_reason(qtbot, window, tmp_path):
    bad = tmp_path / "bad.kbatch"
    bad.write_bytes(b"KIOSKBATCH" + bytes(200))
    page = window.page("batches")
    window.navigate("batches")
    page.import_file(bad)
    wait_idle(qtbot, page)
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=5000)
    assert "未做任何更改" in error_boxes()[0].text()
    error_boxes()[0].accept()
    assert page.import_button.isEnabled() and "未做任何更改" in page.message.text()
