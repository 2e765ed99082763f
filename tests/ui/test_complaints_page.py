"""差评 in the workspace with a real hub on loopback: the village agent sees the 差评 of a
bad 一次一评 with its state, appeals it; the township station sees its village's 差评 and
overturns it; the village then sees the outcome, and nowhere who rated."""

from __future__ import annotations

import random

from PySide6.QtWidgets import QInputDialog

from kiosk.context import open_context
from kiosk.core.agents import AgentInfo
from kiosk.demo import DEMO_STATION_CODE
from kiosk.ui.complaints_page import ComplaintsPage
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident
from tests.support.stations import end_station

TOWNSHIP = DEMO_STATION_CODE[:9] + "000"


def test_village_appeals_and_township_decides(qtbot, online_ctx, hub, tmp_path, monkeypatch):
    village = online_ctx
    who = resident(random.Random(12))
    app_id = village.applications.submit(PENSION, who, AGENT).id
    assert not village.sync_engine().run_once(force=True).error
    village.visit_ratings.record(
        app_id, 1, {"服务效率": 1, "服务水平": 2, "服务态度": 1}, "态度生硬", AGENT, "agent"
    )
    assert village.sync_engine().run_once(force=True).evaluations_sent == 1
    [complaint] = hub.service.complaints.list_all()
    hub.service.complaints.act(complaint["id"], "callback", "已回访", "省级平台后台")

    township = open_context(tmp_path / "township", demo=True)
    try:
        township.agents.add("li", "township", "135790")
        township.provision(
            hub.url, TOWNSHIP, "测试乡镇", hub.service.issue_enrollment_code(TOWNSHIP)
        )
        vpage = ComplaintsPage(village, AgentInfo(AGENT, "agent"))
        tpage = ComplaintsPage(township, AgentInfo("li", "township"))
        for page in (vpage, tpage):
            qtbot.addWidget(page)
            page.show()
        assert vpage.appeal_button.isVisibleTo(vpage)
        assert not vpage.overturn_button.isVisibleTo(vpage)
        assert tpage.overturn_button.isVisibleTo(tpage)

        vpage.refresh()
        qtbot.waitUntil(lambda: vpage.table.rowCount() == 1, timeout=10000)
        assert "已回访" in vpage.row_texts()[0] and "一次一评" in vpage.row_texts()[0]
        vpage.table.selectRow(0)
        monkeypatch.setattr(
            QInputDialog, "getMultiLineText", lambda *a, **k: ("当天系统故障", True)
        )
        vpage.appeal()
        qtbot.waitUntil(lambda: "申诉中" in "".join(vpage.row_texts()), timeout=10000)

        tpage.refresh()
        qtbot.waitUntil(lambda: tpage.table.rowCount() == 1, timeout=10000)
        assert DEMO_STATION_CODE in tpage.row_texts()[0] and "申诉中" in tpage.row_texts()[0]
        tpage.table.selectRow(0)
        monkeypatch.setattr(
            QInputDialog, "getMultiLineText", lambda *a, **k: ("系统故障属实", True)
        )
        tpage.decide(False)
        qtbot.waitUntil(lambda: "已办结" in "".join(tpage.row_texts()), timeout=10000)

        vpage.refresh()
        qtbot.waitUntil(lambda: "已办结" in "".join(vpage.row_texts()), timeout=10000)
        assert "申诉成立，差评撤销" in vpage.row_texts()[0]
        for page in (vpage, tpage):
            shown = "".join(page.row_texts())
            assert who["name"] not in shown and who["phone"] not in shown
    finally:
        end_station(township)
