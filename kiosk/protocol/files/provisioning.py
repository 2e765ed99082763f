"""Provisioning files (``*.kprov``): what a technician carries to a village on a USB stick.

``kiosk-hub provision`` writes one per station; ``kiosk setup --from FILE`` opens it
(kiosk/deploy/provisioning.py checks the signer and applies it). The file is encrypted with a
passphrase (scrypt + AES-256-GCM; the technician types it once) and its content is signed
with the hub's Ed25519 key. See docs/provisioning.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.protocol import envelope
from kiosk.protocol.atomic import atomic_write_bytes
from kiosk.protocol.clock import utcnow
from kiosk.protocol.errors import InputError

FORMAT = "village-kiosk-provisioning"
VERSION = 1
SUFFIX = ".kprov"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
PASSPHRASE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud, typed
MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Provisioning:
    station_code: str
    station_name: str
    hub_url: str
    enrollment_code: str
    ca_pem: str
    issued_at: str
    expires_at: str

    def expired(self, now: dt.datetime | None = None) -> bool:
        return dt.datetime.fromisoformat(self.expires_at) < (now or utcnow())


@dataclass(frozen=True)
class Opened:
    data: Provisioning
    signer: bytes  # the hub's Ed25519 public key (raw)


def generate_passphrase() -> str:
    chars = "".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def normalize_passphrase(text: str) -> str:
    """What the technician typed, as the key derivation sees it: no spaces or dashes, upper."""
    return "".join(ch for ch in text.strip().upper() if ch not in " -\t")


def _key(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return envelope.scrypt_key(
        normalize_passphrase(passphrase), salt, params["n"], params["r"], params["p"], 2**27
    )


def _aad(header: dict[str, Any]) -> bytes:
    return envelope.canonical_json({k: v for k, v in header.items() if k != "ciphertext"})


def write_file(out: Path, data: Provisioning, key: Ed25519PrivateKey, passphrase: str) -> Path:
    if len(normalize_passphrase(passphrase)) < 8:
        raise InputError("口令至少8个字符。", "provisioning passphrase too short")
    payload = asdict(data)
    body = {
        "payload": payload,
        "signer": envelope.b64(envelope.public_bytes(key.public_key())),
        "signature": envelope.sign(key, envelope.canonical_json(payload)),
    }
    salt, nonce = os.urandom(16), os.urandom(12)
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "station_code": data.station_code,  # in clear so a technician can tell files apart
        "kdf": {"name": "scrypt", **SCRYPT, "salt": envelope.b64(salt)},
        "nonce": envelope.b64(nonce),
    }
    cipher = envelope.encrypt(
        _key(passphrase, salt, SCRYPT), nonce, envelope.canonical_json(body), _aad(header)
    )
    header["ciphertext"] = envelope.b64(cipher)
    atomic_write_bytes(out, json.dumps(header, indent=1).encode(), mode=0o600)
    return out


def _refuse(zh: str, en: str) -> InputError:
    return InputError(zh, en)


def open_file(path: Path, passphrase: str) -> Opened:
    """Decrypt and check the signature (the station checks the rest). Nothing is changed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _refuse(f"无法读取配置文件 {path}。", f"cannot read {path}: {exc}") from exc
    not_ours = _refuse(
        "这不是本系统的站点配置文件（.kprov），或文件已损坏。请向县级管理员重新索取。",
        f"{path.name} is not a provisioning file",
    )
    if len(raw) > MAX_FILE_BYTES:
        raise not_ours
    try:
        header = json.loads(raw)
        if header.get("format") != FORMAT:
            raise not_ours
        if header.get("version") != VERSION:
            raise _refuse(
                "配置文件由更新版本的平台生成，请先升级本机软件。",
                f"provisioning format version {header.get('version')} unsupported",
            )
        kdf = header["kdf"]
        params = {k: int(kdf[k]) for k in ("n", "r", "p")}
        if kdf.get("name") != "scrypt" or params["n"] > 2**20 or params["r"] > 16:
            raise not_ours
        salt, nonce = envelope.unb64(kdf["salt"]), envelope.unb64(header["nonce"])
        cipher = envelope.unb64(header["ciphertext"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise not_ours from exc
    try:
        plain = envelope.decrypt(_key(passphrase, salt, params), nonce, cipher, _aad(header))
    except (envelope.EnvelopeBroken, ValueError) as exc:
        raise _refuse(
            "口令不对，或配置文件已被改动。请核对口令后重试；仍不行请向县级管理员重新索取配置文件。",
            "provisioning file: wrong passphrase or tampered content",
        ) from exc
    try:
        body = json.loads(plain)
        payload = body["payload"]
        signer = envelope.unb64(body["signer"])
        data = Provisioning(**{k: str(payload[k]) for k in Provisioning.__dataclass_fields__})
        signed_ok = envelope.verify(signer, body["signature"], envelope.canonical_json(payload))
    except (ValueError, KeyError, TypeError) as exc:
        raise not_ours from exc
    if not signed_ok:
        raise _refuse(
            "配置文件签名无效，已拒绝。请向县级管理员重新索取配置文件。",
            "provisioning file signature invalid",
        )
    if data.station_code != header.get("station_code"):
        raise _refuse("配置文件内容不一致，已拒绝。", "station code in header differs")
    return Opened(data, signer)
