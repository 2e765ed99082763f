"""Reading application groups (一件事): one group by id, the group of a member application,
the group with a hub number (the terminal's lookup)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.catalog import Catalog
from kiosk.core.errors import NotFound
from kiosk.core.event_views import GroupMemberView, GroupView, LeftOut
from kiosk.core.status import AppStatus
from kiosk.protocol.workdays import HolidayCalendar, due_date
from kiosk.store.db import Database
from kiosk.store.group_models import ApplicationGroup
from kiosk.store.models import Application


class GroupQueries:
    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        calendar: Callable[[], HolidayCalendar | None] = lambda: None,
    ) -> None:
        self._db = db
        self._catalog = catalog
        self._calendar = calendar

    def get_group(self, group_id: str) -> GroupView:
        with self._db.read() as s:
            group = s.get(ApplicationGroup, group_id)
            if group is None:
                raise NotFound(
                    f"找不到“一件事”办件 {group_id}。", f"no application group {group_id}"
                )
            return self._view(s, group)

    def group_of(self, app_id: str) -> GroupView | None:
        """The group an application belongs to (None: filed on its own)."""
        with self._db.read() as s:
            group_id = s.scalar(select(Application.group_id).where(Application.id == app_id))
            if group_id is None:
                return None
            group = s.get(ApplicationGroup, group_id)
            return None if group is None else self._view(s, group)

    def group_by_no(self, group_no: str) -> GroupView | None:
        """The group with the hub's number ``group_no`` (the terminal's lookup)."""
        number = group_no.strip().upper()
        if not number:
            return None
        with self._db.read() as s:
            group = s.scalars(
                select(ApplicationGroup).where(ApplicationGroup.group_no == number)
            ).first()
            return None if group is None else self._view(s, group)

    def _view(self, s: Session, group: ApplicationGroup) -> GroupView:
        apps = s.scalars(
            select(Application)
            .where(Application.group_id == group.id)
            .order_by(Application.created_at, Application.id)
        ).all()
        order = {code: i for i, code in enumerate(self._catalog.member_order(group.bundle_code))}
        calendar = self._calendar()
        members = [
            GroupMemberView(
                app_id=a.id,
                item_code=a.item_code,
                item_name=a.item_name,
                status=AppStatus(a.status),
                case_no=a.case_no,
                promised=self._promised(a, calendar),
            )
            for a in sorted(apps, key=lambda a: order.get(a.item_code, len(order)))
        ]
        left = [
            LeftOut(x["item_code"], self._item_name(x["item_code"]), x["reason"])
            for x in json.loads(group.left_out or "[]")
        ]
        return GroupView(
            group_id=group.id,
            bundle_code=group.bundle_code,
            bundle_name=group.bundle_name,
            catalog_version=group.catalog_version,
            group_no=group.group_no,
            created_by=group.created_by,
            created_at=group.created_at,
            members=tuple(members),
            left_out=tuple(left),
        )

    def _item_name(self, code: str) -> str:
        return self._catalog.get(code).name if code in self._catalog else code

    def _promised(self, app: Application, calendar: HolidayCalendar | None) -> dt.date | None:
        """The promised completion date once the case is at the hub (as the terminal says)."""
        if app.case_no is None or app.queued_at is None or app.item_code not in self._catalog:
            return None
        due = due_date(calendar, app.queued_at, self._catalog.get(app.item_code).promised_days)
        return None if due is None else due.date
