"""Moved to :mod:`kiosk.protocol.clock` (shared with the hub)."""

from kiosk.protocol.clock import (
    LOCAL_TZ,
    format_local,
    to_local,
    utcnow,
)

__all__ = [
    "LOCAL_TZ",
    "format_local",
    "to_local",
    "utcnow",
]
