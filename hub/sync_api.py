"""What a station's sync cycle calls: submissions, the change feed, the catalog and 好差评
(docs/protocol.md §4.3, §4.5–§4.7)."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import JSONResponse

from hub.api_deps import Device, Service
from hub.problems import problems
from hub.service import SubmissionItem
from kiosk.protocol.models import (
    MAX_CURSOR,
    BatchIn,
    BatchOut,
    CatalogOut,
    ChangeOut,
    ChangesOut,
    EvaluationIn,
    EvaluationOut,
    ItemResult,
)

router = APIRouter()


@router.post("/v1/submissions", response_model=BatchOut, responses=problems(400, 401, 413, 422))
def submit(body: BatchIn, dev: Device, service: Service) -> BatchOut:
    items = [
        SubmissionItem(
            i.client_id, i.item_code, i.form_version, i.payload, list(i.blobs), i.revision
        )
        for i in body.items
    ]
    results = service.submit(dev.station_code, items)
    return BatchOut(results=[ItemResult(**r) for r in results])


@router.get("/v1/changes", response_model=ChangesOut, responses=problems(401, 422))
def changes(
    dev: Device,
    service: Service,
    cursor: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> ChangesOut:
    events = service.changes(dev.station_code, cursor, limit)
    next_cursor = events[-1]["seq"] if events else cursor
    return ChangesOut(events=[ChangeOut(**e) for e in events], next_cursor=next_cursor)


@router.get(
    "/v1/catalog",
    response_model=CatalogOut,
    responses={
        200: {"headers": {"ETag": {"schema": {"type": "string"}}}},
        304: {"description": "the station already has this catalog version"},
        **problems(401, 422),
    },
)
def catalog_feed(
    dev: Device,
    service: Service,
    since: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    if_none_match: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    version = service.catalog.version()
    etag = f'"catalog-{version}"'
    if if_none_match and etag in [t.strip() for t in if_none_match.split(",")]:
        return Response(status_code=304, headers={"ETag": etag})
    feed = CatalogOut(**service.catalog.feed(since))
    return JSONResponse(feed.model_dump(), headers={"ETag": f'"catalog-{feed.version}"'})


@router.post(
    "/v1/evaluations",
    response_model=EvaluationOut,
    status_code=201,
    responses={
        200: {"model": EvaluationOut, "description": "already recorded (a resend)"},
        **problems(400, 401, 404, 409, 413, 422),
    },
)
def evaluate(body: EvaluationIn, dev: Device, service: Service) -> Response:
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
