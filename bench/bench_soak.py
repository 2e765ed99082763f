"""A working day in one process (tests/ui/test_soak.py): filings through the workspace's
pages, a sync, the case view and a printed receipt after each; RSS after a warm-up and at
the end, and that no background task survives.

Issue 15 target: RSS growth ≤ 20 MB over 300 filings.
"""

from __future__ import annotations

import re

from bench.pytest_figures import run_test_for

LINE = re.compile(r"soak: (\d+) filings after (\d+): RSS start ([\d.]+) MB end ([\d.]+) MB")


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    filings, warmup = (2, 1) if smoke else (60, 20) if quick else (300, 20)
    found = run_test_for(
        "tests/ui/test_soak.py",
        LINE,
        KIOSK_SOAK_FILINGS=str(filings + warmup),
        KIOSK_SOAK_WARMUP=str(warmup),
    )
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
