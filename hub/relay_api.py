"""A township relays its villages' USB batches and fetches their status returns
(docs/protocol.md §4.8)."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

import tempfile
from pathlib import Path as Path_
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from starlette.concurrency import run_in_threadpool

from hub.api_deps import Device, Service
from hub.errors import HubError
from hub.problems import problems
from hub.relay import is_township
from kiosk.protocol.models import BatchOut, ItemResult, VillageOut, VillagesOut

router = APIRouter()


@router.get("/v1/relay/villages", response_model=VillagesOut, responses=problems(401, 403))
def relay_villages(dev: Device, service: Service) -> VillagesOut:
    """A township's village stations and their batch-signing keys."""
    rows = service.relay.villages(dev.station_code)
    return VillagesOut(villages=[VillageOut(**r) for r in rows])


@router.post(
    "/v1/relay/batches",
    response_model=BatchOut,
    responses=problems(400, 401, 403, 413, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        },
    },
)
async def relay_batch(request: Request, dev: Device, service: Service) -> BatchOut:
    """A township relays one village's batch file (streamed to disk, then processed)."""
    if not is_township(dev.station_code):
        raise HubError(
            403,
            "只有乡镇便民服务中心的站点可以转报代办点批次。",
            "not a township station",
            "not-township",
        )
    with tempfile.TemporaryDirectory(prefix="relay-") as tmp:
        path = Path_(tmp) / "batch.kbatch"
        with open(path, "wb") as fh:
            async for chunk in request.stream():
                fh.write(chunk)
        results = await run_in_threadpool(service.relay.relay_file, dev.station_code, path)
    return BatchOut(results=[ItemResult(**r) for r in results])


@router.get(
    "/v1/relay/returns/{station_code}",
    responses={
        200: {
            "description": "hub-signed status-return file for one village",
            "content": {"application/octet-stream": {}},
        },
        **problems(401, 403, 422),
    },
)
def relay_return(
    station_code: Annotated[str, Path(pattern=r"^[0-9]{12}$")], dev: Device, service: Service
) -> Response:
    data = service.relay.status_return(dev.station_code, station_code)
    return Response(data, media_type="application/octet-stream")
