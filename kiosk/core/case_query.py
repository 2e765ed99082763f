"""The case list behind the agent's dashboard tiles: filters, paging, counts.

Everything is one indexed SQL query (the station may hold 100k cases); personal data is
never decrypted here. A resident is found by their register id or by the blind index of
their 身份证号, which the application row carries from the day it was submitted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, false, func, or_, select

from kiosk.core.applications import ApplicationView
from kiosk.core.applications.views import view_of
from kiosk.core.catalog import Catalog
from kiosk.core.clock import LOCAL_TZ, to_local, utcnow
from kiosk.core.handover import awaiting_condition
from kiosk.core.status import OPEN_AT_HUB, AppStatus
from kiosk.core.workdays import HolidayCalendar, station_calendar
from kiosk.store.db import Database
from kiosk.store.models import Application, Attachment

# Dashboard tiles and the list each of them opens.
PRESETS = (
    "today",
    "drafts",
    "waiting",
    "sending",
    "failed",
    "need_supplement",
    "completed_recent",
    "overdue",
)
PRESET_LABELS = {
    "today": "今日办件",
    "drafts": "草稿",
    "waiting": "排队待发送",
    "sending": "发送中",
    "failed": "发送失败或被退回",
    "need_supplement": "需补齐补正",
    "completed_recent": "办结待交付结果",
    "overdue": "已超过承诺时限",
}


@dataclass(frozen=True)
class CaseFilter:
    preset: str = ""  # one of PRESETS, or "" for none
    statuses: tuple[AppStatus, ...] = ()
    item_code: str | None = None
    date_from: dt.date | None = None  # local dates, on the filing (or creation) time
    date_to: dt.date | None = None  # inclusive
    resident_id: str | None = None
    resident_index: str | None = None  # blind index of the resident's 身份证号
    reference: str = ""  # case number or local reference "L-…" (prefix)

    def is_empty(self) -> bool:
        return self == CaseFilter()


@dataclass(frozen=True)
class CasePage:
    views: list[ApplicationView]
    total: int
    offset: int
    limit: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.views) < self.total


def local_midnight_utc(day: dt.date) -> dt.datetime:
    """00:00 Asia/Shanghai of ``day``, as naive UTC (what the database stores)."""
    return dt.datetime.combine(day, dt.time(), LOCAL_TZ).astimezone(dt.UTC).replace(tzinfo=None)


def overdue_cutoff(
    promised_days: int, today: dt.date, calendar: HolidayCalendar | None = None
) -> dt.date:
    """The last local filing date whose promised completion date is already past.

    Adding working days never decreases as the start date grows, so walking back from
    today finds it in about ``promised_days`` steps; a case filed on or before the cutoff
    and still open is overdue. Counted with the station's one calendar (holidays, 调休).
    """
    cal = calendar or station_calendar()
    day = today - dt.timedelta(days=1)
    while cal.add_working_days(day, promised_days).date >= today:
        day -= dt.timedelta(days=1)
    return day


def overdue_condition(
    catalog: Catalog, today: dt.date, calendar: HolidayCalendar | None = None
) -> Any:
    """SQL condition for 'still open at the hub and past the promised completion date'."""
    cal = calendar or station_calendar()
    by_days: dict[int, list[str]] = {}
    for item in catalog.items():
        if item.promised_days > 0:  # its former codes too: cases filed before a renumbering
            by_days.setdefault(item.promised_days, []).extend(item.codes)
    # one term per promised time limit, not per item: a handful instead of every item, so a
    # count over 100k cases evaluates a short condition per row (the dashboard's tile)
    per_item = []
    for days, codes in sorted(by_days.items()):
        cutoff = overdue_cutoff(days, today, cal)
        per_item.append(
            and_(
                Application.item_code.in_(codes),
                Application.queued_at < local_midnight_utc(cutoff + dt.timedelta(days=1)),
            )
        )
    if not per_item:
        return false()
    return and_(
        Application.status.in_(OPEN_AT_HUB),
        Application.queued_at.is_not(None),
        or_(*per_item),
    )


def _preset_condition(
    preset: str, catalog: Catalog, now: dt.datetime, calendar: HolidayCalendar | None = None
) -> Any:
    queued = Application.status == AppStatus.QUEUED.value
    if preset == "today":
        return Application.queued_at >= local_midnight_utc(to_local(now).date())
    if preset == "drafts":
        return Application.status.in_([AppStatus.DRAFT.value, AppStatus.READY.value])
    if preset == "waiting":
        return and_(queued, Application.last_error.is_(None))
    if preset == "sending":
        return Application.status == AppStatus.SENDING.value
    if preset == "failed":
        return or_(
            and_(queued, Application.last_error.is_not(None)),
            Application.status.in_([AppStatus.QUARANTINED.value, AppStatus.CONFLICT.value]),
        )
    if preset == "need_supplement":
        return Application.status == AppStatus.NEED_SUPPLEMENT.value
    if preset == "completed_recent":
        return awaiting_condition()
    if preset == "overdue":
        return overdue_condition(catalog, to_local(now).date(), calendar)
    raise ValueError(f"unknown case list preset {preset!r}")


def _reference_condition(reference: str) -> Any:
    ref = reference.strip().upper()
    if ref.startswith("L-"):  # local reference: the first 10 hex digits of the client id
        hexpart = ref[2:].lower()
        if not all(c in "0123456789abcdef" for c in hexpart):
            return false()
        prefix = hexpart[:8] + ("-" + hexpart[8:] if len(hexpart) > 8 else "")
        return Application.id.like(prefix.replace("%", "") + "%")
    return Application.case_no.like(ref.replace("%", "") + "%")


def conditions(
    f: CaseFilter,
    catalog: Catalog,
    now: dt.datetime | None = None,
    calendar: HolidayCalendar | None = None,
) -> list[Any]:
    now = now or utcnow()
    conds: list[Any] = []
    if f.preset:
        conds.append(_preset_condition(f.preset, catalog, now, calendar))
    if f.statuses:
        conds.append(Application.status.in_([s.value for s in f.statuses]))
    if f.item_code:
        codes = catalog.get(f.item_code).codes if f.item_code in catalog else (f.item_code,)
        conds.append(Application.item_code.in_(codes))
    filed = func.coalesce(Application.queued_at, Application.created_at)
    if f.date_from:
        conds.append(filed >= local_midnight_utc(f.date_from))
    if f.date_to:
        conds.append(filed < local_midnight_utc(f.date_to + dt.timedelta(days=1)))
    who = []
    if f.resident_id:
        who.append(Application.resident_id == f.resident_id)
    if f.resident_index:
        who.append(Application.resident_index == f.resident_index)
    if who:
        conds.append(or_(*who))
    if f.reference.strip():
        conds.append(_reference_condition(f.reference))
    return conds


def find_cases(
    db: Database,
    catalog: Catalog,
    f: CaseFilter,
    limit: int = 200,
    offset: int = 0,
    now: dt.datetime | None = None,
    calendar: HolidayCalendar | None = None,
) -> CasePage:
    """One page of matching cases, newest first, and how many match in all."""
    conds = conditions(f, catalog, now, calendar)
    n_files = (
        select(func.count(Attachment.id))
        .where(Attachment.application_id == Application.id)
        .correlate(Application)
        .scalar_subquery()
    )
    with db.read() as s:
        total = int(s.scalar(select(func.count()).select_from(Application).where(*conds)) or 0)
        rows = s.execute(
            select(Application, n_files)
            .where(*conds)
            .order_by(Application.created_at.desc(), Application.id)
            .limit(limit)
            .offset(offset)
        ).all()
        views = [view_of(app, int(count)) for app, count in rows]
    return CasePage(views, total, offset, limit)


def count_overdue(
    db: Database,
    catalog: Catalog,
    now: dt.datetime | None = None,
    calendar: HolidayCalendar | None = None,
) -> int:
    """How many open cases are past their promised date (one COUNT, any number of cases)."""
    cond = overdue_condition(catalog, to_local(now or utcnow()).date(), calendar)
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Application).where(cond)) or 0)
