"""Status-return files (``*.kreturn``): what the hub says about a village's cases, carried back
on a USB stick by the township. Signed by the hub, so the village trusts the hub, not the stick.

Layout: ``MAGIC | u32 len | JSON body | Ed25519 signature over MAGIC + len + body``.
The body lists per-application results (case number, query code, or refusal) and the ordered
change-feed events of that village; applying it is idempotent, exactly like an online sync.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.protocol import envelope
from kiosk.protocol.atomic import atomic_write_bytes
from kiosk.protocol.files.batch import BatchRefused

MAGIC = b"KIOSKRETURN1\n"


@dataclass(frozen=True)
class StatusReturn:
    station_code: str
    created: str
    # {client_id, outcome, case_no, query_code_sealed, errors}: query codes sealed to the
    # village's device key (kiosk/sync/sealed_codes.py) with the ephemeral key ``sealed_by``
    results: list[dict[str, Any]]
    events: list[dict[str, Any]]  # {seq, client_id, case_no, stage, note, at}
    ratings: list[str] = field(default_factory=list)  # ids of the 好差评 the hub holds
    sealed_by: str = ""
    groups: list[dict[str, Any]] = field(default_factory=list)  # 一件事: {group_id, group_no}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "station_code": self.station_code,
            "created": self.created,
            "results": self.results,
            "events": self.events,
            "sealed_by": self.sealed_by,
        }
        if self.ratings:
            out["ratings"] = self.ratings
        if self.groups:
            out["groups"] = self.groups
        return out


def _body(body: dict[str, Any]) -> StatusReturn:
    ratings = body.get("ratings", [])
    return StatusReturn(
        body["station_code"],
        body["created"],
        body["results"],
        body["events"],
        [str(r) for r in ratings] if isinstance(ratings, list) else [],
        str(body.get("sealed_by") or ""),
        [dict(g) for g in body.get("groups") or [] if isinstance(g, dict)],
    )


def sign_return(body: StatusReturn, key: Ed25519PrivateKey) -> bytes:
    raw = json.dumps(body.to_json(), ensure_ascii=False).encode()
    signed = envelope.frame(MAGIC, raw)
    return signed + envelope.sign_raw(key, signed)


def write_return(path: Path, data: bytes) -> None:
    atomic_write_bytes(path, data, mode=0o644)


def parse_unverified(data: bytes) -> StatusReturn:
    """The body as the hub wrote it, for a township's dashboard (it just fetched it from the
    hub over TLS); a village always uses :func:`read_return`, which checks the signature."""
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    body = json.loads(data[len(MAGIC) + 4 : len(MAGIC) + 4 + length])
    return _body(body)


def read_return(data: bytes, hub_key: Ed25519PublicKey, station_code: str) -> StatusReturn:
    def refused(zh: str, en: str) -> BatchRefused:
        return BatchRefused(zh + "本次导入未做任何更改。", en)

    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4 + 64:
        raise refused("这不是状态回传文件，或文件不完整。", "not a status-return file")
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    end = len(MAGIC) + 4 + length
    if len(data) != end + 64:
        raise refused("状态回传文件不完整或被改动。", "status-return length mismatch")
    if not envelope.verify_raw(hub_key, data[end:], data[:end]):
        raise refused(
            "状态回传文件校验失败：不是省级平台签发的，或已被改动。",
            "status-return signature invalid",
        )
    body = json.loads(data[len(MAGIC) + 4 : end])
    if body["station_code"] != station_code:
        raise refused(
            f"这份回传文件属于代办点 {body['station_code']}，不是本站点的。",
            "status-return for another station",
        )
    return _body(body)
