"""The whole path against a real hub on a loopback port (no mocked transport)."""

from __future__ import annotations

import pytest

from hub.server import BackgroundHub
from kiosk.core.status import AppStatus
from tests.conftest import AGENT, PENSION

pytestmark = pytest.mark.slow


def test_file_sync_and_resync_sends_nothing(online_ctx, hub, resident):
    view = online_ctx.applications.submit(PENSION, resident, AGENT)
    report = online_ctx.sync_engine().run_once()
    assert (report.sent, report.created, report.error) == (1, 1, None)
    synced = online_ctx.applications.get(view.id)
    assert synced.status is AppStatus.SUBMITTED and synced.case_no and synced.query_code
    stats = hub.service.stats()
    assert stats["cases"] == 1 and stats["distinct_client_ids"] == 1
    again = online_ctx.sync_engine().run_once()
    assert again.sent == 0 and again.error is None
    assert hub.service.stats()["cases"] == 1


def test_offline_then_online(online_ctx, tmp_path, resident):
    hub_url = online_ctx.settings.hub_url
    port = int(hub_url.rsplit(":", 1)[1])
    # the fixture hub keeps running; point the station at a closed port to go "offline"
    online_ctx.set_hub_url("http://127.0.0.1:9")
    view = online_ctx.applications.submit(PENSION, resident, AGENT)
    report = online_ctx.sync_engine().run_once()
    assert report.error and "网络" in report.error
    offline = online_ctx.applications.get(view.id)
    assert offline.status is AppStatus.QUEUED and offline.last_error
    assert online_ctx.sync_engine().run_once().sent == 0  # backing off: not due yet
    online_ctx.set_hub_url(f"http://127.0.0.1:{port}")
    report = online_ctx.sync_engine().run_once(force=True)
    assert report.created == 1
    assert online_ctx.applications.get(view.id).last_error is None


def test_status_changes_are_pulled_in_order_and_idempotently(online_ctx, hub, resident):
    view = online_ctx.applications.submit(PENSION, resident, AGENT)
    online_ctx.sync_engine().run_once()
    case_no = online_ctx.applications.get(view.id).case_no
    hub.service.advance(case_no, "受理", "材料齐全")
    hub.service.advance(case_no, "办结", "已登记")
    report = online_ctx.sync_engine().run_once()
    assert report.status_updates == 2
    assert online_ctx.applications.get(view.id).status is AppStatus.COMPLETED
    assert online_ctx.sync_engine().run_once().status_updates == 0
    reasons = [e.reason for e in online_ctx.applications.timeline(view.id)]
    assert reasons[-2:] == ["材料齐全", "已登记"]


def test_crash_after_marking_sending_is_resent_without_duplicate(
    online_ctx, hub, resident, monkeypatch
):
    view = online_ctx.applications.submit(PENSION, resident, AGENT)
    engine = online_ctx.sync_engine()
    real_submit = engine._client.submit

    def submit_then_lose_answer(items):
        real_submit(items)  # the hub got it ...
        raise ConnectionResetError  # ... but the process died before recording the answer

    monkeypatch.setattr(engine._client, "submit", submit_then_lose_answer)
    with pytest.raises(ConnectionResetError):
        engine.run_once()
    assert online_ctx.applications.get(view.id).status is AppStatus.SENDING
    monkeypatch.setattr(engine._client, "submit", real_submit)
    report = engine.run_once(force=True)  # e.g. `kiosk sync` after the restart
    assert report.duplicate == 1 and report.created == 0
    assert online_ctx.applications.get(view.id).status is AppStatus.SUBMITTED
    assert hub.service.stats()["cases"] == 1


def test_hub_rejection_quarantines_only_that_item(online_ctx, hub, resident):
    good = online_ctx.applications.submit(PENSION, resident, AGENT)
    bad = online_ctx.applications.submit(PENSION, resident, AGENT)
    # the hub's catalog no longer accepts this item code (e.g. withdrawn upstream)
    with online_ctx.db.write() as s:
        from kiosk.store.models import Application

        s.get(Application, bad.id).item_code = "330000-20-9999"
    report = online_ctx.sync_engine().run_once()
    assert report.created == 1 and report.rejected == 1
    assert online_ctx.applications.get(good.id).status is AppStatus.SUBMITTED
    quarantined = online_ctx.applications.get(bad.id)
    assert quarantined.status is AppStatus.QUARANTINED
    assert "不存在" in quarantined.last_error


def test_hub_restart_keeps_cases(tmp_path, online_ctx, hub, resident):
    online_ctx.applications.submit(PENSION, resident, AGENT)
    online_ctx.sync_engine().run_once()
    port = hub.port
    hub.stop()
    with BackgroundHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", port=port) as again:
        online_ctx.applications.submit(PENSION, resident, AGENT)
        assert online_ctx.sync_engine().run_once(force=True).created == 1
        assert again.service.stats()["cases"] == 2


def test_sync_results_go_on_the_audit_trail(online_ctx, hub, resident):
    import sqlite3

    view = online_ctx.applications.submit(PENSION, resident, AGENT)
    online_ctx.sync_engine().run_once()
    hub.service.advance(online_ctx.applications.get(view.id).case_no, "受理", "材料齐全")
    online_ctx.sync_engine().run_once()
    online_ctx.sync_engine().run_once()  # nothing new: no event
    with sqlite3.connect(online_ctx.db.path) as conn:
        rows = conn.execute(
            "select actor, subject, detail from audit_event where action='sync_result' order by id"
        ).fetchall()
    assert [r[:2] for r in rows] == [("同步", "upload"), ("省级平台", "feed")]
    assert rows[0][2] == "created 1" and rows[1][2].startswith("changes 1")
    assert online_ctx.audit.verify(online_ctx.db).ok
