"""The hub's HTTP API, spoken to over a real loopback socket."""

from __future__ import annotations

import hashlib
import uuid

import httpx
import pytest

from kiosk.demo import demo_residents
from kiosk.sync.protocol import content_hash

pytestmark = pytest.mark.slow
STATION = "330106109201"
OTHER = "330106109202"


def enroll(hub, station=STATION) -> httpx.Client:
    code = hub.service.issue_enrollment_code(station)
    resp = httpx.post(
        f"{hub.url}/v1/enroll", json={"enrollment_code": code, "station_code": station}
    )
    assert resp.status_code == 200
    return httpx.Client(
        base_url=f"{hub.url}/v1", headers={"Authorization": f"Bearer {resp.json()['token']}"}
    )


def item(payload=None, client_id=None, **kw):
    return {
        "client_id": client_id or str(uuid.uuid4()),
        "item_code": "330000-20-0001",
        "form_version": 1,
        "payload": payload or demo_residents()[0],
        "blobs": [],
        **kw,
    }


def test_enrollment_code_is_one_time(hub):
    code = hub.service.issue_enrollment_code(STATION)
    body = {"enrollment_code": code, "station_code": STATION}
    assert httpx.post(f"{hub.url}/v1/enroll", json=body).status_code == 200
    again = httpx.post(f"{hub.url}/v1/enroll", json=body)
    assert again.status_code == 403
    assert again.headers["content-type"].startswith("application/problem+json")
    assert "已被使用" in again.json()["detail"]


def test_requests_without_token_are_refused_in_chinese(hub):
    resp = httpx.post(f"{hub.url}/v1/submissions", json={"items": [item()]})
    assert resp.status_code == 401 and "凭证" in resp.json()["detail"]


def test_idempotent_duplicate_and_conflict(hub):
    client = enroll(hub)
    first = item()
    a = client.post("/submissions", json={"items": [first]}).json()["results"][0]
    assert a["outcome"] == "created" and a["case_no"].startswith("330106")
    b = client.post("/submissions", json={"items": [first]}).json()["results"][0]
    assert b["outcome"] == "duplicate" and b["case_no"] == a["case_no"]
    assert b["query_code"] == a["query_code"]
    changed = dict(first, payload=dict(first["payload"], address="别的地址"))
    c = client.post("/submissions", json={"items": [changed]}).json()["results"][0]
    assert c["outcome"] == "conflict"
    assert hub.service.stats()["cases"] == 1


def test_invalid_payload_rejected_with_field_errors(hub):
    client = enroll(hub)
    bad = item(payload=dict(demo_residents()[0], phone="123"))
    result = client.post("/submissions", json={"items": [bad]}).json()["results"][0]
    assert result["outcome"] == "rejected" and "手机号码" in result["errors"]["phone"]


def test_missing_blobs_then_upload(hub):
    client = enroll(hub)
    data = b"scan of a hukou page"
    sha = hashlib.sha256(data).hexdigest()
    sub = item(blobs=[sha])
    first = client.post("/submissions", json={"items": [sub]}).json()["results"][0]
    assert first["outcome"] == "missing_blobs" and first["missing"] == [sha]
    assert client.head(f"/blobs/{sha}").status_code == 404
    wrong = client.put(f"/blobs/{sha}", content=b"something else")
    assert wrong.status_code == 422
    assert client.put(f"/blobs/{sha}", content=data).status_code == 201
    assert client.head(f"/blobs/{sha}").status_code == 200
    again = client.post("/submissions", json={"items": [sub]}).json()["results"][0]
    assert again["outcome"] == "created"


def test_stations_see_only_their_own_changes(hub):
    mine, theirs = enroll(hub), enroll(hub, OTHER)
    mine.post("/submissions", json={"items": [item()]})
    theirs.post("/submissions", json={"items": [item()]})
    mine_events = mine.get("/changes", params={"cursor": 0}).json()["events"]
    assert len(mine_events) == 1
    # and the same client id at two stations is two different cases
    shared = str(uuid.uuid4())
    for c in (mine, theirs):
        assert (
            c.post("/submissions", json={"items": [item(client_id=shared)]}).json()["results"][0][
                "outcome"
            ]
            == "created"
        )


def test_bad_request_is_problem_json(hub):
    client = enroll(hub)
    resp = client.post("/submissions", json={"items": []})
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert "请求格式不正确" in resp.json()["detail"]


def test_content_hash_ignores_key_order():
    a = content_hash("X", 1, {"a": 1, "b": "二"}, ["2", "1"])
    b = content_hash("X", 1, {"b": "二", "a": 1}, ["1", "2"])
    assert a == b
    assert a != content_hash("X", 2, {"a": 1, "b": "二"}, ["1", "2"])


def test_openapi_is_served(hub):
    spec = httpx.get(f"{hub.url}/openapi.json").json()
    assert "/v1/submissions" in spec["paths"]
