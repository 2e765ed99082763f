"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timings_ms(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def interleaved_ms(fns: list[Callable[[], object]], n: int) -> list[list[float]]:
    """Time several callables in turn, round after round, so drift on a noisy machine hits
    each of them alike; one list of timings per callable."""
    out: list[list[float]] = [[] for _ in fns]
    for _ in range(n):
        for fn, times in zip(fns, out, strict=True):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(values), 3), "p95_ms": round(pct(values, 95), 3)}
