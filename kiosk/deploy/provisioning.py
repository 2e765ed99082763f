"""Provisioning files: what a technician carries to a village on a USB stick.

``kiosk-hub provision`` writes one per station; ``kiosk setup --from FILE`` applies it. The
file is encrypted with a passphrase (scrypt + AES-256-GCM; the technician types it once) and
its content is signed with the hub's Ed25519 key. See docs/provisioning.md.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.clock import format_local, utcnow
from kiosk.core.errors import InputError
from kiosk.deploy import signing, trust
from kiosk.sync.enrollment import check_station_code

if TYPE_CHECKING:
    from kiosk.context import AppContext

log = logging.getLogger(__name__)

FORMAT = "village-kiosk-provisioning"
VERSION = 1
SUFFIX = ".kprov"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
PASSPHRASE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud, typed
CA_FILE = "hub-ca.pem"
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


def pending_file() -> Path | None:
    """The file an installer left for this PC (setup.exe /PROVISION=…): machine-wide,
    ``C:\\ProgramData\\village-kiosk\\provision\\station.kprov`` on Windows,
    ``/usr/local/share/village-kiosk/provision/station.kprov`` on Linux."""
    import platformdirs

    path = Path(platformdirs.site_data_dir("village-kiosk", appauthor=False))
    path = path / "provision" / f"station{SUFFIX}"
    return path if path.is_file() else None


def generate_passphrase() -> str:
    chars = "".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def normalize_passphrase(text: str) -> str:
    """What the technician typed, as the key derivation sees it: no spaces or dashes, upper."""
    return "".join(ch for ch in text.strip().upper() if ch not in " -\t")


def _key(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    import hashlib

    return hashlib.scrypt(
        normalize_passphrase(passphrase).encode(),
        salt=salt,
        n=params["n"],
        r=params["r"],
        p=params["p"],
        dklen=32,
        maxmem=2**27,
    )


def _aad(header: dict[str, Any]) -> bytes:
    return signing.canonical_json({k: v for k, v in header.items() if k != "ciphertext"})


def write_file(out: Path, data: Provisioning, key: Ed25519PrivateKey, passphrase: str) -> Path:
    if len(normalize_passphrase(passphrase)) < 8:
        raise InputError("口令至少8个字符。", "provisioning passphrase too short")
    payload = asdict(data)
    body = {
        "payload": payload,
        "signer": signing.b64(signing.public_bytes(key.public_key())),
        "signature": signing.sign(key, signing.canonical_json(payload)),
    }
    salt, nonce = os.urandom(16), os.urandom(12)
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "station_code": data.station_code,  # in clear so a technician can tell files apart
        "kdf": {"name": "scrypt", **SCRYPT, "salt": signing.b64(salt)},
        "nonce": signing.b64(nonce),
    }
    cipher = AESGCM(_key(passphrase, salt, SCRYPT)).encrypt(
        nonce, signing.canonical_json(body), _aad(header)
    )
    header["ciphertext"] = signing.b64(cipher)
    atomic_write_bytes(out, json.dumps(header, indent=1).encode(), mode=0o600)
    return out


def _refuse(zh: str, en: str) -> InputError:
    return InputError(zh, en)


def open_file(path: Path, passphrase: str) -> Opened:
    """Decrypt and check the signature. Nothing is changed on the station."""
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
        salt, nonce = signing.unb64(kdf["salt"]), signing.unb64(header["nonce"])
        cipher = signing.unb64(header["ciphertext"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise not_ours from exc
    try:
        plain = AESGCM(_key(passphrase, salt, params)).decrypt(nonce, cipher, _aad(header))
    except (InvalidTag, ValueError) as exc:
        raise _refuse(
            "口令不对，或配置文件已被改动。请核对口令后重试；仍不行请向县级管理员重新索取配置文件。",
            "provisioning file: wrong passphrase or tampered content",
        ) from exc
    try:
        body = json.loads(plain)
        payload = body["payload"]
        signer = signing.unb64(body["signer"])
        data = Provisioning(**{k: str(payload[k]) for k in Provisioning.__dataclass_fields__})
        signed_ok = signing.verify(signer, body["signature"], signing.canonical_json(payload))
    except (ValueError, KeyError, TypeError) as exc:
        raise not_ours from exc
    if not signed_ok:
        raise _refuse(
            "配置文件签名无效，已拒绝。请向县级管理员重新索取配置文件。",
            "provisioning file signature invalid",
        )
    if data.station_code != header.get("station_code"):
        raise _refuse("配置文件内容不一致，已拒绝。", "station code in header differs")
    problem = check_station_code(data.station_code)
    if problem:
        raise _refuse(problem, f"bad station code {data.station_code!r}")
    return Opened(data, signer)


def check_trusted(opened: Opened, data_dir: Path, shipped: Path | None = None) -> str:
    """Refuse a signer this station does not trust; returns how it is trusted."""
    fp = signing.fingerprint(opened.signer)
    ship = trust.shipped_keys(shipped)
    pinned = trust.pinned_keys(data_dir)
    if opened.signer in ship or opened.signer in pinned:
        return "shipped" if opened.signer in ship else "pinned"
    # never trust on first use: the key that would sign code updates and choose where the
    # residents' data goes must come with the installation or from a signer already trusted
    raise _refuse(
        f"配置文件不是由本站点信任的省级平台签发的（签名密钥指纹 {fp}），已拒绝。"
        "请确认文件来源，或向县级管理员索取正确的配置文件。",
        f"provisioning file signed by untrusted key {fp}",
    )


def apply(
    ctx: AppContext, opened: Opened, *, shipped: Path | None = None, now: dt.datetime | None = None
) -> str:
    """Enrol at the hub with the file's one-time code; pin the hub's key. Returns device id."""
    data = opened.data
    how = check_trusted(opened, ctx.data_dir, shipped)
    if data.expired(now):
        until = format_local(dt.datetime.fromisoformat(data.expires_at))
        raise _refuse(
            f"配置文件已过期（有效期至 {until}），请向县级管理员重新索取。",
            f"provisioning file expired at {data.expires_at}",
        )
    ca_file = ""
    if data.ca_pem.strip():
        if "-----BEGIN CERTIFICATE-----" not in data.ca_pem:
            raise _refuse("配置文件中的 CA 证书格式不对。", "CA certificate is not PEM")
        target = ctx.data_dir / CA_FILE
        atomic_write_bytes(target, data.ca_pem.encode(), mode=0o644)
        ca_file = str(target)
    device_id = ctx.provision(
        data.hub_url, data.station_code, data.station_name, data.enrollment_code, ca_file
    )
    trust.pin_key(ctx.data_dir, opened.signer, f"provisioning {data.station_code} ({how})")
    log.info(
        "station provisioned from file (signer %s, %s)", signing.fingerprint(opened.signer), how
    )
    return device_id
