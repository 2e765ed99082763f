"""U盘批次 at a village without network: export to the stick with a real progress bar and the
交接清单, then the township's return file gives the cases their numbers (real hub, real files)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.core.agents import AgentInfo
from kiosk.ui import village_batches
from kiosk.ui.main_window import MainWindow
from tests.conftest import AGENT
from tests.support.pdf import text as pdf_text
from tests.sync.test_batches_e2e import file_applications
from tests.ui.batch_fixtures import error_boxes, township, usb, village  # noqa: F401
from tests.ui.driving import click, settle, show_active

pytestmark = pytest.mark.slow


@pytest.fixture
def window(qtbot, village, monkeypatch):  # noqa: F811
    # the test machine's own mounts are not a USB stick: none plugged in, until one is
    monkeypatch.setattr(village_batches, "removable_volumes", lambda: [])
    win = MainWindow(village, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def open_page(qtbot, window):
    window.navigate("usb")
    settle(qtbot)
    return window.page("usb")


def case_numbers(qtbot, window) -> list[str]:
    window.navigate("cases")
    window.case_list.refresh()
    settle(qtbot)
    model = window.case_list.model
    return [model.index(r, c).data() or "" for r in range(model.rowCount()) for c in range(3)]


def relay_and_return(township, path: Path, out: Path, hub) -> Path:  # noqa: F811
    client = township.hub_client()
    try:
        township.township.refresh_villages(client)
        township.township.import_batch(path, "李接收")
        township.township.relay(client)
        cases = hub.service.cases(path.name.split("-")[0])
        hub.service.advance(cases[0].case_no, "受理")
        (ret,) = township.township.export_returns(client, out)
    finally:
        client.close()
    return ret


def test_export_to_the_stick_then_the_return_gives_case_numbers(
    qtbot,
    window,
    village,  # noqa: F811
    township,  # noqa: F811
    usb,  # noqa: F811
    hub,
    tmp_path,
):
    file_applications(village, 6)  # every fifth has a scanned attachment
    page = open_page(qtbot, window)
    assert "6 件申请等待报送" in page.pending_label.text()
    assert "没有找到U盘" in page.drive_hint.text()
    assert not page.export_button.isEnabled()  # nowhere to write yet

    seen: list[tuple[int, int]] = []
    page._bridge.progressed.connect(lambda d, t: seen.append((d, t)))
    page.set_folder(usb)  # what “选择文件夹…” does once the agent picked the stick
    assert page.export_button.isEnabled()
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: "已校验" in page.message.text(), timeout=30000)
    (written,) = usb.glob("*.kbatch")
    assert written.name in page.message.text() and "6 件" in page.message.text()
    # a real progress bar: every record reported, ending full
    assert seen and seen[-1][0] == seen[-1][1] == 6 + 2  # 6 applications, 2 attachments
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert page.progress.value() == page.progress.maximum() == 8
    # the 交接清单 opens for printing, with every case on it
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=15000)
    handover = tmp_path / "handover.pdf"
    handover.write_bytes(page.preview.pdf)
    flat = pdf_text(handover).replace(" ", "")
    assert "交接清单" in flat and "合计6件" in flat
    page.preview.reject()
    settle(qtbot)
    keep = os.environ.get("KIOSK_SCREENSHOT_DIR")
    if keep:  # the page after an export, for a person to look at
        window.resize(1366, 768)
        settle(qtbot)
        window.grab().save(str(Path(keep) / "usb-page.png"))
    assert "所有申请都已报送" in page.pending_label.text()
    assert "另有 6 件已导出到U盘" in page.pending_label.text()
    assert page.export_button.text() == "再次导出到U盘"  # if the stick gets lost
    assert page.handover_button.isEnabled()

    # the township relays and brings back the hub's answers
    returns = tmp_path / "returns"
    returns.mkdir()
    ret = relay_and_return(township, written, returns, hub)
    page = open_page(qtbot, window)
    page.import_return(ret)
    qtbot.waitUntil(lambda: "已导入回传" in page.message.text(), timeout=15000)
    assert page.message.text() == "已导入回传：6 件获得办件编号，1 项状态更新。"
    numbers = {c.case_no for c in hub.service.cases(village.station().code)}
    shown = case_numbers(qtbot, window)
    assert numbers and numbers <= set(shown)
    # the same file again changes nothing, and says so
    page = open_page(qtbot, window)
    page.import_return(ret)
    qtbot.waitUntil(lambda: "此前已导入过" in page.message.text(), timeout=15000)


def test_nothing_to_export_and_a_damaged_return_file(
    qtbot,
    window,
    usb,  # noqa: F811
    tmp_path,
):
    page = open_page(qtbot, window)
    assert "所有申请都已报送" in page.pending_label.text()
    page.export_to(usb)  # even if asked: refused in plain words, nothing written
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=15000)
    assert "所有申请都已报送" in error_boxes()[0].text()
    error_boxes()[0].accept()
    assert not list(usb.iterdir())
    bad = tmp_path / "bad.kreturn"
    bad.write_bytes(os.urandom(300))
    page.import_return(bad)
    qtbot.waitUntil(lambda: "未做任何更改" in page.message.text(), timeout=15000)
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=5000)
    assert "未做任何更改" in page.message.text()
    box = error_boxes()[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in box.text())  # the Chinese reason
    box.accept()
    assert page.return_button.isEnabled()
