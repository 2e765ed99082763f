"""What callers are given of an application group (一件事): frozen views built inside the
session that read the rows, with each member's status, case number and promised date, the
members left out and why, and the group's overall state."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.changes import NOTHING, Changes
from kiosk.core.public_lookup import PLAIN_WORDS
from kiosk.core.status import FINISHED_WITH_RESULT, LABELS_ZH, AppStatus

REFUSED = (AppStatus.REJECTED, AppStatus.WITHDRAWN)
FINISHED = (*FINISHED_WITH_RESULT, *REFUSED)

STATE_DONE = "办结"
STATE_OPEN = "办理中"
STATE_WAITING = "待报送"


@dataclass(frozen=True)
class GroupMemberView:
    app_id: str
    item_code: str
    item_name: str
    status: AppStatus
    case_no: str | None
    promised: dt.date | None  # the promised completion date, once known (None: 即办 / not yet)

    @property
    def status_label(self) -> str:
        return LABELS_ZH[self.status]

    @property
    def local_ref(self) -> str:
        """The reference printed before the hub gives a case number (as a single filing's)."""
        return "L-" + self.app_id.replace("-", "")[:10].upper()

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def refused(self) -> bool:
        return self.status in REFUSED

    @property
    def plain_words(self) -> str:
        """For the resident (the terminal's lookup by the group's number)."""
        return PLAIN_WORDS.get(self.status, self.status_label)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.app_id,
            "item_code": self.item_code,
            "item_name": self.item_name,
            "status": self.status.value,
            "status_label": self.status_label,
            "case_no": self.case_no,
            "promised": self.promised.isoformat() if self.promised else None,
            "finished": self.finished,
            "refused": self.refused,
        }


@dataclass(frozen=True)
class LeftOut:
    item_code: str
    item_name: str
    reason: str


@dataclass(frozen=True)
class GroupView:
    group_id: str
    bundle_code: str
    bundle_name: str
    catalog_version: str
    group_no: str | None
    created_by: str
    created_at: dt.datetime
    members: tuple[GroupMemberView, ...]
    left_out: tuple[LeftOut, ...] = ()
    changes: Changes = field(default=NOTHING, compare=False)  # what the call changed

    @property
    def local_ref(self) -> str:
        """The group's reference on paper until the hub numbers it."""
        return group_local_ref(self.group_id)

    @property
    def state(self) -> str:
        """办结 when every member is finished (refused and withdrawn ones included)."""
        if self.members and all(m.finished for m in self.members):
            return STATE_DONE
        if all(m.status in (AppStatus.QUEUED, AppStatus.SENDING) for m in self.members):
            return STATE_WAITING
        return STATE_OPEN

    @property
    def refused(self) -> tuple[GroupMemberView, ...]:
        return tuple(m for m in self.members if m.refused)

    @property
    def open_members(self) -> tuple[GroupMemberView, ...]:
        """What is left for the resident to wait for."""
        return tuple(m for m in self.members if not m.finished)

    def summary_zh(self) -> str:
        """One line for the case view and the terminal."""
        text = f"{self.bundle_name}：{self.state}，共 {len(self.members)} 项"
        done = sum(1 for m in self.members if m.finished and not m.refused)
        if done:
            text += f"，已办结 {done} 项"
        if self.refused:
            text += "，未获办理：" + "、".join(m.item_name for m in self.refused)
        if self.open_members and self.state != STATE_WAITING:
            text += "，仍在办理：" + "、".join(m.item_name for m in self.open_members)
        return text + "。"

    def to_json(self) -> dict[str, Any]:
        return {
            "group_id": self.group_id,
            "bundle_code": self.bundle_code,
            "bundle_name": self.bundle_name,
            "catalog_version": self.catalog_version,
            "group_no": self.group_no,
            "state": self.state,
            "summary": self.summary_zh(),
            "members": [m.to_json() for m in self.members],
            "left_out": [
                {"item_code": x.item_code, "item_name": x.item_name, "reason": x.reason}
                for x in self.left_out
            ],
        }


def group_local_ref(group_id: str) -> str:
    """The group's reference on paper until the hub numbers the group (like ``L-…`` for a
    single application)."""
    return "LG-" + group_id.replace("-", "")[:10].upper()


def left_out_json(left: list[LeftOut]) -> str:
    """What ``application_group.left_out`` stores (no personal data)."""
    return json.dumps(
        [{"item_code": x.item_code, "reason": x.reason} for x in left], ensure_ascii=False
    )
