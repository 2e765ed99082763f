"""What a resident sees at the terminal of the 一件事 a case was filed in (issue 19): every
member item in plain words, and what is left. Looked up like a single case: the group's
number (一件事编号, from the receipt) with the query code of any of its members, or any
member's case number with its own query code."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.status import FINISHED_WITH_RESULT, AppStatus
from kiosk.store.group_models import ApplicationGroup
from kiosk.store.models import Application

REFUSED = (AppStatus.REJECTED, AppStatus.WITHDRAWN)


@dataclass(frozen=True)
class PublicMember:
    item_name: str
    status: AppStatus
    words: str  # the member's progress in plain words
    finished: bool


@dataclass(frozen=True)
class PublicGroup:
    name: str  # 出生一件事
    number: str  # the group's number, or "" before the hub gave one
    members: tuple[PublicMember, ...]

    @property
    def summary(self) -> str:
        """E.g. "共 4 项，已办结 2 项，还有 2 项在办理"."""
        done = sum(1 for m in self.members if m.finished)
        if done == len(self.members):
            return f"共 {len(self.members)} 项，已全部办结"
        return (
            f"共 {len(self.members)} 项，已办结 {done} 项，还有 {len(self.members) - done} 项在办理"
        )


def member_by_group_code(s: Session, number: str, typed_code: bytes) -> Application | None:
    """The member of the group numbered ``number`` whose query code is ``typed_code`` (every
    code is compared, in constant time each: nothing tells which member matched first)."""
    group_id = s.scalar(select(ApplicationGroup.id).where(ApplicationGroup.group_no == number))
    if group_id is None:
        return None
    found = None
    for app in s.scalars(select(Application).where(Application.group_id == group_id)):
        stored = "".join((app.query_code or "").split()).replace("-", "").upper().encode()
        if stored and hmac.compare_digest(stored, typed_code) and found is None:
            found = app
    return found


def group_of(
    s: Session,
    app: Application,
    plain_words: Mapping[AppStatus, str],
    member_order: Callable[[str], Sequence[str]],
) -> PublicGroup | None:
    """The group ``app`` was filed in, its members in the bundle's order (``member_order``:
    a bundle's code → its member item codes; empty when the catalog no longer has it)."""
    if app.group_id is None:
        return None
    group = s.get(ApplicationGroup, app.group_id)
    if group is None:
        return None
    order = {code: i for i, code in enumerate(member_order(group.bundle_code))}
    members = sorted(
        s.scalars(
            select(Application)
            .where(Application.group_id == group.id)
            .order_by(Application.created_at, Application.id)
        ),
        key=lambda m: order.get(m.item_code, len(order)),
    )
    return PublicGroup(
        group.bundle_name,
        group.group_no or "",
        tuple(
            PublicMember(
                m.item_name,
                AppStatus(m.status),
                plain_words.get(AppStatus(m.status), ""),
                AppStatus(m.status) in (*FINISHED_WITH_RESULT, *REFUSED),
            )
            for m in members
        ),
    )
