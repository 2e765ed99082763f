"""一件事 filing: 退休一件事 (three members) filed as one group vs the same three applications
filed one by one as before (three submits, each reading its files and committing), timed in
alternation in the same run.

The group reads each file once, writes each once and commits once; the baseline is what the
agent's three filings cost. Reported: median and worst case of both and their ratio.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
from pathlib import Path
from typing import Any

from PIL import Image

from bench.stats import interleaved_ms, pct
from kiosk.context import open_context
from kiosk.core.attachments import AttachmentInput
from kiosk.core.clock import to_local, utcnow
from kiosk.core.event_bundle import member_form
from kiosk.core.event_plan import EventAnswers, bind_member_files, member_payload
from kiosk.forms.examples import resolve_example

RETIREMENT = "330000-EV-0003"
MATERIALS = ("id_card", "hukou", "photo", "signature")


def _answers(today: dt.date) -> dict[str, Any]:
    born = today.replace(year=today.year - 85) - dt.timedelta(days=10)
    return resolve_example(
        {
            "shared": {
                "name": "冯桂英",
                "id_number": f"@id:{(born - today).days}:46",
                "sex": "女",
                "birth_date": born.isoformat(),
                "phone": "13900000009",
                "address": {"division": "330106109201", "detail": "老街7号"},
                "bank_name": "中国农业银行",
                "bank_card": "6228480321000000000",
            },
            "members": {
                "330000-20-0002": {"contribution_years": 15, "receives_other": False},
                "330000-20-0007": {"apply_type": "新办"},
                "330000-05-0005": {"account_holder": "本人"},
            },
        },
        today,
    )


def _scans(folder: Path, side: int) -> list[AttachmentInput]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, material in enumerate(MATERIALS):
        path = folder / f"{material}.png"
        Image.effect_noise((side, side), 40 + i).convert("RGB").save(path)
        out.append(AttachmentInput(path, material))
    return out


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    rounds = 5 if smoke else 20 if quick else 60
    side = 200 if smoke else 1200  # a phone photo of a document, downscaled on filing
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "station", demo=True)
        try:
            today = to_local(utcnow()).date()
            answers = EventAnswers.from_json(_answers(today))
            files = _scans(Path(tmp) / "scans", side)
            catalog = ctx.catalog
            bundle = catalog.event_bundle(RETIREMENT)
            singles = []
            for code in bundle.member_codes:
                item = catalog.get(code)
                mine = [
                    AttachmentInput(f.path, name)
                    for f in files
                    for m in bundle.materials
                    if m.id == f.material and (name := m.name_in(code)) is not None
                ]
                payload = member_payload(bundle, item, answers.shared, answers.members[code], today)
                refs = {m.id: [{"name": f"{m.id}.png"}] for m in bundle.materials}
                form = member_form(bundle, item)
                singles.append((code, bind_member_files(bundle, item, form, payload, refs), mine))
            events = ctx.event_filings

            def group() -> object:
                return events.file(RETIREMENT, answers, "bench", files)

            def one_by_one() -> object:
                return [ctx.applications.submit(c, p, "bench", f) for c, p, f in singles]

            group(), one_by_one()  # untimed: the first use loads the fonts and schemas
            group_ms, single_ms = interleaved_ms([group, one_by_one], rounds)
        finally:
            ctx.close()
    ratio_median = statistics.median(group_ms) / statistics.median(single_ms)
    return {
        "rounds": rounds,
        "members": 3,
        "group": {
            "median_ms": round(statistics.median(group_ms), 1),
            "max_ms": round(max(group_ms), 1),
            "p95_ms": round(pct(group_ms, 95), 1),
        },
        "one_by_one": {
            "median_ms": round(statistics.median(single_ms), 1),
            "max_ms": round(max(single_ms), 1),
            "p95_ms": round(pct(single_ms, 95), 1),
        },
        "ratio_median": round(ratio_median, 2),
        "ratio_worst": round(max(group_ms) / max(single_ms), 2),
        "target": "group <= one by one (files read and written once, one commit)",
        "target_met": ratio_median <= 1.0,
    }
