"""办件编号 as provinces issue them (docs/protocol.md §4.3): the hub issues them, the station
shows and prints them."""

from __future__ import annotations


def case_number(impl_code: str, day: str, sequence: int) -> str:
    """办件编号 as provinces issue it: 实施编码 + date (YYYYMMDD) + 6-digit sequence."""
    return f"{impl_code}{day}{sequence:06d}"


def station_case_no(station_code: str, number: int) -> str:
    """The shape used before items carried a 实施编码: station code + running number."""
    return f"{station_code}{number:07d}"
