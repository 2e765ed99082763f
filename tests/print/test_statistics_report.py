"""The monthly statistics PDF: embedded fonts, the numbers, rare characters in item names."""

from __future__ import annotations

from kiosk.core.statistics import MonthRow
from kiosk.core.status import AppStatus
from kiosk.print.statistics_report import build_statistics_report
from tests.support.pdf import fonts, text


def test_report_has_rows_totals_and_embedded_fonts(tmp_path):
    rows = [
        MonthRow(
            "330000-20-0001",
            "城乡居民基本养老保险参保登记",
            {AppStatus.QUEUED: 2, AppStatus.COMPLETED: 5, AppStatus.CONFLICT: 1},
        ),
        MonthRow("330000-07-0002", "䶮字测试事项", {AppStatus.ACCEPTED: 3}),
    ]
    out = tmp_path / "stats.pdf"
    out.write_bytes(build_statistics_report(rows, 2026, 11, "西湖镇示范村代办点"))
    body = text(out)
    assert "西湖镇示范村代办点 2026年11月 代办统计" in body
    assert "城乡居民基本养老保险参保登记" in body and "䶮字测试事项" in body
    assert "合计" in body and "11" in body  # 8 + 3
    assert all(f["emb"] == "yes" for f in fonts(out))


def test_empty_month_says_so(tmp_path):
    out = tmp_path / "empty.pdf"
    out.write_bytes(build_statistics_report([], 2026, 2, "示范村代办点"))
    assert "本月没有代办申请" in text(out)
