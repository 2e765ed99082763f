"""PIN hashing: slow, salted scrypt over an HMAC keyed with a secret from the keyring (the
station's data key), so a copied database alone cannot be brute-forced; constant-time
comparison. Hashes written before the key existed (scheme ``scrypt``) still verify and are
rewritten keyed at the next login."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

_N, _R, _P = 2**14, 8, 1
KEYED = "scrypt-k"


def _material(pin: str, key: bytes | None) -> bytes:
    if key is None:
        return pin.encode()
    return hmac.new(key, pin.encode(), hashlib.sha256).digest()


def hash_pin(pin: str, key: bytes | None = None) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(_material(pin, key), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    scheme = KEYED if key is not None else "scrypt"
    return f"{scheme}${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def is_keyed(stored: str) -> bool:
    return stored.startswith(KEYED + "$")


def verify_pin(pin: str, stored: str, key: bytes | None = None) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme == KEYED:
        if key is None:
            return False
        material = _material(pin, key)
    elif scheme == "scrypt":
        material = pin.encode()
    else:
        return False
    digest = hashlib.scrypt(
        material, salt=base64.b64decode(salt_b64), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))
