"""The station's own signing key (Ed25519): signs the batch files it exports.

The private key lives in the secret store (OS keyring) next to the data key; the public key
is registered with the hub at enrolment so the hub and townships can check batch files.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from kiosk.core.secrets import SecretStore

SIGNING_KEY_NAME = "device-signing-key"


def load_or_create_signing_key(secrets: SecretStore) -> Ed25519PrivateKey:
    stored = secrets.get(SIGNING_KEY_NAME)
    if stored:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    secrets.set(SIGNING_KEY_NAME, base64.b64encode(raw).decode("ascii"))
    return key


def public_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def ed25519_public(b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(b64))


def x25519_public(b64: str) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(base64.b64decode(b64))
