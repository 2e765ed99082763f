"""This station as the database records it (code, name, device, hub, role), read in one
place for the services and screens that show or stamp it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kiosk.store.db import Database
from kiosk.store.models import Station

UNCONFIGURED_NAME = "（未配置的代办点）"


@dataclass(frozen=True)
class StationInfo:
    code: str
    name: str
    device_id: str
    hub_url: str
    role: str = "village"  # village | township


def read_station(db: Database) -> StationInfo | None:
    """None until the station is provisioned."""
    with db.read() as s:
        row = s.scalar(select(Station))
        if row is None:
            return None
        return StationInfo(row.code, row.name, row.device_id, row.hub_url, row.role)


def station_code(db: Database) -> str:
    station = read_station(db)
    return station.code if station else ""


def station_name(db: Database) -> str:
    """The name printed on paper; a placeholder before provisioning."""
    station = read_station(db)
    return station.name if station else UNCONFIGURED_NAME


def hub_box_key(db: Database) -> str | None:
    """The hub's public key that ratings are sealed to (None before provisioning)."""
    with db.read() as s:
        row = s.scalar(select(Station))
        return row.hub_box_key if row is not None else None
