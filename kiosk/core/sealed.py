"""Moved to :mod:`kiosk.protocol.sealed` (shared with the hub)."""

from kiosk.protocol.sealed import (
    SealBroken,
    open_sealed,
    seal,
    seal_b64,
)

__all__ = [
    "SealBroken",
    "open_sealed",
    "seal",
    "seal_b64",
]
