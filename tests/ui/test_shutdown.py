"""Closing the workspace (or leaving the terminal) while a sync, a print and a case load are
in flight: it ends within 5 s, loses nothing, and the next start sends what was in flight.
The hub takes the batch and then holds its answer (the worst case: did it arrive?)."""

from __future__ import annotations

import time

import pytest

from kiosk.context import open_context
from kiosk.core.agents import AgentInfo
from kiosk.core.status import AppStatus
from kiosk.ui.main_window import MainWindow
from kiosk.ui.sync_controller import sync_controller
from kiosk.ui.worker import close_station, reopen_tasks, runner
from tests.conftest import AGENT, PENSION
from tests.support.fault_proxy import FaultPlan, FaultProxy

pytestmark = pytest.mark.slow


@pytest.fixture
def stalling(online_ctx, hub):
    plan = FaultPlan(stall=1.0, stall_seconds=60)
    with FaultProxy(("127.0.0.1", hub.port), seed=1, plan=plan) as proxy:
        online_ctx.settings.http_timeout_seconds = 45.0
        online_ctx.set_hub_url(proxy.url)
        yield proxy


def _wait_for_hub(qtbot, hub, cases: int) -> None:
    qtbot.waitUntil(lambda: hub.service.stats()["cases"] == cases, timeout=20_000)


def _next_start_sends_it(ctx, hub, app_ids: list[str]) -> None:
    data_dir = ctx.data_dir
    again = open_context(data_dir, demo=True)
    try:
        again.set_hub_url(hub.url)
        report = again.sync_engine().run_once()  # the timer's sync: no force, no backoff due
        assert not report.error, report.error
        for app_id in app_ids:
            view = again.applications.get(app_id)
            assert view.status == AppStatus.SUBMITTED and view.case_no
        assert hub.service.stats()["cases"] == len(app_ids)  # each exactly once
    finally:
        again.close()


def test_closing_the_workspace_mid_sync_print_and_case_load(
    qtbot, online_ctx, hub, stalling, resident
):
    ctx = online_ctx
    app = ctx.applications.submit(PENSION, resident, AGENT)
    window = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    window.sync_now(force=True)
    _wait_for_hub(qtbot, hub, 1)  # the batch is at the hub; its answer hangs
    window.open_case(app.id)  # a case load …
    window.case_view.print_document("receipt")  # … and a print, both in flight
    assert runner().in_flight() >= 1
    started = time.monotonic()
    window.close()
    assert close_station(ctx), "background work outlived the station"
    assert time.monotonic() - started < 5.0
    assert ctx.db.closed
    reopen_tasks()
    _next_start_sends_it(ctx, hub, [app.id])


def test_leaving_the_terminal_mid_sync(qtbot, online_ctx, hub, stalling, resident):
    from kiosk.ui.kiosk_mode.shell import KioskShell

    ctx = online_ctx
    app = ctx.applications.submit(PENSION, resident, AGENT)
    shell = KioskShell(ctx, tts_engine="mock")
    qtbot.addWidget(shell)
    sync = sync_controller(ctx)  # the station's own, as kiosk_mode.run starts it
    sync.run_automatically(first_sync_ms=0)
    _wait_for_hub(qtbot, hub, 1)
    started = time.monotonic()
    shell.shutdown()
    assert close_station(ctx)
    assert not sync.is_running()  # its timers ended with the station
    assert time.monotonic() - started < 5.0
    reopen_tasks()
    _next_start_sends_it(ctx, hub, [app.id])
