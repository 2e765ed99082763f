"""The GUI thread is never blocked for long while 500 applications sync with the real hub.

The hub runs in its own process here, as it does in reality (another machine): in this
process there are then just the GUI thread and the sync worker, sharing one GIL.
"""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import QTimer

from kiosk.core.agents import AgentInfo
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE, demo_residents
from kiosk.ui.main_window import MainWindow
from tests.conftest import AGENT, PENSION
from tests.ui.driving import settle

pytestmark = pytest.mark.slow

N = int(os.environ.get("KIOSK_LATENCY_APPS", "500"))
# A behaviour test, not a timing test: on a busy PC (other processes on every core) the OS
# stretches single ticks, so the figures (p95, worst) are reported by bench/bench_gui_latency
# .py. What is asserted holds on any PC: the GUI thread kept running all through the sync.
# Sync work on the GUI thread (the bug this catches) stalls it for the whole sync instead.


def test_event_loop_stays_responsive_during_a_sync_of_500(qtbot, ctx, hub_process):
    url, code = hub_process
    ctx.provision(url, DEMO_STATION_CODE, "测试村代办点", code)
    people = demo_residents()
    for i in range(N):
        ctx.applications.submit(PENSION, people[i % len(people)], AGENT)
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    win.show()
    win.navigate("cases")  # a page that refreshes after the sync, as in real use
    settle(qtbot)

    gaps: list[float] = []
    last = [time.perf_counter()]

    at: list[float] = []

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        at.append(now - started)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    started = time.perf_counter()
    timer.start()
    win.sync_now(force=True)
    assert win.is_syncing()
    qtbot.waitUntil(lambda: not win.is_syncing(), timeout=180_000)
    qtbot.wait(200)  # the refreshes the sync result triggers
    timer.stop()
    seconds = time.perf_counter() - started

    assert win.last_report is not None and win.last_report.error is None
    assert win.last_report.created == N
    assert ctx.applications.counts() == {AppStatus.SUBMITTED: N}
    worst = max(gaps)
    p95 = sorted(gaps)[int(len(gaps) * 0.95)]
    slow = [(round(g), round(t, 2)) for g, t in zip(gaps, at, strict=True) if g > 40]
    print(
        f"sync of {N}: {seconds:.1f} s, {len(gaps)} ticks, p95 {p95:.0f} ms, "
        f"worst {worst:.0f} ms; >40 ms: {slow}"
    )
    assert len(gaps) >= 20, "the GUI thread hardly ran during the sync"
    assert worst < seconds * 1000 / 2, f"GUI thread blocked for {worst:.0f} ms of {seconds:.1f} s"
