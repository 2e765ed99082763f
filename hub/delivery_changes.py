"""A resident may change how the result reaches them until the case is 办结: the station
sends the new choice (validated like the answers' ``delivery``), the hub keeps the latest
by the station's time of change and uses it instead of the one filed (the back office's
view, the 办结 message's pickup words)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.db import HubDatabase
from hub.errors import HubError
from hub.followup_models import DeliveryChange
from hub.models import Case
from kiosk.forms.answer_extras import DELIVERY, PICKUP_STATION, POST
from kiosk.forms.engine import validate_extras
from kiosk.protocol.stages import CLOSED_STAGES


def effective_delivery(s: Session, case: Case) -> dict[str, Any]:
    """The delivery choice in force: the latest change, else the one filed."""
    change = s.get(DeliveryChange, case.id)
    if change is not None:
        return dict(change.delivery)
    filed = case.payload.get(DELIVERY)
    if isinstance(filed, dict):
        return dict(filed)
    own = case.payload.get("delivery")  # an item's own 领卡方式 question (代办点领取 / 邮寄到家)
    if isinstance(own, str) and own:
        return {"method": POST if "邮寄" in own else PICKUP_STATION}
    return {}


class DeliveryChanges:
    def __init__(self, db: HubDatabase) -> None:
        self.db = db

    def change(
        self, station: str, client_id: str, delivery: dict[str, Any], changed_at: dt.datetime
    ) -> dict[str, Any]:
        clean, errors = validate_extras({DELIVERY: delivery}, None, None)
        if errors:
            raise HubError(
                422,
                "领取方式填写有误：" + "；".join(errors.values()),
                f"bad delivery change: {sorted(errors)}",
                "bad-delivery",
            )
        if changed_at.tzinfo is not None:
            changed_at = changed_at.astimezone(dt.UTC).replace(tzinfo=None)

        def write(s: Session) -> dict[str, Any]:
            case = s.scalar(
                select(Case).where(Case.station_code == station, Case.client_id == client_id)
            )
            if case is None:
                raise HubError(
                    404,
                    "该办件尚未报送到省级平台，领取方式会在办件报送后自动更新。",
                    "delivery change for a case the hub does not have (yet)",
                    "case-not-found",
                )
            row = s.get(DeliveryChange, case.id)
            if row is not None and row.changed_at >= changed_at:
                return {"case_no": case.case_no, "delivery": dict(row.delivery)}  # not newer
            if case.stage in CLOSED_STAGES:
                raise HubError(
                    409,
                    f"办件已{case.stage}，不能再更改结果领取方式。",
                    f"delivery change after {case.stage}",
                    "delivery-closed",
                )
            if row is None:
                row = DeliveryChange(
                    case_id=case.id, delivery=clean[DELIVERY], changed_at=changed_at
                )
                s.add(row)
            else:
                row.delivery, row.changed_at = clean[DELIVERY], changed_at
            return {"case_no": case.case_no, "delivery": clean[DELIVERY]}

        return self.db.retrying(write)
