"""Document generation: receipts (warm p50/p95), the longest guide, the cold first receipt.

Each is reported next to a bare reportlab page set in the same embedded TrueType font,
measured in the same run, so the ratios survive a noisy machine. Issue target: receipt p95
≤ 60 ms warm.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from bench.stats import summary, timings_ms
from kiosk.context import AppContext, open_context
from kiosk.core.catalog import Catalog
from kiosk.demo import PENSION_ITEM, demo_residents
from kiosk.print.fonts import BODY_FONT, register_fonts
from kiosk.print.guide import GuideData, build_guide
from kiosk.print.layout import Layout
from tests.support.guides import long_guide

ROOT = Path(__file__).resolve().parent.parent
LINE = "代办受理回执 城乡居民基本养老保险参保登记 330106202611200000001"

_COLD = """
import time
t0 = time.perf_counter()
{body}
print((time.perf_counter() - t0) * 1000)
"""
COLD_RECEIPT = """
import datetime as dt
from kiosk.print.receipt import ReceiptData, build_receipt
build_receipt(ReceiptData("西湖区示范村代办点", "wang", dt.datetime(2026, 11, 20, 2, 30),
    "城乡居民基本养老保险参保登记", "330000-20-0001", "330106202611200000001", True,
    "张𠮷䶮", "330106197506300176", 5, "123456"))
"""
COLD_BARE = """
import io
from reportlab.pdfgen.canvas import Canvas
from kiosk.print.fonts import BODY_FONT, register_fonts
register_fonts()
c = Canvas(io.BytesIO(), initialFontName=BODY_FONT)
c.setFont(BODY_FONT, 11)
c.drawString(72, 720, "代办受理回执 城乡居民基本养老保险参保登记")
c.save()
"""


def bare_page() -> bytes:
    """One page, one line of Chinese in the same font, embedded and subset: the floor."""
    buf = io.BytesIO()
    canvas = Canvas(buf, initialFontName=BODY_FONT)
    canvas.setFont(BODY_FONT, 11)
    canvas.drawString(72, 720, LINE)
    canvas.save()
    return buf.getvalue()


def cpu_ms(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.process_time()
        fn()
        out.append((time.process_time() - t0) * 1000)
    return out


def cold_ms(body: str, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", _COLD.format(body=body)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        out.append(float(res.stdout.strip().splitlines()[-1]))
    return out


def longest_guide() -> tuple[str, GuideData]:
    """The synthetic long guide, or a shipped one if the catalog ever has a longer one."""
    candidates = [("synthetic", long_guide())]
    candidates += [(i.code, GuideData.from_item(i)) for i in Catalog.shipped().items()]
    return max(candidates, key=lambda c: len(json.dumps(c[1].guide, ensure_ascii=False)))


def _receipts(ctx: AppContext, ids: list[str], layout: Layout, n: int) -> dict[str, object]:
    ctx.printing.receipt(ids[0], layout)  # warm: fonts, template, calendar
    queue = iter(ids * 3)  # a different case (QR code, reference) each time

    def one() -> bytes:
        return ctx.printing.receipt(next(queue), layout)

    receipt = summary(timings_ms(one, n))
    bare = summary(timings_ms(bare_page, n))
    key = f"receipt_{layout.value}"
    return {
        key: receipt,
        # CPU time of the same work: what the wall time is on an idle machine (the shared
        # test machines are often busy with other work, which inflates wall times)
        f"{key}_cpu": summary(cpu_ms(one, min(n, 60))),
        f"bare_page_{layout.value}": bare,
        f"{key}_ratio_p50": round(receipt["p50_ms"] / bare["p50_ms"], 1),
        f"{key}_ratio_p95": round(receipt["p95_ms"] / bare["p95_ms"], 1),
    }


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    n = 5 if smoke else 30 if quick else 200
    register_fonts()
    bare_page()  # warm
    result: dict[str, object] = {"n": n}
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "station", demo=True)
        ids = [
            ctx.applications.submit(PENSION_ITEM, demo_residents()[i % 3], "bench").id
            for i in range(n)
        ]
        for layout in (Layout.A4, Layout.ROLL_80):
            result.update(_receipts(ctx, ids, layout, n))
        ctx.close()
    name, guide = longest_guide()
    pdf = build_guide(guide)
    g_n = 2 if smoke else 5 if quick else 20
    g = summary(timings_ms(lambda: build_guide(guide), g_n))
    bare = summary(timings_ms(bare_page, g_n))
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
    result["guide"] = {"item": name, "pages": pages, **g}
    result["guide_ratio_p50"] = round(g["p50_ms"] / bare["p50_ms"], 1)
    runs = 1 if smoke else 2 if quick else 5
    cold = summary(cold_ms(COLD_RECEIPT, runs))
    cold_bare = summary(cold_ms(COLD_BARE, runs))
    result["cold_first_receipt"] = cold  # interpreter start excluded; imports + fonts included
    result["cold_bare_page"] = cold_bare
    result["cold_ratio_p50"] = round(cold["p50_ms"] / cold_bare["p50_ms"], 2)
    return result
