"""一件事 carried on a USB stick: the groups a village's batch file lists, each relayed to the
hub whole or not at all (``hub/groups.py``), as if the village had sent it online.

A group refused whole answers the member it names (``rejected`` with its field errors and
the hub's words, or ``conflict``) so that the village's return file quarantines that member;
the other members get no answer and stay queued at the village, to go with it once fixed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, ValidationError

from hub.errors import HubError
from hub.groups import GroupRequest, GroupService
from hub.submissions import SubmissionItem
from kiosk.protocol import wire as p
from kiosk.protocol.models import (
    CATALOG_VERSION_PATTERN,
    ITEM_CODE_PATTERN,
    MAX_GROUP_MEMBERS,
    UUID_PATTERN,
    PendingField,
)


class CarriedGroup(BaseModel):
    """A group as a batch file's manifest lists it (no personal data)."""

    group_id: str = Field(pattern=UUID_PATTERN)
    bundle_code: str = Field(pattern=ITEM_CODE_PATTERN)
    catalog_version: str = Field(pattern=CATALOG_VERSION_PATTERN)
    members: list[str] = Field(min_length=1, max_length=MAX_GROUP_MEMBERS)
    pending: list[PendingField] = Field(default_factory=list, max_length=100)


def read_groups(listed: list[dict[str, Any]]) -> list[CarriedGroup]:
    try:
        return [CarriedGroup.model_validate(g) for g in listed]
    except ValidationError as exc:
        raise HubError(
            422,
            "批次文件中的“一件事”清单格式不正确，请让代办点升级软件后重新导出。",
            f"batch groups malformed: {exc.errors()[:2]}",
            "batch-refused",
        ) from None


def relay_group(
    groups: GroupService, village: str, group: CarriedGroup, members: list[SubmissionItem]
) -> list[dict[str, Any]]:
    """The hub's answer per member of one carried group."""
    try:
        answer = groups.submit(
            village,
            GroupRequest(
                group.group_id,
                group.bundle_code,
                group.catalog_version,
                members,
                [p.model_dump() for p in group.pending],
            ),
        )
    except HubError as exc:
        if exc.status not in (409, 422):
            raise
        member = exc.extra.get("member")
        named = member.get("client_id") if isinstance(member, dict) else None
        targets = [named] if named else [m.client_id for m in members]
        if exc.status == 409:
            return [
                {"client_id": cid, "outcome": p.CONFLICT, "errors": {"_": exc.zh}}
                for cid in targets
            ]
        errors = dict(member.get("errors") or {}) if isinstance(member, dict) else {}
        return [
            {"client_id": cid, "outcome": p.REJECTED, "errors": {**errors, "一件事": exc.zh}}
            for cid in targets
        ]
    return list(answer["members"])
