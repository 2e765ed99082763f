"""A working day in one process (tests/ui/test_soak.py): filings through the workspace's
pages, a sync, the case view and a printed receipt after each; RSS after a warm-up and at
the end, and that no background task survives.

Issue 15 target: RSS growth ≤ 20 MB over 300 filings.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"soak: (\d+) filings after (\d+): RSS start ([\d.]+) MB end ([\d.]+) MB")


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    filings, warmup = (2, 1) if smoke else (60, 20) if quick else (300, 20)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KIOSK_SOAK_FILINGS=str(filings + warmup),
        KIOSK_SOAK_WARMUP=str(warmup),
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/ui/test_soak.py",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    found = LINE.search(proc.stdout)
    if proc.returncode != 0 or found is None:
        raise RuntimeError(f"soak run failed ({proc.returncode}):\n{proc.stdout[-3000:]}")
    measured, start, end = int(found[1]), float(found[3]), float(found[4])
    return {
        "filings measured": measured,
        "warm-up filings": int(found[2]),
        "RSS start MB": round(start, 1),
        "RSS end MB": round(end, 1),
        "RSS growth MB": round(end - start, 1),
        "end/start": round(end / start, 3) if start else None,
        "tasks alive after": 0,  # the test asserts it
    }
