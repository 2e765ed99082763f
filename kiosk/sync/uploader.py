"""Resumable attachment upload: ask the hub how much it holds, send the rest in ranges."""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.protocol import wire as p
from kiosk.store.blobs import BlobStore
from kiosk.sync.client import HubClient, HubRefused, HubUnreachable

log = logging.getLogger(__name__)

DEFAULT_CHUNK = 1 << 20


class BlobUploader:
    def __init__(
        self,
        client: HubClient,
        blobs: BlobStore,
        chunk_bytes: int = DEFAULT_CHUNK,
        on_bytes: Callable[[int], None] | None = None,
    ) -> None:
        self._client = client
        self._blobs = blobs
        self._chunk = max(1, chunk_bytes)
        self._on_bytes = on_bytes or (lambda _n: None)

    def ensure(self, sha256: str) -> int:
        """Make sure the hub holds the whole blob. Returns the bytes sent by this call.

        After a break the upload goes on from the last byte the hub confirmed (``HEAD``).
        Raises :class:`HubUnreachable` (try later) or :class:`HubRefused` (e.g. too large).
        A local file that is missing or damaged raises :class:`KioskError` from the store.
        """
        data = self._blobs.get(sha256)  # decrypts and checks the hash: never sends bad bytes
        total, sent, restarts = len(data), 0, 0
        if 0 < total <= self._chunk:
            # one request carries it all: nothing to resume, and a resend is answered
            # "already complete" — no need to ask first
            status = self._client.put_blob_range(sha256, data, 0, total)
            if status.complete:
                self._on_bytes(total)
                return total
        else:
            status = self._client.blob_status(sha256)
            if status.complete:
                return 0
        offset = status.offset if status.offset <= total else 0
        for _ in range(total // self._chunk + 16):
            chunk = data[offset : offset + self._chunk]
            try:
                status = self._client.put_blob_range(sha256, chunk, offset, total)
            except HubRefused as exc:
                if exc.kind != p.PROBLEM_HASH_MISMATCH or restarts >= 2:
                    raise
                restarts += 1  # the hub discarded a damaged upload: start again
                log.warning("blob %s failed verification at the hub; restarting", sha256[:12])
                offset = 0
                continue
            if status.offset > offset:
                sent += status.offset - offset
                self._on_bytes(status.offset - offset)
            if status.complete:
                return sent
            offset = status.offset if status.offset <= total else 0
        raise HubUnreachable("附件上传未能完成，稍后会自动重试。", "blob upload did not converge")
