"""A station that closes mid-sync: the request in flight is cut at once, nothing is lost, no
backoff is charged, and the next start sends it again (the hub answers it exactly once)."""

from __future__ import annotations

import threading
import time

import pytest

from kiosk.core.status import AppStatus
from kiosk.sync import state
from tests.conftest import AGENT, PENSION
from tests.support.fault_proxy import FaultPlan, FaultProxy

pytestmark = pytest.mark.slow


def test_cancel_cuts_a_stalled_sync_at_once_and_the_next_start_resends(online_ctx, hub, resident):
    ctx = online_ctx
    app = ctx.applications.submit(PENSION, resident, AGENT)
    # the hub takes the batch, then its answer hangs far beyond any bound of closing
    plan = FaultPlan(stall=1.0, stall_seconds=60)
    with FaultProxy(("127.0.0.1", hub.port), seed=1, plan=plan) as proxy:
        ctx.settings.http_timeout_seconds = 45.0
        ctx.set_hub_url(proxy.url)
        engine = ctx.sync_engine()
        reports = []
        thread = threading.Thread(target=lambda: reports.append(engine.run_once(force=True)))
        thread.start()
        deadline = time.monotonic() + 20
        while hub.service.stats()["cases"] == 0:  # the batch reached the hub; no answer back
            assert time.monotonic() < deadline, "the batch never reached the hub"
            time.sleep(0.05)
        assert ctx.applications.get(app.id).status == AppStatus.SENDING
        started = time.monotonic()
        ctx.cancel_sync()
        thread.join(10)
        assert not thread.is_alive()
        assert time.monotonic() - started < 2.0, "closing waited for the stalled answer"
    assert reports and "程序正在关闭" in reports[0].error
    with ctx.db.read() as s:
        assert state.get_time(s, state.NEXT_ATTEMPT) is None  # not the hub's fault: no backoff
    assert ctx.applications.get(app.id).status in (AppStatus.SENDING, AppStatus.QUEUED)

    ctx.set_hub_url(hub.url)  # the next start, network back
    report = ctx.sync_engine().run_once()
    assert not report.error, report.error
    view = ctx.applications.get(app.id)
    assert view.status == AppStatus.SUBMITTED and view.case_no
    assert hub.service.stats()["cases"] == 1  # answered "duplicate": one case, not two


def test_a_cancelled_engine_starts_no_new_cycle(online_ctx, hub, resident):
    engine = online_ctx.sync_engine()
    online_ctx.applications.submit(PENSION, resident, AGENT)
    engine.cancel()
    report = engine.run_once(force=True)
    assert "程序正在关闭" in report.error
    assert hub.service.stats()["cases"] == 0
    fresh = online_ctx.sync_engine()  # a later window or start builds a new engine
    assert fresh is not engine and fresh.run_once(force=True).created == 1
