"""Query parameters an operation does not declare are refused (422), not ignored.

A station that misspells one (``curser=``) would otherwise get an answer to a question it did
not ask, e.g. the change feed from the start, again and again. The declared names are read
from the hub's own OpenAPI document, so the guard and the published contract cannot drift.
Stations of a newer protocol version ask with the parameters of the version they negotiated
(docs/protocol.md), so refusing the unknown does not break an older hub's clients.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

_DECLARED = "declared_query_params"


def _declared(request: Request, route: APIRoute) -> frozenset[str]:
    table: dict[tuple[str, str], frozenset[str]] | None = getattr(
        request.app.state, _DECLARED, None
    )
    if table is None:
        table = {}
        for path, operations in request.app.openapi().get("paths", {}).items():
            for method, op in operations.items():
                params: list[dict[str, Any]] = op.get("parameters", [])
                names = frozenset(p["name"] for p in params if p.get("in") == "query")
                table[(path, method.upper())] = names
        setattr(request.app.state, _DECLARED, table)
    return table.get((route.path_format, request.method), frozenset())


async def refuse_unknown_query(request: Request) -> None:
    """An app-wide dependency: 422 naming every query parameter the operation lacks."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return
    declared = _declared(request, route)
    unknown = sorted({name for name in request.query_params if name not in declared})
    if unknown:
        raise RequestValidationError(
            [
                {"type": "extra_forbidden", "loc": ("query", name), "msg": "unknown parameter"}
                for name in unknown
            ]
        )
