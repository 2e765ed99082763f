"""Working days for promised time limits (承诺时限): weekends, public holidays and 调休.

In China a "working day" is not simply Monday to Friday: public holidays fall on weekdays and
some weekends are declared working days (调休上班). The list is published by the State
Council once a year, so it is data (``assets/calendar/holidays-cn.json``), and a station can
point the ``holidays_file`` setting at its own, updated copy. Dates in years the list does not
cover are counted by weekends alone and flagged ``approximate`` so the receipt can say so.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.protocol.assets import assets_dir
from kiosk.protocol.clock import to_local
from kiosk.protocol.errors import KioskError

log = logging.getLogger(__name__)

SHIPPED_HOLIDAYS = Path("calendar") / "holidays-cn.json"


@dataclass(frozen=True)
class DueDate:
    date: dt.date
    approximate: bool  # some counted day lies outside the years the holiday list covers


@dataclass(frozen=True)
class HolidayCalendar:
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]  # weekends declared working days (调休上班)
    years: frozenset[int]

    def covers(self, day: dt.date) -> bool:
        return day.year in self.years

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: dt.date, days: int) -> DueDate:
        """The ``days``-th working day after ``start`` (counting starts the day after)."""
        day, left, approximate = start, days, False
        while left > 0:
            day += dt.timedelta(days=1)
            approximate = approximate or not self.covers(day)
            if self.is_workday(day):
                left -= 1
        return DueDate(day, approximate)


def _bad(path: Path, what: str) -> KioskError:
    return KioskError(
        f"节假日文件 {path} 格式不正确（{what}），无法推算办结日期。请技术员检查或恢复该文件。",
        f"holiday file {path} is invalid: {what}",
    )


def _dates(path: Path, data: dict[str, Any], key: str) -> frozenset[dt.date]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise _bad(path, f"{key} 应为日期列表")
    try:
        return frozenset(dt.date.fromisoformat(str(v)) for v in values)
    except ValueError as exc:
        raise _bad(path, f"{key} 中有无效日期") from exc


def parse_calendar(path: Path) -> HolidayCalendar:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise KioskError(
            f"找不到节假日文件 {path}。请技术员检查设置中的 holidays_file。",
            f"holiday file {path} not found",
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path, "不是有效的 JSON") from exc
    if not isinstance(data, dict):
        raise _bad(path, "应为 JSON 对象")
    years = data.get("years", [])
    if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
        raise _bad(path, "years 应为年份列表")
    return HolidayCalendar(
        holidays=_dates(path, data, "holidays"),
        workdays=_dates(path, data, "workdays"),
        years=frozenset(years),
    )


_cache: dict[Path, tuple[float, HolidayCalendar]] = {}
_cache_lock = threading.Lock()


def resolve_holiday_file(setting: str, data_dir: Path | None) -> Path:
    """The ``holidays_file`` setting: empty → shipped list; relative → inside the data dir."""
    if not setting:
        return assets_dir() / SHIPPED_HOLIDAYS
    path = Path(setting).expanduser()
    if not path.is_absolute() and data_dir is not None:
        path = data_dir / path
    return path


def load_calendar(path: Path) -> HolidayCalendar:
    """Parse ``path`` once, and again only after the file changes."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = -1.0
    with _cache_lock:
        hit = _cache.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
    calendar = parse_calendar(path)
    with _cache_lock:
        _cache[path] = (mtime, calendar)
    return calendar


def station_calendar(holidays_file: str = "", data_dir: Path | None = None) -> HolidayCalendar:
    """The one working-day calendar of a station (or hub): the ``holidays_file`` setting,
    else the shipped list. Receipts, the dashboard, the case list, the terminal, the
    township's overdue counts and the hub all count with this."""
    return load_calendar(resolve_holiday_file(holidays_file, data_dir))


def due_date(
    calendar: HolidayCalendar | None, filed_at: dt.datetime, promised_days: int
) -> DueDate | None:
    """The promised completion date of a case filed at ``filed_at`` (UTC), or None for 即办."""
    if promised_days <= 0:
        return None
    return (calendar or station_calendar()).add_working_days(
        to_local(filed_at).date(), promised_days
    )


def add_working_days(
    start: dt.date,
    days: int,
    holidays: Iterable[dt.date] = (),
    extra_workdays: Iterable[dt.date] = (),
) -> dt.date:
    """The date ``days`` working days after ``start`` (调休 workdays count as working days).

    A plain helper over explicit lists; what a resident is told uses :func:`station_calendar`."""
    off = set(holidays)
    on = set(extra_workdays)
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        weekend = current.weekday() >= 5
        if (current in on) or (not weekend and current not in off):
            remaining -= 1
    return current
