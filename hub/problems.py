"""RFC 9457 problem+json answers and their OpenAPI entries, shared by the hub's routers."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from kiosk.protocol.models import Problem

PROBLEM_TYPE = "application/problem+json"
_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    416: "Range Not Satisfiable",
    422: "Unprocessable Content",
    500: "Internal Server Error",
}


def problem(
    status: int,
    detail: str,
    title: str = "",
    kind: str = "",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": f"/problems/{kind}" if kind else "about:blank",
        "title": title or _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers an operation can give."""
    return {
        code: {
            "model": Problem,
            "description": _TITLES.get(code, "Error"),
            "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for code in codes
    }
