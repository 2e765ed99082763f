"""The receipt's scan code: case number and query code, signed with the station's key.

``KQ1:<station>:<reference>:<query code>:<signature>``: the station's 12-digit code, the case
number, the query code, and an Ed25519 signature (the station's own signing key, see
kiosk/core/device_keys.py) over all of them, in base32 so the whole code is QR
alphanumeric and types cleanly through a keyboard-wedge scanner. A scanner left in caps
lock types it with every letter's case swapped; that is undone before checking.

A code signed by another station, or changed by hand, is refused with a plain message:
the terminal then asks for the case number and query code instead.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.core.errors import KioskError

PREFIX = "KQ1"


class CodeRefused(KioskError):
    pass


OTHER_STATION = CodeRefused(
    "这张回执是其他代办点开具的，这里查不到。请到开具回执的代办点查询，"
    "或在政务服务网用办件编号和查询码查询。",
    "receipt code from another station",
)
FORGED = CodeRefused(
    "这个二维码无法识别（可能被改动过）。请输入回执上印的办件编号和查询码。",
    "receipt code fails its signature check",
)


@dataclass(frozen=True)
class ReceiptCode:
    station: str
    reference: str
    query_code: str


def _message(station: str, reference: str, query_code: str) -> bytes:
    return "\x00".join((PREFIX, station, reference, query_code)).encode("utf-8")


def make_code(key: Ed25519PrivateKey, station: str, reference: str, query_code: str) -> str:
    signature = key.sign(_message(station, reference, query_code))
    sig = base64.b32encode(signature).decode("ascii").rstrip("=")
    return ":".join((PREFIX, station, reference, query_code, sig))


def looks_like_code(text: str) -> bool:
    return text.strip()[:4].upper() == PREFIX + ":"


def read_code(text: str, station: str, public_key: Ed25519PublicKey) -> ReceiptCode:
    """The code's contents if this station signed it; else :class:`CodeRefused`."""
    text = text.strip()
    if text.startswith(PREFIX.lower()):  # typed with caps lock on
        text = text.swapcase()
    parts = text.split(":")
    if len(parts) != 5 or parts[0] != PREFIX or not all(parts[1:]):
        raise FORGED
    _, signer, reference, query_code, sig = parts
    if signer != station:
        raise OTHER_STATION
    try:
        signature = base64.b32decode(sig + "=" * (-len(sig) % 8))
        public_key.verify(signature, _message(signer, reference, query_code))
    except (binascii.Error, ValueError, InvalidSignature):
        raise FORGED from None
    return ReceiptCode(signer, reference, query_code)


class ReceiptCodes:
    """This station's codes: made when a receipt is printed, read when one is scanned.

    Wired by the composition root with the station's signing key and code (both loaded
    only when a code is made or read)."""

    def __init__(
        self, signing_key: Callable[[], Ed25519PrivateKey], station_code: Callable[[], str]
    ) -> None:
        self._key = signing_key
        self._station = station_code

    def make(self, reference: str, query_code: str | None) -> str:
        """The code for a receipt, or "" while the case has no query code (not yet sent)."""
        station = self._station()
        if not query_code or not station:
            return ""
        return make_code(self._key(), station, reference, query_code)

    def read(self, text: str) -> ReceiptCode:
        return read_code(text, self._station(), self._key().public_key())
