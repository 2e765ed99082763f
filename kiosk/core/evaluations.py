"""好差评: the resident rates a case once; the rating is kept and uploaded to the hub."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from kiosk.core.changes import Changes
from kiosk.core.clock import utcnow
from kiosk.core.errors import InputError, NotFound
from kiosk.core.rating_store import LEVELS, RatingStore, check_comment
from kiosk.core.status import AppStatus
from kiosk.store.models import Application, Evaluation

__all__ = ["LEVELS", "QUICK_REASONS", "RATEABLE", "EvaluationService", "EvaluationView"]
QUICK_REASONS = (
    "态度好",
    "效率高",
    "一次办成",
    "态度差",
    "效率低",
    "材料多次补充",
    "等待时间长",
    "流程不清楚",
)
RATEABLE = {
    AppStatus.SUBMITTED,
    AppStatus.ACCEPTED,
    AppStatus.NEED_SUPPLEMENT,
    AppStatus.COMPLETED,
    AppStatus.REJECTED,
    AppStatus.DISPATCHED,
    AppStatus.SIGNED,
    AppStatus.HANDED_OVER,
}


@dataclass(frozen=True)
class EvaluationView:
    id: str
    application_id: str
    case_no: str | None
    level: int
    reasons: list[str]
    comment: str
    source: str
    created_at: dt.datetime
    synced: bool

    @property
    def label(self) -> str:
        return LEVELS[self.level]

    @property
    def changes(self) -> Changes:
        """The case is rated; an unsent rating waits for the next sync."""
        return Changes.of_applications(self.application_id, queued=not self.synced)


class EvaluationService(RatingStore[Evaluation, EvaluationView]):
    model = Evaluation
    kind = "evaluations"

    def _view(self, row: Evaluation, case_no: str | None) -> EvaluationView:
        return EvaluationView(
            row.id,
            row.application_id,
            case_no,
            row.level,
            json.loads(row.reasons or "[]"),
            self._comment(row),
            row.source,
            row.created_at,
            row.synced_at is not None,
        )

    def record(
        self, app_id: str, level: int, reasons: list[str], comment: str, source: str, actor: str
    ) -> EvaluationView:
        """Rate a case. A case is rated once: rating again returns the first rating."""
        if level not in LEVELS:
            raise InputError("请选择 1 到 5 级评价。", f"evaluation level {level} out of range")
        unknown = [r for r in reasons if r not in QUICK_REASONS]
        if unknown:
            raise InputError("评价原因不在可选范围内。", f"unknown reasons {unknown}")
        check_comment(comment)
        with self._db.write() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFound("找不到该办件。", f"no application {app_id}")
            existing = self._existing(s, app_id)
            if existing is not None:
                return self._view(existing, app.case_no)
            if AppStatus(app.status) not in RATEABLE:
                raise InputError(
                    "办件报送到省级平台后才能评价。", f"case {app_id} not rateable yet"
                )
            ev_id = str(uuid.uuid4())
            ev = Evaluation(
                id=ev_id,
                application_id=app_id,
                level=level,
                reasons=json.dumps(reasons, ensure_ascii=False),
                source=source,
                comment_enc=self._sealed_comment(ev_id, comment),
                created_at=utcnow(),
            )
            s.add(ev)
            self._audit.record(s, actor, "evaluate", app_id, f"level {level}")
            s.flush()
            return self._view(ev, app.case_no)
