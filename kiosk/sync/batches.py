"""Removable-media batches: a village exports its queue to USB; the township imports, relays
upstream and brings back the hub's answers (DESIGN.md §8)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.device_keys import ed25519_public, x25519_public
from kiosk.core.errors import InputError
from kiosk.core.status import AppStatus
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.store.models import Application, BatchImport, RelayItem, Station, SyncState, Village
from kiosk.sync.apply import apply_change, apply_result
from kiosk.sync.batch_file import (
    BatchItem,
    BatchManifest,
    BatchRefused,
    read_manifest,
    verify_batch,
    write_batch,
)
from kiosk.sync.return_file import read_return

log = logging.getLogger(__name__)
UNCONFIRMED = (AppStatus.QUEUED.value, AppStatus.SENDING.value)
RETURN_CURSOR = "return_cursor"
USB_ACTOR = "U盘回传"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class HandoverRow:
    """One line of the 交接清单: which case, and which paper travels with it."""

    reference: str
    item_name: str
    materials: list[str]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: BatchManifest
    handover: list[HandoverRow]


@dataclass(frozen=True)
class ReturnResult:
    results_applied: int
    status_updates: int


def _station(db: Database) -> Station:
    with db.read() as s:
        row: Station | None = s.scalar(select(Station))
    if row is None:
        raise InputError("本站点尚未配置，请技术员先完成站点配置。", "station not provisioned")
    return row


class VillageBatches:
    def __init__(
        self,
        db: Database,
        cipher: DataCipher,
        blobs: BlobStore,
        audit_log: AuditLog,
        signing_key: Callable[[], Any],
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._blobs = blobs
        self._audit = audit_log
        self._signing_key = signing_key

    def export(self, out_dir: Path, actor: str, progress: Progress | None = None) -> ExportResult:
        """Every queued application not yet confirmed by the hub, into one signed file."""
        station = _station(self._db)
        if not station.hub_box_key:
            raise InputError(
                "本站点缺少省级平台的加密公钥（联网注册时获得），无法导出批次。"
                "请技术员重新注册本站点。",
                "no hub encryption key on record",
            )
        with self._db.read() as s:
            rows = list(
                s.scalars(
                    select(Application)
                    .options(selectinload(Application.attachments))
                    .where(Application.status.in_(UNCONFIRMED))
                    .order_by(Application.queued_at)
                )
            )
        if not rows:
            raise InputError("没有需要导出的申请：所有申请都已报送。", "nothing to export")
        items, handover = [], []
        for app in rows:
            payload = json.loads(self._cipher.decrypt(app.payload_enc, app.id.encode()))
            blobs = {a.sha256: self._blobs.get(a.sha256) for a in app.attachments}
            items.append(
                BatchItem(
                    app.id,
                    app.item_code,
                    app.item_name,
                    app.form_version,
                    app.revision,
                    payload,
                    blobs,
                )
            )
            handover.append(
                HandoverRow(
                    app.case_no or "L-" + app.id.replace("-", "")[:10].upper(),
                    app.item_name,
                    sorted(
                        {a.material for a in app.attachments if a.material and a.material != "签名"}
                    ),
                )
            )
        sequence = station.batch_sequence + 1
        name = f"{station.code}-{sequence:05d}-{dt.date.today():%Y%m%d}.kbatch"
        manifest = write_batch(
            out_dir / name,
            station_code=station.code,
            sequence=sequence,
            items=items,
            signing_key=self._signing_key(),
            hub_key=x25519_public(station.hub_box_key),
            progress=progress,
        )
        now = utcnow()
        with self._db.write() as s:
            s.get(Station, station.id).batch_sequence = sequence  # type: ignore[union-attr]
            for app in s.scalars(
                select(Application).where(Application.id.in_([i.client_id for i in items]))
            ):
                app.exported_batch, app.exported_at = manifest.batch_id, now
            self._audit.record(
                s,
                actor,
                audit.EXPORT,
                manifest.batch_id,
                f"{manifest.count} applications, sequence {sequence}",
            )
        log.info("batch %s exported: %d applications", manifest.batch_id, manifest.count)
        return ExportResult(out_dir / name, manifest, handover)

    def import_return(self, path: Path, actor: str) -> ReturnResult:
        """Apply a hub-signed status-return file exactly as an online sync would."""
        station = _station(self._db)
        if not station.hub_sign_key:
            raise InputError(
                "本站点缺少省级平台的签名公钥，无法核验回传文件。请技术员重新注册。",
                "no hub signing key on record",
            )
        body = read_return(path.read_bytes(), ed25519_public(station.hub_sign_key), station.code)
        applied = updates = 0
        with self._db.write() as s:
            for result in body.results:
                row = s.get(Application, result.get("client_id"))
                if row is not None and apply_result(s, row, result, USB_ACTOR) != "unchanged":
                    applied += 1
            state = s.get(SyncState, RETURN_CURSOR)
            cursor = int(state.value) if state else 0
            for ev in sorted(body.events, key=lambda e: int(e["seq"])):
                if int(ev["seq"]) > cursor:
                    updates += apply_change(s, ev)
                    cursor = int(ev["seq"])
            if state is None:
                s.add(SyncState(key=RETURN_CURSOR, value=str(cursor)))
            else:
                state.value = str(cursor)
            self._audit.record(
                s,
                actor,
                audit.SYNC_RESULT,
                path.name,
                f"usb return: {applied} results, {updates} changes",
            )
        return ReturnResult(applied, updates)


class RelayClient(Protocol):
    def relay_batch(self, data: bytes) -> list[dict[str, Any]]: ...
    def village_keys(self) -> list[dict[str, Any]]: ...
    def status_return(self, station_code: str) -> bytes: ...


@dataclass(frozen=True)
class VillageStatus:
    code: str
    name: str
    last_contact_at: dt.datetime | None
    last_contact_via: str | None
    waiting: int  # imported, not yet accepted by the hub
    oldest_waiting: dt.datetime | None
    by_status: dict[str, int]
    overdue: int


class TownshipRelay:
    def __init__(self, db: Database, data_dir: Path, audit_log: AuditLog) -> None:
        self._db = db
        self._dir = data_dir / "batches"
        self._audit = audit_log

    def _township(self) -> Station:
        station = _station(self._db)
        if station.role != "township":
            raise InputError("只有乡镇站点可以导入代办点批次。", "not a township station")
        return station

    def refresh_villages(self, client: RelayClient) -> int:
        """Village list and their public keys, from the hub (needs the network)."""
        rows = client.village_keys()
        with self._db.write() as s:
            for v in rows:
                village = s.get(Village, v["code"]) or Village(code=v["code"])
                village.name = v.get("name", village.name or "")
                village.device_key = v.get("device_key") or village.device_key
                s.add(village)
        return len(rows)

    def import_batch(self, path: Path, actor: str) -> tuple[BatchManifest, bool]:
        """Verify and keep a village's batch for relaying. Returns (manifest, newly imported)."""
        township = self._township()
        try:
            manifest = read_manifest(path)
        except OSError as exc:
            raise BatchRefused(
                "无法读取批次文件，请检查U盘。", f"cannot read batch: {exc}"
            ) from exc
        code = manifest.station_code
        if code[:9] != township.code[:9] or code == township.code:
            raise BatchRefused(
                f"批次来自代办点 {code}，不属于本乡镇（{township.code[:9]}）。"
                "本次导入未做任何更改。",
                "batch from a station of another township",
            )
        with self._db.read() as s:
            village = s.get(Village, code)
            known = s.get(BatchImport, manifest.batch_id)
        if village is None or not village.device_key:
            raise BatchRefused(
                f"本站点还没有代办点 {code} 的公钥，无法核验批次。请先联网同步一次，"
                "再导入。本次导入未做任何更改。",
                "unknown village key",
            )
        verify_batch(path, ed25519_public(village.device_key))
        if known is not None:
            return manifest, False  # the same file again: nothing to do
        if manifest.sequence <= village.last_sequence:
            raise BatchRefused(
                f"这是代办点 {code} 的旧批次（第 {manifest.sequence} 批，"
                f"已导入到第 {village.last_sequence} 批）。本次导入未做任何更改。",
                "replayed older batch",
            )
        self._dir.mkdir(parents=True, exist_ok=True)
        kept = self._dir / f"{manifest.batch_id}.kbatch"
        shutil.copyfile(path, kept)
        verify_batch(kept, ed25519_public(village.device_key))  # the copy, too
        now = utcnow()
        with self._db.write() as s:
            s.add(
                BatchImport(
                    batch_id=manifest.batch_id,
                    station_code=code,
                    sequence=manifest.sequence,
                    count=manifest.count,
                    bytes=manifest.bytes,
                    file_name=kept.name,
                    imported_by=actor,
                )
            )
            s.flush()
            for item in manifest.items:
                row = s.get(RelayItem, item["client_id"]) or RelayItem(
                    client_id=item["client_id"], station_code=code, queued_at=now
                )
                row.batch_id, row.item_code = manifest.batch_id, item["item_code"]
                row.item_name = item.get("item_name", "")
                row.updated_at = now
                s.add(row)
            v = s.get(Village, code)
            assert v is not None
            v.last_sequence = manifest.sequence
            v.last_contact_at, v.last_contact_via = now, "usb"
            self._audit.record(
                s,
                actor,
                audit.EXPORT,
                manifest.batch_id,
                f"imported batch of {code}: {manifest.count}",
            )
        return manifest, True

    def relay(self, client: RelayClient) -> int:
        """Send every imported, not yet relayed batch upstream; record each item's answer."""
        with self._db.read() as s:
            pending = list(
                s.scalars(
                    select(BatchImport)
                    .where(BatchImport.relayed_at.is_(None))
                    .order_by(BatchImport.imported_at)
                )
            )
        relayed = 0
        for batch in pending:
            results = client.relay_batch((self._dir / batch.file_name).read_bytes())
            now = utcnow()
            with self._db.write() as s:
                for r in results:
                    row = s.get(RelayItem, r.get("client_id"))
                    if row is None:
                        continue
                    outcome = r.get("outcome")
                    row.status = {
                        "created": "submitted",
                        "duplicate": "submitted",
                        "conflict": "conflict",
                        "rejected": "quarantined",
                    }.get(str(outcome), "queued")
                    row.case_no = r.get("case_no") or row.case_no
                    row.last_error = (
                        json.dumps(r.get("errors"), ensure_ascii=False) if r.get("errors") else None
                    )
                    row.updated_at = now
                b = s.get(BatchImport, batch.batch_id)
                assert b is not None
                b.relayed_at = now
            relayed += 1
        return relayed

    def export_returns(self, client: RelayClient, out_dir: Path) -> list[Path]:
        """A hub-signed status-return file per village that has relayed cases."""
        with self._db.read() as s:
            codes = list(s.scalars(select(RelayItem.station_code).distinct()))
        out = []
        for code in codes:
            data = client.status_return(code)
            path = out_dir / f"{code}-{dt.date.today():%Y%m%d}.kreturn"
            from kiosk.sync.return_file import write_return

            write_return(path, data)
            out.append(path)
        return out

    def villages(self) -> list[VillageStatus]:
        with self._db.read() as s:
            villages = list(s.scalars(select(Village).order_by(Village.code)))
            out = []
            for v in villages:
                counts = dict(
                    s.execute(
                        select(RelayItem.status, func.count())
                        .where(RelayItem.station_code == v.code)
                        .group_by(RelayItem.status)
                    ).all()
                )
                oldest = s.scalar(
                    select(func.min(RelayItem.queued_at)).where(
                        RelayItem.station_code == v.code, RelayItem.status == "queued"
                    )
                )
                out.append(
                    VillageStatus(
                        v.code,
                        v.name,
                        v.last_contact_at,
                        v.last_contact_via,
                        counts.get("queued", 0),
                        oldest,
                        counts,
                        0,
                    )
                )
            return out
