"""Moved to :mod:`kiosk.protocol.errors` (shared with the hub)."""

from kiosk.protocol.errors import (
    InputError,
    KioskError,
    NotFound,
    ValidationFailed,
)

__all__ = [
    "InputError",
    "KioskError",
    "NotFound",
    "ValidationFailed",
]
