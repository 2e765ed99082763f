"""一次一评 (GB/T 39734): the resident rates one service occasion at the desk right after it,
on 整体满意度 and the dimensions 服务效率, 服务水平, 服务态度, five levels each. Kept here and
sent to the hub with the sync (or on USB); a bad rating opens a 差评 there."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import InputError, NotFound
from kiosk.core.evaluations import LEVELS
from kiosk.store.db import Database
from kiosk.store.models import Application
from kiosk.store.rating_models import VisitRating

OVERALL = "整体满意度"
DIMENSIONS = ("服务效率", "服务水平", "服务态度")


@dataclass(frozen=True)
class VisitRatingView:
    id: str
    application_id: str
    agent: str
    level: int
    dimensions: dict[str, int]
    comment: str
    source: str
    created_at: dt.datetime
    synced: bool

    @property
    def label(self) -> str:
        return LEVELS[self.level]


class VisitRatingService:
    def __init__(self, db: Database, cipher: DataCipher, audit_log: AuditLog) -> None:
        self._db = db
        self._cipher = cipher
        self._audit = audit_log

    def _view(self, row: VisitRating) -> VisitRatingView:
        comment = (
            self._cipher.decrypt(row.comment_enc, row.id.encode()).decode()
            if row.comment_enc
            else ""
        )
        return VisitRatingView(
            row.id,
            row.application_id,
            row.agent,
            row.level,
            {k: int(v) for k, v in json.loads(row.dimensions).items()},
            comment,
            row.source,
            row.created_at,
            row.synced_at is not None,
        )

    def record(
        self,
        app_id: str,
        level: int,
        dimensions: dict[str, int],
        comment: str,
        agent: str,
        source: str,
    ) -> VisitRatingView:
        """Rate the occasion at which ``app_id`` was filed (once: again returns the first)."""
        if level not in LEVELS or set(dimensions) != set(DIMENSIONS):
            raise InputError(
                f"请对{OVERALL}和{'、'.join(DIMENSIONS)}逐项评价（1 到 5 级）。",
                "visit rating needs the overall level and every dimension",
            )
        if any(v not in LEVELS for v in dimensions.values()):
            raise InputError("评价等级只能是 1 到 5 级。", "dimension level out of range")
        if len(comment) > 500:
            raise InputError("评价意见请控制在500字以内。", "comment too long")
        with self._db.write() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFound("找不到该办件。", f"no application {app_id}")
            existing = s.scalar(select(VisitRating).where(VisitRating.application_id == app_id))
            if existing is not None:
                return self._view(existing)
            rating_id = str(uuid.uuid4())
            row = VisitRating(
                id=rating_id,
                application_id=app_id,
                agent=agent or app.created_by,
                level=level,
                dimensions=json.dumps({k: dimensions[k] for k in DIMENSIONS}, ensure_ascii=False),
                comment_enc=self._cipher.encrypt(comment.encode(), rating_id.encode())
                if comment.strip()
                else None,
                source=source,
                created_at=utcnow(),
            )
            s.add(row)
            self._audit.record(s, agent or app.created_by, "evaluate", app_id, f"visit {level}")
            s.flush()
            return self._view(row)

    def for_application(self, app_id: str) -> VisitRatingView | None:
        with self._db.read() as s:
            row = s.scalar(select(VisitRating).where(VisitRating.application_id == app_id))
            return None if row is None else self._view(row)

    def pending(self, limit: int = 200) -> list[VisitRatingView]:
        """Ratings not yet accepted by the hub whose application has a case number."""
        with self._db.read() as s:
            rows = s.scalars(
                select(VisitRating)
                .join(Application, Application.id == VisitRating.application_id)
                .where(VisitRating.synced_at.is_(None), Application.case_no.is_not(None))
                .order_by(VisitRating.created_at)
                .limit(limit)
            )
            return [self._view(r) for r in rows]

    def unsent(self) -> list[VisitRatingView]:
        """Every rating the hub has not confirmed (for a USB batch: the case may be relayed
        in the same batch, so no case number is needed yet)."""
        with self._db.read() as s:
            rows = s.scalars(
                select(VisitRating)
                .where(VisitRating.synced_at.is_(None))
                .order_by(VisitRating.created_at)
            )
            return [self._view(r) for r in rows]

    def mark_synced(self, rating_ids: list[str]) -> int:
        with self._db.write() as s:
            rows = list(
                s.scalars(
                    select(VisitRating).where(
                        VisitRating.id.in_(rating_ids), VisitRating.synced_at.is_(None)
                    )
                )
            )
            for row in rows:
                row.synced_at = utcnow()
            if rows:
                self._audit.record(s, "同步", audit.SYNC_RESULT, "", f"{len(rows)} visit ratings")
            return len(rows)
