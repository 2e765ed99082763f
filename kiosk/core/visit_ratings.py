"""一次一评 (GB/T 39734): the resident rates one service occasion at the desk right after it,
on 整体满意度 and the dimensions 服务效率, 服务水平, 服务态度, five levels each. Kept here and
sent to the hub with the sync (or on USB); a bad rating opens a 差评 there."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from kiosk.core.clock import utcnow
from kiosk.core.errors import InputError, NotFound
from kiosk.core.rating_store import LEVELS, RatingStore, check_comment
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


class VisitRatingService(RatingStore[VisitRating, VisitRatingView]):
    model = VisitRating
    kind = "visit ratings"

    def _view(self, row: VisitRating, case_no: str | None) -> VisitRatingView:
        return VisitRatingView(
            row.id,
            row.application_id,
            row.agent,
            row.level,
            {k: int(v) for k, v in json.loads(row.dimensions).items()},
            self._comment(row),
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
        check_comment(comment)
        with self._db.write() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFound("找不到该办件。", f"no application {app_id}")
            existing = self._existing(s, app_id)
            if existing is not None:
                return self._view(existing, app.case_no)
            rating_id = str(uuid.uuid4())
            row = VisitRating(
                id=rating_id,
                application_id=app_id,
                agent=agent or app.created_by,
                level=level,
                dimensions=json.dumps({k: dimensions[k] for k in DIMENSIONS}, ensure_ascii=False),
                comment_enc=self._sealed_comment(rating_id, comment),
                source=source,
                created_at=utcnow(),
            )
            s.add(row)
            self._audit.record(s, agent or app.created_by, "evaluate", app_id, f"visit {level}")
            s.flush()
            return self._view(row, app.case_no)
