"""Fixtures for the GUI tests."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kiosk.demo import DEMO_STATION_CODE


@pytest.fixture
def hub_process(tmp_path):
    """A real hub in its own process (as in the field: another machine): (url, enrol code)."""
    from hub.db import HubDatabase
    from hub.service import HubService
    from kiosk.core.catalog import Catalog

    db_url = f"sqlite:///{tmp_path / 'hub-process.sqlite3'}"
    code = HubService(HubDatabase(db_url), Catalog.shipped()).issue_enrollment_code(
        DEMO_STATION_CODE
    )
    port_file = tmp_path / "hub.port"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hub.cli",
            "--db",
            db_url,
            "serve",
            "--port",
            "0",
            "--port-file",
            str(port_file),
        ],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not port_file.exists():
            assert proc.poll() is None, "the hub did not start"
            assert time.monotonic() < deadline, "the hub did not start in 30 s"
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port_file.read_text().strip()}"
        while True:  # bound is not yet serving: wait until it answers
            try:
                if httpx.get(url + "/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the hub did not answer in 30 s"
            time.sleep(0.05)
        yield url, code
    finally:
        proc.terminate()
        proc.wait(10)
