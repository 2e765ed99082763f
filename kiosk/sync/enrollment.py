"""Provisioning a station: station code + hub URL + one-time code → device token in keyring.

At enrolment the station also registers its batch-signing key (Ed25519, kept in the keyring)
and records the hub's public keys, so it can later exchange removable-media batches with
no network at all (docs/design.md §8).

The token lives only in the OS keyring (never in settings, the database or logs). It is
rotated from time to time (two-phase at the hub: the old token works until the new one is
used, so a lost answer never locks the station out). A revoked token stops sync with a
message that leads the technician to re-enrolment; re-enrolment keeps every application.
"""

from __future__ import annotations

import logging

from sqlalchemy import delete

from kiosk.core.device_keys import load_or_create_signing_key, public_b64
from kiosk.core.secrets import SecretStore
from kiosk.core.settings import Settings
from kiosk.forms.station_code import check_station_code as check_station_code
from kiosk.forms.station_code import station_role as station_role
from kiosk.protocol.errors import InputError
from kiosk.store.db import Database
from kiosk.store.models import Station
from kiosk.sync import state
from kiosk.sync.client import HubClient

log = logging.getLogger(__name__)

DEVICE_TOKEN = "device-token"


def enroll_station(
    db: Database,
    settings: Settings,
    secrets: SecretStore,
    client: HubClient,
    *,
    station_code: str,
    station_name: str,
    enrollment_code: str,
) -> str:
    """Enrol at the hub and record the station. Returns the device id."""
    problem = check_station_code(station_code)
    if problem:
        raise InputError(problem, f"bad station code {station_code!r}")
    signing_key = load_or_create_signing_key(secrets)
    answer = client.enroll(enrollment_code, station_code, public_b64(signing_key))
    secrets.set(DEVICE_TOKEN, answer.token)
    device_id = answer.device_id
    with db.write() as s:
        s.execute(delete(Station))
        s.add(
            Station(
                code=station_code,
                name=station_name,
                device_id=device_id,
                hub_url=settings.hub_url,
                role=station_role(station_code),
                hub_box_key=answer.hub_box_key,
                hub_sign_key=answer.hub_sign_key,
            )
        )
        # a fresh device: no backoff, no stale "re-enrol" message, token age starts now
        for key in (state.NEXT_ATTEMPT, state.FAILURES, state.AUTH_ERROR, state.LAST_ERROR):
            state.put(s, key, None)
        state.put_time(s, state.TOKEN_ROTATED, None)
    log.info("station enrolled (device %s)", device_id)
    return device_id


def rotate_device_token(secrets: SecretStore, client: HubClient) -> None:
    """Ask the hub for a new token and keep it in the keyring (the old one works until then)."""
    token = client.rotate_token()
    secrets.set(DEVICE_TOKEN, token)
