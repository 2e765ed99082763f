"""Attachment bytes: encrypted, content-addressed by the sha256 of the plaintext."""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import KioskError

_SHA_RE = re.compile(r"[0-9a-f]{64}")


class BlobStore:
    def __init__(self, folder: Path, cipher: DataCipher) -> None:
        self._folder = folder
        self._cipher = cipher

    def _path(self, sha256: str) -> Path:
        if not _SHA_RE.fullmatch(sha256):
            raise ValueError("not a sha256 hex digest")
        return self._folder / sha256[:2] / f"{sha256}.enc"

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self._path(sha)
        if path.exists():
            os.utime(path)  # in use again: fresh for delete_unreferenced's grace period
        else:
            atomic_write_bytes(path, self._cipher.encrypt(data, aad=sha.encode()))
        return sha

    def get(self, sha256: str) -> bytes:
        path = self._path(sha256)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            raise KioskError(
                "附件文件缺失，请重新扫描或导入该材料。", f"blob {sha256[:12]} missing"
            ) from None
        data = self._cipher.decrypt(blob, aad=sha256.encode())
        if hashlib.sha256(data).hexdigest() != sha256:
            raise KioskError("附件文件已损坏，请重新导入。", f"blob {sha256[:12]} corrupt")
        return data

    def exists(self, sha256: str) -> bool:
        return self._path(sha256).exists()

    def delete_unreferenced(self, referenced: set[str], grace_seconds: float = 3600) -> int:
        """Delete files no row refers to, except those written or reused within the grace
        period: a submit stores its files before the rows naming them are committed."""
        removed = 0
        cutoff = time.time() - grace_seconds
        for path in self._folder.glob("*/*.enc"):
            if path.stem in referenced:
                continue
            try:
                if path.stat().st_mtime >= cutoff:
                    continue
                path.unlink()
            except FileNotFoundError:
                continue
            removed += 1
        return removed
