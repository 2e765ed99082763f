"""好差评 on the hub (GB/T 39734): 一次一评 with its four dimensions and 一事一评; a bad rating
opens a 差评 with a deadline in working days across a holiday; 回访, 申诉 decided by the
township, 整改, closed; overdue flagged; the rater kept apart and shown to nobody but the
back office. A real hub on loopback, stations speaking plain HTTP."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid

import httpx
import pytest

from hub.cli import main
from hub.server import BackgroundHub
from kiosk.core.device_keys import x25519_public
from kiosk.core.sealed import seal_b64
from tests.hub.helpers import STATION, enroll, item, submit_one

pytestmark = pytest.mark.slow
TOKEN = "back-office-secret-for-tests"
TOWNSHIP = STATION[:9] + "000"
OTHER_TOWNSHIP = "330106110000"
GOOD_DIMS = {"服务效率": "满意", "服务水平": "满意", "服务态度": "满意"}
BAD_DIMS = {"服务效率": "不满意", "服务水平": "基本满意", "服务态度": "非常不满意"}


def rating(client_id: str, level: str, **kw) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "client_id": client_id,
        "level": level,
        "comment": kw.pop("comment", ""),
        "rated_at": "2026-09-30T02:00:00Z",
        **kw,
    }


def sealed_rater(hub: BackgroundHub, rating_id: str, who: dict) -> str:
    box = x25519_public(httpx.get(f"{hub.url}/v1/keys").json()["box_key"])
    return seal_b64(box, json.dumps(who, ensure_ascii=False).encode(), "rater", rating_id.encode())


@pytest.fixture
def running(hub_db_url, monkeypatch):
    monkeypatch.setenv("KIOSK_HUB_ADMIN_TOKEN", TOKEN)
    monkeypatch.delenv("KIOSK_HUB_COMPLAINT_DAYS", raising=False)
    with BackgroundHub(hub_db_url) as hub:
        hub.service.complaints.today = lambda: dt.date(2026, 9, 30)  # the eve of 国庆
        yield hub


def test_a_bad_visit_rating_is_followed_up_appealed_and_closed(running, hub_db_url, capsys):
    hub = running
    village, township, stranger = enroll(hub), enroll(hub, TOWNSHIP), enroll(hub, OTHER_TOWNSHIP)
    office = httpx.Client(
        base_url=f"{hub.url}/v1/admin", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    it = item()
    submit_one(village, it)
    # a good 一事一评 opens nothing; a visit rating needs all four dimensions
    good = rating(it["client_id"], "满意")
    assert village.post("/evaluations", json=good).status_code == 201
    partial = rating(it["client_id"], "满意", kind="visit", dimensions={"服务效率": "满意"})
    assert village.post("/evaluations", json=partial).status_code == 422
    bad = rating(
        it["client_id"],
        "非常不满意",
        kind="visit",
        dimensions=BAD_DIMS,
        agent="wang",
        comment="等了两个小时",
    )
    who = {"name": "李秀英", "phone": "13900001111"}
    bad["rater"] = sealed_rater(hub, bad["id"], who)
    assert village.post("/evaluations", json=bad).status_code == 201
    again = {**bad, "rater": sealed_rater(hub, bad["id"], who)}  # resent: sealed anew
    resent = village.post("/evaluations", json=again)
    assert resent.status_code == 200 and resent.json()["outcome"] == "duplicate"
    assert village.post("/evaluations", json={**bad, "comment": "改了"}).status_code == 409

    [c] = village.get("/complaints").json()["complaints"]
    assert c["level"] == "非常不满意" and c["rating_kind"] == "visit" and c["agent"] == "wang"
    assert c["state"] == "open" and c["state_words"] == "待回访"
    assert c["opened_on"] == "2026-09-30"
    assert c["due_on"] == "2026-10-13"  # 5 working days: 国庆 1–7 off, Sat 10 Oct worked
    assert not c["overdue"]
    for viewer in (village, township):  # nobody at a station sees who rated
        text = viewer.get("/complaints").text
        assert "李秀英" not in text and "13900001111" not in text
    assert [x["id"] for x in township.get("/complaints").json()["complaints"]] == [c["id"]]
    assert stranger.get("/complaints").json()["complaints"] == []

    # the back office opens the contact for the call-back, and calls back
    assert office.get(f"/complaints/{c['id']}/contact").json()["contact"] == who
    assert village.get(f"/admin/complaints/{c['id']}/contact").status_code in (401, 404)
    note = {"note": "已电话回访，居民说明情况"}
    called = office.post(f"/complaints/{c['id']}/callback", json=note)
    assert called.json()["state"] == "called_back"
    # the agent disputes it; another township cannot decide; its own township upholds it
    appealed = village.post(f"/complaints/{c['id']}/appeal", json={"note": "当天系统故障"})
    assert appealed.json()["state"] == "appealed"
    assert (
        stranger.post(
            f"/complaints/{c['id']}/decision", json={"decision": "overturned", "note": "x"}
        ).status_code
        == 404
    )
    assert (
        village.post(
            f"/complaints/{c['id']}/decision", json={"decision": "overturned", "note": "x"}
        ).status_code
        == 404
    )
    upheld = township.post(
        f"/complaints/{c['id']}/decision", json={"decision": "upheld", "note": "等待时间过长属实"}
    ).json()
    assert upheld["state"] == "called_back" and upheld["decision"] == "upheld"
    # closing needs the follow-up to be done: 整改, then 办结 (from the command line)
    rc = main(["--db", hub_db_url, "complaints", "rectify", str(c["id"]), "--note", "增设叫号"])
    assert rc == 0
    rc = main(["--db", hub_db_url, "complaints", "close", str(c["id"]), "--note", "居民认可"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "已办结" in out
    [closed] = village.get("/complaints").json()["complaints"]
    assert closed["state"] == "closed" and closed["outcome"] == "居民认可"
    assert [s["words"] for s in closed["steps"]] == [
        "差评登记",
        "回访",
        "申诉",
        "申诉裁定",
        "整改",
        "办结",
    ]
    assert village.post(f"/complaints/{c['id']}/appeal", json={"note": "再申诉"}).status_code == 409
    for client in (village, township, stranger, office):
        client.close()


def test_overturned_appeal_overdue_flag_and_case_rating(running, hub_db_url, capsys):
    hub = running
    village, township = enroll(hub), enroll(hub, TOWNSHIP)
    it = item()
    submit_one(village, it)
    bad = rating(it["client_id"], "不满意", comment="材料要了三次")
    assert village.post("/evaluations", json=bad).status_code == 201
    [c] = village.get("/complaints").json()["complaints"]
    assert c["rating_kind"] == "case" and c["due_on"] == "2026-10-13"
    hub.service.complaints.today = lambda: dt.date(2026, 10, 14)  # a day after the deadline
    assert village.get("/complaints").json()["complaints"][0]["overdue"] is True
    assert main(["--db", hub_db_url, "complaints", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["overdue"] is True
    village.post(f"/complaints/{c['id']}/appeal", json={"note": "材料清单变更所致"})
    done = township.post(
        f"/complaints/{c['id']}/decision", json={"decision": "overturned", "note": "属政策调整"}
    ).json()
    assert done["state"] == "closed" and done["overdue"] is False
    assert done["outcome"].startswith("申诉成立，差评撤销")
    village.close()
    township.close()


def test_the_deadline_is_configurable(hub_db_url, monkeypatch):
    monkeypatch.setenv("KIOSK_HUB_COMPLAINT_DAYS", "2")
    with BackgroundHub(hub_db_url) as hub:
        hub.service.complaints.today = lambda: dt.date(2026, 9, 30)
        village = enroll(hub)
        it = item()
        submit_one(village, it)
        village.post("/evaluations", json=rating(it["client_id"], "非常不满意"))
        [c] = village.get("/complaints").json()["complaints"]
        assert c["due_on"] == "2026-10-09"
        village.close()


def test_a_forged_rater_is_refused(running):
    village = enroll(running)
    it = item()
    submit_one(village, it)
    bad = rating(it["client_id"], "满意", rater=base64.b64encode(b"x" * 10).decode())
    assert village.post("/evaluations", json=bad).status_code == 422
    village.close()
