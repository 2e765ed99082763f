"""Ed25519 signing keys (the hub's) and canonical JSON, for provisioning and update files."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.errors import KioskError


def canonical_json(data: Any) -> bytes:
    """The exact bytes that are signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public: bytes) -> str:
    """What a person compares: 16 hex digits in groups of four (SHA-256 of the raw key)."""
    digest = hashlib.sha256(public).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The hub's signing key (PEM, mode 0600), created on first use."""
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as exc:
            raise KioskError(
                f"签名密钥文件 {path} 无法读取，请检查文件是否完整。",
                f"cannot load signing key {path}: {exc}",
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise KioskError(
                f"签名密钥文件 {path} 不是 Ed25519 密钥。", f"{path} is not an Ed25519 key"
            )
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    atomic_write_bytes(path, pem, mode=0o600)
    pub = path.with_suffix(".pub")
    atomic_write_bytes(pub, (b64(public_bytes(key.public_key())) + "\n").encode(), mode=0o644)
    if os.name == "posix":
        os.chmod(path, 0o600)
    return key


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return b64(key.sign(message))


def verify(public: bytes, signature_b64: str, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(unb64(signature_b64), message)
    except (InvalidSignature, ValueError):
        return False
    return True
