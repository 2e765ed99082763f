"""Exponential backoff with full jitter and a cap, honouring the hub's Retry-After."""

from __future__ import annotations

import random


def next_delay(
    attempts: int,
    retry_after: float | None = None,
    base: float = 5.0,
    cap: float = 900.0,
    rng: random.Random | None = None,
) -> float:
    rng = rng or random.Random()
    ceiling = min(cap, base * (2 ** max(0, attempts - 1)))
    delay = rng.uniform(ceiling / 2, ceiling)
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return delay
