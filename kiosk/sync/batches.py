"""Removable-media batches at a village station (docs/design.md §8): export the queue to a USB
stick for the township to relay, and import the hub-signed status-return file it brings back.

Exported applications stay ``queued`` (the hub has not confirmed them) but carry the batch
id, so the online outbox holds them back for :data:`EXPORT_HOLD` rather than sending the
same applications twice; after that they go online too, which the hub's idempotency makes
harmless. Importing a return applies the hub's answers with the same code as an online
sync (``kiosk.sync.answers``) and the same change-feed cursor, so the two paths can mix.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import literal_column, select
from sqlalchemy.orm import selectinload

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.changes import ANY_APPLICATION, NOTHING, Changes
from kiosk.core.crypto import DataCipher
from kiosk.core.device_keys import ed25519_public, x25519_public
from kiosk.core.status import AppStatus
from kiosk.protocol.clock import utcnow
from kiosk.protocol.errors import InputError
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.store.group_models import ApplicationGroup
from kiosk.store.models import Application, Station
from kiosk.sync import answers, state
from kiosk.sync.batch_file import BatchItem, BatchManifest, write_batch
from kiosk.sync.group_outbox import carried_groups
from kiosk.sync.group_pending import PendingOf, pending_fields
from kiosk.sync.outbox import EXPORT_HOLD
from kiosk.sync.rating_outbox import RatingOutbox, sealed_ratings
from kiosk.sync.return_file import read_return
from kiosk.sync.sealed_codes import open_sealed

log = logging.getLogger(__name__)
UNCONFIRMED = (AppStatus.QUEUED.value, AppStatus.SENDING.value)
USB_ACTOR = "U盘回传"
__all__ = ["EXPORT_HOLD", "ExportResult", "ReturnResult", "VillageBatches"]

Progress = Callable[[int, int], None]
PaperOf = Callable[[str], list[dict[str, Any]]]  # application id -> paper materials


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: BatchManifest
    app_ids: list[str]


@dataclass(frozen=True)
class ReturnResult:
    results_applied: int
    status_updates: int

    @property
    def changes(self) -> Changes:
        """Case numbers and statuses of (any) applications; nothing for a file read before."""
        return ANY_APPLICATION if self.results_applied or self.status_updates else NOTHING


def local_reference(app_id: str) -> str:
    """The reference printed on a local receipt before the hub gives a case number."""
    return "L-" + app_id.replace("-", "")[:10].upper()


def load_station(db: Database) -> Station:
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
        ratings: RatingOutbox | None = None,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._blobs = blobs
        self._audit = audit_log
        self._signing_key = signing_key
        self._ratings = ratings  # 好差评 ride along, sealed to the hub
        self.pending_of: PendingOf | None = None  # 一件事 (set by the composition root)

    def pending(self) -> tuple[int, int]:
        """(applications, attachment bytes) an export would carry now."""
        with self._db.read() as s:
            rows = list(
                s.scalars(
                    select(Application)
                    .options(selectinload(Application.attachments))
                    .where(Application.status.in_(UNCONFIRMED))
                )
            )
            rows, _groups = carried_groups(s, rows)  # a 一件事 being fixed stays home
        return len(rows), sum(a.size for r in rows for a in r.attachments)

    def already_exported(self) -> int:
        """Of :meth:`pending`, how many are already on a stick, waiting for the township's
        return file (exporting again is harmless: the hub answers "duplicate")."""
        with self._db.read() as s:
            rows = s.scalars(
                select(Application.id).where(
                    Application.status.in_(UNCONFIRMED), Application.exported_batch.is_not(None)
                )
            )
            return len(list(rows))

    def export(
        self,
        out_dir: Path,
        actor: str,
        progress: Progress | None = None,
        paper_of: PaperOf | None = None,
    ) -> ExportResult:
        """Every application not yet confirmed by the hub, into one signed, encrypted file."""
        station = load_station(self._db)
        if not station.hub_box_key:
            raise InputError(
                "本站点缺少省级平台的加密公钥（联网注册时获得），无法导出批次。"
                "请技术员重新注册本站点。",
                "no hub encryption key on record",
            )
        if not out_dir.is_dir():
            raise InputError(
                f"找不到文件夹 {out_dir}，请检查U盘是否插好。", f"no such folder {out_dir}"
            )
        with self._db.read() as s:
            rows = list(
                s.scalars(
                    select(Application)
                    .options(selectinload(Application.attachments))
                    .where(Application.status.in_(UNCONFIRMED))
                    .order_by(Application.queued_at, literal_column("application.rowid"))
                )
            )
        ratings = (
            sealed_ratings(self._ratings, x25519_public(station.hub_box_key), station.code)
            if self._ratings is not None
            else []
        )
        with self._db.read() as s:
            rows, groups = carried_groups(s, rows)  # 一件事 go whole, or wait whole
        if not rows and not ratings:
            raise InputError("没有需要导出的申请：所有申请都已报送。", "nothing to export")
        items = [self._batch_item(app, paper_of) for app in rows]
        payloads = {i.client_id: (i.client_id, i.item_code, i.payload) for i in items}
        for g in groups:  # fields the department fills in from an earlier member's result
            waiting = pending_fields(
                g["bundle_code"], [payloads[c] for c in g["members"]], self.pending_of
            )
            if waiting:
                g["pending"] = waiting
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
            read_blob=self._blobs.get,  # one attachment in memory at a time
            ratings=ratings,
            groups=groups,
        )
        now = utcnow()
        ids = [i.client_id for i in items]
        with self._db.write() as s:
            row = s.get(Station, station.id)
            assert row is not None
            row.batch_sequence = sequence
            for app in s.scalars(select(Application).where(Application.id.in_(ids))):
                app.exported_batch, app.exported_at = manifest.batch_id, now
            self._audit.record(
                s,
                actor,
                audit.EXPORT,
                manifest.batch_id,
                f"{manifest.count} applications and {len(ratings)} ratings to {name}, "
                f"sequence {sequence}",
            )
        log.info("batch %s exported: %d applications", manifest.batch_id, manifest.count)
        return ExportResult(out_dir / name, manifest, ids)

    def _batch_item(self, app: Application, paper_of: PaperOf | None) -> BatchItem:
        payload = json.loads(self._cipher.decrypt(app.payload_enc, app.id.encode()))
        return BatchItem(
            app.id,
            app.item_code,
            app.item_name,
            app.form_version,
            app.revision,
            payload,
            reference=app.case_no or local_reference(app.id),
            materials=paper_of(app.id) if paper_of else [],
            queued_at=(app.queued_at or app.created_at).isoformat(timespec="seconds"),
            blob_sizes={a.sha256: a.size for a in app.attachments},
        )

    def import_return(self, path: Path, actor: str) -> ReturnResult:
        """Apply a hub-signed status-return file exactly as an online sync would."""
        station = load_station(self._db)
        if not station.hub_sign_key:
            raise InputError(
                "本站点缺少省级平台的签名公钥，无法核验回传文件。请技术员重新注册。",
                "no hub signing key on record",
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(
                "无法读取回传文件，请检查U盘。", f"cannot read return file: {exc}"
            ) from exc
        body = read_return(data, ed25519_public(station.hub_sign_key), station.code)
        results = open_sealed(body.results, body.sealed_by, self._signing_key())
        if self._ratings is not None:
            self._ratings.confirm(body.ratings)  # the hub holds these: stop carrying them
        applied = updates = 0
        with self._db.write() as s:
            for result in results:
                row = s.get(Application, result.get("client_id"))
                if row is None:
                    continue
                outcome = answers.apply_answer(s, row, result, USB_ACTOR, carried=True)
                applied += outcome != answers.UNCHANGED
            for carried in body.groups:  # 一件事 the hub created: its number
                group = s.get(ApplicationGroup, str(carried.get("group_id")))
                if group is not None:
                    applied += answers.apply_group_number(s, group, carried.get("group_no"))
            cursor = state.get_int(s, state.CURSOR)
            for ev in sorted(body.events, key=lambda e: int(e["seq"])):
                if int(ev["seq"]) > cursor:
                    updates += answers.apply_change(s, ev, wait_for_outbox=False).changed
                    cursor = int(ev["seq"])
            if not (applied or updates):
                log.info("status return %s: already applied, nothing changed", path.name)
                return ReturnResult(0, 0)
            state.put(s, state.CURSOR, str(cursor))
            self._audit.record(
                s,
                actor,
                audit.SYNC_RESULT,
                path.name,
                f"usb return: {applied} results, {updates} changes",
            )
        log.info("status return %s: %d results, %d changes", path.name, applied, updates)
        return ReturnResult(applied, updates)
