"""Dependencies shared by the hub's routers: the service, the station's device, the back office.

The back office (the province's clerks' systems) authenticates with the admin token set in
``KIOSK_HUB_ADMIN_TOKEN`` when the hub starts; without one, the back-office API is closed.
"""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from hub.devices import DeviceIdentity
from hub.errors import HubError
from hub.service import HubService

ADMIN_TOKEN_ENV = "KIOSK_HUB_ADMIN_TOKEN"
BACK_OFFICE_ACTOR = "省级平台后台"

_device_bearer = HTTPBearer(auto_error=False, description="device token from /v1/enroll")
_admin_bearer = HTTPBearer(
    auto_error=False, scheme_name="BackOffice", description=f"back-office token ({ADMIN_TOKEN_ENV})"
)


def get_service(request: Request) -> HubService:
    service: HubService = request.app.state.service
    return service


Service = Annotated[HubService, Depends(get_service)]


def device(
    service: Service,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_device_bearer)],
) -> DeviceIdentity:
    if creds is None or not creds.credentials.strip():
        raise HubError(
            401, "缺少设备凭证，请先完成站点注册。", "missing bearer token", "token-missing"
        )
    return service.authenticate(creds.credentials.strip())


def back_office(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_admin_bearer)],
) -> str:
    """The back office's actor name, if its token matches (constant-time)."""
    expected: str = getattr(request.app.state, "admin_token", "") or ""
    if not expected:
        raise HubError(
            403,
            f"省级平台未开放后台接口（未设置 {ADMIN_TOKEN_ENV}）。",
            "back-office API disabled: no admin token configured",
            "back-office-disabled",
        )
    given = creds.credentials.strip() if creds is not None else ""
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HubError(
            401, "后台凭证不正确，请核对后重试。", "bad back-office token", "bad-admin-token"
        )
    return BACK_OFFICE_ACTOR


Device = Annotated[DeviceIdentity, Depends(device)]
BackOffice = Annotated[str, Depends(back_office)]
