"""一件事一次办: a station files the applications of one life event as one group
(docs/protocol.md §4.3a)."""

# No "from __future__ import annotations": FastAPI reads these annotations at run time.

from fastapi import APIRouter

from hub.api_deps import Device, Service
from hub.groups import GroupRequest
from hub.problems import problems
from hub.submissions import SubmissionItem
from kiosk.protocol.models import GroupIn, GroupOut, ItemResult

router = APIRouter()


@router.post(
    "/v1/groups",
    response_model=GroupOut,
    responses=problems(400, 401, 409, 413, 422),
)
def submit_group(body: GroupIn, dev: Device, service: Service) -> GroupOut:
    """Created whole or not at all; a resend answers per member (``duplicate`` …)."""
    request = GroupRequest(
        body.group_id,
        body.bundle_code,
        body.catalog_version,
        [
            SubmissionItem(
                m.client_id, m.item_code, m.form_version, m.payload, list(m.blobs), m.revision
            )
            for m in body.members
        ],
        [p.model_dump() for p in body.pending],
    )
    answer = service.groups.submit(dev.station_code, request)
    return GroupOut(
        group_id=answer["group_id"],
        group_no=answer["group_no"],
        members=[ItemResult(**m) for m in answer["members"]],
    )
