"""一件事一次办 at the hub: the applications a station filed together for one life event.

A group is created whole or not at all, in one transaction: every member becomes its own
case (own client id, content hash, case number, back office) through the ordinary submission
path (``hub/submissions.py``), and the group gets a number (``group_no``, the shape of a case
number: the bundle code + the local date + a running number).

* A member refused by the form check refuses the group: 422 problem
  ``/problems/group-member-refused`` naming the member (client id, item code, its errors);
  nothing is created.
* A member id that already stands for a case outside this group, or a group id that already
  stands for another bundle or other members: 409 ``/problems/group-conflict``, nothing
  created.
* Attachments the hub lacks: answered (200) with ``group_no`` null and ``missing_blobs`` for
  every member (with the blobs each lacks); nothing created until they are uploaded.
* A resend (same group id, same members, same content) answers ``duplicate`` per member with
  the same case numbers and the same ``group_no``; a member sent again with other content is
  ``conflict``, as for a single submission. Once the group exists each member is handled on
  its own (a later 补正 of one member is a single submission and leaves the others alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.blobs import BlobService
from hub.case_numbers import next_case_no
from hub.catalog import HubCatalog
from hub.db import HubDatabase
from hub.errors import HubError
from hub.feed import lock_station
from hub.models import Case, Group
from hub.submissions import SubmissionItem, SubmissionService
from kiosk.protocol import wire as p

MEMBER_REFUSED = p.PROBLEM_GROUP_MEMBER_REFUSED.rsplit("/", 1)[-1]
GROUP_CONFLICT = p.PROBLEM_GROUP_CONFLICT.rsplit("/", 1)[-1]


@dataclass
class GroupRequest:
    group_id: str
    bundle_code: str
    catalog_version: str
    members: list[SubmissionItem]
    # fields filled from an earlier member's result: {client_id, field, source}
    pending: list[dict[str, str]] = dataclass_field(default_factory=list)

    def waiting(self, client_id: str) -> frozenset[str]:
        """The member's fields that wait for another member of this group."""
        ids = {m.client_id for m in self.members}
        return frozenset(
            p["field"]
            for p in self.pending
            if p["client_id"] == client_id and p["source"] in ids and p["source"] != client_id
        )


def group_prefix(bundle_code: str) -> str:
    """The bundle code as the start of a group number (letters and digits only)."""
    return re.sub(r"[^0-9A-Za-z]", "", bundle_code).upper()


class GroupService:
    def __init__(
        self,
        db: HubDatabase,
        catalog: HubCatalog,
        blobs: BlobService,
        submissions: SubmissionService,
    ) -> None:
        self.db = db
        self.catalog = catalog
        self.blobs = blobs
        self.submissions = submissions

    def submit(self, station: str, group: GroupRequest) -> dict[str, Any]:
        """``{group_id, group_no, members: [answer per member, in order]}`` or a
        :class:`HubError` (422 member refused, 409 conflict) with nothing created."""
        ids = [m.client_id for m in group.members]
        if len(set(ids)) != len(ids):
            raise HubError(
                422,
                "一件事中有重复的申请编号，请升级代办软件或联系技术员。",
                "group members share a client id",
            )
        with self.db.session() as s:
            self.catalog.refresh(s)
            known = self.submissions.existing(s, station, ids)
        # the form check is pure CPU: before the write transaction, only where it matters
        problems: dict[int, dict[str, str]] = {}
        for n, item in enumerate(group.members):
            case = known.get(item.client_id)
            if case is None or item.revision > case.revision:
                errors = self.submissions.check(item, group.waiting(item.client_id))
                if errors:
                    problems[n] = errors
        answers = self.db.retrying(lambda s: self._write(s, station, group, problems))
        return answers

    def _write(
        self,
        s: Session,
        station: str,
        group: GroupRequest,
        problems: dict[int, dict[str, str]],
    ) -> dict[str, Any]:
        lock_station(s, station)  # one group creation per station at a time
        row = s.scalar(
            select(Group).where(Group.station_code == station, Group.group_id == group.group_id)
        )
        if row is not None:
            return self._resend(s, station, row, group, problems)
        if problems:
            raise self._refused(group, problems)
        cases = self.submissions.existing(s, station, [m.client_id for m in group.members])
        for item in group.members:
            if item.client_id in cases:
                raise self._member_taken(group, item, cases[item.client_id])
        owned = self.blobs.owned(s, station, sorted({b for m in group.members for b in m.blobs}))
        lacking = {
            m.client_id: [b for b in dict.fromkeys(m.blobs) if b not in owned]
            for m in group.members
        }
        if any(lacking.values()):
            return {
                "group_id": group.group_id,
                "group_no": None,
                "members": [
                    {"client_id": cid, "outcome": p.MISSING_BLOBS, "missing": missing}
                    for cid, missing in lacking.items()
                ],
            }
        row = Group(
            station_code=station,
            group_id=group.group_id,
            group_no=next_case_no(s, group_prefix(group.bundle_code)),
            bundle_code=group.bundle_code,
            catalog_version=group.catalog_version,
            members=[m.client_id for m in group.members],
            pending=[p for p in group.pending if p["field"] in group.waiting(p["client_id"])],
        )
        s.add(row)
        answers = self.submissions.write(s, station, group.members, {}, group.group_id)
        s.flush()  # a second group id or number racing this one fails here: retried
        return self._answer(row, group, answers)

    def _resend(
        self,
        s: Session,
        station: str,
        row: Group,
        group: GroupRequest,
        problems: dict[int, dict[str, str]],
    ) -> dict[str, Any]:
        """The group exists: each member is answered on its own (duplicate, conflict, …)."""
        outsiders = [m for m in group.members if m.client_id not in row.members]
        if row.bundle_code != group.bundle_code or outsiders:
            raise HubError(
                409,
                f"省级平台已有同一编号、但内容不同的一件事（编号 {row.group_no}）。"
                "本地内容已保留，请核对后联系乡镇工作人员处理。",
                f"group {group.group_id} exists with another bundle or other members",
                GROUP_CONFLICT,
                extra={"group_id": group.group_id, "group_no": row.group_no},
            )
        answers = self.submissions.write(s, station, group.members, problems, row.group_id)
        return self._answer(row, group, answers)

    @staticmethod
    def _answer(row: Group, group: GroupRequest, answers: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "group_id": row.group_id,
            "group_no": row.group_no,
            "members": [
                {"client_id": m.client_id, **a} for m, a in zip(group.members, answers, strict=True)
            ],
        }

    def _label(self, item: SubmissionItem) -> str:
        name = self.catalog.name_of(item.item_code)
        return f"“{name}”（事项 {item.item_code}）" if name else f"事项 {item.item_code}"

    def _refused(self, group: GroupRequest, problems: dict[int, dict[str, str]]) -> HubError:
        refused: list[dict[str, Any]] = [
            {
                "client_id": group.members[n].client_id,
                "item_code": group.members[n].item_code,
                "errors": errors,
            }
            for n, errors in sorted(problems.items())
        ]
        first = group.members[min(problems)]
        reasons = "；".join(e.rstrip("。") for e in problems[min(problems)].values())
        return HubError(
            422,
            f"一件事中的{self._label(first)}未通过省级平台校验：{reasons}。"
            "整件事未报送，其他事项也未受理；请修改该事项后整件事一起重新提交。",
            f"group {group.group_id}: member {first.client_id} ({first.item_code}) refused",
            MEMBER_REFUSED,
            extra={"group_id": group.group_id, "member": refused[0], "members": refused},
        )

    def _member_taken(self, group: GroupRequest, item: SubmissionItem, case: Case) -> HubError:
        return HubError(
            409,
            f"一件事中的{self._label(item)}的申请编号在省级平台已用于另一件办件"
            f"（{case.case_no}）。整件事未报送；本地内容已保留，请联系乡镇工作人员处理。",
            f"group {group.group_id}: member {item.client_id} is case {case.case_no} already",
            GROUP_CONFLICT,
            extra={
                "group_id": group.group_id,
                "member": {"client_id": item.client_id, "item_code": item.item_code},
            },
        )

    def find(self, group_no: str) -> tuple[Group, list[Case]] | None:
        """A group by its number, with its members' cases in the order filed."""
        with self.db.session() as s:
            row = s.scalar(select(Group).where(Group.group_no == group_no))
            if row is None:
                return None
            cases = {
                c.client_id: c
                for c in s.scalars(
                    select(Case).where(
                        Case.station_code == row.station_code, Case.group_id == row.group_id
                    )
                )
            }
            return row, [cases[cid] for cid in row.members if cid in cases]
