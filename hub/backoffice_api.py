"""The back office's API: move a case on (受理 … 办结, 已寄出 with carrier and tracking number,
已签收), as ``kiosk-hub advance`` does, with the back-office token."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from hub.api_deps import BackOffice, Service
from hub.courier import MAX_CARRIER, TRACKING_PATTERN, Shipment, shipment_of
from hub.delivery_changes import effective_delivery
from hub.errors import HubError
from hub.models import Case
from hub.problems import problems
from kiosk.protocol.stages import BACK_OFFICE_STAGES

router = APIRouter(prefix="/v1/admin", tags=["back office"])
CaseNo = Annotated[str, Path(pattern=r"^[0-9A-Za-z-]{1,100}$")]  # 实施编码 + date + sequence


class AdvanceIn(BaseModel):
    to: str = Field(description=f"one of {'、'.join(BACK_OFFICE_STAGES)}", max_length=20)
    note: str = Field(default="", max_length=500)
    carrier: str | None = Field(default=None, min_length=1, max_length=MAX_CARRIER)
    tracking_no: str | None = Field(default=None, pattern=TRACKING_PATTERN)


class ShipmentOut(BaseModel):
    carrier: str
    tracking_no: str
    dispatched_at: str | None
    signed_at: str | None


class CaseStageOut(BaseModel):
    case_no: str
    stage: str
    shipment: ShipmentOut | None = None
    delivery: dict[str, Any] = Field(
        default_factory=dict, description="how the result reaches the resident (latest choice)"
    )


def _out(service: Service, case: Case) -> CaseStageOut:
    with service.db.session() as s:
        shipment = shipment_of(s, case.id)
        row = s.get(Case, case.id)
        delivery = effective_delivery(s, row) if row is not None else {}
    return CaseStageOut(
        case_no=case.case_no or "",
        stage=case.stage,
        shipment=ShipmentOut(**shipment) if shipment else None,
        delivery=delivery,
    )


@router.post(
    "/cases/{case_no}/advance",
    response_model=CaseStageOut,
    responses=problems(400, 401, 403, 404, 409, 413, 422),
)
def advance(case_no: CaseNo, body: AdvanceIn, service: Service, _actor: BackOffice) -> CaseStageOut:
    """Move a case to its next stage; 已寄出 needs ``carrier`` and ``tracking_no``."""
    shipment = None
    if body.carrier is not None or body.tracking_no is not None:
        shipment = Shipment(body.carrier or "", body.tracking_no or "")
    case = service.advance(case_no, body.to, body.note, shipment)
    return _out(service, case)


@router.get("/cases/{case_no}", response_model=CaseStageOut, responses=problems(401, 403, 404, 422))
def case_stage(case_no: CaseNo, service: Service, _actor: BackOffice) -> CaseStageOut:
    """A case's stage and its shipment, if it was sent by courier."""
    case = service.case(case_no)
    if case is None:
        raise HubError(404, f"找不到办件 {case_no}。", f"no case {case_no}")
    return _out(service, case)
