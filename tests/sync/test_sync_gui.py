"""The sync indicator and progress bar in the agent's window (pytest-qt, offscreen)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from kiosk.core.agents import AgentInfo
from kiosk.core.status import AppStatus
from kiosk.store.models import Application
from kiosk.sync.report import SyncProgress
from kiosk.ui.main_window import MainWindow
from kiosk.ui.sync_status import SyncStatusWidget
from kiosk.ui.worker import wait_all
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident

pytestmark = pytest.mark.slow


def file_one(ctx, seed=1):
    return ctx.applications.submit(PENSION, resident(random.Random(seed)), AGENT).id


@pytest.fixture
def window(qtbot, online_ctx):
    win = MainWindow(online_ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    win.show()
    return win


def test_progress_bar_shows_counts_and_bytes(qtbot):
    widget = SyncStatusWidget()
    qtbot.addWidget(widget)
    widget.show()
    widget.start()
    assert widget.bar.isVisible()
    widget.show_progress(SyncProgress("blobs", 3, 12, 3 * 2**20, 10 * 2**20))
    assert widget.bar.format() == "正在上传附件 3/12 件 · 3.0 MB/10.0 MB"
    assert widget.bar.value() == 300
    widget.show_progress(SyncProgress("waiting", 3, 12, 3 * 2**20, 10 * 2**20, "稍后重试"))
    assert widget.text.text() == "稍后重试"
    widget.finish(None)
    assert not widget.bar.isVisible()


def test_indicator_goes_offline_and_comes_back_by_itself(qtbot, window, online_ctx, hub):
    app_id = file_one(online_ctx)
    hub_url = online_ctx.settings.hub_url
    online_ctx.set_hub_url("http://127.0.0.1:9")  # the network is gone
    engine = online_ctx.sync_engine()
    engine.policy = type(engine.policy)(retries=0)
    window.sync_now(force=True)
    qtbot.waitUntil(lambda: "离线" in window.sync_label.text(), timeout=15000)
    assert "待发送 1 件" in window.sync_label.text() and "下次尝试" in window.sync_label.text()
    assert window.sync_status.dot.property("state") == "offline"
    assert "网络" in window.sync_label.toolTip()
    online_ctx.set_hub_url(hub_url)  # the network is back; the window notices on its own
    window.ctx.sync_engine().policy = type(engine.policy)(retries=0)
    window.sync.probe()
    qtbot.waitUntil(lambda: online_ctx.applications.get(app_id).case_no is not None, timeout=15000)
    qtbot.waitUntil(lambda: "已联网" in window.sync_label.text(), timeout=15000)
    assert "待发送 0 件" in window.sync_label.text()
    assert window.sync_status.dot.property("state") == "online"
    wait_all()


def test_applications_needing_attention_are_pointed_out(qtbot, window, online_ctx):
    bad = file_one(online_ctx)
    with online_ctx.db.write() as s:
        s.get(Application, bad).item_code = "330000-20-9999"
    window.sync_now(force=True)
    qtbot.waitUntil(lambda: window.sync_status.attention.isVisible(), timeout=15000)
    assert "1 件需要处理" in window.sync_status.attention.text()
    assert online_ctx.applications.get(bad).status is AppStatus.QUARANTINED
    window.sync_status.attention.linkActivated.emit("attention")  # the agent clicks it
    assert window.current_page() == "cases"
    model = window.case_list.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)
    reason = model.index(0, 5)
    assert "不存在" in model.data(reason, Qt.ItemDataRole.DisplayRole)
    assert model.data(reason, Qt.ItemDataRole.ToolTipRole) == model.data(reason)
    wait_all()
