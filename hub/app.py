"""The hub's HTTP API (DESIGN.md §7): FastAPI, RFC 9457 problem+json errors in Chinese."""

# No "from __future__ import annotations" here: FastAPI must see real annotations to find
# the dependencies declared inside create_app().

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hub.db import HubDatabase
from hub.service import HubError, HubService, SubmissionItem
from kiosk import __version__
from kiosk.core.catalog import Catalog

MAX_BATCH_ITEMS = 200
MAX_BLOB_BYTES = 20 * 1024 * 1024
SHA_PATTERN = r"^[0-9a-f]{64}$"


class EnrollRequest(BaseModel):
    enrollment_code: str = Field(min_length=4, max_length=64)
    station_code: str = Field(pattern=r"^\d{12}$")


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    station_code: str


class SubmissionIn(BaseModel):
    client_id: str = Field(pattern=r"^[0-9a-f-]{36}$")
    item_code: str = Field(max_length=40)
    form_version: int = Field(ge=1)
    payload: dict[str, Any]
    blobs: list[Annotated[str, Field(pattern=SHA_PATTERN)]] = Field(
        default_factory=list, max_length=50
    )


class BatchIn(BaseModel):
    items: list[SubmissionIn] = Field(min_length=1, max_length=MAX_BATCH_ITEMS)


class ItemResult(BaseModel):
    client_id: str
    outcome: str
    case_no: str | None = None
    query_code: str | None = None
    errors: dict[str, str] | None = None
    missing: list[str] | None = None


class BatchOut(BaseModel):
    results: list[ItemResult]


class ChangeOut(BaseModel):
    seq: int
    client_id: str
    case_no: str | None
    stage: str
    note: str
    at: str


class ChangesOut(BaseModel):
    events: list[ChangeOut]
    next_cursor: int


def problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
    )


def create_app(db_url: str = "sqlite:///hub.sqlite3", catalog: Catalog | None = None) -> FastAPI:
    service = HubService(HubDatabase(db_url), catalog or Catalog.shipped())
    app = FastAPI(title="Village kiosk reference hub", version=__version__)
    app.state.service = service

    @app.exception_handler(HubError)
    async def _hub_error(_req: Request, exc: HubError) -> JSONResponse:
        return problem(exc.status, exc.en, exc.zh)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(_req: Request, exc: RequestValidationError) -> JSONResponse:
        where = "; ".join(".".join(str(x) for x in e["loc"]) for e in exc.errors()[:5])
        return problem(
            422,
            f"request validation failed: {where}",
            f"请求格式不正确（{where}），请升级代办软件或联系技术员。",
        )

    def station(authorization: Annotated[str | None, Header()] = None) -> str:
        if not authorization or not authorization.startswith("Bearer "):
            raise HubError(401, "缺少设备凭证，请先完成站点注册。", "missing bearer token")
        return service.authenticate(authorization.removeprefix("Bearer ").strip())

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/v1/enroll", response_model=EnrollResponse)
    def enroll(body: EnrollRequest) -> EnrollResponse:
        device_id, token = service.enroll(body.enrollment_code, body.station_code)
        return EnrollResponse(device_id=device_id, token=token, station_code=body.station_code)

    @app.post("/v1/submissions", response_model=BatchOut)
    def submit(body: BatchIn, station_code: Annotated[str, Depends(station)]) -> BatchOut:
        items = [
            SubmissionItem(i.client_id, i.item_code, i.form_version, i.payload, i.blobs)
            for i in body.items
        ]
        return BatchOut(results=[ItemResult(**r) for r in service.submit(station_code, items)])

    @app.head("/v1/blobs/{sha256}")
    def head_blob(
        sha256: Annotated[str, Path(pattern=SHA_PATTERN)],
        _station: Annotated[str, Depends(station)],
    ) -> Response:
        return Response(status_code=200 if service.has_blob(sha256) else 404)

    @app.put("/v1/blobs/{sha256}", status_code=201)
    async def put_blob(
        sha256: Annotated[str, Path(pattern=SHA_PATTERN)],
        request: Request,
        _station: Annotated[str, Depends(station)],
    ) -> Response:
        data = await request.body()
        if len(data) > MAX_BLOB_BYTES:
            raise HubError(413, "附件过大，请压缩后重新上传。", "blob too large")
        created = service.put_blob(sha256, data)
        return Response(status_code=201 if created else 200)

    @app.get("/v1/changes", response_model=ChangesOut)
    def changes(
        station_code: Annotated[str, Depends(station)],
        cursor: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> ChangesOut:
        events = service.changes(station_code, cursor, limit)
        next_cursor = events[-1]["seq"] if events else cursor
        return ChangesOut(events=[ChangeOut(**e) for e in events], next_cursor=next_cursor)

    return app
