"""代办点批次汇总 PDF: the villages' numbers, totals, the chart's labels, embedded fonts."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from kiosk.print.township_report import build_township_report
from kiosk.sync.township_relay import VillageStatus
from tests.support.pdf import fonts, render, text

NOW = dt.datetime(2026, 11, 20, 2, 0)


def villages() -> list[VillageStatus]:
    return [
        VillageStatus(
            "330106109201",
            "示范村代办点",
            NOW - dt.timedelta(hours=5),
            "usb",
            12,
            NOW - dt.timedelta(days=3),
            {"queued": 12, "submitted": 7, "accepted": 2, "need_supplement": 1, "completed": 30},
            4,
        ),
        VillageStatus(
            "330106109202",
            "䶮山村代办点",  # a rare character: falls back to the second font
            NOW - dt.timedelta(days=1),
            "online",
            0,
            None,
            {"submitted": 3, "conflict": 1, "quarantined": 1, "rejected": 1},
            0,
        ),
        VillageStatus("330106109203", "", None, None, 0, None, {}, 0),
    ]


def test_report_lists_every_village_with_totals_and_embedded_fonts(tmp_path):
    out = tmp_path / "township.pdf"
    out.write_bytes(build_township_report(villages(), "西湖镇便民服务中心", "330106109000", NOW))
    body = text(out)
    flat = body.replace(" ", "")
    assert "代办点批次汇总" in flat
    assert "西湖镇便民服务中心（330106109000）" in flat
    for code in ("330106109201", "330106109202", "330106109203"):
        assert code in body
    assert "示范村代办点" in flat and "䶮山村代办点" in flat
    assert "U盘" in body and "联网" in body and "从未联系" in flat
    # total row: 12 waiting, 10 submitted, 3 in progress, 30 completed, 3 problems, 4 overdue
    total = next(line for line in body.splitlines() if "合计" in line).split()
    assert total[-6:] == ["12", "10", "3", "30", "3", "4"], total
    assert "3个代办点，待报送12件，超期4件，退回/冲突3件" in flat
    assert "各代办点待报送与超期件数" in flat and "待报送" in flat and "超期" in flat
    used = fonts(out)
    assert used and all(f["emb"] == "yes" for f in used), used
    assert any("LXGWWenKai" in f["name"] for f in used)  # 䶮 from the fallback font
    pngs = render(out, tmp_path / "page", dpi=60)
    assert len(pngs) == 1  # three villages fit on one sheet
    keep = os.environ.get("KIOSK_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / "township-report.png").write_bytes(
            render(out, Path(keep) / "township-report", dpi=100)[0].read_bytes()
        )


def test_a_township_without_villages_says_what_to_do(tmp_path):
    out = tmp_path / "empty.pdf"
    out.write_bytes(build_township_report([], "西湖镇", "330106109000", NOW))
    flat = text(out).replace(" ", "")
    assert "还没有代办点数据" in flat and "暂无代办点数据" in flat


def test_many_villages_flow_over_pages_and_the_chart_shows_the_busiest(tmp_path):
    many = [
        VillageStatus(f"330106109{i:03d}", f"第{i}村", NOW, "usb", i, NOW, {"queued": i}, 0)
        for i in range(1, 61)
    ]
    out = tmp_path / "many.pdf"
    out.write_bytes(build_township_report(many, "西湖镇", "330106109000", NOW))
    body = text(out)
    assert "330106109060" in body and "330106109001" in body
    assert "仅列出最多的30个" in body.replace(" ", "")
    assert len(render(out, tmp_path / "p", dpi=30)) >= 2
