"""好差评: idempotent by evaluation id, one per case, only for the station's own cases."""

from __future__ import annotations

import uuid

import pytest

from tests.hub.helpers import OTHER, enroll, item, submit_one

pytestmark = pytest.mark.slow


def rating(client_id, level="满意", eval_id=None, comment="代办员很耐心"):
    return {
        "id": eval_id or str(uuid.uuid4()),
        "client_id": client_id,
        "level": level,
        "comment": comment,
        "rated_at": "2026-03-01T08:30:00+08:00",
    }


def test_evaluation_is_idempotent_and_one_per_case(hub):
    client = enroll(hub)
    it = item()
    case_no = submit_one(client, it)["case_no"]
    ev = rating(it["client_id"])
    first = client.post("/evaluations", json=ev)
    assert first.status_code == 201 and first.json() == {
        "id": ev["id"],
        "outcome": "created",
        "case_no": case_no,
    }
    again = client.post("/evaluations", json=ev)
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    changed = client.post("/evaluations", json=dict(ev, level="不满意"))
    assert changed.status_code == 409 and "不同的评价" in changed.json()["detail"]
    second = client.post("/evaluations", json=rating(it["client_id"], "非常满意"))
    assert second.status_code == 409 and "已经评价过" in second.json()["detail"]
    assert hub.service.stats()["evaluations"] == 1


def test_evaluation_waits_for_its_case_and_stays_within_the_station(hub):
    mine, theirs = enroll(hub), enroll(hub, OTHER)
    it = item()
    early = mine.post("/evaluations", json=rating(it["client_id"]))
    assert early.status_code == 404 and early.json()["type"] == "/problems/case-not-found"
    submit_one(mine, it)
    foreign = theirs.post("/evaluations", json=rating(it["client_id"]))
    assert foreign.status_code == 404
    bad = mine.post("/evaluations", json=rating(it["client_id"], level="还行"))
    assert bad.status_code == 422
