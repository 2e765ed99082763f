"""The hub's HTTP API (docs/protocol.md): FastAPI, RFC 9457 problem+json errors in Chinese."""

# No "from __future__ import annotations" here: FastAPI must see real annotations to find
# the dependencies declared inside create_app().

import logging
import os
import re
import tempfile
from pathlib import Path as Path_
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from hub.api_deps import ADMIN_TOKEN_ENV
from hub.backoffice_api import router as back_office_router
from hub.blobs import MAX_BLOB_BYTES, BlobState
from hub.complaints_api import router as complaints_router
from hub.db import HubDatabase
from hub.delivery_api import router as delivery_router
from hub.devices import DeviceIdentity
from hub.errors import HubError
from hub.limits import BodyLimitMiddleware
from hub.problems import problem
from hub.problems import problems as _problems
from hub.query_guard import refuse_unknown_query
from hub.relay import is_township
from hub.schemas import (
    MAX_CURSOR,
    SHA_PATTERN,
    BatchIn,
    BatchOut,
    BlobStateOut,
    CatalogOut,
    ChangeOut,
    ChangesOut,
    EnrollRequest,
    EnrollResponse,
    EvaluationIn,
    EvaluationOut,
    Health,
    HubKeysOut,
    ItemResult,
    TokenResponse,
    VillageOut,
    VillagesOut,
)
from hub.service import HubService, SubmissionItem
from kiosk import __version__
from kiosk.core.catalog import Catalog
from kiosk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

log = logging.getLogger(__name__)

_RANGE_RE = re.compile(r"bytes (\d{1,12})-(\d{1,12})/(\d{1,12})")


def _offset_headers(state: BlobState) -> dict[str, str]:
    return {"Upload-Offset": str(state.offset), "Cache-Control": "no-store"}


_OFFSET_HEADER_DOC = {
    "Upload-Offset": {
        "description": "bytes of this blob the hub holds for this station",
        "schema": {"type": "integer", "minimum": 0},
    }
}


def create_app(
    db_url: str = "sqlite:///hub.sqlite3",
    catalog: Catalog | None = None,
    admin_token: str | None = None,
    seed: bool = True,
) -> FastAPI:
    """The hub's API on ``db_url``. ``admin_token`` (default: env KIOSK_HUB_ADMIN_TOKEN) opens
    the back office. ``seed``: publish the shipped catalog items the database lacks (a worker
    of a multi-process hub leaves that to its parent, which did it once)."""
    service = HubService(HubDatabase(db_url), (catalog or Catalog.shipped()) if seed else None)
    app = FastAPI(
        title="Village kiosk reference hub",
        version=__version__,
        description="Sync protocol between village stations and the provincial hub; "
        "see docs/protocol.md.",
        dependencies=[Depends(refuse_unknown_query)],
    )
    app.state.service = service
    app.state.admin_token = (
        admin_token if admin_token is not None else os.environ.get(ADMIN_TOKEN_ENV, "")
    )
    app.include_router(back_office_router)
    app.include_router(complaints_router)
    app.include_router(delivery_router)
    app.add_middleware(BodyLimitMiddleware, blob_limit=MAX_BLOB_BYTES)
    bearer = HTTPBearer(auto_error=False, description="device token from /v1/enroll")

    @app.exception_handler(HubError)
    async def _hub_error(_req: Request, exc: HubError) -> JSONResponse:
        extra: dict[str, Any] = {}
        if "Upload-Offset" in exc.headers:
            extra["offset"] = int(exc.headers["Upload-Offset"])
        headers = dict(exc.headers)
        if exc.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return problem(exc.status, exc.zh, exc.en, exc.kind, headers, **extra)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(_req: Request, exc: RequestValidationError) -> JSONResponse:
        where = "; ".join(".".join(str(x) for x in e["loc"]) for e in exc.errors()[:5])
        return problem(
            422,
            f"请求格式不正确（{where}），请升级代办软件或联系技术员。",
            f"request validation failed: {where}",
            "invalid-request",
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        zh = {
            400: "请求内容无法解析（不是正确的 JSON），请升级代办软件或联系技术员。",
            404: "没有这个接口，请检查省级平台地址。",
            405: "接口不支持这种请求方式。",
        }
        return problem(
            exc.status_code,
            zh.get(exc.status_code, "请求无法处理。"),
            headers=dict(exc.headers or {}),
        )

    @app.exception_handler(ClientDisconnect)
    async def _gone(_req: Request, _exc: ClientDisconnect) -> Response:
        log.info("client went away before its request was complete")
        return Response(status_code=400)  # nobody is listening any more

    @app.exception_handler(Exception)
    async def _crash(_req: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem(500, "省级平台内部错误，稍后会自动重试。", kind="internal")

    def device(
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> DeviceIdentity:
        if creds is None or not creds.credentials.strip():
            raise HubError(
                401, "缺少设备凭证，请先完成站点注册。", "missing bearer token", "token-missing"
            )
        return service.authenticate(creds.credentials.strip())

    Device = Annotated[DeviceIdentity, Depends(device)]
    Sha = Annotated[str, Path(pattern=SHA_PATTERN)]

    @app.get("/v1/health", response_model=Health)
    def health() -> Health:
        return Health(
            status="ok", service="village-kiosk-hub", protocol=PROTOCOL_VERSION, version=__version__
        )

    @app.post("/v1/enroll", response_model=EnrollResponse, responses=_problems(400, 403, 413, 422))
    def enroll(body: EnrollRequest) -> EnrollResponse:
        device_id, token = service.enroll(body.enrollment_code, body.station_code, body.device_key)
        return EnrollResponse(
            device_id=device_id,
            token=token,
            station_code=body.station_code,
            hub_keys=HubKeysOut(**service.keys.public()),
        )

    @app.get("/v1/keys", response_model=HubKeysOut)
    def hub_keys() -> HubKeysOut:
        """The hub's public keys (also returned at enrolment)."""
        return HubKeysOut(**service.keys.public())

    @app.get("/v1/relay/villages", response_model=VillagesOut, responses=_problems(401, 403))
    def relay_villages(dev: Device) -> VillagesOut:
        """A township's village stations and their batch-signing keys."""
        rows = service.relay.villages(dev.station_code)
        return VillagesOut(villages=[VillageOut(**r) for r in rows])

    @app.post(
        "/v1/relay/batches",
        response_model=BatchOut,
        responses=_problems(400, 401, 403, 413, 422),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            },
        },
    )
    async def relay_batch(request: Request, dev: Device) -> BatchOut:
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

    @app.get(
        "/v1/relay/returns/{station_code}",
        responses={
            200: {
                "description": "hub-signed status-return file for one village",
                "content": {"application/octet-stream": {}},
            },
            **_problems(401, 403, 422),
        },
    )
    def relay_return(
        station_code: Annotated[str, Path(pattern=r"^[0-9]{12}$")], dev: Device
    ) -> Response:
        data = service.relay.status_return(dev.station_code, station_code)
        return Response(data, media_type="application/octet-stream")

    @app.post("/v1/token/rotate", response_model=TokenResponse, responses=_problems(401))
    def rotate_token(dev: Device) -> TokenResponse:
        return TokenResponse(device_id=dev.device_id, token=service.devices.rotate(dev.device_id))

    @app.post("/v1/submissions", response_model=BatchOut, responses=_problems(400, 401, 413, 422))
    def submit(body: BatchIn, dev: Device) -> BatchOut:
        items = [
            SubmissionItem(
                i.client_id, i.item_code, i.form_version, i.payload, list(i.blobs), i.revision
            )
            for i in body.items
        ]
        results = service.submit(dev.station_code, items)
        return BatchOut(results=[ItemResult(**r) for r in results])

    @app.head(
        "/v1/blobs/{sha256}",
        status_code=200,
        responses={
            200: {"description": "the hub holds the whole blob", "headers": _OFFSET_HEADER_DOC},
            404: {
                "description": "not (yet) complete: Upload-Offset says how much arrived",
                "headers": _OFFSET_HEADER_DOC,
            },
            **_problems(401, 422),
        },
    )
    def head_blob(sha256: Sha, dev: Device) -> Response:
        state = service.blob_state(dev.station_code, sha256)
        return Response(status_code=200 if state.complete else 404, headers=_offset_headers(state))

    @app.put(
        "/v1/blobs/{sha256}",
        response_model=BlobStateOut,
        status_code=201,
        responses={
            200: {"model": BlobStateOut, "description": "already complete (a resend)"},
            201: {"model": BlobStateOut, "description": "complete and verified"},
            202: {"model": BlobStateOut, "description": "range stored; send the rest"},
            **_problems(400, 401, 409, 413, 416, 422),
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
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            },
        },
    )
    async def put_blob(sha256: Sha, request: Request, dev: Device) -> Response:
        data = await request.body()
        start = total = None
        content_range = request.headers.get("content-range")
        if content_range is not None:
            m = _RANGE_RE.fullmatch(content_range.strip())
            if not m:
                raise HubError(
                    400,
                    "附件续传的范围格式不正确，请升级代办软件。",
                    "bad Content-Range",
                    "bad-range",
                )
            start, end, total = (int(g) for g in m.groups())
            if end < start or end - start + 1 != len(data):
                raise HubError(
                    400,
                    "附件续传的范围与内容长度不符，请重新上传。",
                    "Content-Range does not match the body",
                    "bad-range",
                )
        state = await run_in_threadpool(
            service.put_blob, dev.station_code, sha256, data, start, total
        )
        status = 202 if not state.complete else 201 if state.created else 200
        body = BlobStateOut(sha256=sha256, offset=state.offset, complete=state.complete)
        return JSONResponse(body.model_dump(), status_code=status, headers=_offset_headers(state))

    @app.get("/v1/changes", response_model=ChangesOut, responses=_problems(401, 422))
    def changes(
        dev: Device,
        cursor: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> ChangesOut:
        events = service.changes(dev.station_code, cursor, limit)
        next_cursor = events[-1]["seq"] if events else cursor
        return ChangesOut(events=[ChangeOut(**e) for e in events], next_cursor=next_cursor)

    @app.get(
        "/v1/catalog",
        response_model=CatalogOut,
        responses={
            200: {"headers": {"ETag": {"schema": {"type": "string"}}}},
            304: {"description": "the station already has this catalog version"},
            **_problems(401, 422),
        },
    )
    def catalog_feed(
        dev: Device,
        since: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
        if_none_match: Annotated[str | None, Header(max_length=200)] = None,
    ) -> Response:
        version = service.catalog.version()
        etag = f'"catalog-{version}"'
        if if_none_match and etag in [t.strip() for t in if_none_match.split(",")]:
            return Response(status_code=304, headers={"ETag": etag})
        feed = CatalogOut(**service.catalog.feed(since))
        return JSONResponse(feed.model_dump(), headers={"ETag": f'"catalog-{feed.version}"'})

    @app.post(
        "/v1/evaluations",
        response_model=EvaluationOut,
        status_code=201,
        responses={
            200: {"model": EvaluationOut, "description": "already recorded (a resend)"},
            **_problems(400, 401, 404, 409, 413, 422),
        },
    )
    def evaluate(body: EvaluationIn, dev: Device) -> Response:
        result = service.evaluate(
            dev.station_code,
            body.id,
            body.client_id,
            body.level,
            body.comment,
            body.rated_at,
            kind=body.kind,
            dimensions=dict(body.dimensions) if body.dimensions else None,
            agent=body.agent,
            rater=body.rater,
        )
        out = EvaluationOut(id=body.id, **result)
        return JSONResponse(out.model_dump(), status_code=201 if out.outcome == "created" else 200)

    return app


__all__ = ["PROTOCOL_HEADER", "create_app", "problem"]
