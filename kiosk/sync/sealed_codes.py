"""Moved to :mod:`kiosk.protocol.files.query_codes` (sealed by the hub, opened by the station)."""

from kiosk.protocol.files.query_codes import (
    SEALED,
    open_sealed,
    seal,
    x25519_private,
    x25519_public,
)

__all__ = [
    "SEALED",
    "open_sealed",
    "seal",
    "x25519_private",
    "x25519_public",
]
