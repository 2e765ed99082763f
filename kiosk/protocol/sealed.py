"""Small messages sealed to the hub's X25519 box key (the key batch files are encrypted to):
only the hub can open them. Used for who rated (好差评), which the hub keeps apart from the
rating and opens only for a 差评's follow-up call, and for ratings carried on USB.

Format: ephemeral public key (32 bytes) ‖ nonce (12) ‖ AES-256-GCM ciphertext; the key is
HKDF-SHA256 of the X25519 shared secret, bound to a purpose label and associated data.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from kiosk.protocol import envelope
from kiosk.protocol.errors import KioskError

_INFO = b"kiosk/sealed/v1"


class SealBroken(KioskError):
    def __init__(self) -> None:
        super().__init__(
            "加密内容无法解开（不是本平台的密钥或内容被改动）。", "sealed message cannot be opened"
        )


def _key(shared: bytes, purpose: str) -> bytes:
    return envelope.hkdf(shared, purpose.encode(), _INFO)


def seal(recipient: X25519PublicKey, plaintext: bytes, purpose: str, aad: bytes = b"") -> bytes:
    ephemeral, shared = envelope.agree(recipient)
    return envelope.public_bytes(ephemeral) + envelope.seal(_key(shared, purpose), plaintext, aad)


def open_sealed(private: X25519PrivateKey, sealed: bytes, purpose: str, aad: bytes = b"") -> bytes:
    if len(sealed) < 32 + 12 + 16:
        raise SealBroken()
    ephemeral = X25519PublicKey.from_public_bytes(sealed[:32])
    key = _key(private.exchange(ephemeral), purpose)
    try:
        return envelope.unseal(key, sealed[32:], aad)
    except envelope.EnvelopeBroken:
        raise SealBroken() from None


def seal_b64(recipient: X25519PublicKey, plaintext: bytes, purpose: str, aad: bytes = b"") -> str:
    return envelope.b64(seal(recipient, plaintext, purpose, aad))
