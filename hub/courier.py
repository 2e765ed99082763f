"""证照快递送达: a finished case's result sent to the resident by courier.

The back office marks a 办结 case 已寄出 with the carrier and the tracking number, later
已签收 when the carrier reports delivery. Both are ordinary stages of the change feed; the
已寄出 event carries ``detail`` = ``{"carrier", "tracking_no"}`` so the station can show
them, and the shipment is kept in ``courier_shipment`` for the hub's own views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from hub.errors import HubError
from hub.followup_models import CourierShipment
from hub.models import Case
from kiosk.protocol.clock import utcnow
from kiosk.protocol.stages import Stage

DISPATCHED = Stage.DISPATCHED
SIGNED = Stage.SIGNED
TRACKING_PATTERN = r"^[A-Za-z0-9-]{6,40}$"
MAX_CARRIER = 40


@dataclass(frozen=True)
class Shipment:
    carrier: str
    tracking_no: str

    def checked(self) -> Shipment:
        carrier, number = self.carrier.strip(), self.tracking_no.strip()
        if not carrier or len(carrier) > MAX_CARRIER:
            raise HubError(
                422,
                f"请填写快递公司名称（不超过 {MAX_CARRIER} 个字）。",
                "carrier missing or too long",
                "bad-shipment",
            )
        if not re.fullmatch(TRACKING_PATTERN, number):
            raise HubError(
                422,
                "快递单号应为 6–40 位字母、数字或连字符，请核对后重新填写。",
                "bad tracking number",
                "bad-shipment",
            )
        return Shipment(carrier, number)


def record_shipment(
    s: Session, case: Case, stage: str, shipment: Shipment | None
) -> dict[str, Any] | None:
    """Keep the shipment of a 已寄出/已签收 step; the change event's ``detail`` (or None)."""
    if stage == DISPATCHED:
        if shipment is None:
            raise HubError(
                422,
                "标记“已寄出”时必须填写快递公司和快递单号。",
                "dispatch needs a carrier and a tracking number",
                "bad-shipment",
            )
        shipment = shipment.checked()
        row = s.get(CourierShipment, case.id)
        if row is None:
            row = CourierShipment(case_id=case.id)
            s.add(row)
        row.carrier, row.tracking_no = shipment.carrier, shipment.tracking_no
        row.dispatched_at, row.signed_at = utcnow(), None
        return {"carrier": shipment.carrier, "tracking_no": shipment.tracking_no}
    if shipment is not None:
        raise HubError(
            422,
            "只有标记“已寄出”时才填写快递公司和单号。",
            "a shipment only goes with 已寄出",
            "bad-shipment",
        )
    if stage == SIGNED:
        row = s.get(CourierShipment, case.id)
        if row is not None:
            row.signed_at = utcnow()
            return {"carrier": row.carrier, "tracking_no": row.tracking_no}
    return None


def shipment_of(s: Session, case_id: int) -> dict[str, Any] | None:
    row = s.get(CourierShipment, case_id)
    if row is None:
        return None
    return {
        "carrier": row.carrier,
        "tracking_no": row.tracking_no,
        "dispatched_at": row.dispatched_at.isoformat() if row.dispatched_at else None,
        "signed_at": row.signed_at.isoformat() if row.signed_at else None,
    }
