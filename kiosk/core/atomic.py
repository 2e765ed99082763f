"""Moved to :mod:`kiosk.protocol.atomic` (shared with the hub)."""

from kiosk.protocol.atomic import (
    atomic_write_bytes,
    atomic_write_text,
)

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
]
