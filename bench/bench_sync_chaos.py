"""Chaos at full size: 2,000 applications through a faulty network, sync process SIGKILLed.

The acceptance scenario of tests/sync/test_chaos.py at the full count: a fifth of the
applications carry scans of 50 KB–2 MB; the ``kiosk sync`` process is killed at random
moments and restarted, the hub process is killed and restarted mid-sync, the proxy drops,
stalls, truncates, answers 5xx and captive-portal pages. Reported: whether every check
held (``problems`` must be empty), how long it took, and — as the same-run baseline — how
long the same station size takes on a clean network with no kills.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.support.chaos import ChaosConfig, run_chaos, summary
from tests.support.fault_proxy import FaultPlan


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    n = 6 if smoke else 200 if quick else 2000
    chaos_rounds = 1 if smoke else 10 if quick else 40
    sizes = (5_000, 20_000) if smoke else (50_000, 2_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        chaos = run_chaos(
            ChaosConfig(
                seed=2024,
                applications=n,
                chaos_rounds=chaos_rounds,
                kill_after=(0.5, 1.5) if smoke else (2.0, 8.0) if quick else (2.0, 15.0),
                hub_restarts=0 if smoke else 2,
                attachment_bytes=sizes,
                max_calm_rounds=20,
            ),
            Path(tmp) / "chaos",
        )
        calm = run_chaos(
            ChaosConfig(
                seed=2024,
                applications=n,
                chaos_rounds=0,
                hub_restarts=0,
                plan=FaultPlan(),
                min_faults=0,  # the clean baseline injects none: no extra rounds to wait for
                late_share=0.0,
                attachment_bytes=sizes,
                max_calm_rounds=20,
            ),
            Path(tmp) / "calm",
        )
    out = summary(chaos)
    out["clean_network_seconds"] = calm.seconds
    out["clean_problems"] = calm.problems
    out["slowdown_vs_clean"] = round(chaos.seconds / max(calm.seconds, 0.1), 2)
    return out
