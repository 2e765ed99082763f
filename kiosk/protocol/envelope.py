"""The one envelope of every signed or encrypted file the station and the hub exchange or keep:
batches (``.kbatch``), status returns (``.kreturn``), backups (``.kbak``), provisioning files
(``.kprov``) and update packages, plus the sealed query codes and sealed messages.

Each format composes the same pieces, so each is written once and byte-for-byte what it
was (tests/sync/test_envelope_formats.py opens files written by the code before this
module):

* **framing**: ``MAGIC | u32 length (big-endian) | body`` (:func:`frame`, :func:`read_frame`);
* **signing**: Ed25519 over the exact bytes (:func:`sign`, :func:`verify`, raw 64-byte
  signatures for the binary formats), canonical JSON for signed JSON (:func:`canonical_json`),
  the hub's key file (:func:`load_or_create_key`) and the fingerprint people compare;
* **encryption**: AES-256-GCM with a 12-byte nonce (:func:`seal` = nonce ‖ ciphertext,
  :func:`unseal`; :func:`encrypt`/:func:`decrypt` when the nonce is kept elsewhere), keys from
  X25519 + HKDF-SHA256 (:func:`agree`, :func:`hkdf`) or from a passphrase (:func:`scrypt_key`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.protocol.atomic import atomic_write_bytes
from kiosk.protocol.errors import KioskError


def canonical_json(data: Any) -> bytes:
    """The exact bytes that are signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_key() -> bytes:
    """A random AES-256 key."""
    return AESGCM.generate_key(bit_length=256)


def public_bytes(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> str:
    """A public key as the files and the API carry it: raw 32 bytes, base64."""
    return b64(public_bytes(key))


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


def sign_raw(key: Ed25519PrivateKey, message: bytes) -> bytes:
    return key.sign(message)


def verify_raw(key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    """A raw 64-byte signature (the binary formats append it to what it covers)."""
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


# --- framing ---------------------------------------------------------------------------


class FrameError(Exception):
    """The frame is not there: ``reason`` is ``magic``, ``truncated`` or ``length``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def frame(magic: bytes, body: bytes) -> bytes:
    return magic + struct.pack(">I", len(body)) + body


def read_frame(fh: IO[bytes], magic: bytes, max_length: int) -> bytes:
    """The body of ``MAGIC | u32 | body`` read from ``fh`` (left just after it)."""
    if fh.read(len(magic)) != magic:
        raise FrameError("magic")
    raw_len = fh.read(4)
    if len(raw_len) < 4:
        raise FrameError("truncated")
    (length,) = struct.unpack(">I", raw_len)
    if length > max_length:
        raise FrameError("length")
    body = fh.read(length)
    if len(body) < length:
        raise FrameError("truncated")
    return body


# --- encryption --------------------------------------------------------------------------

NONCE = 12


class EnvelopeBroken(Exception):
    """Ciphertext that does not authenticate (wrong key, or changed bytes)."""


def hkdf(shared: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(shared)


def agree(recipient: X25519PublicKey) -> tuple[X25519PublicKey, bytes]:
    """A fresh ephemeral key: (its public half, the shared secret with ``recipient``)."""
    ephemeral = X25519PrivateKey.generate()
    return ephemeral.public_key(), ephemeral.exchange(recipient)


def scrypt_key(secret: str, salt: bytes, n: int, r: int, p: int, maxmem: int) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=maxmem)


def encrypt(key: bytes, nonce: bytes, plain: bytes, aad: bytes) -> bytes:
    return AESGCM(key).encrypt(nonce, plain, aad)


def decrypt(key: bytes, nonce: bytes, cipher: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(nonce, cipher, aad)
    except (InvalidTag, ValueError):
        raise EnvelopeBroken() from None


def seal(key: bytes, plain: bytes, aad: bytes) -> bytes:
    """nonce ‖ AES-256-GCM ciphertext."""
    nonce = os.urandom(NONCE)
    return nonce + encrypt(key, nonce, plain, aad)


def unseal(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    return decrypt(key, sealed[:NONCE], sealed[NONCE:], aad)
