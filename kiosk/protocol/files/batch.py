"""Removable-media batch files (``*.kbatch``): a village's queued applications on a USB stick.

Layout::

    MAGIC | u32 len | header JSON | record* | u32 len | index JSON | Ed25519 signature (64 B)

* The header holds the manifest (station, batch id, sequence number, counts, bytes, the item
  list without personal data) readable without any key, and the recipient block: an
  ephemeral X25519 public key. Records are encrypted with AES-256-GCM under a key agreed with
  the hub's X25519 key (HKDF), so only the hub can read personal data; the township relays
  what it cannot read.
* Each record is ``u32 len | nonce | ciphertext`` and its AAD binds the batch id, the
  record's kind and id, so records cannot be swapped between batches or positions.
* The signature (the village station's device key) covers every byte before it: a flipped
  byte, a truncated file or a file signed by another station is refused.

Files are written to a temporary name, fsynced, read back and verified, then renamed.
Attachments can be handed over lazily (``BatchItem.blob_sizes`` + ``read_blob``), so a
village writing 200 MB of scans holds one attachment in memory at a time; the hub side
(:func:`open_batch`) likewise yields one application with its attachments at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from kiosk.protocol import envelope
from kiosk.protocol.clock import utcnow
from kiosk.protocol.errors import InputError, KioskError

MAGIC = b"KIOSKBATCH1\n"
SIG_LEN = 64
MAX_HEADER = 32 * 1024 * 1024


class BatchRefused(InputError):
    """A batch file that must not be imported; nothing was changed."""


def _refused(zh: str, en: str) -> BatchRefused:
    return BatchRefused(zh + "本次导入未做任何更改。", en)


raw_public = envelope.raw_public


def _stream_key(shared: bytes, batch_id: str) -> bytes:
    return envelope.hkdf(shared, batch_id.encode(), b"kiosk/batch/v1")


@dataclass
class BatchItem:
    client_id: str
    item_code: str
    item_name: str
    form_version: int
    revision: int
    payload: dict[str, Any]
    blobs: dict[str, bytes] = field(default_factory=dict)  # sha256 -> bytes
    # readable without decrypting (no personal data): for the township's hand-over list
    reference: str = ""  # case number, or the local reference on the receipt
    materials: list[dict[str, Any]] = field(default_factory=list)  # paper that travels along
    queued_at: str = ""  # when it was filed (ISO), for the township's overdue count
    # attachments not held in memory: sha256 -> size, read one at a time while writing
    blob_sizes: dict[str, int] = field(default_factory=dict)

    def blob_list(self) -> dict[str, int]:
        """Every attachment of this application (in memory or not): sha256 -> size."""
        return {**{sha: len(b) for sha, b in self.blobs.items()}, **self.blob_sizes}


@dataclass(frozen=True)
class BatchManifest:
    batch_id: str
    kind: str  # "applications" (village → hub) or "status" (hub → village)
    station_code: str
    sequence: int
    created: str
    count: int
    bytes: int
    items: list[dict[str, Any]]
    # 好差评 carried along, each sealed to the hub's box key (kiosk/sync/rating_outbox.py)
    ratings: list[str] = field(default_factory=list)
    # 一件事 carried whole: {group_id, bundle_code, catalog_version, members: [client ids]}
    groups: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_header(cls, header: dict[str, Any]) -> BatchManifest:
        m = header["manifest"]
        return cls(
            m["batch_id"],
            m["kind"],
            m["station_code"],
            int(m["sequence"]),
            m["created"],
            int(m["count"]),
            int(m["bytes"]),
            list(m["items"]),
            [str(r) for r in m.get("ratings", [])],
            [dict(g) for g in m.get("groups", [])],
        )


Progress = Callable[[int, int], None]  # (records done, records total)


class _HashingWriter:
    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.fh.write(data)
        self.sha.update(data)


def write_batch(
    out: Path,
    *,
    station_code: str,
    sequence: int,
    items: list[BatchItem],
    signing_key: Ed25519PrivateKey,
    hub_key: X25519PublicKey,
    progress: Progress | None = None,
    read_blob: Callable[[str], bytes] | None = None,
    ratings: list[str] | None = None,
    groups: list[dict[str, Any]] | None = None,
) -> BatchManifest:
    """Write, fsync, read back and verify a batch file; ``read_blob`` supplies the bytes of
    attachments listed in ``blob_sizes`` (one at a time) rather than in ``blobs``."""
    batch_id = str(uuid.uuid4())
    ephemeral, shared = envelope.agree(hub_key)
    key = _stream_key(shared, batch_id)
    listing = [
        {
            "client_id": i.client_id,
            "item_code": i.item_code,
            "item_name": i.item_name,
            "form_version": i.form_version,
            "revision": i.revision,
            "reference": i.reference,
            "materials": i.materials,
            "queued_at": i.queued_at,
            "blobs": [{"sha256": sha, "size": size} for sha, size in i.blob_list().items()],
        }
        for i in items
    ]
    total_bytes = sum(size for i in items for size in i.blob_list().values())
    manifest = {
        "batch_id": batch_id,
        "kind": "applications",
        "station_code": station_code,
        "sequence": sequence,
        "created": utcnow().isoformat(timespec="seconds"),
        "count": len(items),
        "bytes": total_bytes,
        "items": listing,
    }
    if ratings:
        manifest["ratings"] = list(ratings)
    if groups:  # the hub creates each whole or not at all (docs/batches.md)
        manifest["groups"] = [dict(g) for g in groups]
    header = json.dumps(
        {
            "format": 1,
            "manifest": manifest,
            "recipient": {
                "ephemeral": raw_public(ephemeral),
                "hub_key": raw_public(hub_key),
            },
        },
        ensure_ascii=False,
    ).encode()
    partial = out.with_name(f".{out.name}.partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        _write_records(partial, header, batch_id, key, items, signing_key, read_blob, progress)
        verify_batch(partial, signing_key.public_key())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, out)
    return BatchManifest.from_header(json.loads(header))


def _blob_bytes(item: BatchItem, sha: str, size: int, read: Callable[[str], bytes] | None) -> bytes:
    data = item.blobs.get(sha)
    if data is None:
        if read is None:
            raise ValueError("write_batch: blob_sizes given without read_blob")
        data = read(sha)
    if len(data) != size:
        raise KioskError(
            "附件文件与记录不符，请重新扫描或导入该材料后再导出。",
            f"blob {sha[:12]} has {len(data)} bytes, expected {size}",
        )
    return data


def _write_records(
    partial: Path,
    header: bytes,
    batch_id: str,
    key: bytes,
    items: list[BatchItem],
    signing_key: Ed25519PrivateKey,
    read_blob: Callable[[str], bytes] | None,
    progress: Progress | None,
) -> None:
    records_total = len(items) + sum(len(i.blob_list()) for i in items)
    done = 0
    index: list[dict[str, Any]] = []
    with open(partial, "wb") as fh:
        w = _HashingWriter(fh)
        w.write(envelope.frame(MAGIC, header))
        position = len(MAGIC) + 4 + len(header)

        def record(kind: str, rid: str, plain: bytes) -> None:
            nonlocal position, done
            sealed = envelope.seal(key, plain, f"{batch_id}|{kind}|{rid}".encode())
            w.write(struct.pack(">I", len(sealed)) + sealed)
            index.append({"kind": kind, "id": rid, "offset": position, "length": len(sealed)})
            position += 4 + len(sealed)
            done += 1
            if progress:
                progress(done, records_total)

        for item in items:
            blob_list = item.blob_list()
            for sha, size in blob_list.items():
                record("blob", sha, _blob_bytes(item, sha, size, read_blob))
            record(
                "item",
                item.client_id,
                json.dumps(
                    {
                        "client_id": item.client_id,
                        "item_code": item.item_code,
                        "form_version": item.form_version,
                        "revision": item.revision,
                        "payload": item.payload,
                        "blobs": sorted(blob_list),
                    },
                    ensure_ascii=False,
                ).encode(),
            )
        trailer = json.dumps(index).encode()
        w.write(trailer + struct.pack(">I", len(trailer)))
        fh.write(envelope.sign_raw(signing_key, w.sha.digest()))
        fh.flush()
        os.fsync(fh.fileno())


_FRAME_REFUSALS = {
    "magic": ("这不是代办点批次文件，或文件已损坏。", "bad magic"),
    "truncated": ("批次文件不完整（可能拷贝中断）。", "truncated header"),
    "length": ("批次文件已损坏。", "header length absurd"),
}


def _read_header(fh: IO[bytes]) -> tuple[dict[str, Any], int]:
    try:
        raw = envelope.read_frame(fh, MAGIC, MAX_HEADER)
    except envelope.FrameError as exc:
        raise _refused(*_FRAME_REFUSALS[exc.reason]) from None
    length = len(raw)
    try:
        header: dict[str, Any] = json.loads(raw)
        BatchManifest.from_header(header)
    except (ValueError, KeyError, TypeError) as exc:
        raise _refused("批次文件已损坏或不完整。", f"header unreadable: {exc}") from exc
    return header, len(MAGIC) + 4 + length


def read_manifest(path: Path) -> BatchManifest:
    """The manifest, without checking anything else (for showing what a stick holds)."""
    with open(path, "rb") as fh:
        header, _ = _read_header(fh)
    return BatchManifest.from_header(header)


def verify_batch(path: Path, station_key: Ed25519PublicKey) -> BatchManifest:
    """Signature over the whole file, by the station that the manifest names."""
    size = path.stat().st_size
    if size < len(MAGIC) + 4 + SIG_LEN:
        raise _refused("批次文件不完整（可能拷贝中断）。", "file too short")
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        header, _ = _read_header(fh)
        fh.seek(0)
        remaining = size - SIG_LEN
        while remaining:
            chunk = fh.read(min(remaining, 1024 * 1024))
            if not chunk:
                break
            sha.update(chunk)
            remaining -= len(chunk)
        signature = fh.read(SIG_LEN)
    if not envelope.verify_raw(station_key, signature, sha.digest()):
        raise _refused(
            "批次文件校验失败：文件被改动、不完整，或不是该代办点生成的。请让代办点重新导出。",
            "batch signature does not verify",
        )
    return BatchManifest.from_header(header)


def _index(fh: IO[bytes], size: int) -> list[dict[str, Any]]:
    fh.seek(size - SIG_LEN - 4)
    (length,) = struct.unpack(">I", fh.read(4))
    fh.seek(size - SIG_LEN - 4 - length)
    index: list[dict[str, Any]] = json.loads(fh.read(length))
    return index


def open_batch(
    path: Path, hub_private: X25519PrivateKey, station_key: Ed25519PublicKey
) -> Iterator[BatchItem]:
    """Hub side: verify, decrypt and yield the applications with their attachment bytes."""
    manifest = verify_batch(path, station_key)
    size = path.stat().st_size
    with open(path, "rb") as fh:
        header, _ = _read_header(fh)
        ephemeral = X25519PublicKey.from_public_bytes(
            envelope.unb64(header["recipient"]["ephemeral"])
        )
        key = _stream_key(hub_private.exchange(ephemeral), manifest.batch_id)
        blobs: dict[str, bytes] = {}
        for entry in _index(fh, size):
            fh.seek(entry["offset"])
            (length,) = struct.unpack(">I", fh.read(4))
            sealed = fh.read(length)
            aad = f"{manifest.batch_id}|{entry['kind']}|{entry['id']}".encode()
            try:
                plain = envelope.unseal(key, sealed, aad)
            except envelope.EnvelopeBroken:
                raise _refused(
                    "批次文件内容无法解密（不是发给本平台的文件）。", "record fails authentication"
                ) from None
            if entry["kind"] == "blob":
                if hashlib.sha256(plain).hexdigest() != entry["id"]:
                    raise _refused("批次中的附件与校验值不符。", "blob hash mismatch")
                blobs[entry["id"]] = plain
                continue
            data = json.loads(plain)
            yield BatchItem(
                data["client_id"],
                data["item_code"],
                "",
                data["form_version"],
                data.get("revision", 0),
                data["payload"],
                {sha: blobs.pop(sha) for sha in data["blobs"] if sha in blobs},
            )
