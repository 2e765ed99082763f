"""Print templates are data: station name, logo, contact and fixed texts, editable without code.

Shipped defaults live in ``assets/print/template.toml``; a technician overrides any of them in
``<data dir>/print-template.toml`` (same sections and keys, only the ones to change). The
shipped file is also the schema: an unknown key or a value of the wrong type in the station's
file is refused with a message that names the key, so a typo never silently does nothing.
"""

from __future__ import annotations

import logging
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core.errors import KioskError
from kiosk.paths import assets_dir

log = logging.getLogger(__name__)

TEMPLATE_FILE = "print-template.toml"
SHIPPED_TEMPLATE = Path("print") / "template.toml"

Value = str | list[str]


@dataclass(frozen=True)
class PrintTemplate:
    values: dict[str, dict[str, Value]]
    base_dir: Path | None = None  # where relative paths (the logo) are resolved

    def text(self, section: str, key: str) -> str:
        value = self.values[section][key]
        return value if isinstance(value, str) else "\n".join(value)

    def lines(self, section: str, key: str) -> list[str]:
        value = self.values[section][key]
        return [value] if isinstance(value, str) else list(value)

    def station_name(self, enrolled: str) -> str:
        return self.text("station", "name") or enrolled

    def logo_path(self) -> Path | None:
        logo = self.text("station", "logo")
        if not logo:
            return None
        path = Path(logo).expanduser()
        if not path.is_absolute() and self.base_dir is not None:
            path = self.base_dir / path
        return path

    def contact_line(self) -> str:
        parts = [
            ("电话", self.text("station", "contact")),
            ("地址", self.text("station", "address")),
            ("办公时间", self.text("station", "hours")),
        ]
        return "　".join(f"{k}：{v}" for k, v in parts if v)

    def with_values(self, **sections: dict[str, Value]) -> PrintTemplate:
        """A copy with some values replaced (tests, previews)."""
        merged = {s: dict(v) for s, v in self.values.items()}
        for section, values in sections.items():
            merged[section].update(values)
        return PrintTemplate(merged, self.base_dir)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KioskError(
            f"打印模板文件 {path} 无法读取或格式不正确，请技术员检查（可删除该文件恢复默认模板）。",
            f"print template {path} unreadable: {exc}",
        ) from exc


def _is_value(value: Any, like: Value) -> bool:
    if isinstance(like, str):
        return isinstance(value, str)
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def merge_template(
    defaults: dict[str, Any], override: dict[str, Any], source: Path
) -> dict[str, Any]:
    merged: dict[str, dict[str, Any]] = {s: dict(v) for s, v in defaults.items()}
    for section, values in override.items():
        if section not in merged or not isinstance(values, dict):
            raise KioskError(
                f"打印模板 {source} 中的“[{section}]”不是可设置的栏目，请技术员核对拼写。",
                f"print template {source}: unknown section {section!r}",
            )
        for key, value in values.items():
            if key not in merged[section]:
                raise KioskError(
                    f"打印模板 {source} 中的“{section}.{key}”不是可设置的项目，请技术员核对拼写。",
                    f"print template {source}: unknown key {section}.{key}",
                )
            if not _is_value(value, merged[section][key]):
                raise KioskError(
                    f"打印模板 {source} 中“{section}.{key}”的值类型不对（应为"
                    f"{'文字' if isinstance(merged[section][key], str) else '文字列表'}）。",
                    f"print template {source}: {section}.{key} has the wrong type",
                )
            merged[section][key] = value
    return merged


_cache: dict[tuple[Path, float], PrintTemplate] = {}
_lock = threading.Lock()


def load_template(data_dir: Path | None) -> PrintTemplate:
    """Shipped defaults, overridden by ``<data_dir>/print-template.toml`` when it exists."""
    override = data_dir / TEMPLATE_FILE if data_dir is not None else None
    try:
        mtime = override.stat().st_mtime if override is not None else -1.0
    except FileNotFoundError:
        mtime = -1.0
    key = (override or Path(), mtime)
    with _lock:
        if key in _cache:
            return _cache[key]
    defaults = _read_toml(assets_dir() / SHIPPED_TEMPLATE)
    values = defaults
    if override is not None and mtime >= 0:
        values = merge_template(defaults, _read_toml(override), override)
        log.info("print template overridden by the station's %s", TEMPLATE_FILE)
    template = PrintTemplate(values, data_dir)
    with _lock:
        _cache[key] = template
    return template
