"""What the two kinds of resident rating share: 好差评 on a case (``evaluations``) and 一次一评
on a desk visit (``visit_ratings``). Each is kept with its comment encrypted, found by its
application, listed for upload (with or without a case number) and marked sent once the hub
confirms it. The two differ only in what is rated and how the row is shown."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import InputError
from kiosk.store.db import Database
from kiosk.store.models import Application, Evaluation
from kiosk.store.rating_models import VisitRating

LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
COMMENT_LIMIT = 500

RowT = TypeVar("RowT", Evaluation, VisitRating)
ViewT = TypeVar("ViewT")


def check_comment(comment: str) -> None:
    if len(comment) > COMMENT_LIMIT:
        raise InputError(
            f"评价意见请控制在{COMMENT_LIMIT}字以内。", f"comment over {COMMENT_LIMIT} chars"
        )


class RatingStore(ABC, Generic[RowT, ViewT]):
    """Storage of one kind of rating; subclasses say which table and how a row is shown."""

    model: type[RowT]
    kind: ClassVar[str]  # in the audit log: "evaluations", "visit ratings"

    def __init__(self, db: Database, cipher: DataCipher, audit_log: AuditLog) -> None:
        self._db = db
        self._cipher = cipher
        self._audit = audit_log

    @abstractmethod
    def _view(self, row: RowT, case_no: str | None) -> ViewT: ...

    def _comment(self, row: RowT) -> str:
        if not row.comment_enc:
            return ""
        return self._cipher.decrypt(row.comment_enc, row.id.encode()).decode()

    def _sealed_comment(self, row_id: str, comment: str) -> bytes | None:
        """The comment encrypted for the row ``row_id`` (bound to it), None when blank."""
        return self._cipher.encrypt(comment.encode(), row_id.encode()) if comment.strip() else None

    def _existing(self, s: Session, app_id: str) -> RowT | None:
        model = self.model
        row: RowT | None = s.scalar(
            select(model).where(model.application_id == app_id).order_by(model.created_at)
        )
        return row

    def _listed(self, *, numbered_only: bool, limit: int | None) -> list[ViewT]:
        model = self.model
        query = (
            select(model, Application.case_no)
            .join(Application, Application.id == model.application_id)
            .where(model.synced_at.is_(None))
            .order_by(model.created_at)
        )
        if numbered_only:
            query = query.where(Application.case_no.is_not(None))
        if limit is not None:
            query = query.limit(limit)
        with self._db.read() as s:
            return [self._view(row, case_no) for row, case_no in s.execute(query).all()]

    def for_application(self, app_id: str) -> ViewT | None:
        with self._db.read() as s:
            row = self._existing(s, app_id)
            if row is None:
                return None
            return self._view(
                row, s.scalar(select(Application.case_no).where(Application.id == app_id))
            )

    def pending(self, limit: int = 200) -> list[ViewT]:
        """Ratings the hub has not confirmed whose application has a case number (online)."""
        return self._listed(numbered_only=True, limit=limit)

    def unsent(self) -> list[ViewT]:
        """Every rating the hub has not confirmed, case number or not (for a USB batch: the
        case may be relayed in the same batch)."""
        return self._listed(numbered_only=False, limit=None)

    def mark_synced(self, rating_ids: list[str]) -> int:
        """Mark these ratings confirmed by the hub; ids of the other kind are ignored."""
        model = self.model
        with self._db.write() as s:
            rows = list(
                s.scalars(select(model).where(model.id.in_(rating_ids), model.synced_at.is_(None)))
            )
            for row in rows:
                row.synced_at = utcnow()
            if rows:
                self._audit.record(s, "同步", audit.SYNC_RESULT, "", f"{len(rows)} {self.kind}")
            return len(rows)
