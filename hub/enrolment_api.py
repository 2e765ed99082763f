"""Health, enrolment, the hub's keys and token rotation (docs/protocol.md §4.1, §4.2)."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

from fastapi import APIRouter

from hub.api_deps import Device, Service
from hub.problems import problems
from kiosk import __version__
from kiosk.protocol.models import EnrollRequest, EnrollResponse, Health, HubKeysOut, TokenResponse
from kiosk.protocol.wire import PROTOCOL_VERSION

router = APIRouter()


@router.get("/v1/health", response_model=Health)
def health() -> Health:
    return Health(
        status="ok", service="village-kiosk-hub", protocol=PROTOCOL_VERSION, version=__version__
    )


@router.post("/v1/enroll", response_model=EnrollResponse, responses=problems(400, 403, 413, 422))
def enroll(body: EnrollRequest, service: Service) -> EnrollResponse:
    device_id, token = service.enroll(body.enrollment_code, body.station_code, body.device_key)
    return EnrollResponse(
        device_id=device_id,
        token=token,
        station_code=body.station_code,
        hub_keys=HubKeysOut(**service.keys.public()),
    )


@router.get("/v1/keys", response_model=HubKeysOut)
def hub_keys(service: Service) -> HubKeysOut:
    """The hub's public keys (also returned at enrolment)."""
    return HubKeysOut(**service.keys.public())


@router.post("/v1/token/rotate", response_model=TokenResponse, responses=problems(401))
def rotate_token(dev: Device, service: Service) -> TokenResponse:
    return TokenResponse(device_id=dev.device_id, token=service.devices.rotate(dev.device_id))
