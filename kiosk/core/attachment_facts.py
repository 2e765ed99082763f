"""What a stored attachment says about itself: how many pages it has, and when a signature
was given (the review page and the case view show "3 页" and "已签名（2026-12-06 10:41）").

Read from the file's own bytes, so nothing new is stored beside it: a PDF's page tree
(``/Type /Pages … /Count N``, also inside compressed object streams), an image's frames
(a multi-page TIFF), and a signature PNG's ``Creation Time`` text chunk, which the signature
pad writes when the resident signs (:func:`stamp_png`). The time is inside the encrypted,
content-addressed file, so it cannot be changed without changing the signature's hash.
A file that says nothing (an older signature, an unreadable PDF) gives ``None``: the screen
then shows less, never a guess.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from PIL import Image, UnidentifiedImageError

SIGNED_AT_KEY = "Creation Time"  # a registered PNG keyword (PNG spec 11.3.4.2)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_INFLATE = 16 * 2**20  # an object stream larger than this is not read

_PAGES_DICT = re.compile(rb"<<(?:(?!<<|>>).)*?/Type\s*/Pages\b(?:(?!<<|>>).)*?>>", re.S)
_COUNT = re.compile(rb"/Count\s+(\d+)")
_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")
_OBJSTM = re.compile(rb"<<(?:(?!>>).)*?/Type\s*/ObjStm(?:(?!>>).)*?>>\s*stream\r?\n", re.S)


@dataclass(frozen=True)
class AttachmentFacts:
    pages: int | None = None
    signed_at: dt.datetime | None = None  # naive UTC, like every stored time


class Stored(Protocol):
    """An attachment as the application service lists it (``AttachmentInfo``)."""

    @property
    def id(self) -> int: ...
    @property
    def mime(self) -> str: ...


class AttachmentSource(Protocol):
    """What :func:`read_facts` needs of the application service."""

    def attachment_bytes(self, app_id: str, attachment_id: int) -> bytes: ...


# --- PDF ---------------------------------------------------------------------------------
def _object_streams(content: bytes) -> Iterator[bytes]:
    for match in _OBJSTM.finditer(content):
        if b"/FlateDecode" not in match.group(0):
            continue
        try:
            inflater = zlib.decompressobj()
            yield inflater.decompress(content[match.end() :], MAX_INFLATE)
        except zlib.error:
            continue


def pdf_pages(content: bytes) -> int | None:
    """The number of pages of a PDF: the largest ``/Count`` of its page tree nodes (the root
    counts them all); failing that, its ``/Type /Page`` objects; None if it has neither."""
    if not content.startswith(b"%PDF"):
        return None
    bodies = [content, *_object_streams(content)]
    counts = [
        int(count.group(1))
        for body in bodies
        for node in _PAGES_DICT.finditer(body)
        for count in _COUNT.finditer(node.group(0))
    ]
    if counts:
        return max(counts) or None
    pages = sum(len(_PAGE.findall(body)) for body in bodies)
    return pages or None


# --- images ------------------------------------------------------------------------------
def image_pages(content: bytes) -> int | None:
    """1 for a photo or scan; the frames of a multi-page TIFF; None if it is no image."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            return max(1, int(getattr(image, "n_frames", 1)))
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def _png_chunks(png: bytes) -> Iterator[tuple[bytes, bytes, int]]:
    """(type, data, offset of the chunk) for each chunk of a PNG."""
    at = len(PNG_MAGIC)
    while at + 12 <= len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        yield kind, png[at + 8 : at + 8 + length], at
        at += 12 + length


def png_text(png: bytes) -> dict[str, str]:
    """The PNG's plain ``tEXt`` chunks (keyword → text)."""
    if not png.startswith(PNG_MAGIC):
        return {}
    out = {}
    for kind, data, _at in _png_chunks(png):
        if kind == b"tEXt" and b"\0" in data:
            key, _, text = data.partition(b"\0")
            out[key.decode("latin-1")] = text.decode("latin-1")
    return out


def stamp_png(png: bytes, moment: dt.datetime) -> bytes:
    """The same PNG with ``Creation Time`` = ``moment`` (naive UTC) in a ``tEXt`` chunk
    right after its header (any earlier one is replaced)."""
    if not png.startswith(PNG_MAGIC):
        raise ValueError("not a PNG")
    text = moment.replace(microsecond=0).isoformat() + "Z"
    data = SIGNED_AT_KEY.encode("latin-1") + b"\0" + text.encode("ascii")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + data) & 0xFFFFFFFF)
    kept = [PNG_MAGIC]
    for kind, body, at in _png_chunks(png):
        if kind == b"tEXt" and body.startswith(SIGNED_AT_KEY.encode("latin-1") + b"\0"):
            continue
        kept.append(png[at : at + 12 + len(body)])
        if kind == b"IHDR":
            kept.append(chunk)
    return b"".join(kept)


def signed_at(png: bytes) -> dt.datetime | None:
    """When the signature in this PNG was given (naive UTC), if it says."""
    text = png_text(png).get(SIGNED_AT_KEY, "")
    try:
        return dt.datetime.fromisoformat(text.removesuffix("Z")).replace(tzinfo=None)
    except ValueError:
        return None


# --- together ----------------------------------------------------------------------------
def facts_of(content: bytes, mime: str) -> AttachmentFacts:
    if mime == "application/pdf" or content.startswith(b"%PDF"):
        return AttachmentFacts(pdf_pages(content))
    if content.startswith(PNG_MAGIC):
        return AttachmentFacts(image_pages(content), signed_at(content))
    if mime.startswith("image/"):
        return AttachmentFacts(image_pages(content))
    return AttachmentFacts()


def read_facts(
    source: AttachmentSource, app_id: str, attachments: Iterable[Stored]
) -> dict[int, AttachmentFacts]:
    """Runs in a worker: the facts of each attachment, from its decrypted bytes."""
    return {a.id: facts_of(source.attachment_bytes(app_id, a.id), a.mime) for a in attachments}
