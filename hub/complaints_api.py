"""差评 follow-up over HTTP: stations read theirs (a township: its villages'), the rated
station appeals, the township reviewer decides; the back office calls back, notes the
rectification, closes, and alone may open the rater's contact."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from hub.api_deps import BackOffice, Device, Service
from hub.complaints import OVERTURNED, STATE_WORDS, UPHELD
from hub.problems import problems
from kiosk.protocol.followup import ComplaintOut, ComplaintsOut, DecisionIn, NoteIn

router = APIRouter(tags=["差评"])
ComplaintId = Annotated[int, Path(ge=1, le=2**31 - 1)]  # an INTEGER id column on PostgreSQL


class ContactOut(BaseModel):
    contact: dict[str, Any]


def _out(view: dict[str, Any]) -> ComplaintOut:
    return ComplaintOut(**view)


@router.get("/v1/complaints", response_model=ComplaintsOut, responses=problems(401))
def station_complaints(dev: Device, service: Service) -> ComplaintsOut:
    """This station's 差评 (a township: its villages'), with state and outcome, no rater."""
    return ComplaintsOut(
        complaints=[_out(v) for v in service.complaints.for_viewer(dev.station_code)]
    )


@router.post(
    "/v1/complaints/{complaint_id}/appeal",
    response_model=ComplaintOut,
    responses=problems(400, 401, 404, 409, 413, 422),
)
def appeal(complaint_id: ComplaintId, body: NoteIn, dev: Device, service: Service) -> ComplaintOut:
    """申诉: the rated station disputes the 差评; its township's reviewer decides."""
    view = service.complaints.act(
        complaint_id, "appeal", body.note, f"代办点 {dev.station_code}", dev.station_code
    )
    return _out(view)


@router.post(
    "/v1/complaints/{complaint_id}/decision",
    response_model=ComplaintOut,
    responses=problems(400, 401, 404, 409, 413, 422),
)
def township_decision(
    complaint_id: ComplaintId, body: DecisionIn, dev: Device, service: Service
) -> ComplaintOut:
    """The township reviewer decides an appeal of one of its villages."""
    view = service.complaints.decide(
        complaint_id, body.decision, body.note, f"乡镇审核 {dev.station_code}", dev.station_code
    )
    return _out(view)


@router.get("/v1/admin/complaints", response_model=ComplaintsOut, responses=problems(401, 403, 422))
def all_complaints(
    service: Service,
    _actor: BackOffice,
    state: Annotated[str, Query(pattern="^(" + "|".join(STATE_WORDS) + ")?$")] = "",
    station: Annotated[str | None, Query(pattern=r"^[0-9]{12}$")] = None,
) -> ComplaintsOut:
    views = service.complaints.list_all([station] if station else None, state)
    return ComplaintsOut(complaints=[_out(v) for v in views])


@router.post(
    "/v1/admin/complaints/{complaint_id}/decision",
    response_model=ComplaintOut,
    responses=problems(400, 401, 403, 404, 409, 413, 422),
)
def back_office_decision(
    complaint_id: ComplaintId, body: DecisionIn, service: Service, actor: BackOffice
) -> ComplaintOut:
    return _out(service.complaints.decide(complaint_id, body.decision, body.note, actor))


@router.post(
    "/v1/admin/complaints/{complaint_id}/{action}",
    response_model=ComplaintOut,
    responses=problems(400, 401, 403, 404, 409, 413, 422),
)
def follow_up(
    complaint_id: ComplaintId,
    action: Annotated[str, Path(pattern="^(callback|rectify|close)$")],
    body: NoteIn,
    service: Service,
    actor: BackOffice,
) -> ComplaintOut:
    """回访 (callback), 整改 (rectify), 办结 (close), each with its note."""
    return _out(service.complaints.act(complaint_id, action, body.note, actor))


@router.get(
    "/v1/admin/complaints/{complaint_id}/contact",
    response_model=ContactOut,
    responses=problems(401, 403, 404, 422),
)
def rater_contact(complaint_id: ComplaintId, service: Service, actor: BackOffice) -> ContactOut:
    """Who rated, for the call-back (each opening is recorded)."""
    return ContactOut(contact=service.complaints.rater_contact(complaint_id, actor))


__all__ = ["OVERTURNED", "UPHELD", "router"]
