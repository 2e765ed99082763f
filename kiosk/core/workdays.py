"""Moved to :mod:`kiosk.protocol.workdays` (shared with the hub)."""

from kiosk.protocol.workdays import (
    SHIPPED_HOLIDAYS,
    DueDate,
    HolidayCalendar,
    add_working_days,
    due_date,
    load_calendar,
    log,
    parse_calendar,
    resolve_holiday_file,
    station_calendar,
)

__all__ = [
    "SHIPPED_HOLIDAYS",
    "DueDate",
    "HolidayCalendar",
    "add_working_days",
    "due_date",
    "load_calendar",
    "log",
    "parse_calendar",
    "resolve_holiday_file",
    "station_calendar",
]
