"""Apply a status change to an application row: check it, stamp it, record it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kiosk.core.clock import utcnow
from kiosk.core.status import AppStatus, check_transition
from kiosk.store.models import Application, StatusEvent


def apply_transition(
    session: Session, app: Application, target: AppStatus, actor: str, reason: str = ""
) -> None:
    if not actor.strip():
        raise ValueError("a status change needs an actor (who did it)")
    current = AppStatus(app.status)
    check_transition(current, target)
    now = utcnow()
    app.status = target.value
    app.updated_at = now
    session.add(
        StatusEvent(
            application_id=app.id,
            from_status=current.value,
            to_status=target.value,
            at=now,
            actor=actor,
            reason=reason,
        )
    )
