"""``POST /v1/delivery``: a station sends a resident's new choice of how the result reaches
them (until 办结); idempotent (the latest change by the station's time wins)."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

from fastapi import APIRouter

from hub.api_deps import Device, Service
from hub.problems import problems
from kiosk.protocol.followup import DeliveryChangeIn, DeliveryChangeOut

router = APIRouter(tags=["delivery"])


@router.post(
    "/v1/delivery",
    response_model=DeliveryChangeOut,
    responses=problems(400, 401, 404, 409, 413, 422),
)
def change_delivery(body: DeliveryChangeIn, dev: Device, service: Service) -> DeliveryChangeOut:
    """The resident's new choice (自取 here / at the township hall, or 邮寄 with address)."""
    answer = service.delivery_changes.change(
        dev.station_code, body.client_id, body.delivery, body.changed_at
    )
    return DeliveryChangeOut(**answer)
