"""Query codes in a status-return file (``.kreturn``) are sealed to the village (issue 16):
whoever finds the USB stick must not be able to look cases up with them.

The hub knows each village device's Ed25519 public key (sent at enrolment; its batches are
signed with it). The same key pair converts to X25519 (the birational map that libsodium's
``crypto_sign_ed25519_pk_to_curve25519`` uses), so the hub seals to it with an ephemeral
X25519 key, HKDF-SHA256 and AES-256-GCM (the client id as associated data), and only the
village's own device key opens the codes again.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from kiosk.protocol import envelope

_P = 2**255 - 19
_INFO = b"kiosk/kreturn-query-codes/v1"
SEALED = "query_code_sealed"


def x25519_public(ed25519_public: bytes) -> X25519PublicKey:
    """Montgomery u = (1 + y) / (1 - y) of the Edwards point's y coordinate."""
    y = int.from_bytes(ed25519_public, "little") & ((1 << 255) - 1)
    u = (1 + y) * pow((1 - y) % _P, _P - 2, _P) % _P
    return X25519PublicKey.from_public_bytes(u.to_bytes(32, "little"))


def x25519_private(key: Ed25519PrivateKey) -> X25519PrivateKey:
    seed = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return X25519PrivateKey.from_private_bytes(hashlib.sha512(seed).digest()[:32])


def _key(shared: bytes) -> bytes:
    return envelope.hkdf(shared, None, _INFO)


def seal(
    results: list[dict[str, Any]], village_key_b64: str | None
) -> tuple[str, list[dict[str, Any]]]:
    """(ephemeral public key, results with each ``query_code`` sealed). Without a village key
    the codes are left out: the village then gets them at its next online sync."""
    out: list[dict[str, Any]] = []
    key = None
    ephemeral = ""
    if village_key_b64:
        eph, shared = envelope.agree(x25519_public(base64.b64decode(village_key_b64)))
        key = _key(shared)
        ephemeral = envelope.raw_public(eph)
    for r in results:
        r = dict(r)
        code = r.pop("query_code", None)
        if code and key is not None:
            sealed = envelope.seal(key, str(code).encode(), str(r["client_id"]).encode())
            r[SEALED] = envelope.b64(sealed)
        out.append(r)
    return ephemeral, out


def open_sealed(
    results: list[dict[str, Any]], ephemeral_b64: str, key: Ed25519PrivateKey
) -> list[dict[str, Any]]:
    """The results with their query codes opened (a code that does not open is left out)."""
    if not ephemeral_b64:
        return results
    eph = X25519PublicKey.from_public_bytes(base64.b64decode(ephemeral_b64))
    box = _key(x25519_private(key).exchange(eph))
    out = []
    for r in results:
        r = dict(r)
        sealed = r.pop(SEALED, None)
        if sealed:
            raw = base64.b64decode(sealed)
            try:
                r["query_code"] = envelope.unseal(box, raw, str(r["client_id"]).encode()).decode()
            except Exception:  # not sealed to this station's key: no code, the rest applies
                r.pop("query_code", None)
        out.append(r)
    return out
