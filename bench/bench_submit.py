"""Submit latency (validate + encrypt + durable commit) vs a raw INSERT + commit, synchronous=FULL.

Both write the same number of bytes to a SQLite file in WAL mode with synchronous=FULL, in
the same run, so the ratio survives a noisy machine. Issue target: p95 ≤ 15 ms, ≤ 4× raw.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

from bench.stats import summary, timings_ms
from kiosk.context import open_context
from kiosk.demo import PENSION_ITEM, demo_residents


def run(quick: bool = False) -> dict[str, object]:
    n = 50 if quick else 300
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "station", demo=True)
        resident = demo_residents()[0]
        submit = timings_ms(lambda: ctx.applications.submit(PENSION_ITEM, resident, "bench"), n)
        ctx.close()

        payload = json.dumps(resident, ensure_ascii=False).encode() + os.urandom(28)
        conn = sqlite3.connect(Path(tmp) / "raw.sqlite3", isolation_level=None)
        conn.execute("pragma journal_mode=wal")
        conn.execute("pragma synchronous=full")
        conn.execute("create table t (id integer primary key, data blob)")

        def raw() -> None:
            conn.execute("begin")
            conn.execute("insert into t (data) values (?)", (payload,))
            conn.execute("commit")

        raw_ms = timings_ms(raw, n)
        conn.close()
    s, r = summary(submit), summary(raw_ms)
    return {
        "n": n,
        "submit": s,
        "raw_insert_commit": r,
        "ratio_p50": round(s["p50_ms"] / r["p50_ms"], 2),
        "ratio_p95": round(s["p95_ms"] / r["p95_ms"], 2),
    }
