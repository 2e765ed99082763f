"""Content-addressed, resumable attachment uploads (docs/protocol.md §4.4)."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

import re
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from hub.api_deps import Device, Service
from hub.blobs import BlobState
from hub.errors import HubError
from hub.problems import problems
from kiosk.protocol.models import SHA_PATTERN, BlobStateOut

router = APIRouter()
Sha = Annotated[str, Path(pattern=SHA_PATTERN)]
_RANGE_RE = re.compile(r"bytes (\d{1,12})-(\d{1,12})/(\d{1,12})")
_OFFSET_HEADER_DOC = {
    "Upload-Offset": {
        "description": "bytes of this blob the hub holds for this station",
        "schema": {"type": "integer", "minimum": 0},
    }
}
_BINARY_BODY = {
    "required": True,
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
}


def _offset_headers(state: BlobState) -> dict[str, str]:
    return {"Upload-Offset": str(state.offset), "Cache-Control": "no-store"}


@router.head(
    "/v1/blobs/{sha256}",
    status_code=200,
    responses={
        200: {"description": "the hub holds the whole blob", "headers": _OFFSET_HEADER_DOC},
        404: {
            "description": "not (yet) complete: Upload-Offset says how much arrived",
            "headers": _OFFSET_HEADER_DOC,
        },
        **problems(401, 422),
    },
)
def head_blob(sha256: Sha, dev: Device, service: Service) -> Response:
    state = service.blob_state(dev.station_code, sha256)
    return Response(status_code=200 if state.complete else 404, headers=_offset_headers(state))


def _content_range(request: Request, size: int) -> tuple[int | None, int | None]:
    """(start, total) of a range upload, (None, None) for a whole blob."""
    content_range = request.headers.get("content-range")
    if content_range is None:
        return None, None
    m = _RANGE_RE.fullmatch(content_range.strip())
    if not m:
        raise HubError(
            400, "附件续传的范围格式不正确，请升级代办软件。", "bad Content-Range", "bad-range"
        )
    start, end, total = (int(g) for g in m.groups())
    if end < start or end - start + 1 != size:
        raise HubError(
            400,
            "附件续传的范围与内容长度不符，请重新上传。",
            "Content-Range does not match the body",
            "bad-range",
        )
    return start, total


@router.put(
    "/v1/blobs/{sha256}",
    response_model=BlobStateOut,
    status_code=201,
    responses={
        200: {"model": BlobStateOut, "description": "already complete (a resend)"},
        201: {"model": BlobStateOut, "description": "complete and verified"},
        202: {"model": BlobStateOut, "description": "range stored; send the rest"},
        **problems(400, 401, 409, 413, 416, 422),
    },
    openapi_extra={
        "parameters": [
            {
                "name": "Content-Range",
                "in": "header",
                "required": False,
                "schema": {"type": "string", "pattern": r"^bytes \d+-\d+/\d+$"},
                "description": "resumable upload: the byte range in this request",
            }
        ],
        "requestBody": _BINARY_BODY,
    },
)
async def put_blob(sha256: Sha, request: Request, dev: Device, service: Service) -> Response:
    data = await request.body()
    start, total = _content_range(request, len(data))
    state = await run_in_threadpool(service.put_blob, dev.station_code, sha256, data, start, total)
    status = 202 if not state.complete else 201 if state.created else 200
    body = BlobStateOut(sha256=sha256, offset=state.offset, complete=state.complete)
    return JSONResponse(body.model_dump(), status_code=status, headers=_offset_headers(state))
