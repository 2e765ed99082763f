"""Which signing keys this station trusts (see docs/provisioning.md, "Trust model").

* Keys shipped with the installation: ``assets/trust/*.pub`` (one base64 Ed25519 public key
  per file). A province builds its installer with its authority's key in there; this
  repository ships a demo/test key (its private half is in tests/fixtures/trust/).
* Keys the station pinned when provisioned: ``<data dir>/trust/hub-keys.json`` (0600 in a
  0700 folder; refused if anyone else could have written it).

A provisioning file must be signed by a shipped or pinned key, and only then is its signer
pinned: no trust on first use. Update packages must always be signed by a trusted key.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from kiosk.core.atomic import atomic_write_text
from kiosk.core.clock import utcnow
from kiosk.core.errors import KioskError
from kiosk.paths import assets_dir
from kiosk.protocol.envelope import fingerprint, unb64

PINNED_FILE = Path("trust") / "hub-keys.json"


def shipped_keys(folder: Path | None = None) -> set[bytes]:
    folder = folder or (assets_dir() / "trust")
    keys: set[bytes] = set()
    if folder.is_dir():
        for path in sorted(folder.glob("*.pub")):
            for line in path.read_text("utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    keys.add(unb64(line))
    return keys


class TrustFileUnsafe(KioskError):
    exit_code = 2


def check_private(path: Path) -> None:
    """The trust dir and file must be this user's and writable by nobody else: a key list
    that another account could edit would let it choose who signs updates."""
    if os.name != "posix":
        return
    for entry in (path.parent, path):
        st = entry.lstat()
        if stat.S_ISLNK(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
            raise TrustFileUnsafe(
                f"信任密钥文件 {entry} 的权限不安全（可被其他用户修改或不是本用户的），"
                "已拒绝使用。请技术员检查本机，重新用配置文件设置站点。",
                f"trust file {entry} is not private to this user",
            )


def pinned_keys(data_dir: Path) -> set[bytes]:
    path = data_dir / PINNED_FILE
    if not path.exists():
        return set()
    check_private(path)
    data = json.loads(path.read_text("utf-8"))
    return {unb64(entry["key"]) for entry in data.get("keys", [])}


def trusted_keys(data_dir: Path | None, shipped: Path | None = None) -> set[bytes]:
    keys = shipped_keys(shipped)
    if data_dir is not None:
        keys |= pinned_keys(data_dir)
    return keys


def pin_key(data_dir: Path, public: bytes, source: str) -> None:
    """Remember ``public`` as this station's hub key (idempotent)."""
    import base64

    path = data_dir / PINNED_FILE
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path.parent, 0o700)
    if path.exists():
        check_private(path)
    data = json.loads(path.read_text("utf-8")) if path.exists() else {"keys": []}
    encoded = base64.b64encode(public).decode("ascii")
    if any(entry["key"] == encoded for entry in data["keys"]):
        return
    data["keys"].append(
        {
            "key": encoded,
            "fingerprint": fingerprint(public),
            "source": source,
            "pinned_at": utcnow().isoformat(timespec="seconds"),
        }
    )
    atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False), mode=0o600)
