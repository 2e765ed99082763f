"""``kiosk doctor``'s device lines: the chosen reader and ESC/POS printer, checked for real."""

from __future__ import annotations

from kiosk.core.settings import load_settings, save_settings
from kiosk.devices.escpos_test_printer import TestPrinter
from kiosk.devices.sam_simulator import SamSimulator
from kiosk.doctor import diagnose, render


def configure(ctx, **values) -> None:
    settings = load_settings(ctx.data_dir)
    for k, v in values.items():
        setattr(settings, k, v)
    save_settings(ctx.data_dir, settings)


def test_nothing_chosen_is_no_fault(ctx):
    report = diagnose(ctx)
    assert report["devices"]["ok"] is None
    assert "？ 读卡器" in render(report) and "未选择读卡器" in render(report)


def test_a_working_reader_and_printer(ctx):
    with SamSimulator() as sim, TestPrinter() as printer:
        configure(
            ctx, card_reader="sam-serial", card_reader_port=sim.port, escpos_printer=printer.address
        )
        printer.paper_near_end = True
        report = diagnose(ctx)
    assert report["devices"]["ok"] is True
    text = render(report)
    assert "✓ 读卡器" in text and "安全模块正常" in text
    assert "✓ 热敏打印机" in text and "纸将用完" in text


def test_unplugged_reader_and_printer_with_cover_open(ctx):
    with TestPrinter() as printer:
        configure(
            ctx,
            card_reader="sam-serial",
            card_reader_port="/dev/ttyNOSUCH0",
            escpos_printer=printer.address,
        )
        printer.cover_open = True
        report = diagnose(ctx)
    assert report["devices"]["ok"] is False and not report["ok"]
    text = render(report)
    assert "✗ 读卡器" in text and "未连接" in text
    assert "✗ 热敏打印机" in text and "机盖打开" in text


def test_cameras_are_the_video_device_nodes(tmp_path):
    import sys

    from kiosk.devices.health import camera_health

    if sys.platform != "linux":
        return
    assert camera_health(tmp_path)["ok"] is None
    (tmp_path / "video0").touch()
    (tmp_path / "video1").touch()
    found = camera_health(tmp_path)
    assert found["ok"] is True and found["cameras"] == [
        str(tmp_path / "video0"),
        str(tmp_path / "video1"),
    ]
