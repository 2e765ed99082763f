"""The station's devices as its settings name them (chosen in the setup wizard or settings)."""

from __future__ import annotations

from kiosk.core.card_reader import CardReader
from kiosk.core.errors import InputError
from kiosk.core.settings import Settings

CARD_READER_KINDS = {
    "": "不使用读卡器",
    "sam-serial": "二代证读卡器（串口 / USB 转串口，SAM 协议）",
    "vendor-cvr": "厂商读卡库（CVR 接口，如 Termb.dll；端口 1001 起为 USB）",
}


def card_reader_from_settings(settings: Settings) -> CardReader | None:
    """The reader the settings name, not yet opened (it opens on its first read)."""
    kind = settings.card_reader
    if not kind:
        return None
    if kind == "sam-serial":
        from kiosk.devices.sam_reader import SamCardReader

        return SamCardReader(settings.card_reader_port)
    if kind == "vendor-cvr":
        from kiosk.devices.cvr_adapter import CvrCardReader

        port = int(settings.card_reader_port) if settings.card_reader_port.isdigit() else 1001
        return CvrCardReader(settings.card_reader_library, port)
    raise InputError(
        f"设置中的读卡器类型“{kind}”不认识。请在“设置 → 设备”中重新选择读卡器。",
        f"unknown card_reader kind {kind!r}",
    )
