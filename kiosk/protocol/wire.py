"""Wire-level pieces of the sync protocol shared by the station and the reference hub.

docs/protocol.md is the full text; the hub serves the OpenAPI document at /openapi.json.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, Literal, get_args

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


class Outcome(StrEnum):
    """Per-item outcome of a batch submission (docs/protocol.md §4.3)."""

    CREATED = "created"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    MISSING_BLOBS = "missing_blobs"


CREATED = Outcome.CREATED.value
DUPLICATE = Outcome.DUPLICATE.value
CONFLICT = Outcome.CONFLICT.value
REJECTED = Outcome.REJECTED.value
MISSING_BLOBS = Outcome.MISSING_BLOBS.value
OUTCOMES: tuple[str, ...] = tuple(o.value for o in Outcome)
# An answer the station records (``missing_blobs`` sends attachments first, then again).
FINAL_OUTCOMES: tuple[str, ...] = (CREATED, DUPLICATE, CONFLICT, REJECTED)

# 好差评 levels, best first, and the three dimensions of 一次一评.
Level = Literal["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
EVALUATION_LEVELS: tuple[str, ...] = get_args(Level)
Dimension = Literal["服务效率", "服务水平", "服务态度"]

# Problem types (RFC 9457 ``type``) the kiosk acts on.
PROBLEM_TOKEN_REVOKED = "/problems/token-revoked"
PROBLEM_UPLOAD_OFFSET = "/problems/upload-offset"
PROBLEM_HASH_MISMATCH = "/problems/blob-hash-mismatch"
PROBLEM_CASE_NOT_FOUND = "/problems/case-not-found"
# 一件事 (POST /v1/groups): a member refused by the form check refuses the whole group;
# the same group id (or a member id) already stands for other content
PROBLEM_GROUP_MEMBER_REFUSED = "/problems/group-member-refused"
PROBLEM_GROUP_CONFLICT = "/problems/group-conflict"


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
