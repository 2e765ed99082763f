"""Joining the hub: checking its address, enrolling this station, keeping the address (and
the CA file) in the station's settings. The context then drops its sync engine, so the
next sync uses the new address."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.secrets import SecretStore
from kiosk.core.settings import Settings, save_settings
from kiosk.store.db import Database
from kiosk.sync.enrollment import enroll_station
from kiosk.sync.hub_address import require_secure_hub_url

if TYPE_CHECKING:
    from kiosk.sync.client import HttpHubClient


def provision_station(
    db: Database,
    settings: Settings,
    data_dir: Path,
    secrets: SecretStore,
    hub_client: Callable[[], HttpHubClient],
    *,
    hub_url: str,
    station_code: str,
    station_name: str,
    enrollment_code: str,
    ca_file: str = "",
) -> str:
    """Enrol at ``hub_url`` with the one-time code; returns the device id. The address is
    checked before anything is stored, and saved only once the hub has enrolled us."""
    require_secure_hub_url(hub_url, settings.demo)
    settings.hub_url = hub_url.rstrip("/")
    settings.ca_file = ca_file
    client = hub_client()  # built from the settings just set
    try:
        device_id = enroll_station(
            db,
            settings,
            secrets,
            client,
            station_code=station_code,
            station_name=station_name,
            enrollment_code=enrollment_code,
        )
    finally:
        client.close()
    save_settings(data_dir, settings)
    return device_id


def change_hub_url(settings: Settings, data_dir: Path, hub_url: str) -> None:
    """A new address for the same hub (checked, then saved)."""
    require_secure_hub_url(hub_url, settings.demo)
    settings.hub_url = hub_url.rstrip("/")
    save_settings(data_dir, settings)
