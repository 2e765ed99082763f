"""The resident changes how the result reaches them after filing, until the case is 办结:
the new choice is validated like the one filed, kept encrypted beside the application
(the filed answers are never rewritten: the hub holds them as sent) and sent to the hub
with the next sync; the receipt and the case view use the latest choice."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from kiosk.core.audit import AuditLog
from kiosk.core.changes import Changes
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.delivery import ANSWER_KEY, method_of
from kiosk.core.errors import InputError, NotFound, ValidationFailed
from kiosk.core.status import LABELS_ZH, AppStatus
from kiosk.forms.divisions import DivisionTable
from kiosk.forms.engine import validate_extras
from kiosk.store.db import Database
from kiosk.store.delivery_models import ResultDelivery
from kiosk.store.models import Application

# until the hub reports 办结 (and not for a case that is over or not yet filed)
CHANGEABLE = (
    AppStatus.QUEUED,
    AppStatus.SENDING,
    AppStatus.SUBMITTED,
    AppStatus.ACCEPTED,
    AppStatus.NEED_SUPPLEMENT,
    AppStatus.CONFLICT,
    AppStatus.QUARANTINED,
)


@dataclass(frozen=True)
class ChangedChoice:
    """A new delivery choice recorded for a case (it goes to the hub with the next sync)."""

    application_id: str
    choice: dict[str, Any]

    @property
    def changes(self) -> Changes:
        return Changes.of_applications(self.application_id, queued=True)


@dataclass(frozen=True)
class PendingChange:
    application_id: str
    delivery: dict[str, Any]
    changed_at: dt.datetime

    def wire(self) -> dict[str, Any]:
        return {
            "client_id": self.application_id,
            "delivery": self.delivery,
            "changed_at": self.changed_at.isoformat() + "Z",
        }


class DeliveryChangeService:
    def __init__(
        self,
        db: Database,
        cipher: DataCipher,
        audit_log: AuditLog,
        divisions: DivisionTable | None = None,
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._audit = audit_log
        self._divisions = divisions

    def _aad(self, app_id: str) -> bytes:
        return (app_id + "/delivery").encode()

    def change(self, app_id: str, choice: Mapping[str, Any], actor: str) -> ChangedChoice:
        """Record a new choice (validated); it goes to the hub with the next sync."""
        clean, errors = validate_extras({ANSWER_KEY: dict(choice)}, self._divisions, None)
        if errors:
            raise ValidationFailed(errors)
        new = clean[ANSWER_KEY]
        now = utcnow()
        with self._db.write() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFound("找不到该办件。", f"no application {app_id}")
            status = AppStatus(app.status)
            if status not in CHANGEABLE:
                raise InputError(
                    f"办件当前为“{LABELS_ZH[status]}”，已不能更改结果领取方式。",
                    f"delivery change in status {status}",
                )
            row = s.get(ResultDelivery, app_id)
            if row is None:
                row = ResultDelivery(application_id=app_id, method="")
                s.add(row)
            row.method = method_of({ANSWER_KEY: new})
            row.choice_enc = self._cipher.encrypt(
                json.dumps(new, ensure_ascii=False).encode(), self._aad(app_id)
            )
            row.choice_changed_at, row.choice_synced_at, row.updated_at = now, None, now
            self._audit.record(s, actor, "delivery_change", app_id, row.method)
        return ChangedChoice(app_id, dict(new))

    def current(self, app_id: str, answers: Mapping[str, Any]) -> dict[str, Any]:
        """The answers with the latest delivery choice in force (for the receipt, the view)."""
        with self._db.read() as s:
            row = s.get(ResultDelivery, app_id)
            enc = row.choice_enc if row is not None else None
        if not enc:
            return dict(answers)
        return {**answers, ANSWER_KEY: json.loads(self._cipher.decrypt(enc, self._aad(app_id)))}

    def pending(self) -> list[PendingChange]:
        """Changes the hub has not confirmed, of applications it already holds."""
        with self._db.read() as s:
            rows = s.execute(
                select(ResultDelivery)
                .join(Application, Application.id == ResultDelivery.application_id)
                .where(
                    ResultDelivery.choice_enc.is_not(None),
                    ResultDelivery.choice_synced_at.is_(None),
                    Application.case_no.is_not(None),
                )
            ).scalars()
            out = []
            for row in rows:
                assert row.choice_enc is not None and row.choice_changed_at is not None
                choice = json.loads(
                    self._cipher.decrypt(row.choice_enc, self._aad(row.application_id))
                )
                out.append(PendingChange(row.application_id, choice, row.choice_changed_at))
            return out

    def confirm(self, app_id: str, changed_at: dt.datetime) -> None:
        """The hub holds this change (a later change made meanwhile stays pending)."""
        with self._db.write() as s:
            row = s.get(ResultDelivery, app_id)
            if row is not None and row.choice_changed_at == changed_at:
                row.choice_synced_at = utcnow()
