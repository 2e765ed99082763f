"""Township mode (docs/design.md §8): import the villages' batch files, relay them to the hub,
take the hub's status-return files back, and follow every village on one dashboard.

The township can read a batch's manifest (which applications, which paper travels with
them) but not the personal data, which is encrypted to the hub. Every batch is checked
against the village's device key (fetched from the hub while online) before anything is
stored; a tampered, truncated, foreign or replayed file is refused and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.case_query import overdue_cutoff
from kiosk.core.catalog import Catalog
from kiosk.core.device_keys import ed25519_public
from kiosk.core.status import HUB_STAGE_TO_STATUS
from kiosk.protocol.clock import to_local, utcnow
from kiosk.protocol.errors import KioskError
from kiosk.protocol.workdays import HolidayCalendar
from kiosk.store.db import Database
from kiosk.store.models import BatchImport, RelayItem, Station, Village
from kiosk.sync.batch_file import BatchManifest, BatchRefused, read_manifest, verify_batch
from kiosk.sync.batches import load_station
from kiosk.sync.return_file import parse_unverified, write_return

log = logging.getLogger(__name__)

OPEN_STATUSES = ("queued", "submitted", "accepted", "need_supplement")
RELAY_OUTCOME = {
    "created": "submitted",
    "duplicate": "submitted",
    "conflict": "conflict",
    "rejected": "quarantined",
}


class RelayClient(Protocol):
    def relay_batch(self, path: Path) -> list[dict[str, Any]]: ...
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
    oldest_open: dt.datetime | None = None  # filed earliest among cases not finished


@dataclass
class RelayOutcome:
    batches: int = 0
    applications: int = 0
    refused: list[str] = field(default_factory=list)  # Chinese reasons, one per refused batch


class TownshipRelay:
    def __init__(
        self,
        db: Database,
        data_dir: Path,
        audit_log: AuditLog,
        catalog: Catalog | None = None,
        calendar: HolidayCalendar | None = None,
    ) -> None:
        self._db = db
        self._dir = data_dir / "batches"
        self._audit = audit_log
        self._catalog = catalog
        self._calendar = calendar  # the station's working-day calendar (None: shipped list)

    def _township(self) -> Station:
        station = load_station(self._db)
        if station.role != "township":
            raise BatchRefused(
                "只有乡镇便民服务中心的站点可以导入代办点批次。本次导入未做任何更改。",
                "not a township station",
            )
        return station

    def refresh_villages(self, client: RelayClient) -> int:
        """Village list and their batch-signing keys, from the hub (needs the network)."""
        rows = client.village_keys()
        with self._db.write() as s:
            for v in rows:
                village = s.get(Village, v["code"]) or Village(code=v["code"], name="")
                village.device_key = v.get("device_key") or village.device_key
                s.add(village)
        return len(rows)

    # --- batches in --------------------------------------------------------------------------
    def import_batch(self, path: Path, actor: str) -> tuple[BatchManifest, bool]:
        """Verify and keep a village's batch for relaying. Returns (manifest, newly imported)."""
        manifest, last_sequence, device_key, known = self._checked(path)
        code = manifest.station_code
        if known:
            return manifest, False  # the same file again: nothing to do
        if manifest.sequence <= last_sequence:
            raise BatchRefused(
                f"这是代办点 {code} 的旧批次（第 {manifest.sequence} 批，"
                f"已导入到第 {last_sequence} 批）。本次导入未做任何更改。",
                "replayed older batch",
            )
        self._dir.mkdir(parents=True, exist_ok=True)
        kept = self._dir / f"{manifest.batch_id}.kbatch"
        partial = kept.with_suffix(".partial")
        shutil.copyfile(path, partial)
        try:
            verify_batch(partial, ed25519_public(device_key))  # the copy, too
        except BatchRefused:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(kept)
        self._record_import(manifest, kept, actor)
        log.info("imported batch %s of %s (%d)", manifest.batch_id, code, manifest.count)
        return manifest, True

    def _checked(self, path: Path) -> tuple[BatchManifest, int, str, bool]:
        """(manifest, the village's last batch, its device key, already imported) of a batch
        this township may relay, signed by that village."""
        township = self._township()
        try:
            manifest = read_manifest(path)
        except OSError as exc:
            raise BatchRefused(
                "无法读取批次文件，请检查U盘。本次导入未做任何更改。", f"cannot read batch: {exc}"
            ) from exc
        if manifest.kind != "applications":
            raise BatchRefused(
                "这不是代办点的申请批次文件。本次导入未做任何更改。", "not an applications batch"
            )
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
                f"本站点还没有代办点 {code} 的设备公钥，无法核验批次。请先联网点击"
                "“报送到省级平台”更新代办点名单，再导入。本次导入未做任何更改。",
                "unknown village key",
            )
        verify_batch(path, ed25519_public(village.device_key))
        return manifest, village.last_sequence, village.device_key, known is not None

    def _record_import(self, manifest: BatchManifest, kept: Path, actor: str) -> None:
        code = manifest.station_code
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
                row = s.get(RelayItem, item["client_id"])
                if row is None:
                    row = RelayItem(client_id=item["client_id"], station_code=code, status="queued")
                elif row.status in ("quarantined", "conflict"):
                    row.status, row.last_error = "queued", None  # corrected and sent again
                row.batch_id, row.item_code = manifest.batch_id, item["item_code"]
                row.item_name = item.get("item_name", "")
                row.materials = json.dumps(
                    {"reference": item.get("reference", ""), "paper": item.get("materials", [])},
                    ensure_ascii=False,
                )
                row.queued_at = _parse_time(item.get("queued_at")) or row.queued_at or now
                row.updated_at = now
                s.add(row)
            v = s.get(Village, code)
            assert v is not None
            v.last_sequence = manifest.sequence
            v.last_contact_at, v.last_contact_via = now, "usb"
            self._audit.record(
                s,
                actor,
                audit.IMPORT,
                manifest.batch_id,
                f"batch {manifest.sequence} of {code}: {manifest.count} applications",
            )

    def batch_items(self, batch_id: str) -> list[RelayItem]:
        with self._db.read() as s:
            return list(
                s.scalars(
                    select(RelayItem)
                    .where(RelayItem.batch_id == batch_id)
                    .order_by(RelayItem.queued_at)
                )
            )

    # --- relay up ----------------------------------------------------------------------------
    def relay(self, client: RelayClient) -> RelayOutcome:
        """Send every imported, not yet relayed batch upstream; record each item's answer.

        A batch the hub refuses (e.g. a village that re-enrolled since) is reported and the
        others still go; losing the network stops the run and leaves the rest for next time.
        """
        with self._db.read() as s:
            pending = list(
                s.scalars(
                    select(BatchImport)
                    .where(BatchImport.relayed_at.is_(None))
                    .order_by(BatchImport.imported_at)
                )
            )
        outcome = RelayOutcome()
        for batch in pending:
            try:
                results = client.relay_batch(self._dir / batch.file_name)
            except KioskError as exc:
                if getattr(exc, "status", 0) in (403, 422):
                    log.warning("hub refused batch %s: %s", batch.batch_id, exc.en)
                    outcome.refused.append(f"{batch.station_code} 第 {batch.sequence} 批：{exc.zh}")
                    continue
                raise
            now = utcnow()
            with self._db.write() as s:
                for r in results:
                    row = s.get(RelayItem, r.get("client_id"))
                    if row is None:
                        continue
                    row.status = RELAY_OUTCOME.get(str(r.get("outcome")), "queued")
                    row.case_no = r.get("case_no") or row.case_no
                    errors = r.get("errors")
                    row.last_error = "；".join(str(v) for v in errors.values()) if errors else None
                    row.updated_at = now
                b = s.get(BatchImport, batch.batch_id)
                assert b is not None
                b.relayed_at = now
            outcome.batches += 1
            outcome.applications += len(results)
        return outcome

    # --- answers back ------------------------------------------------------------------------
    def export_returns(self, client: RelayClient, out_dir: Path) -> list[Path]:
        """A hub-signed status-return file per village that has relayed applications."""
        if not out_dir.is_dir():
            raise BatchRefused(
                f"找不到文件夹 {out_dir}，请检查U盘是否插好。", f"no folder {out_dir}"
            )
        with self._db.read() as s:
            codes = list(s.scalars(select(RelayItem.station_code).distinct()))
        out = []
        for code in sorted(codes):
            data = client.status_return(code)
            path = out_dir / f"{code}-{dt.date.today():%Y%m%d}.kreturn"
            write_return(path, data)
            self._follow(code, data)
            out.append(path)
        return out

    def _follow(self, code: str, data: bytes) -> None:
        """Update the dashboard from what the hub said (the file itself is for the village)."""
        body = parse_unverified(data)
        now = utcnow()
        with self._db.write() as s:
            for r in body.results:
                row = s.get(RelayItem, r.get("client_id"))
                if row is not None and row.status == "queued":
                    row.status = RELAY_OUTCOME.get(str(r.get("outcome")), row.status)
                if row is not None and r.get("case_no"):
                    row.case_no = r["case_no"]
            for ev in sorted(body.events, key=lambda e: int(e["seq"])):
                target = HUB_STAGE_TO_STATUS.get(str(ev.get("stage")))
                row = s.get(RelayItem, ev.get("client_id"))
                if target is not None and row is not None:
                    row.status, row.updated_at = target.value, now
            v = s.get(Village, code)
            if v is not None:
                v.return_cursor = max([v.return_cursor, *(int(e["seq"]) for e in body.events)])

    # --- the dashboard -----------------------------------------------------------------------
    def villages(self, now: dt.datetime | None = None) -> list[VillageStatus]:
        today = to_local(now or utcnow()).date()
        cutoffs: dict[str, dt.date | None] = {}

        def overdue(item_code: str, filed: dt.datetime) -> bool:
            if item_code not in cutoffs:
                days = 0
                if self._catalog is not None:
                    try:
                        days = self._catalog.get(item_code).promised_days
                    except KioskError:  # an item no longer in the catalog
                        days = 0
                cutoffs[item_code] = (
                    overdue_cutoff(days, today, self._calendar) if days > 0 else None
                )
            cutoff = cutoffs[item_code]
            return cutoff is not None and to_local(filed).date() <= cutoff

        with self._db.read() as s:
            villages = list(s.scalars(select(Village).order_by(Village.code)))
            items = list(s.scalars(select(RelayItem)))
        by_village: dict[str, list[RelayItem]] = {}
        for it in items:
            by_village.setdefault(it.station_code, []).append(it)
        out = []
        for v in villages:
            mine = by_village.get(v.code, [])
            counts: dict[str, int] = {}
            for it in mine:
                counts[it.status] = counts.get(it.status, 0) + 1
            waiting = [it.queued_at for it in mine if it.status == "queued"]
            open_ = [it for it in mine if it.status in OPEN_STATUSES]
            out.append(
                VillageStatus(
                    v.code,
                    v.name,
                    v.last_contact_at,
                    v.last_contact_via,
                    len(waiting),
                    min(waiting) if waiting else None,
                    counts,
                    sum(1 for it in open_ if overdue(it.item_code, it.queued_at)),
                    min((it.queued_at for it in open_), default=None),
                )
            )
        return out


def _parse_time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed
