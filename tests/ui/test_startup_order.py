"""Start-up does first what is shown first: the dashboard's counts are read while the PIN is
typed and shown the moment the workspace appears; the status bar's station name and sync
state follow once the counts are on screen; nothing on the way imports the HTTP client."""

from __future__ import annotations

import sys

from kiosk.core.agents import AgentInfo
from kiosk.ui.dashboard import DashboardPrefetch
from kiosk.ui.main_window import MainWindow
from tests.conftest import AGENT


def _opened_with_prefetch(qtbot, ctx):  # type: ignore[no-untyped-def]
    from kiosk.ui.startup import StationOpener

    opener = StationOpener(ctx.data_dir)
    with qtbot.waitSignal(opener.opened, timeout=15000):
        opener.start()
    assert opener.prefetch is not None  # started by the opening itself
    qtbot.waitUntil(lambda: opener.prefetch.done, timeout=15000)
    return opener


def test_the_first_dashboard_shows_the_counts_read_during_the_login(qtbot, ctx, resident):
    ctx.applications.submit("330000-20-0001", resident, AGENT)
    opener = _opened_with_prefetch(qtbot, ctx)
    station = opener.result
    try:
        data = opener.prefetch.data
        assert data is not None and data.board.today == 1
        win = MainWindow(station.ctx, AgentInfo(AGENT, "agent"), prefetch=opener.prefetch)
        qtbot.addWidget(win)
        assert win.dashboard.data is data  # on screen at once, no second reading
        assert win.dashboard.tiles["today"].number.text() == "1"
        assert win.station_label.text().startswith("代办点")  # not yet: after the counts …
        qtbot.waitUntil(lambda: "未配置站点" in win.station_label.text(), timeout=15000)
        win.close()
    finally:
        station.ctx.close()


def test_counts_read_long_before_the_login_are_read_again(qtbot, ctx, resident, monkeypatch):
    opener = _opened_with_prefetch(qtbot, ctx)
    station = opener.result
    try:
        ctx_filed = station.ctx.applications.submit("330000-20-0001", resident, AGENT)
        assert ctx_filed.id
        monkeypatch.setattr(DashboardPrefetch, "MAX_AGE_S", 0.0)  # the agent waited long
        win = MainWindow(station.ctx, AgentInfo(AGENT, "agent"), prefetch=opener.prefetch)
        qtbot.addWidget(win)
        qtbot.waitUntil(lambda: win.dashboard.data is not None, timeout=15000)
        assert win.dashboard.data is not opener.prefetch.data
        assert win.dashboard.data.board.today == 1  # what was filed meanwhile is counted
        win.close()
    finally:
        station.ctx.close()


PROBE = """
import sys
from pathlib import Path
from kiosk.context import open_context
from kiosk.core.agents import AgentInfo
from kiosk.ui.app import ensure_app
from kiosk.ui.main_window import MainWindow
from kiosk.ui.worker import wait_all

app = ensure_app()
ctx = open_context(Path(sys.argv[1]), demo=True)
ctx.settings.hub_url = "http://127.0.0.1:9"  # provisioned: the sync timers and status run
win = MainWindow(ctx, AgentInfo("probe", "agent"))
shown = []
real = win.sync_status.show_status
win.sync_status.show_status = lambda status: (shown.append(status), real(status))
win.show()
for _ in range(400):
    app.processEvents()
    wait_all(50)
    if shown and win.dashboard.data is not None:
        break
print("shown" if shown else "not shown", "httpx" in sys.modules)
win.close()
"""


def test_the_workspace_comes_up_without_the_http_client(tmp_path):
    import os
    import subprocess
    from pathlib import Path

    from kiosk.context import open_context

    open_context(tmp_path / "station", demo=True).close()
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "station")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    # the status bar's sync state was read from the database, without the sync engine
    assert proc.stdout.split()[-2:] == ["shown", "False"], proc.stdout + proc.stderr[-2000:]


def test_the_station_opens_after_the_logins_first_paint_or_at_the_latest_in_time(qtbot):
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.app import on_first_paint

    shown, hidden = QLabel("登录"), QLabel("登录")
    qtbot.addWidget(shown)
    qtbot.addWidget(hidden)
    calls: list[str] = []
    on_first_paint(shown, lambda: calls.append("shown"), at_latest_ms=60_000)
    on_first_paint(hidden, lambda: calls.append("hidden"), at_latest_ms=300)
    assert calls == []  # nothing before the event loop ran
    shown.show()
    qtbot.waitUntil(lambda: "shown" in calls, timeout=5000)  # painted: long before 60 s
    qtbot.waitUntil(lambda: "hidden" in calls, timeout=5000)  # never painted: at 0.3 s
    qtbot.wait(400)
    assert sorted(calls) == ["hidden", "shown"]  # each once


def test_a_damaged_database_found_after_the_login_shows_is_reported(qtbot, tmp_path):
    """The integrity check runs while the login is on screen: a damaged file is reported as
    soon as it is found, and no write reaches it meanwhile."""
    import pytest

    from kiosk.context import open_context
    from kiosk.store.db import DatabaseCorrupt
    from kiosk.store.models import SyncState
    from kiosk.ui.startup import StationOpener
    from tests.conftest import PIN
    from tests.store.test_integrity import _damage_the_last_third

    station = tmp_path / "station"
    ctx = open_context(station, demo=True)
    ctx.agents.add(AGENT, "agent", PIN)
    with ctx.db.write() as s:
        for i in range(3000):
            s.add(SyncState(key=f"k{i}", value="x" * 200))
    ctx.close()
    _damage_the_last_third(station / "kiosk.sqlite3")

    opener = StationOpener(station)
    with qtbot.waitSignal(opener.damaged, timeout=15000) as damaged:
        opener.start()
    assert isinstance(damaged.args[0], DatabaseCorrupt)
    assert "kiosk restore --latest" in damaged.args[0].zh
    opened = opener.result
    assert opened is not None
    try:
        with pytest.raises(DatabaseCorrupt):
            opened.ctx.agents.add("other", "agent", "135790")
    finally:
        opened.ctx.close()


def test_the_login_check_paints_the_login_and_leaves_the_data_alone(tmp_path):
    """``kiosk gui --login-check`` (after an install or update): the real start up to the
    painted login, then exit 0, having opened nothing: no database made or migrated."""
    import os
    import subprocess

    from kiosk.store.db_file import DB_FILE

    data = tmp_path / "station"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), "gui", "--login-check"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "login painted"
    assert not (data / DB_FILE).exists()
