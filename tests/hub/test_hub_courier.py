"""证照快递送达 on the hub: 已寄出 with carrier and tracking number, 已签收, by the command
line and by the back-office API (its own token), carried by the change feed."""

from __future__ import annotations

import httpx
import pytest

from hub.cli import main
from hub.server import BackgroundHub
from tests.hub.helpers import enroll, item, submit_one

pytestmark = pytest.mark.slow
TOKEN = "back-office-secret-for-tests"


def back_office(hub: BackgroundHub, token: str = TOKEN) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=f"{hub.url}/v1/admin", headers=headers)


def test_dispatch_and_delivery_through_the_back_office_api(hub_db_url, monkeypatch):
    monkeypatch.setenv("KIOSK_HUB_ADMIN_TOKEN", TOKEN)
    with BackgroundHub(hub_db_url) as hub:
        station = enroll(hub)
        case_no = submit_one(station, item())["case_no"]
        office = back_office(hub)
        # a station's device token is no back-office credential, nor is a wrong token
        stolen = station.headers["Authorization"]
        resp = httpx.post(
            f"{hub.url}/v1/admin/cases/{case_no}/advance",
            json={"to": "受理"},
            headers={"Authorization": stolen},
        )
        assert resp.status_code == 401 and resp.json()["type"] == "/problems/bad-admin-token"
        assert back_office(hub, "nope").get(f"/cases/{case_no}").status_code == 401
        assert (
            office.post(f"/cases/{case_no}/advance", json={"to": "受理"}).json()["stage"] == "受理"
        )
        # not before 办结, and never without carrier and number
        early = office.post(
            f"/cases/{case_no}/advance",
            json={"to": "已寄出", "carrier": "中国邮政EMS", "tracking_no": "1180012345678"},
        )
        assert early.status_code == 409, early.text
        assert office.post(f"/cases/{case_no}/advance", json={"to": "办结"}).status_code == 200
        bare = office.post(f"/cases/{case_no}/advance", json={"to": "已寄出"})
        assert bare.status_code == 422 and "快递单号" in bare.json()["detail"]
        bad = office.post(
            f"/cases/{case_no}/advance",
            json={"to": "已寄出", "carrier": "中国邮政EMS", "tracking_no": "12 34"},
        )
        assert bad.status_code == 422
        sent = office.post(
            f"/cases/{case_no}/advance",
            json={"to": "已寄出", "carrier": "中国邮政EMS", "tracking_no": "1180012345678"},
        )
        assert sent.status_code == 200, sent.text
        body = sent.json()
        assert body["stage"] == "已寄出"
        assert body["shipment"]["carrier"] == "中国邮政EMS"
        assert body["shipment"]["tracking_no"] == "1180012345678"
        assert body["shipment"]["signed_at"] is None
        signed = office.post(f"/cases/{case_no}/advance", json={"to": "已签收"}).json()
        assert signed["stage"] == "已签收" and signed["shipment"]["signed_at"]
        assert office.get(f"/cases/{case_no}").json()["stage"] == "已签收"
        events = station.get("/changes").json()["events"]
        assert [e["stage"] for e in events] == ["收件", "受理", "办结", "已寄出", "已签收"]
        shipment = {"carrier": "中国邮政EMS", "tracking_no": "1180012345678"}
        assert events[3]["detail"] == shipment and events[4]["detail"] == shipment
        assert events[1].get("detail") is None
        office.close()
        station.close()


def test_the_back_office_api_is_closed_without_a_token(hub_db_url, monkeypatch):
    monkeypatch.delenv("KIOSK_HUB_ADMIN_TOKEN", raising=False)
    with BackgroundHub(hub_db_url) as hub:
        station = enroll(hub)
        case_no = submit_one(station, item())["case_no"]
        resp = back_office(hub, "").post(f"/cases/{case_no}/advance", json={"to": "受理"})
        assert resp.status_code == 403 and "KIOSK_HUB_ADMIN_TOKEN" in resp.json()["detail"]
        assert hub.service.case(case_no).stage == "收件"
        station.close()


def test_kiosk_hub_advance_with_carrier_and_tracking(hub_db_url, capsys):
    with BackgroundHub(hub_db_url) as hub:
        station = enroll(hub)
        case_no = submit_one(station, item())["case_no"]

        def run(*args: str) -> tuple[int, str, str]:
            code = main(["--db", hub_db_url, "advance", case_no, *args])
            out = capsys.readouterr()
            return code, out.out, out.err

        assert run("--to", "受理")[0] == 0 and run("--to", "办结")[0] == 0
        rc, _, err = run("--to", "已寄出")
        assert rc == 1 and "快递" in err
        rc, _, err = run("--to", "受理", "--carrier", "顺丰速运", "--tracking", "SF1234567890")
        assert rc != 0
        rc, out, err = run("--to", "已寄出", "--carrier", "顺丰速运", "--tracking", "SF1234567890")
        assert rc == 0, err
        assert "已寄出" in out
        assert run("--to", "已签收")[0] == 0
        events = station.get("/changes").json()["events"]
        assert events[-2]["stage"] == "已寄出"
        assert events[-2]["detail"] == {"carrier": "顺丰速运", "tracking_no": "SF1234567890"}
        assert events[-1]["stage"] == "已签收"
        station.close()
