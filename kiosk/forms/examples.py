"""Example payloads in catalog files may name dates relative to the day they are used.

A catalog item's ``examples`` are checked by CI and shown to integrators; a newborn's
registration or a death within the last year is only valid *relative to today*. So inside
examples (and only there):

* ``"@date:-200"`` is the ISO date 200 days before the application date;
* ``"@id:-200:42"`` is a valid 身份证号 (region 330106, sequence 042) born on that day;
* ``"@id:-200:42:330106"`` names the region explicitly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.forms.validators import id_check_char


def _resolve_text(text: str, today: dt.date) -> str:
    if text.startswith("@date:"):
        return (today + dt.timedelta(days=int(text[6:]))).isoformat()
    if text.startswith("@id:"):
        parts = text[4:].split(":")
        birth = today + dt.timedelta(days=int(parts[0]))
        region = parts[2] if len(parts) > 2 else "330106"
        body = f"{region}{birth:%Y%m%d}{int(parts[1]):03d}"
        return body + id_check_char(body)
    return text


def resolve_example(data: Any, today: dt.date) -> Any:
    """``data`` with every ``@date:``/``@id:`` placeholder replaced."""
    if isinstance(data, str):
        return _resolve_text(data, today)
    if isinstance(data, list):
        return [resolve_example(x, today) for x in data]
    if isinstance(data, dict):
        return {k: resolve_example(x, today) for k, x in data.items()}
    return data
