"""Paper layouts (A4, 80 mm and 58 mm thermal rolls): names only, no reportlab, so code that
merely chooses a layout does not pay reportlab's import at start-up."""

from __future__ import annotations

from enum import StrEnum

from kiosk.core.errors import InputError


class Layout(StrEnum):
    A4 = "a4"
    ROLL_80 = "80mm"
    ROLL_58 = "58mm"

    @property
    def is_roll(self) -> bool:
        return self is not Layout.A4


def parse_layout(value: str) -> Layout:
    try:
        return Layout(value.strip().lower())
    except ValueError:
        raise InputError(
            f"纸张“{value}”不支持，可选：a4、80mm、58mm。", f"unknown layout {value!r}"
        ) from None
