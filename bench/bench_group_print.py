"""一件事 paper: 出生一件事 (four members) as one group receipt and one group 委托书 vs the same
four members' single receipts and 委托书 (what the agent printed before), timed in alternation
in the same run.

The group documents read the group and each member once and lay out one receipt (A4, and the
80 mm roll) and one two-copy 委托书; the baseline builds four of each. Reported: median and
worst case of both and their ratios.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.stats import interleaved_ms, pct
from kiosk.context import open_context
from kiosk.core.attachments import AttachmentInput
from kiosk.core.clock import to_local, utcnow
from kiosk.core.event_filing import SIGNATURE_MATERIAL
from kiosk.core.event_plan import EventAnswers
from kiosk.print.layout import Layout
from tests.print.samples import signature_png
from tests.support.event_answers import BIRTH, birth_answers, scans


def _stats(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(pct(values, 95), 1),
        "max_ms": round(max(values), 1),
    }


def _pair(
    name: str, group: Callable[[], object], singles: Callable[[], object], rounds: int
) -> dict[str, object]:
    group(), singles()  # untimed: fonts, template, calendar
    group_ms, single_ms = interleaved_ms([group, singles], rounds)
    ratio = statistics.median(group_ms) / statistics.median(single_ms)
    return {
        f"{name}_group": _stats(group_ms),
        f"{name}_members_one_by_one": _stats(single_ms),
        f"{name}_ratio_median": round(ratio, 2),
        f"{name}_ratio_worst": round(max(group_ms) / max(single_ms), 2),
    }


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    rounds = 3 if smoke else 10 if quick else 40
    result: dict[str, object] = {"rounds": rounds, "members": 4}
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "station", demo=True)
        try:
            folder = Path(tmp) / "scans"
            files = scans(folder, "birth_cert", "hukou", "marriage", "baby_photo")
            (folder / "signature.png").write_bytes(signature_png())
            signature = AttachmentInput(folder / "signature.png", SIGNATURE_MATERIAL)
            answers = EventAnswers.from_json(birth_answers(to_local(utcnow()).date()))
            group = ctx.event_filings.file(BIRTH, answers, "bench", files, signature=signature)
            gid, ids = group.group_id, [m.app_id for m in group.members]
            p = ctx.printing
            for layout in (Layout.A4, Layout.ROLL_80):
                result.update(
                    _pair(
                        f"receipt_{layout.value}",
                        lambda layout=layout: p.group_receipt(gid, layout),
                        lambda layout=layout: [p.receipt(i, layout) for i in ids],
                        rounds,
                    )
                )
            result.update(
                _pair(
                    "authorization",
                    lambda: p.group_authorization(gid),
                    lambda: [p.authorization(i) for i in ids],
                    rounds,
                )
            )
        finally:
            ctx.close()
    ratios = [v for k, v in result.items() if k.endswith("_ratio_median")]
    result["target"] = "one group document <= its members' single documents"
    result["target_met"] = all(isinstance(r, float) and r <= 1.0 for r in ratios)
    return result
