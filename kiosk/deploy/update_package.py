"""Offline update packages (``.kupd``): a new app version and/or catalog, signed.

A zip file with ``manifest.json`` (every file with its size and SHA-256), ``manifest.sig``
(the hub's Ed25519 signature over the manifest's exact bytes) and the files: ``app/…`` (a
one-folder bundle) and/or ``catalog/items/*.json``. A package is refused unless the
signature is by a trusted key and every member is listed with the right size and hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core.clock import utcnow
from kiosk.core.errors import InputError
from kiosk.deploy.installs import VERSION_RE
from kiosk.protocol import envelope as signing

FORMAT = "village-kiosk-update"
VERSION = 1
SUFFIX = ".kupd"
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
CHUNK = 1 << 20
MAX_MEMBERS = 20_000


def this_platform() -> str:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{'windows' if sys.platform == 'win32' else sys.platform}-{machine}"


@dataclass(frozen=True)
class PackageFile:
    path: str
    size: int
    sha256: str
    mode: int = 0o644


@dataclass(frozen=True)
class UpdatePackage:
    path: Path
    manifest: dict[str, Any]
    signer: bytes
    files: list[PackageFile] = field(default_factory=list)

    @property
    def app_version(self) -> str | None:
        value = self.manifest.get("app_version")
        return str(value) if value else None

    @property
    def has_catalog(self) -> bool:
        return any(f.path.startswith("catalog/") for f in self.files)

    def describe(self) -> str:
        parts = []
        if self.app_version:
            parts.append(f"程序 {self.app_version}")
        if self.has_catalog:
            parts.append(f"事项目录 {self.manifest.get('catalog_version') or ''}".strip())
        return "、".join(parts)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _walk(folder: Path, prefix: str) -> Iterable[tuple[str, Path]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield f"{prefix}/{path.relative_to(folder).as_posix()}", path


def build_package(
    out: Path,
    key: Ed25519PrivateKey,
    *,
    app_dir: Path | None = None,
    app_version: str | None = None,
    catalog_dir: Path | None = None,
    catalog_version: str = "",
    target_platform: str | None = None,
    notes: str = "",
) -> Path:
    """Write a signed package (release tooling: installer/make_update.py)."""
    if app_dir is None and catalog_dir is None:
        raise InputError("更新包至少要包含程序或事项目录。", "empty update package")
    if app_dir is not None and not (app_version and VERSION_RE.match(app_version)):
        raise InputError("请给出程序版本号，如 0.2.0。", f"bad app version {app_version!r}")
    sources: list[tuple[str, Path]] = []
    if app_dir is not None:
        sources += _walk(app_dir, "app")
    if catalog_dir is not None:
        sources += _walk(catalog_dir, "catalog/items")
    files = [
        PackageFile(
            name, src.stat().st_size, _sha256_file(src), 0o755 if os.access(src, os.X_OK) else 0o644
        )
        for name, src in sources
    ]
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": utcnow().isoformat(timespec="seconds"),
        "app_version": app_version if app_dir is not None else None,
        "platform": (target_platform or this_platform()) if app_dir is not None else None,
        "catalog_version": catalog_version if catalog_dir is not None else None,
        "notes": notes,
        "files": [f.__dict__ for f in files],
    }
    manifest_bytes = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
    sig = {
        "signer": signing.b64(signing.public_bytes(key.public_key())),
        "signature": signing.sign(key, manifest_bytes),
    }
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(MANIFEST, manifest_bytes)
        zf.writestr(SIGNATURE, json.dumps(sig))
        for name, src in sources:
            zf.write(src, name)
    os.replace(tmp, out)
    return out


def _refused(zh: str, en: str) -> InputError:
    return InputError(f"更新包已拒绝：{zh}", f"update package refused: {en}")


def _safe(name: str) -> bool:
    """A member name that stays inside its folder on every platform: relative for POSIX and
    Windows alike (no ``/x``, ``\\\\server``, ``C:`` anywhere, e.g. ``app/C:/x``), no ``..``,
    no control characters, under ``app/`` or ``catalog/items/*.json``."""
    p = PurePosixPath(name)
    windows = PureWindowsPath(name)
    return (
        not p.is_absolute()
        and not windows.is_absolute()
        and not windows.drive
        and ":" not in name  # a drive letter in any part, or an NTFS stream
        and not any(ord(c) < 32 or ord(c) == 127 for c in name)
        and ".." not in p.parts
        and "\\" not in name
        and p.parts[:1] in (("app",), ("catalog",))
        and (p.parts[0] == "app" or (p.parts[:2] == ("catalog", "items") and p.suffix == ".json"))
    )


def open_package(path: Path, trusted: set[bytes]) -> UpdatePackage:
    """Check signature and listing; the content hashes are checked as files are unpacked."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise _refused("文件不是更新包或已损坏。", f"{path.name}: {exc}") from exc
    with zf:
        names = zf.namelist()
        if MANIFEST not in names or SIGNATURE not in names or len(names) > MAX_MEMBERS:
            raise _refused("文件不是更新包或已损坏。", "no manifest/signature")
        try:
            manifest_bytes = zf.read(MANIFEST)
            sig = json.loads(zf.read(SIGNATURE))
            signer = signing.unb64(sig["signer"])
            signature = str(sig["signature"])
        except (ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
            raise _refused("签名信息损坏。", f"bad signature file: {exc}") from exc
        if not trusted:
            raise _refused(
                "本机还没有可信任的签名密钥。请先用站点配置文件完成配置（kiosk setup --from）。",
                "no trusted keys on this station",
            )
        if signer not in trusted:
            raise _refused(
                f"不是由本站点信任的省级平台签发的（密钥指纹 {signing.fingerprint(signer)}）。",
                "signer not trusted",
            )
        if not signing.verify(signer, signature, manifest_bytes):
            raise _refused("签名校验失败，文件可能被改动过。", "signature invalid")
        try:
            manifest = json.loads(manifest_bytes)
            files = [PackageFile(**f) for f in manifest["files"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise _refused("清单格式不对。", f"bad manifest: {exc}") from exc
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise _refused("格式版本不支持，请先升级本机软件。", "unsupported format")
        listed = {f.path for f in files}
        if len(listed) != len(files) or not all(_safe(n) for n in listed):
            raise _refused("清单中有不安全的文件路径。", "unsafe or duplicate paths")
        if set(names) != listed | {MANIFEST, SIGNATURE}:
            raise _refused("包内文件与清单不一致。", "members differ from manifest")
        for f in files:
            if zf.getinfo(f.path).file_size != f.size:
                raise _refused(f"文件 {f.path} 大小与清单不符。", f"size mismatch {f.path}")
        version = manifest.get("app_version")
        if version is not None:
            if not VERSION_RE.match(str(version)):
                raise _refused("程序版本号不对。", f"bad version {version!r}")
            if manifest.get("platform") != this_platform():
                raise _refused(
                    f"这是给 {manifest.get('platform')} 的程序，本机是 {this_platform()}。",
                    "wrong platform",
                )
            exe = "app/kiosk.exe" if sys.platform == "win32" else "app/kiosk"
            if exe not in listed:
                raise _refused("包内没有主程序。", "no executable in app/")
    return UpdatePackage(path, manifest, signer, files)


def extract(package: UpdatePackage, prefix: str, dest: Path) -> list[Path]:
    """Unpack the files under ``prefix/`` into ``dest``, verifying size and SHA-256 of each.

    ``dest`` must not exist; on any mismatch it is removed and the package is refused.
    """
    dest.mkdir(parents=True)
    written: list[Path] = []
    try:
        with zipfile.ZipFile(package.path) as zf:
            for f in package.files:
                if not f.path.startswith(prefix + "/"):
                    continue
                target = dest / f.path[len(prefix) + 1 :]
                target.parent.mkdir(parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                with zf.open(f.path) as src, open(target, "wb") as out:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                if size != f.size or digest.hexdigest() != f.sha256:
                    raise _refused(f"文件 {f.path} 内容与清单不符。", f"hash mismatch {f.path}")
                os.chmod(target, 0o755 if f.mode & 0o111 else 0o644)
                written.append(target)
    except (OSError, zipfile.BadZipFile) as exc:
        shutil.rmtree(dest, ignore_errors=True)
        raise _refused("解包失败（U盘读错或文件损坏）。", f"extract failed: {exc}") from exc
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    return written
