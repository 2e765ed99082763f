"""Working days for promised time limits: weekends, public holidays, and 调休 weekends."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kiosk.core.errors import KioskError
from kiosk.core.workdays import (
    SHIPPED_HOLIDAYS,
    load_calendar,
    parse_calendar,
    resolve_holiday_file,
)
from kiosk.paths import assets_dir

D = dt.date


@pytest.fixture
def calendar():
    return load_calendar(assets_dir() / SHIPPED_HOLIDAYS)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2026, 11, 20), 5, D(2026, 11, 27)),  # Friday + 5: the next Friday
        (D(2026, 11, 21), 1, D(2026, 11, 23)),  # filed on a Saturday: counting starts Monday
        (D(2026, 9, 30), 3, D(2026, 10, 10)),  # 国庆 1–7 off, Sat 10 Oct is a 调休 working day
        (D(2025, 1, 24), 1, D(2025, 1, 26)),  # Sunday 26 Jan 2025 was a working day (春节调休)
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Saturday 14 Feb 2026 too
        (D(2026, 2, 14), 1, D(2026, 2, 24)),  # then 春节 15–23 Feb off
        (D(2026, 12, 30), 0, D(2026, 12, 30)),  # 即办
    ],
)
def test_add_working_days(calendar, start, days, due):
    result = calendar.add_working_days(start, days)
    assert result.date == due
    assert not result.approximate


def test_dates_beyond_the_list_are_flagged_approximate(calendar):
    result = calendar.add_working_days(D(2026, 12, 28), 5)
    assert result.date == D(2027, 1, 4)  # weekends only: the 2027 holidays are not known
    assert result.approximate


def test_station_holiday_file_from_settings(tmp_path):
    custom = tmp_path / "holidays.json"
    custom.write_text(
        json.dumps({"years": [2027], "holidays": ["2027-01-01"], "workdays": ["2027-01-09"]}),
        "utf-8",
    )
    path = resolve_holiday_file("holidays.json", tmp_path)
    assert path == custom
    result = load_calendar(path).add_working_days(D(2026, 12, 31), 6)
    # 1 Jan off, 4–8 Jan = 5, Saturday 9 Jan declared a working day = 6th
    assert result.date == D(2027, 1, 9)
    assert resolve_holiday_file("", tmp_path) == assets_dir() / SHIPPED_HOLIDAYS


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"holidays": ["2026-13-01"]}), json.dumps({"years": "2026"})],
)
def test_broken_holiday_file_is_refused_in_chinese(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with pytest.raises(KioskError) as err:
        parse_calendar(path)
    assert "节假日文件" in err.value.zh


def test_missing_holiday_file(tmp_path):
    with pytest.raises(KioskError) as err:
        load_calendar(tmp_path / "nope.json")
    assert "找不到节假日文件" in err.value.zh
