"""The station lock: every running app (agent GUI, self-service terminal) holds it shared for
as long as it runs; replacing the station's data (restore, an update's rollback) needs it
alone. It is an OS file lock, so a crashed app never blocks a restore: the lock goes with the
process. Nothing is written into the lock file; it only exists to be locked.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.core.errors import KioskError
from kiosk.core.filelock import FileLock, LockBusy

log = logging.getLogger(__name__)

LOCK_FILE = "station.lock"
ACTIONS_ZH = {"restore": "恢复", "update": "安装更新", "rollback": "回退更新"}


class StationInUse(KioskError):
    """The app runs on this data dir: its data must not be replaced under it (exit 2)."""

    exit_code = 2

    def __init__(self, action: str = "restore") -> None:
        super().__init__(
            f"程序正在运行：请先退出代办点程序（包括自助终端）再{ACTIONS_ZH[action]}。",
            f"the station is in use by a running app: cannot {action} now",
        )


class StationBusy(KioskError):
    """Someone is replacing the station's data right now: the app must not open it."""

    def __init__(self) -> None:
        super().__init__(
            "技术员正在恢复或更新本机数据，请等完成后再启动代办点程序。",
            "the station's data is being restored or updated (station lock held exclusively)",
        )


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILE


def hold_while_running(data_dir: Path) -> FileLock:
    """For the app: take the station lock (shared) and keep it until ``release()`` or exit."""
    lock = FileLock(lock_path(data_dir), shared=True)
    try:
        return lock.acquire()
    except LockBusy:
        raise StationBusy() from None


_mine: dict[Path, int] = {}  # exclusive locks this process holds, and how deep
_mine_locks: dict[Path, FileLock] = {}
_guard = threading.Lock()


@contextmanager
def exclusive(data_dir: Path, action: str = "restore") -> Iterator[None]:
    """Hold the station alone (no app running on it) or raise :class:`StationInUse`.

    Re-entrant within a process: ``kiosk restore`` holds it across the restore and the first
    open of the restored data, and the restore itself asks for it again.
    """
    key = lock_path(data_dir).resolve()
    with _guard:
        if key in _mine:
            _mine[key] += 1
        else:
            lock = FileLock(key)
            try:
                lock.acquire()
            except LockBusy:
                log.warning("station in use by a running app: %s refused", action)
                raise StationInUse(action) from None
            _mine[key], _mine_locks[key] = 1, lock
    try:
        yield
    finally:
        with _guard:
            _mine[key] -= 1
            if _mine[key] == 0:
                del _mine[key]
                _mine_locks.pop(key).release()
