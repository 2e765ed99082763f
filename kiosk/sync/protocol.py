"""Wire-level pieces of the sync protocol shared by the kiosk and the reference hub.

docs/protocol.md is the full text; the hub serves the OpenAPI document at /openapi.json.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

API_PREFIX = "/v1"

# A case's query code (printed on the receipt, typed at the terminal): 8 characters from an
# alphabet with no look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), about 2*10^11 codes. Codes of
# cases filed before are 6 digits and still accepted.
QUERY_CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
QUERY_CODE_LENGTH = 8


def new_query_code() -> str:
    import secrets

    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


# Every answer of the hub carries this header; an answer without it came from something
# else on the way (a captive portal, a proxy) and proves nothing.
PROTOCOL_HEADER = "Kiosk-Hub-Protocol"
PROTOCOL_VERSION = 1
SERVICE_NAME = "village-kiosk-hub"

# Per-item outcomes of a batch submission (docs/design.md §7).
CREATED = "created"
DUPLICATE = "duplicate"
CONFLICT = "conflict"
REJECTED = "rejected"
MISSING_BLOBS = "missing_blobs"
OUTCOMES = (CREATED, DUPLICATE, CONFLICT, REJECTED, MISSING_BLOBS)

# 好差评 levels, best first.
EVALUATION_LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")

# Problem types (RFC 9457 ``type``) the kiosk acts on.
PROBLEM_TOKEN_REVOKED = "/problems/token-revoked"
PROBLEM_UPLOAD_OFFSET = "/problems/upload-offset"
PROBLEM_HASH_MISMATCH = "/problems/blob-hash-mismatch"
PROBLEM_CASE_NOT_FOUND = "/problems/case-not-found"


def content_hash(
    item_code: str, form_version: int, payload: Mapping[str, Any], blobs: Sequence[str]
) -> str:
    """Hash of what a submission says, independent of key order: same content, same hash."""
    canonical = json.dumps(
        {
            "item_code": item_code,
            "form_version": form_version,
            "payload": payload,
            "blobs": sorted(set(blobs)),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
