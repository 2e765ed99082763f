"""Encrypted, verified backups of a station: database snapshot + attachment store + settings.

File layout (``*.kbak``)::

    b"KIOSKBAK1\\n" | u32 header length | header JSON | chunk* (u32 length | AES-GCM chunk)

The payload is a tar of ``kiosk.sqlite3`` (taken with SQLite's online backup API while the
app runs), ``blobs/`` and ``settings.toml``. It is encrypted with a random file key in 1 MiB
chunks; each chunk's nonce carries its index and each chunk's AAD binds the header and a
"last chunk" flag, so reordering, truncation or any flipped byte is detected. The file key is
wrapped with a key derived from the station's data key (restore on the same station) and,
optionally, with a recovery passphrase that also wraps the data key itself (restore on a new
PC after the old one died: the technician keeps the passphrase, never the file).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import struct
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kiosk import __version__
from kiosk.protocol import envelope
from kiosk.protocol.errors import InputError, KioskError

MAGIC = b"KIOSKBAK1\n"
CHUNK = 1024 * 1024
DB_NAME = "kiosk.sqlite3"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


class BackupError(InputError):
    pass


def _corrupt(detail: str) -> BackupError:
    return BackupError(
        "备份文件已损坏、被改动或不完整，不能用于恢复。请换用另一份备份。",
        f"backup file rejected: {detail}",
    )


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: str
    station: str
    size: int
    files: int


_b64 = envelope.b64
_BROKEN = (envelope.EnvelopeBroken, KeyError, ValueError)


def _wrap(key: bytes, secret: bytes, label: bytes) -> str:
    return _b64(envelope.seal(key, secret, label))


def _unwrap(key: bytes, wrapped: str, label: bytes) -> bytes:
    return envelope.unseal(key, base64.b64decode(wrapped), label)


def _passphrase_key(passphrase: str, salt: bytes, params: dict[str, int] = _SCRYPT) -> bytes:
    return envelope.scrypt_key(passphrase, salt, params["n"], params["r"], params["p"], 2**26)


def snapshot_database(db_path: Path, out: Path) -> None:
    """Consistent copy of a live WAL database (online backup API), integrity-checked."""
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    dst = sqlite3.connect(out)
    try:
        src.backup(dst)
        (result,) = dst.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise KioskError(
                "数据库自检未通过，无法备份，请联系技术员。",
                f"integrity_check on snapshot: {result}",
            )
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        src.close()
        dst.close()


def _build_tar(data_dir: Path, work: Path) -> tuple[Path, list[dict[str, Any]]]:
    snap = work / DB_NAME
    snapshot_database(data_dir / DB_NAME, snap)
    members: list[tuple[Path, str]] = [(snap, DB_NAME)]
    for extra in ("settings.toml",):
        if (data_dir / extra).exists():
            members.append((data_dir / extra, extra))
    blob_dir = data_dir / "blobs"
    if blob_dir.exists():
        members += [(p, str(p.relative_to(data_dir))) for p in sorted(blob_dir.rglob("*.enc"))]
    tar_path = work / "payload.tar"
    listing = []
    with tarfile.open(tar_path, "w") as tar:
        for path, name in members:
            tar.add(path, arcname=name)
            listing.append(
                {
                    "name": name,
                    "size": path.stat().st_size,
                    "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                }
            )
    return tar_path, listing


def _encrypt_stream(src: IO[bytes], dst: IO[bytes], key: bytes, header_hash: bytes) -> None:
    prefix = os.urandom(8)
    dst.write(prefix)
    index = 0
    chunk = src.read(CHUNK)
    while True:
        following = src.read(CHUNK)
        last = not following
        nonce = prefix + struct.pack(">I", index)
        sealed = envelope.encrypt(key, nonce, chunk, header_hash + struct.pack(">I?", index, last))
        dst.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        chunk, index = following, index + 1


def _decrypt_stream(src: IO[bytes], key: bytes, header_hash: bytes) -> Iterator[bytes]:
    prefix = src.read(8)
    index = 0
    while True:
        raw_len = src.read(4)
        if len(raw_len) < 4:
            raise _corrupt("truncated before the last chunk")
        (length,) = struct.unpack(">I", raw_len)
        sealed = src.read(length)
        if len(sealed) < length:
            raise _corrupt("truncated chunk")
        nonce = prefix + struct.pack(">I", index)
        for last in (False, True):
            aad = header_hash + struct.pack(">I?", index, last)
            try:
                plain = envelope.decrypt(key, nonce, sealed, aad)
            except envelope.EnvelopeBroken:
                continue
            yield plain
            if last:
                if src.read(1):
                    raise _corrupt("data after the last chunk")
                return
            break
        else:
            raise _corrupt(f"chunk {index} fails authentication")
        index += 1


def write_backup(
    data_dir: Path,
    out: Path,
    backup_key: bytes,
    station: str,
    data_key: bytes,
    passphrase: str | None = None,
) -> BackupInfo:
    """Write an encrypted backup to ``out`` atomically, then read it back to verify it."""
    file_key = envelope.new_key()
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".backup-") as tmp:
        work = Path(tmp)
        tar_path, listing = _build_tar(data_dir, work)
        wraps: dict[str, Any] = {"station": _wrap(backup_key, file_key, b"station")}
        if passphrase:
            salt = os.urandom(16)
            pkey = _passphrase_key(passphrase, salt)
            wraps["passphrase"] = {
                "salt": _b64(salt),
                **_SCRYPT,
                "file_key": _wrap(pkey, file_key, b"file"),
                "data_key": _wrap(pkey, data_key, b"data"),
            }
        header = json.dumps(
            {
                "format": 1,
                "app_version": __version__,
                "station": station,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "files": listing,
                "wraps": wraps,
            },
            ensure_ascii=False,
        ).encode()
        header_hash = hashlib.sha256(header).digest()
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(f".{out.name}.partial")
        with open(partial, "wb") as fh, open(tar_path, "rb") as src:
            fh.write(envelope.frame(MAGIC, header))
            _encrypt_stream(src, fh, file_key, header_hash)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            verify_backup(partial, backup_key=backup_key)
        except KioskError:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, out)
    return BackupInfo(out, json.loads(header)["created"], station, out.stat().st_size, len(listing))


_FRAME_PROBLEMS = {
    "magic": "not a kiosk backup (bad magic)",
    "truncated": "truncated header",
    "length": "absurd header length",
}


def _read_header(fh: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    try:
        raw = envelope.read_frame(fh, MAGIC, 64 * 1024 * 1024)
    except envelope.FrameError as exc:
        raise _corrupt(_FRAME_PROBLEMS[exc.reason]) from None
    try:
        header: dict[str, Any] = json.loads(raw)
    except ValueError as exc:
        raise _corrupt("header is not JSON") from exc
    return header, hashlib.sha256(raw).digest()


def _file_key(
    header: dict[str, Any], backup_key: bytes | None, passphrase: str | None
) -> tuple[bytes, bytes | None]:
    """(file key, data key if recovered by passphrase)."""
    wraps = header.get("wraps", {})
    if backup_key is not None:
        try:
            return _unwrap(backup_key, wraps["station"], b"station"), None
        except _BROKEN:
            pass
    if passphrase and "passphrase" in wraps:
        pw = wraps["passphrase"]
        params = {k: pw[k] for k in ("n", "r", "p")}
        pkey = _passphrase_key(passphrase, base64.b64decode(pw["salt"]), params)
        try:
            return (_unwrap(pkey, pw["file_key"], b"file"), _unwrap(pkey, pw["data_key"], b"data"))
        except _BROKEN as exc:
            raise BackupError("恢复口令不正确。", "wrong recovery passphrase") from exc
    raise BackupError(
        "这份备份不是本站点生成的，需要输入生成备份时设置的恢复口令。",
        "backup key does not match this station and no passphrase was given",
    )


def _decrypt_to(
    path: Path, dst: IO[bytes], backup_key: bytes | None, passphrase: str | None
) -> tuple[dict[str, Any], bytes | None]:
    with open(path, "rb") as fh:
        header, header_hash = _read_header(fh)
        key, data_key = _file_key(header, backup_key, passphrase)
        for plain in _decrypt_stream(fh, key, header_hash):
            dst.write(plain)
    return header, data_key


def _check_members(tar_bytes: IO[bytes], header: dict[str, Any]) -> None:
    want = {f["name"]: f["sha256"] for f in header["files"]}
    with tarfile.open(fileobj=tar_bytes, mode="r") as tar:
        seen = {}
        for member in tar.getmembers():
            fh = tar.extractfile(member)
            if fh is not None:
                seen[member.name] = hashlib.sha256(fh.read()).hexdigest()
    if seen != want:
        raise _corrupt("archive contents differ from the header's list")


def verify_backup(
    path: Path, backup_key: bytes | None = None, passphrase: str | None = None
) -> BackupInfo:
    with tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024) as buf:
        header, _ = _decrypt_to(path, buf, backup_key, passphrase)
        buf.seek(0)
        _check_members(buf, header)
    return BackupInfo(
        path, header["created"], header["station"], path.stat().st_size, len(header["files"])
    )


def restore_backup(
    path: Path, data_dir: Path, backup_key: bytes | None, passphrase: str | None = None
) -> tuple[BackupInfo, bytes | None]:
    """Replace the station's database and attachments with the backup's.

    What was there before is moved to ``replaced-<time>/`` in the data dir, never deleted.
    Returns the backup's data key when it was recovered with the passphrase (the caller
    must then install it in the keyring).
    """
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".restore-") as tmp:
        work = Path(tmp)
        with open(work / "payload.tar", "w+b") as buf:
            header, data_key = _decrypt_to(path, buf, backup_key, passphrase)
            buf.seek(0)
            _check_members(buf, header)
            buf.seek(0)
            with tarfile.open(fileobj=buf, mode="r") as tar:
                tar.extractall(work / "x", filter="data")
        restored = work / "x"
        conn = sqlite3.connect(restored / DB_NAME)
        try:
            (ok,) = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
        if ok != "ok":
            raise _corrupt(f"database in backup fails integrity_check: {ok}")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = data_dir / f"replaced-{stamp}"
        aside.mkdir()
        for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", "blobs"):
            if (data_dir / name).exists():
                shutil.move(data_dir / name, aside / name)
        shutil.move(restored / DB_NAME, data_dir / DB_NAME)
        if (restored / "blobs").exists():
            shutil.move(restored / "blobs", data_dir / "blobs")
    info = BackupInfo(
        path, header["created"], header["station"], path.stat().st_size, len(header["files"])
    )
    return info, data_key


def read_info(path: Path) -> dict[str, Any]:
    with open(path, "rb") as fh:
        header, _ = _read_header(fh)
    return {k: header[k] for k in ("created", "station", "app_version")} | {
        "files": len(header["files"]),
        "has_passphrase": "passphrase" in header["wraps"],
    }
