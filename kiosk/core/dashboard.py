"""What the agent's dashboard shows: today's work, what waits, what came back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from kiosk.core.case_query import count_overdue
from kiosk.core.catalog import Catalog
from kiosk.core.clock import LOCAL_TZ, to_local, utcnow
from kiosk.core.handover import awaiting_condition
from kiosk.core.status import OPEN_AT_HUB as OPEN_AT_HUB
from kiosk.core.status import AppStatus
from kiosk.core.workdays import HolidayCalendar, station_calendar
from kiosk.store.db import Database
from kiosk.store.models import Application


@dataclass(frozen=True)
class Dashboard:
    today: int  # filed today (local time)
    drafts: int
    waiting: int  # queued, not failed
    sending: int
    failed: int  # queued with an error, quarantined or conflict
    need_supplement: int
    completed_recent: int  # 办结 and waiting to be handed over at the desk (any age)
    overdue: int  # past the promised completion date, not finished
    overdue_ids: list[str] = field(default_factory=list)


def _local_midnight_utc(now: dt.datetime) -> dt.datetime:
    local = to_local(now)
    midnight = dt.datetime.combine(local.date(), dt.time(), LOCAL_TZ)
    return midnight.astimezone(dt.UTC).replace(tzinfo=None)


def overdue_ids(
    db: Database, catalog: Catalog, today: dt.date, calendar: HolidayCalendar | None = None
) -> list[str]:
    cal = calendar or station_calendar()
    days: dict[str, int] = {}
    out: list[str] = []
    with db.read() as s:
        rows = s.execute(
            select(Application.id, Application.item_code, Application.queued_at).where(
                Application.status.in_(OPEN_AT_HUB), Application.queued_at.is_not(None)
            )
        ).all()
    for app_id, code, queued_at in rows:
        if code not in days:
            try:
                days[code] = catalog.get(code).promised_days
            except Exception:
                days[code] = 0
        if (
            queued_at is not None
            and days[code]
            and cal.add_working_days(to_local(queued_at).date(), days[code]).date < today
        ):
            out.append(app_id)
    return out


def dashboard(
    db: Database,
    catalog: Catalog,
    now: dt.datetime | None = None,
    *,
    list_overdue: bool = True,
    calendar: HolidayCalendar | None = None,
) -> Dashboard:
    """``list_overdue=False`` counts overdue cases in SQL without listing their ids (fast
    with 100k cases: what the agent's dashboard tile needs)."""
    now = now or utcnow()
    midnight = _local_midnight_utc(now)
    with db.read() as s:

        def count(*conds: object) -> int:
            return int(s.scalar(select(func.count()).select_from(Application).where(*conds)) or 0)  # type: ignore[arg-type]

        queued = Application.status == AppStatus.QUEUED.value
        result = dict(
            today=count(Application.queued_at >= midnight),
            drafts=count(Application.status.in_([AppStatus.DRAFT.value, AppStatus.READY.value])),
            waiting=count(queued, Application.last_error.is_(None)),
            sending=count(Application.status == AppStatus.SENDING.value),
            failed=count(queued, Application.last_error.is_not(None))
            + count(
                Application.status.in_([AppStatus.QUARANTINED.value, AppStatus.CONFLICT.value])
            ),
            need_supplement=count(Application.status == AppStatus.NEED_SUPPLEMENT.value),
            # 办结, collected at a desk, not handed over yet (kiosk/core/handover.py)
            completed_recent=count(awaiting_condition()),
        )
    if not list_overdue:
        late_n = count_overdue(db, catalog, now, calendar)
        return Dashboard(**result, overdue=late_n, overdue_ids=[])
    late = overdue_ids(db, catalog, to_local(now).date(), calendar)
    return Dashboard(**result, overdue=len(late), overdue_ids=late)
