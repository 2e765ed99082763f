"""How the hub answers what goes wrong: RFC 9457 problem+json in Chinese (docs/protocol.md §3),
for every router."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from hub.errors import HubError
from hub.problems import problem

log = logging.getLogger(__name__)

_HTTP_ZH = {
    400: "请求内容无法解析（不是正确的 JSON），请升级代办软件或联系技术员。",
    404: "没有这个接口，请检查省级平台地址。",
    405: "接口不支持这种请求方式。",
}


async def _hub_error(_req: Request, exc: HubError) -> JSONResponse:
    extra: dict[str, Any] = dict(exc.extra)
    if "Upload-Offset" in exc.headers:
        extra["offset"] = int(exc.headers["Upload-Offset"])
    headers = dict(exc.headers)
    if exc.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return problem(exc.status, exc.zh, exc.en, exc.kind, headers, **extra)


async def _bad_request(_req: Request, exc: RequestValidationError) -> JSONResponse:
    where = "; ".join(".".join(str(x) for x in e["loc"]) for e in exc.errors()[:5])
    return problem(
        422,
        f"请求格式不正确（{where}），请升级代办软件或联系技术员。",
        f"request validation failed: {where}",
        "invalid-request",
    )


async def _http_error(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
    return problem(
        exc.status_code,
        _HTTP_ZH.get(exc.status_code, "请求无法处理。"),
        headers=dict(exc.headers or {}),
    )


async def _gone(_req: Request, _exc: ClientDisconnect) -> Response:
    log.info("client went away before its request was complete")
    return Response(status_code=400)  # nobody is listening any more


async def _crash(_req: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error")
    return problem(500, "省级平台内部错误，稍后会自动重试。", kind="internal")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HubError, _hub_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _bad_request)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(ClientDisconnect, _gone)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _crash)
