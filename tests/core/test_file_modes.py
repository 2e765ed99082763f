"""Issue 16, point 6: the data dir was 0755 and the database and logs 0644, so any user of the
PC could read case numbers, query codes and PIN hashes. Now 0700 / 0600, checked by
``kiosk doctor``; a station made before is tightened when it next opens."""

from __future__ import annotations

import os
import stat

import pytest

from kiosk.context import open_context
from kiosk.core.file_modes import loose
from kiosk.doctor import diagnose
from kiosk.logs import setup_logging
from tests.conftest import AGENT, PENSION, PIN

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def shared_umask():
    """The usual desktop umask (022): files would be 0644 unless the app says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_station_is_private_to_its_user(tmp_path, shared_umask, resident):
    data = tmp_path / "station"
    ctx = open_context(data, demo=True)
    ctx.agents.add(AGENT, "agent", PIN)
    ctx.applications.submit(PENSION, resident, AGENT)  # the WAL has data in it now
    ctx.run_maintenance()  # backups/
    setup_logging(data)
    import logging

    logging.getLogger("kiosk.test").warning("a line in the log")
    try:
        assert mode(data) == 0o700
        for name in ("kiosk.sqlite3", "kiosk.sqlite3-wal", "kiosk.sqlite3-shm", "logs/kiosk.log"):
            assert (data / name).exists(), name
            assert mode(data / name) & 0o077 == 0, (name, oct(mode(data / name)))
        assert loose(data) == []
        assert diagnose(data)["permissions"]["ok"]
    finally:
        setup_logging(None)
        ctx.close()


def test_doctor_reports_a_world_readable_station_and_opening_it_tightens(tmp_path, shared_umask):
    data = tmp_path / "station"
    open_context(data, demo=True).close()
    os.umask(0o022)
    os.chmod(data, 0o755)  # as stations were made before
    os.chmod(data / "kiosk.sqlite3", 0o644)
    report = diagnose(data)["permissions"]
    assert not report["ok"] and "kiosk.sqlite3" in report["loose"] and "." in report["loose"]
    assert "chmod" in report["detail"]
    open_context(data, demo=True).close()
    assert mode(data) == 0o700 and mode(data / "kiosk.sqlite3") == 0o600
    assert diagnose(data)["permissions"]["ok"]
