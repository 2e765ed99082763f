"""好差评: the resident rates a case once; the rating is kept and uploaded to the hub."""

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
from kiosk.core.status import AppStatus
from kiosk.store.db import Database
from kiosk.store.models import Application, Evaluation

LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
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


class EvaluationService:
    def __init__(self, db: Database, cipher: DataCipher, audit_log: AuditLog) -> None:
        self._db = db
        self._cipher = cipher
        self._audit = audit_log

    def _view(self, ev: Evaluation, case_no: str | None) -> EvaluationView:
        comment = (
            self._cipher.decrypt(ev.comment_enc, ev.id.encode()).decode() if ev.comment_enc else ""
        )
        return EvaluationView(
            ev.id,
            ev.application_id,
            case_no,
            ev.level,
            json.loads(ev.reasons or "[]"),
            comment,
            ev.source,
            ev.created_at,
            ev.synced_at is not None,
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
        if len(comment) > 500:
            raise InputError("评价意见请控制在500字以内。", "comment too long")
        with self._db.write() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFound("找不到该办件。", f"no application {app_id}")
            existing = s.scalar(select(Evaluation).where(Evaluation.application_id == app_id))
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
                comment_enc=self._cipher.encrypt(comment.encode(), ev_id.encode())
                if comment.strip()
                else None,
                created_at=utcnow(),
            )
            s.add(ev)
            self._audit.record(s, actor, "evaluate", app_id, f"level {level}")
            s.flush()
            return self._view(ev, app.case_no)

    def for_application(self, app_id: str) -> EvaluationView | None:
        with self._db.read() as s:
            row = s.execute(
                select(Evaluation, Application.case_no)
                .join(Application, Application.id == Evaluation.application_id)
                .where(Evaluation.application_id == app_id)
            ).first()
            return None if row is None else self._view(row[0], row[1])

    def pending(self, limit: int = 200) -> list[EvaluationView]:
        """Ratings not yet accepted by the hub whose case has a case number."""
        with self._db.read() as s:
            rows = s.execute(
                select(Evaluation, Application.case_no)
                .join(Application, Application.id == Evaluation.application_id)
                .where(Evaluation.synced_at.is_(None), Application.case_no.is_not(None))
                .order_by(Evaluation.created_at)
                .limit(limit)
            ).all()
            return [self._view(ev, case_no) for ev, case_no in rows]

    def unsent(self) -> list[EvaluationView]:
        """Every rating the hub has not confirmed, case number or not (for a USB batch)."""
        with self._db.read() as s:
            rows = s.execute(
                select(Evaluation, Application.case_no)
                .join(Application, Application.id == Evaluation.application_id)
                .where(Evaluation.synced_at.is_(None))
                .order_by(Evaluation.created_at)
            ).all()
            return [self._view(ev, case_no) for ev, case_no in rows]

    def mark_synced(self, evaluation_ids: list[str]) -> None:
        with self._db.write() as s:
            rows = list(
                s.scalars(
                    select(Evaluation).where(
                        Evaluation.id.in_(evaluation_ids), Evaluation.synced_at.is_(None)
                    )
                )
            )
            for ev in rows:
                ev.synced_at = utcnow()
            if rows:
                self._audit.record(s, "同步", audit.SYNC_RESULT, "", f"{len(rows)} evaluations")
