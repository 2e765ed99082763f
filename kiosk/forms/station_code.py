"""A station's code (12-digit 统计用区划代码), checked the same way by the station's setup and
the hub's ``provision`` command."""

from __future__ import annotations

import re

from kiosk.forms.validators import PROVINCE_PREFIXES


def check_station_code(code: str) -> str | None:
    """12-digit 统计用区划代码: 6-digit county (GB/T 2260) + township + village."""
    if not re.fullmatch(r"[0-9]{12}", code):
        return "站点编码应为12位数字（统计用区划代码）。"
    if code[:2] not in PROVINCE_PREFIXES or code[:2] in {"71", "81", "82"}:
        return "站点编码前两位不是有效的省级区划代码。"
    if code[6:9] == "000":
        return "站点编码缺少乡镇（街道）部分（第7-9位）。"
    return None


def station_role(code: str) -> str:
    """A township centre's code has no village part (last three digits 000)."""
    return "township" if code.endswith("000") else "village"
