"""Command-line start-up: ``kiosk catalog search 低保 --json`` and ``kiosk queue --json`` as whole
processes vs ``python -c pass``, the three started in turn, round after round.

What an agent (or a script at the township) waits for is the whole process: interpreter,
imports, opening the station, the answer. The search must answer from the station's index
without loading the catalog, SQLAlchemy, pypinyin, reportlab or httpx; the queue needs the
database (SQLAlchemy) and the data key, but no printing and no HTTP.
Issue target (22): the search ≤ 4× ``python -c pass``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _prepare(station: Path, applications: int) -> None:
    from kiosk.context import open_context
    from kiosk.demo import PENSION_ITEM, demo_residents

    ctx = open_context(station, demo=True)
    for i in range(applications):
        ctx.applications.submit(PENSION_ITEM, demo_residents()[i % 3], "bench")
    ctx.close()


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    rounds = 2 if smoke else 6 if quick else 15
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files: so here
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        station = Path(tmp) / "station"
        _prepare(station, 5 if smoke else 50)
        kiosk = [sys.executable, "-m", "kiosk", "--data-dir", str(station)]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "catalog search 低保 --json": [*kiosk, "catalog", "search", "低保", "--json"],
            "queue --json": [*kiosk, "queue", "--json"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for cmd in commands.values():  # once each: the index is built, files are cached
            subprocess.run(cmd, env=env, capture_output=True, check=True, timeout=120)
        for _ in range(rounds):
            for name, cmd in commands.items():
                t0 = time.perf_counter()
                subprocess.run(cmd, env=env, capture_output=True, check=True, timeout=120)
                times[name].append((time.perf_counter() - t0) * 1000)
    base = statistics.median(times["python -c pass"])
    out: dict[str, object] = {"rounds": rounds}
    for name, values in times.items():
        med = statistics.median(values)
        out[name] = {"median_ms": round(med), "min_ms": round(min(values))}
        if name != "python -c pass":
            out[f"ratio {name}"] = round(med / base, 2)
    out["target"] = "catalog search <= 4x python -c pass"
    return out
