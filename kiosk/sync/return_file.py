"""Moved to :mod:`kiosk.protocol.files.status_return` (the hub writes what the station reads)."""

from kiosk.protocol.files.status_return import (
    MAGIC,
    StatusReturn,
    parse_unverified,
    read_return,
    sign_return,
    write_return,
)

__all__ = [
    "MAGIC",
    "StatusReturn",
    "parse_unverified",
    "read_return",
    "sign_return",
    "write_return",
]
