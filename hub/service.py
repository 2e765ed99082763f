"""What the hub does, independent of HTTP: one facade over its parts.

Enrolment and tokens (``devices``), the catalog (``catalog``), submissions, resumable
blobs, the change feed and back office (``feed``), evaluations, and the relay of
removable-media batches by townships (``relay``, with the hub's own keys).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from hub.blobs import BlobService, BlobState
from hub.catalog import HubCatalog
from hub.complaints import ComplaintService
from hub.courier import Shipment
from hub.db import HubDatabase
from hub.delivery_changes import DeliveryChanges
from hub.devices import DeviceIdentity, DeviceService
from hub.errors import HubError
from hub.evaluations import EvaluationService
from hub.feed import Feed
from hub.groups import GroupService
from hub.models import (
    Blob,
    BlobUpload,
    Case,
    CatalogItem,
    Device,
    Evaluation,
    Group,
    Station,
)
from hub.notifications import NotificationService
from hub.relay import HubKeys, RelayService
from hub.submissions import SubmissionItem, SubmissionService
from kiosk.core.catalog import Catalog
from kiosk.protocol.stages import NEXT_STAGES, STAGES

__all__ = ["NEXT_STAGES", "STAGES", "HubError", "HubService", "SubmissionItem"]


class HubService:
    def __init__(self, db: HubDatabase, catalog: Catalog | None = None) -> None:
        self.db = db
        self.devices = DeviceService(db)
        self.catalog = HubCatalog(db)
        if catalog is not None:
            self.catalog.seed(catalog)
        self.blobs = BlobService(db)
        self.submissions = SubmissionService(db, self.catalog, self.blobs)
        self.groups = GroupService(db, self.catalog, self.blobs, self.submissions)
        self.feed = Feed(db)
        self.keys = HubKeys(db)
        self.complaints = ComplaintService(db, self.keys)
        self.evaluations = EvaluationService(db, self.complaints)
        self.relay = RelayService(db, self.keys, self.submissions, self.blobs, self.feed)
        self.relay.evaluations = self.evaluations
        self.relay.groups = self.groups
        self.notifications = NotificationService(db)
        self.delivery_changes = DeliveryChanges(db)
        self.feed.on_event.append(self.notifications.on_stage)
        self.complaints.on_closed.append(self.notifications.on_followup)

    # --- enrolment -------------------------------------------------------------------------
    def issue_enrollment_code(self, station_code: str, valid_days: int = 7) -> str:
        return self.devices.issue_enrollment_code(station_code, valid_days)

    def enroll(self, code: str, station_code: str, sign_key: str | None = None) -> tuple[str, str]:
        return self.devices.enroll(code, station_code, sign_key)

    def authenticate(self, token: str) -> DeviceIdentity:
        return self.devices.authenticate(token)

    def revoke(self, target: str) -> int:
        return self.devices.revoke(target)

    # --- submissions and blobs ---------------------------------------------------------------
    def submit(self, station_code: str, items: list[SubmissionItem]) -> list[dict[str, Any]]:
        return self.submissions.submit(station_code, items)

    def blob_state(self, station_code: str, sha256: str) -> BlobState:
        return self.blobs.state(station_code, sha256)

    def put_blob(
        self,
        station_code: str,
        sha256: str,
        data: bytes,
        start: int | None = None,
        total: int | None = None,
    ) -> BlobState:
        return self.blobs.put(station_code, sha256, data, start, total)

    # --- back office and the change feed ----------------------------------------------------
    def advance(
        self, case_no: str, stage: str, note: str = "", shipment: Shipment | None = None
    ) -> Case:
        return self.feed.advance(case_no, stage, note, shipment)

    def simulate_step(self) -> int:
        return self.feed.simulate_step()

    def changes(self, station_code: str, cursor: int, limit: int) -> list[dict[str, Any]]:
        return self.feed.changes(station_code, cursor, limit)

    def evaluate(
        self,
        station_code: str,
        evaluation_id: str,
        client_id: str,
        level: str,
        comment: str,
        rated_at: dt.datetime,
        **rating: Any,
    ) -> dict[str, Any]:
        """A rating (kind ``case`` or ``visit``: see hub/evaluations.py)."""
        return self.evaluations.evaluate(
            station_code, evaluation_id, client_id, level, comment, rated_at, **rating
        )

    def case(self, case_no: str) -> Case | None:
        with self.db.session() as s:
            return s.scalar(select(Case).where(Case.case_no == case_no))

    def due_date(self, case: Case) -> dt.date | None:
        """The case's promised completion date (the stations' calendar, from receipt)."""
        from hub.due_dates import case_due_date

        with self.db.session() as s:
            self.catalog.refresh(s)
            row = s.get(CatalogItem, self.catalog.resolve(case.item_code))
            data = dict(row.data) if row is not None else None
        return case_due_date(data, case.created_at)

    def cases(self, station_code: str | None = None) -> list[Case]:
        with self.db.session() as s:
            q = select(Case).order_by(Case.id)
            if station_code:
                q = q.where(Case.station_code == station_code)
            return list(s.scalars(q))

    def blob_bytes(self, sha256: str) -> bytes | None:
        with self.db.session() as s:
            blob = s.get(Blob, sha256)
            return None if blob is None else blob.data

    def stats(self) -> dict[str, Any]:
        catalog_version = self.catalog.version()
        with self.db.session() as s:

            def count(model: Any) -> int:
                return int(s.scalar(select(func.count()).select_from(model)) or 0)

            stages = {
                k: v for k, v in s.execute(select(Case.stage, func.count()).group_by(Case.stage))
            }
            distinct = select(Case.station_code, Case.client_id).distinct().subquery()
            return {
                "cases": count(Case),
                "groups": count(Group),
                "distinct_client_ids": int(
                    s.scalar(select(func.count()).select_from(distinct)) or 0
                ),
                "blobs": count(Blob),
                "uploads_in_progress": count(BlobUpload),
                "stations": count(Station),
                "devices": count(Device),
                "evaluations": count(Evaluation),
                "catalog_version": catalog_version,
                "stages": {k: int(v) for k, v in stages.items()},
            }
