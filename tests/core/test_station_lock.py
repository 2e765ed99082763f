"""The station lock: running apps share it; a restore needs it alone; a dead process frees it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from kiosk.core import station_lock
from kiosk.core.filelock import FileLock, LockBusy
from kiosk.core.station_lock import StationBusy, StationInUse, exclusive, hold_while_running

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kiosk.core.station_lock import hold_while_running
    lock = hold_while_running(Path(sys.argv[1]))
    print("held", flush=True)
    time.sleep(600)
    """
)


def test_apps_share_it_and_a_restore_is_refused_meanwhile(tmp_path):
    gui, terminal = hold_while_running(tmp_path), hold_while_running(tmp_path)
    with pytest.raises(StationInUse) as err, exclusive(tmp_path):
        pytest.fail("a restore ran under a running app")
    assert err.value.zh == "程序正在运行：请先退出代办点程序（包括自助终端）再恢复。"
    assert err.value.exit_code == 2
    gui.release()
    with pytest.raises(StationInUse):
        exclusive(tmp_path).__enter__()
    terminal.release()
    with exclusive(tmp_path):
        with exclusive(tmp_path):  # re-entrant: ``kiosk restore`` → core restore
            pass
        with pytest.raises(StationBusy) as busy:  # an app started during a restore
            hold_while_running(tmp_path)
        assert "请等完成后再启动" in busy.value.zh
    hold_while_running(tmp_path).release()  # free again once the restore is done


def test_refusal_names_what_was_refused(tmp_path):
    app = hold_while_running(tmp_path)
    try:
        with pytest.raises(StationInUse) as err, exclusive(tmp_path, "update"):
            pass
        assert err.value.zh.endswith("再安装更新。")
    finally:
        app.release()


def test_a_killed_app_does_not_block_the_station(tmp_path):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(StationInUse), exclusive(tmp_path):
            pass
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    with exclusive(tmp_path):  # the OS dropped the dead process's lock
        pass
    assert station_lock.lock_path(tmp_path).exists()  # the file stays; only the lock went


def test_exclusive_file_lock_is_released_on_exit(tmp_path):
    path = tmp_path / "sync.lock"
    with FileLock(path):
        with pytest.raises(LockBusy), FileLock(path):
            pass
        with pytest.raises(LockBusy), FileLock(path, shared=True):
            pass
    with FileLock(path, shared=True), FileLock(path, shared=True), pytest.raises(LockBusy):
        FileLock(path).acquire()
    with FileLock(path) as lock:
        assert lock.held
    assert not lock.held
