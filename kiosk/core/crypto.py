"""Encryption at rest (AES-256-GCM) and the blind index for lookups by 身份证号."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.core.errors import KioskError

DATA_KEY_NAME = "data-key"
_VERSION = b"\x01"


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


class DataCipher:
    """Encrypts personal data with keys derived from the station's master data key."""

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("master key must be 32 bytes")
        self._aead = AESGCM(_derive(master_key, b"kiosk/aes-gcm/v1"))
        self._index_key = _derive(master_key, b"kiosk/blind-index/v1")
        self._digest_key = _derive(master_key, b"kiosk/content-digest/v1")
        self._audit_key = _derive(master_key, b"kiosk/audit-chain/v1")
        self.backup_key = _derive(master_key, b"kiosk/backup-wrap/v1")
        # keys the PIN hashes: a copied database alone cannot be brute-forced offline
        self.pin_key = _derive(master_key, b"kiosk/pin-hash/v1")

    def encrypt(self, plaintext: bytes, aad: bytes = b"") -> bytes:
        nonce = os.urandom(12)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes, aad: bytes = b"") -> bytes:
        if blob[:1] != _VERSION:
            raise KioskError("加密数据版本无法识别。", "unknown ciphertext version")
        try:
            return self._aead.decrypt(blob[1:13], blob[13:], aad)
        except InvalidTag as exc:
            raise KioskError(
                "加密数据校验失败：数据已损坏或密钥不匹配。请联系技术员。",
                "ciphertext authentication failed (corrupt data or wrong key)",
            ) from exc

    def blind_index(self, value: str) -> str:
        """Keyed hash of a normalised identifier: equal inputs match, the value stays hidden."""
        norm = value.strip().upper().encode("utf-8")
        return hmac.new(self._index_key, norm, hashlib.sha256).hexdigest()

    def keyed_digest(self, data: bytes) -> str:
        return hmac.new(self._digest_key, data, hashlib.sha256).hexdigest()

    def audit_mac(self, data: bytes) -> str:
        return hmac.new(self._audit_key, data, hashlib.sha256).hexdigest()


def encode_key(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")
