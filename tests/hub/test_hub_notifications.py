"""Telling residents: one SMS per event (受理, 补齐补正, 办结, 已寄出, the end of a 差评's
follow-up) and consenting resident, whatever goes wrong: requests and answers dropped by a
faulty network, the back office resending, the gateway refusing, the hub dying between
handing a message over and recording it, the hub restarting. None for residents who did not
consent. Real hub on loopback (restarted on the same database), messages in the file sender."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import uuid

import httpx
import pytest

from hub.courier import Shipment
from hub.notifications import FileSender, SendFailed
from hub.server import BackgroundHub
from kiosk.demo import demo_residents
from kiosk.forms import answer_extras
from tests.hub.helpers import PENSION, STATION
from tests.support.fault_proxy import FaultPlan, FaultProxy

pytestmark = pytest.mark.slow
TOKEN = "back-office-secret-for-tests"


class HubDied(Exception):
    """The hub process ended after the gateway took the message, before it was recorded."""


class FlakySender:
    """Refuses some messages; for others the hub 'dies' right after the gateway took them."""

    def __init__(self, real: FileSender, rng: random.Random) -> None:
        self.real, self.rng = real, rng

    def send(self, message_id: str, phone: str, text: str) -> None:
        roll = self.rng.random()
        if roll < 0.3:
            raise SendFailed("gateway busy")
        self.real.send(message_id, phone, text)
        if roll < 0.5:
            raise HubDied(message_id)


def payload(n: int, consent: bool) -> dict:
    data = dict(demo_residents()[n % len(demo_residents())])
    data["phone"] = f"1390000{n:04d}"
    data[answer_extras.NOTIFY] = (
        {"consent": True, "phone": data["phone"]} if consent else {"consent": False}
    )
    return data


def insist(call) -> httpx.Response:
    """Retry through the faulty network until the hub itself answered."""
    for _ in range(60):
        try:
            resp = call()
        except httpx.HTTPError:
            continue
        if resp.status_code < 500 and "html" not in resp.headers.get("content-type", ""):
            return resp
    raise AssertionError("the hub never answered")


def test_exactly_one_message_per_event_after_chaos(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_HUB_ADMIN_TOKEN", TOKEN)
    db_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    sender = FileSender(tmp_path / "sms.jsonl")
    rng = random.Random(18)
    hub = BackgroundHub(db_url).start()
    port = hub.port
    plan = FaultPlan(drop_request=0.1, drop_response=0.2, error_503=0.1)
    proxy = FaultProxy(("127.0.0.1", port), seed=5, plan=plan).start()
    try:
        code = hub.service.issue_enrollment_code(STATION)
        token = insist(
            lambda: httpx.post(
                f"{proxy.url}/v1/enroll", json={"enrollment_code": code, "station_code": STATION}
            )
        ).json()["token"]
        station = httpx.Client(
            base_url=f"{proxy.url}/v1", headers={"Authorization": f"Bearer {token}"}, timeout=5
        )
        office = httpx.Client(
            base_url=f"{proxy.url}/v1/admin",
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=5,
        )
        consenting, silent = [], []
        for n in range(6):
            item = {
                "client_id": str(uuid.uuid4()),
                "item_code": PENSION,
                "form_version": 1,
                "payload": payload(n, consent=n % 3 != 2),
                "blobs": [],
            }
            for _ in range(2):  # sent again: the first answer may have been lost
                answer = insist(lambda it=item: station.post("/submissions", json={"items": [it]}))
            [result] = answer.json()["results"]
            assert result["outcome"] in ("created", "duplicate"), result
            (consenting if n % 3 != 2 else silent).append((result["case_no"], item))

        steps = [("受理", None), ("办结", None), ("已寄出", Shipment("顺丰速运", "SF1234567890"))]
        for round_no, (stage, shipment) in enumerate(steps):
            for case_no, _ in consenting + silent:
                body = {"to": stage}
                if shipment:
                    body |= {"carrier": shipment.carrier, "tracking_no": shipment.tracking_no}
                for _ in range(2):  # the back office resends, not knowing if it went through
                    resp = insist(
                        lambda c=case_no, b=body: office.post(f"/cases/{c}/advance", json=b)
                    )
                    assert resp.status_code in (200, 409), resp.text
            # a few passes of the sender, the hub dying now and then; then a restart
            for n in range(4):
                clock = dt.datetime(2026, 12, 6) + dt.timedelta(hours=10 * round_no + n)
                hub.service.notifications.now = lambda clock=clock: clock
                with contextlib.suppress(HubDied):
                    hub.service.notifications.dispatch(FlakySender(sender, rng))
            hub.stop()
            hub = BackgroundHub(db_url, port=port).start()
        # the last passes, on a network that has calmed down and a gateway that works
        for extra in range(10):
            later = dt.datetime(2026, 12, 8) + dt.timedelta(hours=2 * extra)
            hub.service.notifications.now = lambda later=later: later
            hub.service.notifications.dispatch(sender)
        station.close()
        office.close()
    finally:
        proxy.stop()
        hub.stop()

    messages = sender.messages()
    ids = [m["id"] for m in messages]
    assert len(ids) == len(set(ids)), "a message was sent twice"
    phones = {m["phone"] for m in messages}
    assert phones == {item["payload"]["phone"] for _, item in consenting}
    for _, item in silent:
        assert item["payload"]["phone"] not in phones
    per_phone: dict[str, list[str]] = {}
    for m in messages:
        per_phone.setdefault(m["phone"], []).append(m["text"])
    for case_no, item in consenting:
        texts = per_phone[item["payload"]["phone"]]  # in the order they got through
        assert len(texts) == 3, texts
        [accepted] = [t for t in texts if "已受理" in t]
        [finished] = [t for t in texts if "已办结" in t]
        [posted] = [t for t in texts if "寄出" in t]
        assert case_no in accepted and case_no in finished
        assert "顺丰速运" in posted and "SF1234567890" in posted
        assert all(t.startswith("【村级代办】") for t in texts)


def test_a_closed_complaint_tells_the_consenting_rater(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_HUB_ADMIN_TOKEN", TOKEN)
    sender = FileSender(tmp_path / "sms.jsonl")
    with BackgroundHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub:
        code = hub.service.issue_enrollment_code(STATION)
        token = httpx.post(
            f"{hub.url}/v1/enroll", json={"enrollment_code": code, "station_code": STATION}
        ).json()["token"]
        station = httpx.Client(
            base_url=f"{hub.url}/v1", headers={"Authorization": f"Bearer {token}"}
        )
        ids = []
        for n, consent in ((1, True), (2, False)):
            client_id = str(uuid.uuid4())
            item = {
                "client_id": client_id,
                "item_code": PENSION,
                "form_version": 1,
                "payload": payload(n, consent),
                "blobs": [],
            }
            station.post("/submissions", json={"items": [item]})
            rating = {
                "id": str(uuid.uuid4()),
                "client_id": client_id,
                "level": "不满意",
                "rated_at": "2026-12-01T02:00:00Z",
            }
            assert station.post("/evaluations", json=rating).status_code == 201
        for c in station.get("/complaints").json()["complaints"]:
            ids.append(c["id"])
            hub.service.complaints.act(c["id"], "callback", "已回访", "后台")
            hub.service.complaints.act(c["id"], "close", "已向居民说明并致歉", "后台")
        assert hub.service.notifications.dispatch(sender).sent == 1
        assert hub.service.notifications.dispatch(sender).sent == 0
        station.close()
    [message] = sender.messages()
    assert message["phone"] == "13900000001" and message["id"] == f"complaint:{ids[0]}:closed"
    assert "已向居民说明并致歉" in message["text"]
