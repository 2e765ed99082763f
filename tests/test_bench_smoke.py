"""Every benchmark under bench/ runs in its smoke mode (tiny sizes, seconds), so a bench that
crashes — a fixture the product code now refuses, an API that moved — fails CI instead of
rotting until someone needs its figures. The figures themselves are not checked here."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.postgres import find_bindir

ROOT = Path(__file__).resolve().parent.parent
BENCHES = sorted(
    m.name.removeprefix("bench_")
    for m in pkgutil.iter_modules([str(ROOT / "bench")])
    if m.name.startswith("bench_")
)
NEEDS_POSTGRES = {"hub_load"}
# a PostgreSQL cluster and two hubs (one with two workers); sync processes started and
# killed until enough faults met a sync (a minute and a half on a loaded 2-core machine)
TIMEOUT_S = {"hub_load": 300, "sync_chaos": 300}


def test_every_bench_is_listed() -> None:
    assert len(BENCHES) >= 9, BENCHES  # the discovery above must not silently find nothing


@pytest.mark.slow
@pytest.mark.parametrize("name", BENCHES)
def test_bench_smoke(name: str, tmp_path: Path) -> None:
    if name in NEEDS_POSTGRES and find_bindir() is None:
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
    out = tmp_path / "result.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", name, "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S.get(name, 120),
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    result = json.loads(out.read_text())[name]
    assert isinstance(result, dict) and result, result
