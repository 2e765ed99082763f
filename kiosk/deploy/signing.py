"""Moved to :mod:`kiosk.protocol.envelope` (the one envelope of every signed or encrypted file)."""

from kiosk.protocol.envelope import (
    b64,
    canonical_json,
    fingerprint,
    load_or_create_key,
    public_bytes,
    sign,
    unb64,
    verify,
)

__all__ = [
    "b64",
    "canonical_json",
    "fingerprint",
    "load_or_create_key",
    "public_bytes",
    "sign",
    "unb64",
    "verify",
]
