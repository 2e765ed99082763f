"""``kiosk doctor``'s lines for the desk devices: is the chosen card reader there and its
security module sound, does the ESC/POS printer answer and has it paper.

Only what the settings name is checked (a device not chosen is not a fault); each check is
short (a status query), so doctor stays quick with a device unplugged.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from kiosk.core.errors import KioskError
from kiosk.core.settings import Settings, load_settings
from kiosk.devices.choice import CARD_READER_KINDS, card_reader_from_settings


def card_reader_health(settings: Settings) -> dict[str, Any]:
    kind = settings.card_reader
    if not kind:
        return {"ok": None, "kind": "", "detail": "未选择读卡器（居民信息手工录入）"}
    section: dict[str, Any] = {"ok": False, "kind": kind, "port": settings.card_reader_port}
    try:
        reader = card_reader_from_settings(settings)
        sam_status = getattr(reader, "sam_status", None)
        check = getattr(reader, "check", None)
        if sam_status is not None:
            section["detail"] = "安全模块" + sam_status()
        elif check is not None:
            section["detail"] = check()
        else:
            raise KioskError("读卡器未连接或读卡库打不开。", "card reader not available")
        section["ok"] = True
        close = getattr(reader, "close", None)
        if close is not None:
            close()
    except KioskError as exc:
        section["detail"] = exc.zh
    return section


def escpos_health(settings: Settings) -> dict[str, Any]:
    address = settings.escpos_printer
    if not address:
        return {"ok": None, "address": "", "detail": "未使用热敏打印机（ESC/POS）"}
    from kiosk.devices.escpos_printer import EscPosPrinter

    section: dict[str, Any] = {"ok": False, "address": address}
    try:
        state = EscPosPrinter(address, settings.escpos_dots).status()
        section["ok"] = state.ready
        section["detail"] = state.words()
    except KioskError as exc:
        section["detail"] = exc.zh
    return section


def camera_health(video_dir: Path = Path("/dev")) -> dict[str, Any]:
    """UVC cameras the system sees (Linux: V4L2 device nodes); elsewhere unknown."""
    if sys.platform != "linux":
        return {"ok": None, "cameras": [], "detail": "请在“设备”对话框中打开高拍仪预览检查"}
    cameras = sorted(str(p) for p in video_dir.glob("video*"))
    if not cameras:
        return {"ok": None, "cameras": [], "detail": "未发现摄像头（材料可从文件添加）"}
    return {"ok": True, "cameras": cameras, "detail": "找到 " + " ".join(cameras)}


def devices(data_dir: Path) -> dict[str, Any]:
    settings = load_settings(data_dir)
    reader, printer = card_reader_health(settings), escpos_health(settings)
    oks = [s["ok"] for s in (reader, printer) if s["ok"] is not None]
    return {
        "ok": None if not oks else all(oks),
        "card_reader": reader,
        "escpos": printer,
        "camera": camera_health(),
    }


def render_lines(section: dict[str, Any]) -> list[str]:
    def mark(ok: bool | None) -> str:
        return "？" if ok is None else "✓" if ok else "✗"

    reader, printer = section.get("card_reader", {}), section.get("escpos", {})
    kind = CARD_READER_KINDS.get(reader.get("kind", ""), reader.get("kind", ""))
    lines = [
        f"{mark(reader.get('ok'))} 读卡器：{kind} {reader.get('port', '')}".rstrip()
        + f"  {reader.get('detail', '')}",
        f"{mark(printer.get('ok'))} 热敏打印机：{printer.get('address', '')}".rstrip()
        + f"  {printer.get('detail', '')}",
    ]
    camera = section.get("camera", {})
    lines += [
        f"{mark(camera.get('ok'))} 高拍仪：{camera.get('detail', '')}",
        "？ 扫码器：键盘模式，无需驱动（在“设备”对话框中扫一下测试）",
    ]
    if section.get("detail"):
        lines.append("    → " + str(section["detail"]))
    return lines
