"""Moved to :mod:`kiosk.protocol.files.batch` (the hub reads what the station writes)."""

from kiosk.protocol.files.batch import (
    MAGIC,
    MAX_HEADER,
    SIG_LEN,
    BatchItem,
    BatchManifest,
    BatchRefused,
    Progress,
    open_batch,
    raw_public,
    read_manifest,
    verify_batch,
    write_batch,
)

__all__ = [
    "MAGIC",
    "MAX_HEADER",
    "SIG_LEN",
    "BatchItem",
    "BatchManifest",
    "BatchRefused",
    "Progress",
    "open_batch",
    "raw_public",
    "read_manifest",
    "verify_batch",
    "write_batch",
]
