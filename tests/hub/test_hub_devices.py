"""Device tokens: rotation without lock-out, revocation with a re-enrolment message."""

from __future__ import annotations

import httpx
import pytest

from tests.hub.helpers import STATION, enroll, item, submit_one

pytestmark = pytest.mark.slow


def with_token(hub, token):
    return httpx.Client(base_url=f"{hub.url}/v1", headers={"Authorization": f"Bearer {token}"})


def test_rotation_keeps_the_old_token_until_the_new_one_is_used(hub):
    client = enroll(hub)
    old = client.headers["Authorization"].removeprefix("Bearer ")
    new = client.post("/token/rotate").json()["token"]
    assert new != old
    # the answer may have been lost: the old token still works, and may rotate again
    assert with_token(hub, old).get("/changes").status_code == 200
    newer = with_token(hub, old).post("/token/rotate").json()["token"]
    assert with_token(hub, new).get("/changes").status_code == 401  # superseded
    assert with_token(hub, newer).get("/changes").status_code == 200
    assert with_token(hub, old).get("/changes").status_code == 401  # retired on first use


def test_revoked_device_is_told_to_re_enrol_and_keeps_nothing_half_done(hub):
    client = enroll(hub)
    submit_one(client, item())
    assert hub.service.revoke(client.device_id) == 1
    resp = client.post("/submissions", json={"items": [item()]})
    assert resp.status_code == 401
    assert resp.json()["type"] == "/problems/token-revoked"
    assert "重新注册" in resp.json()["detail"]
    assert hub.service.stats()["cases"] == 1
    again = enroll(hub)  # re-enrolment: a new device for the same station sees its cases
    assert len(again.get("/changes").json()["events"]) == 1


def test_revoking_a_station_revokes_all_its_devices(hub):
    a, b = enroll(hub), enroll(hub)
    assert hub.service.revoke(STATION) == 2
    assert a.get("/changes").status_code == 401 and b.get("/changes").status_code == 401
    with pytest.raises(Exception) as err:
        hub.service.revoke(STATION)
    assert "找不到" in err.value.zh


def test_unknown_token_is_refused(hub):
    resp = with_token(hub, "forged").get("/changes")
    assert resp.status_code == 401 and resp.json()["type"] == "/problems/token-invalid"
