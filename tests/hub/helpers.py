"""Speaking to a real hub over loopback, as a station would (plain httpx, no kiosk code)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from kiosk.demo import demo_residents

STATION = "330106109201"
OTHER = "330106109202"
PENSION = "330000-20-0001"


def enroll(hub: Any, station: str = STATION) -> httpx.Client:
    code = hub.service.issue_enrollment_code(station)
    resp = httpx.post(
        f"{hub.url}/v1/enroll", json={"enrollment_code": code, "station_code": station}
    )
    assert resp.status_code == 200, resp.text
    client = httpx.Client(
        base_url=f"{hub.url}/v1", headers={"Authorization": f"Bearer {resp.json()['token']}"}
    )
    client.device_id = resp.json()["device_id"]  # type: ignore[attr-defined]
    return client


def item(payload: dict[str, Any] | None = None, client_id: str | None = None, **kw: Any) -> dict:
    return {
        "client_id": client_id or str(uuid.uuid4()),
        "item_code": PENSION,
        "form_version": 1,
        "payload": payload or dict(demo_residents()[0]),
        "blobs": [],
        **kw,
    }


def submit_one(client: httpx.Client, it: dict) -> dict:
    resp = client.post("/submissions", json={"items": [it]})
    assert resp.status_code == 200, resp.text
    return resp.json()["results"][0]
