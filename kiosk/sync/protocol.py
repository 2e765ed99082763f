"""Wire-level pieces of the sync protocol shared by the kiosk and the reference hub."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

API_PREFIX = "/v1"

# Per-item outcomes of a batch submission (DESIGN.md §7).
CREATED = "created"
DUPLICATE = "duplicate"
CONFLICT = "conflict"
REJECTED = "rejected"
MISSING_BLOBS = "missing_blobs"
OUTCOMES = (CREATED, DUPLICATE, CONFLICT, REJECTED, MISSING_BLOBS)


def content_hash(
    item_code: str, form_version: int, payload: Mapping[str, Any], blobs: Sequence[str]
) -> str:
    """Hash of what a submission says, independent of key order: same content, same hash."""
    canonical = json.dumps(
        {
            "item_code": item_code,
            "form_version": form_version,
            "payload": payload,
            "blobs": sorted(blobs),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
