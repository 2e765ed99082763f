"""Printer problems in words an agent can act on (CUPS printer-state-reasons)."""

from __future__ import annotations

import pytest

from kiosk.print.printers import parse_lpoptions


def status(reasons: str, state: int = 3, accepting: str = "true"):
    line = (
        f"copies=1 printer-info='HP LaserJet 1020' printer-is-accepting-jobs={accepting} "
        f"printer-state={state} printer-state-reasons={reasons} printer-type=8450124"
    )
    parsed = parse_lpoptions(line)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("reasons", "fragment"),
    [
        ("media-empty-error", "缺纸"),
        ("media-needed", "缺纸"),
        ("media-jam-error", "卡纸"),
        ("offline-report", "离线"),
        ("cover-open", "盖板"),
        ("toner-empty-error", "墨粉"),
        ("paused", "暂停"),
    ],
)
def test_reasons_become_chinese_instructions(reasons, fragment):
    problem = status(reasons, state=5 if reasons == "paused" else 3).problem_zh()
    assert problem is not None and fragment in problem


def test_ready_printers_and_mere_warnings_do_not_block():
    assert status("none").problem_zh() is None
    assert status("media-low-report,toner-low-warning").problem_zh() is None
    assert status("media-empty-warning").problem_zh() is None  # e.g. the other tray


def test_stopped_or_rejecting_printer_blocks():
    assert "不接受" in status("none", accepting="false").problem_zh()
    assert "停止" in status("none", state=5).problem_zh()


def test_unknown_destination_gives_no_status():
    assert parse_lpoptions("") is None
    assert parse_lpoptions("copies=1 number-up=1") is None
