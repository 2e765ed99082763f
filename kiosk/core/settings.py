"""The one typed settings object, stored as ``settings.toml`` in the data dir."""

from __future__ import annotations

import dataclasses
import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from kiosk.core.atomic import atomic_write_text
from kiosk.core.errors import InputError

SETTINGS_FILE = "settings.toml"


@dataclass
class Settings:
    """Everything configurable about one station. Secrets never live here (see secrets.py)."""

    install_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    station_code: str = ""  # 12-digit 统计用区划代码
    station_name: str = ""
    hub_url: str = ""
    ca_file: str = ""  # optional CA bundle for the hub's TLS certificate
    language: str = "zh_CN"
    secret_store: str = "keyring"  # "keyring" (OS keyring) or "demo-file" (demo stations only)
    sync_interval_seconds: int = 60
    sync_batch_size: int = 50
    http_timeout_seconds: float = 20.0
    retention_days: int = 180
    kiosk_idle_seconds: int = 60  # self-service terminal: idle time before the privacy reset
    demo: bool = False
    # printing: working-day calendar (empty: the shipped list; relative: in the data dir),
    # days a resident has to bring 补正 materials, default printer ("": the system's) and
    # paper (a4 | 80mm | 58mm) per document kind
    holidays_file: str = ""
    supplement_days: int = 10
    printer_receipt: str = ""
    printer_authorization: str = ""
    printer_guide: str = ""
    printer_supplement: str = ""
    printer_handover: str = ""
    printer_signature_page: str = ""
    printer_delivery_receipt: str = ""
    paper_receipt: str = "a4"
    paper_supplement: str = "a4"
    idle_lock_minutes: int = 10  # the agent's window locks after this long without input
    printer_name: str = ""  # chosen in the setup wizard; empty: the system default printer
    # the agent workspace's text size per agent account (percent: 100 标准, 125 大)
    workspace_text_sizes: dict[str, int] = field(default_factory=dict)
    # desk devices (docs/devices.md): ID-card reader "" (none) | sam-serial | vendor-cvr |
    # simulator, with its serial port (COM3, /dev/ttyUSB0) or vendor library and port (1001+);
    # receipt printer kind "" (through the system's printing) | escpos, with its address
    # (tcp://host:9100, serial:///dev/ttyS0?baud=19200, file:///dev/usb/lp0) and dots a line
    card_reader: str = ""
    card_reader_port: str = ""
    card_reader_library: str = ""
    escpos_printer: str = ""
    escpos_dots: int = 576  # 80 mm paper at 203 dpi; 384 for 58 mm

    @property
    def is_provisioned(self) -> bool:
        return bool(self.station_code and self.hub_url)

    def to_toml(self) -> str:
        return tomli_w.dumps(dataclasses.asdict(self))

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Settings:
        known = {f.name: f for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue  # settings written by a newer version: keep working
            default = getattr(cls(), key)
            if isinstance(default, bool) != isinstance(value, bool) or not isinstance(
                value, type(default) if not isinstance(default, float) else (int, float)
            ):
                raise InputError(
                    f"设置文件中“{key}”的值类型不对，请技术员检查 {SETTINGS_FILE}。",
                    f"settings key {key!r} has the wrong type ({type(value).__name__})",
                )
            kwargs[key] = value
        return cls(**kwargs)


def load_settings(data_dir: Path) -> Settings:
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"设置文件 {path} 已损坏，无法读取。请技术员重新配置本站点。",
            f"settings file {path} is not valid TOML: {exc}",
        ) from exc
    return Settings.from_mapping(data)


def save_settings(data_dir: Path, settings: Settings) -> None:
    atomic_write_text(data_dir / SETTINGS_FILE, settings.to_toml())
