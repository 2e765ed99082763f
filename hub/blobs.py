"""Content-addressed, resumable attachment uploads, verified against their SHA-256.

A blob is sent whole (``PUT`` without ``Content-Range``) or in ranges
(``Content-Range: bytes START-END/TOTAL``). Each range is stored durably before it is
acknowledged, so after a break the station asks (``HEAD``) how many bytes arrived and
goes on from there. When the last byte is in, the hub joins the chunks and checks the
hash; a mismatch discards the upload. Storage is shared between stations, but a station
only sees (and may cite) blobs it has uploaded itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hub.db import HubDatabase
from hub.errors import HubError
from hub.models import Blob, BlobChunk, BlobOwner, BlobUpload
from kiosk.protocol.clock import utcnow

MAX_BLOB_BYTES = 20 * 1024 * 1024


class _Discard(Exception):
    """The joined upload does not match its hash."""


@dataclass(frozen=True)
class BlobState:
    sha256: str
    offset: int  # bytes the hub holds (the whole size once complete)
    complete: bool
    created: bool = False


def _too_large(size: int) -> HubError:
    return HubError(
        413,
        f"附件过大（{size / 2**20:.1f} MB），单个附件不能超过 {MAX_BLOB_BYTES // 2**20} MB，"
        "请压缩或分页扫描后重新添加。",
        f"blob of {size} bytes exceeds the limit",
        "blob-too-large",
    )


def _mismatch() -> HubError:
    return HubError(
        422,
        "附件内容与校验值不符（传输中损坏），将自动重新上传。",
        "blob hash mismatch",
        "blob-hash-mismatch",
    )


def _offset_conflict(received: int) -> HubError:
    return HubError(
        409,
        f"附件续传位置不一致，省级平台已收到 {received} 字节，请从该位置继续上传。",
        f"upload offset mismatch, hub holds {received} bytes",
        "upload-offset",
        headers={"Upload-Offset": str(received)},
    )


class BlobService:
    def __init__(self, db: HubDatabase) -> None:
        self.db = db

    def owned(self, s: Session, station: str, shas: list[str]) -> set[str]:
        if not shas:
            return set()
        return set(
            s.scalars(
                select(BlobOwner.sha256).where(
                    BlobOwner.station_code == station, BlobOwner.sha256.in_(shas)
                )
            )
        )

    def state(self, station: str, sha256: str) -> BlobState:
        with self.db.session() as s:
            if self.owned(s, station, [sha256]):
                size = s.scalar(select(Blob.size).where(Blob.sha256 == sha256)) or 0
                return BlobState(sha256, size, True)
            up = s.get(BlobUpload, (station, sha256))
            return BlobState(sha256, up.received if up else 0, False)

    def put(
        self, station: str, sha256: str, data: bytes, start: int | None, total: int | None
    ) -> BlobState:
        if start is None or total is None:
            return self._put_whole(station, sha256, data)
        if total > MAX_BLOB_BYTES:
            raise _too_large(total)
        if start + len(data) > total or (not data and total):
            raise HubError(
                416,
                "附件续传范围不正确，请重新上传。",
                "content range outside the blob",
                "bad-range",
            )
        try:
            return self.db.retrying(
                lambda s: self._put_range(s, station, sha256, data, start, total)
            )
        except _Discard:
            with self.db.session() as s:  # the station starts again from byte 0
                self._drop_upload(s, station, sha256)
            raise _mismatch() from None

    def _put_whole(self, station: str, sha256: str, data: bytes) -> BlobState:
        if len(data) > MAX_BLOB_BYTES:
            raise _too_large(len(data))
        if hashlib.sha256(data).hexdigest() != sha256:
            raise _mismatch()
        return self.db.retrying(lambda s: self._complete(s, station, sha256, data))

    def _complete(self, s: Session, station: str, sha256: str, data: bytes) -> BlobState:
        """Store verified bytes (once) and make the station an owner."""
        created = False
        if s.get(Blob, sha256) is None:
            s.add(Blob(sha256=sha256, size=len(data), data=data))
            created = True
        if s.get(BlobOwner, (station, sha256)) is None:
            s.add(BlobOwner(station_code=station, sha256=sha256))
            created = True
        self._drop_upload(s, station, sha256)
        s.flush()
        return BlobState(sha256, len(data), True, created)

    @staticmethod
    def _drop_upload(s: Session, station: str, sha256: str) -> None:
        s.execute(
            delete(BlobChunk).where(BlobChunk.station_code == station, BlobChunk.sha256 == sha256)
        )
        s.execute(
            delete(BlobUpload).where(
                BlobUpload.station_code == station, BlobUpload.sha256 == sha256
            )
        )

    def _put_range(
        self, s: Session, station: str, sha256: str, data: bytes, start: int, total: int
    ) -> BlobState:
        if self.owned(s, station, [sha256]):
            return BlobState(sha256, total, True)  # a resend after a lost answer
        up = s.get(BlobUpload, (station, sha256), with_for_update=True)
        if up is not None and up.total != total:  # the station restarted with other bytes
            self._drop_upload(s, station, sha256)
            s.flush()
            up = None
        if up is None:
            if start != 0:
                raise _offset_conflict(0)
            up = BlobUpload(station_code=station, sha256=sha256, total=total, received=0)
            s.add(up)
        if start != up.received:
            raise _offset_conflict(up.received)
        s.add(BlobChunk(station_code=station, sha256=sha256, offset=start, data=data))
        up.received = start + len(data)
        up.updated_at = utcnow()
        if up.received < total:
            return BlobState(sha256, up.received, False)
        s.flush()
        chunks = s.scalars(
            select(BlobChunk.data)
            .where(BlobChunk.station_code == station, BlobChunk.sha256 == sha256)
            .order_by(BlobChunk.offset)
        )
        whole = b"".join(chunks)
        if len(whole) != total or hashlib.sha256(whole).hexdigest() != sha256:
            raise _Discard
        return self._complete(s, station, sha256, whole)
