"""The courier steps of the change feed (已寄出 with carrier and tracking number, 已签收),
kept beside the status change: the same code for an online sync and a USB status return."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core.status import AppStatus
from kiosk.protocol.clock import utcnow
from kiosk.store.delivery_models import ResultDelivery
from kiosk.store.models import Application

POST = "post"


def _when(ev: Mapping[str, Any]) -> dt.datetime:
    try:
        at = dt.datetime.fromisoformat(str(ev.get("at")))
    except ValueError:
        return utcnow()
    return at if at.tzinfo is None else at.astimezone(dt.UTC).replace(tzinfo=None)


def record_courier_step(
    s: Session, row: Application, target: AppStatus, ev: Mapping[str, Any]
) -> None:
    """After ``row`` moved to ``target`` on a hub event: keep carrier, number and times."""
    if target not in (AppStatus.DISPATCHED, AppStatus.SIGNED):
        return
    raw = ev.get("detail")
    detail: dict[str, Any] = raw if isinstance(raw, dict) else {}
    delivery = s.get(ResultDelivery, row.id)
    if delivery is None:
        delivery = ResultDelivery(application_id=row.id, method=POST)
        s.add(delivery)
    carrier, number = detail.get("carrier"), detail.get("tracking_no")
    if isinstance(carrier, str) and carrier.strip():
        delivery.carrier = carrier.strip()[:40]
    if isinstance(number, str) and number.strip():
        delivery.tracking_no = number.strip()[:40]
    if target is AppStatus.DISPATCHED:
        delivery.dispatched_at = _when(ev)
    else:
        delivery.signed_at = _when(ev)
    delivery.updated_at = utcnow()
