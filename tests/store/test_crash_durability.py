"""SIGKILL a process that is filing applications, many times: nothing it confirmed is lost."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.context import open_context

pytestmark = pytest.mark.slow
CONFIRMED = re.compile(r"([0-9a-f-]{36}) (.+)\n")
KILLS = int(os.environ.get("KIOSK_CRASH_KILLS", "50"))


def run_and_kill(
    data_dir: Path, seed: int, rng: random.Random
) -> tuple[list[tuple[str, str]], bool]:
    """The child's confirmed filings, and whether it was killed mid-filing (not at start-up)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash_child", str(data_dir), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    lines: list[str] = []
    filing = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            if CONFIRMED.fullmatch(line):
                filing.set()
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    # one kill in five during start-up; the rest mid-filing, timed from the child's first
    # confirmed filing, so a slow or busy PC (start-up of several seconds, slow commits)
    # still files before the kill
    mid_filing = rng.random() >= 0.2
    if mid_filing:
        assert filing.wait(120), "the child confirmed nothing in 2 minutes"
    time.sleep(rng.uniform(0.05, 0.8))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(5)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    # only complete lines count as confirmations (the kill may cut the last one short)
    return [(m[1], m[2]) for line in lines if (m := CONFIRMED.fullmatch(line))], mid_filing


def test_applications_survive_sigkill(tmp_path):
    rng = random.Random(20261122)
    data_dir = tmp_path / "station"
    confirmed: dict[str, str] = {}
    mid_filing_kills = 0
    for i in range(KILLS):
        filed, mid_filing = run_and_kill(data_dir, i, rng)
        mid_filing_kills += mid_filing
        for app_id, address in filed:
            confirmed[app_id] = address.strip()
    # every kill mid-filing came after at least one confirmation: the test proves something
    assert mid_filing_kills >= KILLS // 2 and len(confirmed) >= mid_filing_kills
    with sqlite3.connect(data_dir / "kiosk.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    ctx = open_context(data_dir)
    try:
        stored = {v.id for v in ctx.applications.list(limit=1_000_000)}
        missing = set(confirmed) - stored
        assert not missing, f"{len(missing)} confirmed applications lost"
        for app_id, address in confirmed.items():
            assert ctx.applications.payload(app_id)["address"] == address
            assert ctx.applications.get(app_id).status.value == "queued"
        assert ctx.audit.verify(ctx.db).ok
    finally:
        ctx.close()
