"""An item's identity as the province defines it (GB/T 39554.1-2020, GB/T 39046).

A catalog item carries the national 基本编码 (``basic_code``), the province's 实施编码
(``impl_code``: lengths and shapes differ by province, e.g. Guangdong's 31 characters are the
implementing body's 18-character USCC and 13 more, Sichuan's
``511A0138000000-511602000000-000-<USCC>-1-00``), the 业务办理项编码 (``handling_codes``), the
事项版本 (``version``), the 实施主体 (``implementing_body``: name, USCC, division code) and
whether an on-screen signature is legally enough (``esign_allowed``; 电子签名法 §3 excludes
婚姻、收养、继承 and stopping water/heat/gas supply).

The codes are opaque strings. Only what they embed is checked: the USCC's check digit
(GB 32100-2015), the division code's shape (GB/T 2260: 6 digits, or the 12-digit statistical
code) and that the 实施编码 contains the implementing body's USCC.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.forms.validators import PROVINCE_PREFIXES, check_uscc
from kiosk.protocol.case_numbers import case_number as case_number

# the material a scan of the signed paper page is stored as (items with esign_allowed false)
PAPER_SIGNATURE_MATERIAL = "纸质签字页"
_DIVISION = re.compile(r"\d{6}(\d{6})?")


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码 (GB 32100, in Chinese), or None."""
    return check_uscc(code) if code == code.strip().upper() else "统一社会信用代码应为大写"


def division_problem(code: str) -> str | None:
    """Why ``code`` is not a GB/T 2260 division code (6 digits, or 12 statistical), or None."""
    if not _DIVISION.fullmatch(code):
        return "行政区划代码应为6位或12位数字"
    if code[:2] not in PROVINCE_PREFIXES:
        return f"行政区划代码 {code} 的省级代码不存在"
    return None


@dataclass(frozen=True)
class ImplementingBody:
    """实施主体: the department that decides, named on receipts as 受理机关."""

    name: str
    uscc: str
    division_code: str

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ImplementingBody:
        return cls(str(data["name"]), str(data["uscc"]), str(data["division_code"]))

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "uscc": self.uscc, "division_code": self.division_code}


def identity_problems(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(path, problem in Chinese) for an item's identity fields; empty when all is well."""
    out: list[tuple[str, str]] = []
    body = data.get("implementing_body")
    if isinstance(body, Mapping):
        uscc = str(body.get("uscc", ""))
        problem = uscc_problem(uscc)
        if problem:
            out.append(("implementing_body/uscc", problem))
        problem = division_problem(str(body.get("division_code", "")))
        if problem:
            out.append(("implementing_body/division_code", problem))
        impl = str(data.get("impl_code", ""))
        if impl and not problem and uscc and uscc not in impl:
            out.append(("impl_code", "实施编码中没有实施主体的统一社会信用代码"))
    elif data.get("impl_code"):
        out.append(("implementing_body", "有实施编码的事项必须写明实施主体"))
    return out
