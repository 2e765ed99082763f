"""Removable-media batches relayed by a township (docs/design.md §8).

A village with no network exports its queue to a ``.kbatch`` file: personal data encrypted
to the hub's X25519 key, the whole file signed by the village station's Ed25519 device key.
The township cannot read it; it posts the file here. The hub checks that the township
serves that village (same 9-digit township prefix), verifies the village's signature,
decrypts, stores the attachments and submits the applications through the ordinary,
idempotent submission path, as if the village had sent them itself.

Back the other way, the hub writes a status-return file per village (results of relayed
applications, case numbers, query codes and the village's change feed), signed with the
hub's Ed25519 key, which the village checks against the key it pinned at enrolment.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hub.blobs import BlobService
from hub.db import HubDatabase
from hub.errors import HubError
from hub.evaluations import EvaluationService
from hub.feed import Feed
from hub.groups import GroupService
from hub.models import Case, Device, Group, HubKey, RelayBatch, RelayResult
from hub.relay_groups import read_groups, relay_group
from hub.relay_ratings import held_rating_ids, relay_ratings
from hub.submissions import SubmissionItem, SubmissionService
from kiosk.protocol.clock import utcnow
from kiosk.protocol.files.batch import (
    BatchRefused,
    open_batch,
    raw_public,
    read_manifest,
    verify_batch,
)
from kiosk.protocol.files.query_codes import seal
from kiosk.protocol.files.status_return import StatusReturn, sign_return

log = logging.getLogger(__name__)

SUBMIT_CHUNK = 100  # applications per submission transaction while relaying


def is_township(station_code: str) -> bool:
    """A township centre's station code has no village part (its last three digits are 000)."""
    return station_code.endswith("000")


def _raw_private(key: X25519PrivateKey | Ed25519PrivateKey) -> str:
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode("ascii")


class HubKeys:
    """The hub's key pairs, kept in its database and created the first time they are needed."""

    def __init__(self, db: HubDatabase) -> None:
        self.db = db
        self._box: X25519PrivateKey | None = None
        self._sign: Ed25519PrivateKey | None = None

    def _load(self, name: str, generate: Callable[[], X25519PrivateKey | Ed25519PrivateKey]) -> str:
        with self.db.session() as s:
            row = s.get(HubKey, name)
            if row is not None:
                return row.private_key
        try:
            with self.db.session() as s:
                s.add(HubKey(name=name, private_key=_raw_private(generate())))
        except IntegrityError:
            pass  # another hub process created it first: use theirs
        with self.db.session() as s:
            row = s.get(HubKey, name)
            assert row is not None
            return row.private_key

    def box(self) -> X25519PrivateKey:
        if self._box is None:
            raw = base64.b64decode(self._load("box", X25519PrivateKey.generate))
            self._box = X25519PrivateKey.from_private_bytes(raw)
        return self._box

    def sign(self) -> Ed25519PrivateKey:
        if self._sign is None:
            raw = base64.b64decode(self._load("sign", Ed25519PrivateKey.generate))
            self._sign = Ed25519PrivateKey.from_private_bytes(raw)
        return self._sign

    def public(self) -> dict[str, str]:
        return {
            "box_key": raw_public(self.box().public_key()),
            "sign_key": raw_public(self.sign().public_key()),
        }


def _refused(exc: BatchRefused) -> HubError:
    return HubError(422, exc.zh, exc.en, "batch-refused")


class RelayService:
    def __init__(
        self,
        db: HubDatabase,
        keys: HubKeys,
        submissions: SubmissionService,
        blobs: BlobService,
        feed: Feed,
    ) -> None:
        self.db = db
        self.keys = keys
        self.submissions = submissions
        self.blobs = blobs
        self.feed = feed
        self.evaluations: EvaluationService | None = None  # ratings carried along (wired later)
        self.groups: GroupService | None = None  # 一件事 carried whole (wired later)

    @staticmethod
    def check_serves(township: str, village: str) -> None:
        if not is_township(township):
            raise HubError(
                403,
                "只有乡镇便民服务中心的站点可以转报代办点批次。",
                f"station {township} is not a township centre",
                "not-township",
            )
        if village[:9] != township[:9] or village == township:
            raise HubError(
                403,
                f"代办点 {village} 不属于本乡镇（{township[:9]}），不能代为转报。",
                f"station {village} is not in township {township[:9]}",
                "not-your-village",
            )

    def villages(self, township: str) -> list[dict[str, Any]]:
        """The township's village stations and the keys their batches are signed with."""
        self.check_serves(township, township[:9] + "001")
        with self.db.session() as s:
            rows = s.execute(
                select(Device.station_code, Device.sign_key)
                .where(
                    Device.station_code.startswith(township[:9]),
                    Device.station_code != township,
                    Device.revoked_at.is_(None),
                    Device.sign_key.is_not(None),
                )
                .order_by(Device.station_code, Device.created_at)
            ).all()
        keys: dict[str, list[str]] = {}
        for code, key in rows:
            if key:
                keys.setdefault(code, []).append(key)
        # the newest device's key first: that is the one a village signs with today
        return [
            {"code": code, "device_key": ks[-1], "device_keys": ks[::-1]}
            for code, ks in sorted(keys.items())
        ]

    def _village_keys(self, station: str) -> list[Ed25519PublicKey]:
        with self.db.session() as s:
            keys = s.scalars(
                select(Device.sign_key).where(
                    Device.station_code == station,
                    Device.revoked_at.is_(None),
                    Device.sign_key.is_not(None),
                )
            ).all()
        return [Ed25519PublicKey.from_public_bytes(base64.b64decode(k)) for k in keys if k]

    def relay_file(self, township: str, path: Path) -> list[dict[str, Any]]:
        """Verify, decrypt and submit one village batch. Idempotent: relaying the same file
        again answers ``duplicate`` for every application and changes nothing."""
        try:
            manifest = read_manifest(path)
        except BatchRefused as exc:
            raise _refused(exc) from exc
        if manifest.kind != "applications":
            raise HubError(422, "这不是代办点申请批次。", "not an applications batch")
        village = manifest.station_code
        self.check_serves(township, village)
        key = None
        for candidate in self._village_keys(village):
            try:
                verify_batch(path, candidate)
                key = candidate
                break
            except BatchRefused:
                continue
        if key is None:
            raise HubError(
                422,
                f"批次文件无法用代办点 {village} 的设备密钥核验：文件被改动、不完整，"
                "或该代办点已重新注册。请让代办点重新导出。",
                f"batch of {village} does not verify with any of its device keys",
                "batch-refused",
            )
        # one application (with its attachments) in memory at a time: blobs are stored as
        # they come, before the submissions that cite them, as an online station sends them
        items: list[SubmissionItem] = []
        try:
            for item in open_batch(path, self.keys.box(), key):
                for sha, data in item.blobs.items():
                    if not self.blobs.state(village, sha).complete:
                        self.blobs.put(village, sha, data, None, None)
                items.append(
                    SubmissionItem(
                        item.client_id,
                        item.item_code,
                        item.form_version,
                        item.payload,
                        sorted(item.blobs),
                        item.revision,
                    )
                )
        except BatchRefused as exc:
            raise _refused(exc) from exc
        # 一件事 go whole (each in its own transaction), the others as before
        carried = read_groups(manifest.groups)
        by_id = {i.client_id: i for i in items}
        members = {g.group_id: [by_id[c] for c in g.members if c in by_id] for g in carried}
        grouped = {m.client_id for ms in members.values() for m in ms}
        singles = [i for i in items if i.client_id not in grouped]
        results: list[dict[str, Any]] = []
        for start in range(0, len(singles), SUBMIT_CHUNK):
            results += self.submissions.submit(village, singles[start : start + SUBMIT_CHUNK])
        for group in carried:
            if members[group.group_id] and self.groups is not None:
                results += relay_group(self.groups, village, group, members[group.group_id])
        self._record(township, manifest.batch_id, manifest.sequence, village, results)
        if manifest.ratings and self.evaluations is not None:
            counts = relay_ratings(self.evaluations, self.keys.box(), village, manifest.ratings)
            log.info("batch %s: ratings %s", manifest.batch_id, counts)
        return results

    def _record(
        self,
        township: str,
        batch_id: str,
        sequence: int,
        village: str,
        results: list[dict[str, Any]],
    ) -> None:
        now = utcnow()

        def write(s: Any) -> None:
            if s.get(RelayBatch, batch_id) is None:
                s.add(
                    RelayBatch(
                        batch_id=batch_id,
                        station_code=village,
                        sequence=sequence,
                        relayed_by=township,
                        count=len(results),
                        at=now,
                    )
                )
            for r in results:
                row = s.get(RelayResult, (village, r["client_id"]))
                if row is None:
                    row = RelayResult(station_code=village, client_id=r["client_id"])
                    s.add(row)
                elif r["outcome"] == "duplicate" and row.outcome == "created":
                    continue  # keep the first answer; a replay changes nothing
                row.batch_id, row.relayed_by, row.at = batch_id, township, now
                row.outcome = str(r["outcome"])
                row.errors = r.get("errors") or (
                    {"missing": r["missing"]} if r.get("missing") else None
                )

        self.db.retrying(write)

    def _village_key(self, village: str) -> str | None:
        with self.db.session() as s:
            return _village_key_of(s, village)

    def status_return(self, township: str, village: str) -> bytes:
        """The hub-signed status-return file for one village of the township."""
        self.check_serves(township, village)
        with self.db.session() as s:
            cases = {
                c.client_id: c for c in s.scalars(select(Case).where(Case.station_code == village))
            }
            relayed = list(
                s.scalars(select(RelayResult).where(RelayResult.station_code == village))
            )
        results: list[dict[str, Any]] = []
        answered = set()
        for r in relayed:
            case = cases.get(r.client_id)
            if r.outcome in ("created", "duplicate") and case is not None:
                results.append(_case_result(case))
            else:
                results.append({"client_id": r.client_id, "outcome": r.outcome, "errors": r.errors})
            answered.add(r.client_id)
        # cases the village sent online meanwhile: harmless (only unconfirmed rows change)
        results += [_case_result(c) for cid, c in cases.items() if cid not in answered]
        events: list[dict[str, Any]] = []
        cursor = 0
        while True:
            page = self.feed.changes(village, cursor, 1000)
            if not page:
                break
            events += page
            cursor = int(page[-1]["seq"])
        sealed_by, results = seal(results, self._village_key(village))  # no codes in clear
        with self.db.session() as s:
            groups = [
                {"group_id": g.group_id, "group_no": g.group_no}
                for g in s.scalars(
                    select(Group).where(Group.station_code == village).order_by(Group.id)
                )
            ]
        body = StatusReturn(
            village,
            utcnow().isoformat(timespec="seconds"),
            results,
            events,
            held_rating_ids(self.db, village),
            sealed_by,
            groups,
        )
        return sign_return(body, self.keys.sign())


def _village_key_of(s: Any, village: str) -> str | None:
    """The newest active device's Ed25519 key of ``village`` (what its batches are signed with)."""
    device = s.scalar(
        select(Device)
        .where(
            Device.station_code == village,
            Device.revoked_at.is_(None),
            Device.sign_key.is_not(None),
        )
        .order_by(Device.created_at.desc())
        .limit(1)
    )
    return device.sign_key if device is not None else None


def _case_result(case: Case) -> dict[str, Any]:
    return {
        "client_id": case.client_id,
        "outcome": "created",
        "case_no": case.case_no,
        "query_code": case.query_code,
    }
