"""Masking of personal identifiers for screens, receipts and logs (脱敏)."""

from __future__ import annotations

import re


def mask_id_number(value: str) -> str:
    """330106199001011236 → 330106********1236."""
    v = value.strip()
    if len(v) < 10:
        return "*" * len(v)
    return v[:6] + "*" * (len(v) - 10) + v[-4:]


def mask_phone(value: str) -> str:
    """13812345678 → 138****5678."""
    v = value.strip()
    if len(v) < 7:
        return "*" * len(v)
    return v[:3] + "*" * (len(v) - 7) + v[-4:]


def mask_name(value: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧**娜 (full code points: 生僻字 outside the BMP count as one)."""
    chars = list(value.strip())
    if len(chars) <= 1:
        return "".join(chars)
    if len(chars) == 2:
        return chars[0] + "*"
    return chars[0] + "*" * (len(chars) - 2) + chars[-1]


_ID_RE = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
_PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def scrub(text: str) -> str:
    """Mask anything that looks like a 身份证号 or mobile number (defence in depth for logs)."""
    text = _ID_RE.sub(lambda m: m.group(1) + "********" + m.group(2), text)
    return _PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(2), text)
