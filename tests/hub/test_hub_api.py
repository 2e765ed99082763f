"""The hub's HTTP API, spoken to over a real loopback socket (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
import threading
import uuid

import httpx
import pytest

from kiosk.core.catalog import Catalog
from kiosk.core.clock import to_local, utcnow
from kiosk.demo import demo_residents
from kiosk.sync.protocol import PROTOCOL_HEADER, content_hash
from tests.hub.helpers import OTHER, PENSION, STATION, enroll, item, submit_one

pytestmark = pytest.mark.slow


def test_enrollment_code_is_one_time(hub):
    code = hub.service.issue_enrollment_code(STATION)
    body = {"enrollment_code": code, "station_code": STATION}
    assert httpx.post(f"{hub.url}/v1/enroll", json=body).status_code == 200
    again = httpx.post(f"{hub.url}/v1/enroll", json=body)
    assert again.status_code == 403
    assert again.headers["content-type"].startswith("application/problem+json")
    # the same answer as for a code that never existed: no hint that this one did
    never = httpx.post(
        f"{hub.url}/v1/enroll", json={"enrollment_code": "AAAA-BBBB-CCCC", "station_code": STATION}
    )
    assert again.status_code == never.status_code == 403
    assert again.json() == never.json()


def test_enrollment_code_is_bound_to_its_station_and_forgiving_about_typing(hub):
    code = hub.service.issue_enrollment_code(STATION)
    wrong = httpx.post(
        f"{hub.url}/v1/enroll", json={"enrollment_code": code, "station_code": OTHER}
    )
    assert wrong.status_code == 403 and "不符" in wrong.json()["detail"]
    typed = code.replace("-", " ").lower()  # read over the phone, typed by a technician
    ok = httpx.post(
        f"{hub.url}/v1/enroll", json={"enrollment_code": typed, "station_code": STATION}
    )
    assert ok.status_code == 200


def test_requests_without_token_are_refused_in_chinese(hub):
    resp = httpx.post(f"{hub.url}/v1/submissions", json={"items": [item()]})
    assert resp.status_code == 401 and "凭证" in resp.json()["detail"]
    assert resp.headers["www-authenticate"] == "Bearer"


def test_every_answer_carries_the_protocol_header_and_errors_are_problems(hub):
    for resp in (
        httpx.get(f"{hub.url}/v1/health"),
        httpx.get(f"{hub.url}/v1/nowhere"),
        httpx.post(f"{hub.url}/v1/submissions", json={}),
        httpx.get(f"{hub.url}/v1/changes"),
    ):
        assert resp.headers[PROTOCOL_HEADER] == "1"
        if resp.status_code >= 400:
            assert resp.headers["content-type"].startswith("application/problem+json")
            problem = resp.json()
            assert problem["status"] == resp.status_code and problem["title"]
            assert any("\u4e00" <= ch <= "\u9fff" for ch in problem["detail"])
    assert httpx.get(f"{hub.url}/v1/health").json()["service"] == "village-kiosk-hub"


def test_idempotent_duplicate_and_conflict(hub):
    client = enroll(hub)
    first = item()
    a = submit_one(client, first)
    assert a["outcome"] == "created"
    # 办件编号 = the item's 实施编码 + the local date + a 6-digit running number
    impl = Catalog.shipped().get(PENSION).impl_code
    today = to_local(utcnow()).strftime("%Y%m%d")
    assert re.fullmatch(re.escape(impl + today) + r"\d{6}", a["case_no"])
    b = submit_one(client, first)
    assert b["outcome"] == "duplicate" and b["case_no"] == a["case_no"]
    assert b["query_code"] == a["query_code"]
    changed = dict(first, payload=dict(first["payload"], address="别的地址"))
    c = submit_one(client, changed)
    assert c["outcome"] == "conflict" and c["case_no"] == a["case_no"]
    assert "内容不同" in c["errors"]["_"]
    assert hub.service.stats()["cases"] == 1
    assert hub.service.case(a["case_no"]).payload == first["payload"]  # first content kept


def test_a_batch_answers_each_item_on_its_own(hub):
    client = enroll(hub)
    good, bad, again = item(), item(payload=dict(demo_residents()[0], phone="123")), item()
    resp = client.post("/submissions", json={"items": [good, bad, again, good]})
    outcomes = [r["outcome"] for r in resp.json()["results"]]
    assert outcomes == ["created", "rejected", "created", "duplicate"]
    assert [r["client_id"] for r in resp.json()["results"]] == [
        good["client_id"],
        bad["client_id"],
        again["client_id"],
        good["client_id"],
    ]
    assert hub.service.stats()["cases"] == 2


def test_invalid_payload_rejected_with_field_errors(hub):
    client = enroll(hub)
    bad = item(payload=dict(demo_residents()[0], phone="123"))
    result = submit_one(client, bad)
    assert result["outcome"] == "rejected" and "手机号码" in result["errors"]["phone"]
    sneaky = item(payload=dict(demo_residents()[0], salary="9999"))  # not a field of the form
    assert "salary" in submit_one(client, sneaky)["errors"]
    unknown = item(item_code="330000-20-9999")
    assert "不存在" in submit_one(client, unknown)["errors"]["item_code"]


def test_replay_of_an_old_batch_changes_nothing(hub):
    client = enroll(hub)
    batch = {"items": [item(), item()]}
    first = client.post("/submissions", json=batch).json()["results"]
    case_no = first[0]["case_no"]
    hub.service.advance(case_no, "受理", "材料齐全")
    events_before = client.get("/changes").json()["events"]
    replay = client.post("/submissions", json=batch).json()["results"]
    assert [r["outcome"] for r in replay] == ["duplicate", "duplicate"]
    assert [r["case_no"] for r in replay] == [r["case_no"] for r in first]
    assert hub.service.case(case_no).stage == "受理"
    assert client.get("/changes").json()["events"] == events_before
    assert hub.service.stats()["cases"] == 2


def test_supplement_after_request_is_a_new_revision_and_old_replays_stay_duplicates(hub):
    client = enroll(hub)
    original = item()
    case_no = submit_one(client, original)["case_no"]
    supplemented = dict(original, payload=dict(original["payload"], address="补正后的地址"))
    supplemented["revision"] = 1
    early = submit_one(client, supplemented)  # nobody asked for a supplement yet
    assert early["outcome"] == "rejected" and "不需要补正" in early["errors"]["_"]
    hub.service.advance(case_no, "补齐补正", "请补充户籍地址")
    answer = submit_one(client, supplemented)
    assert answer["outcome"] == "created" and answer["case_no"] == case_no
    case = hub.service.case(case_no)
    assert case.stage == "收件" and case.revision == 1
    assert case.payload["address"] == "补正后的地址"
    assert submit_one(client, original)["outcome"] == "duplicate"  # old batch replayed
    assert submit_one(client, supplemented)["outcome"] == "duplicate"
    assert hub.service.case(case_no).payload["address"] == "补正后的地址"
    stages = [e["stage"] for e in client.get("/changes").json()["events"]]
    assert stages == ["收件", "补齐补正", "收件"]


def test_stations_see_only_their_own_changes_and_cases(hub):
    mine, theirs = enroll(hub), enroll(hub, OTHER)
    submit_one(mine, item())
    submit_one(theirs, item())
    mine_events = mine.get("/changes", params={"cursor": 0}).json()["events"]
    assert len(mine_events) == 1 and mine_events[0]["seq"] == 1
    # the same client id at two stations is two different cases
    shared = str(uuid.uuid4())
    for c in (mine, theirs):
        assert submit_one(c, item(client_id=shared))["outcome"] == "created"
    theirs_case = theirs.get("/changes").json()["events"][-1]["case_no"]
    mine_cases = [e["case_no"] for e in mine.get("/changes").json()["events"]]
    # one running number per 实施编码 and day across stations: never the same case number
    assert theirs_case not in mine_cases and len(set(mine_cases)) == len(mine_cases)
    assert {hub.service.case(c).station_code for c in mine_cases} == {STATION}
    assert hub.service.case(theirs_case).station_code == OTHER


def test_change_feed_is_ordered_paged_and_resumable(hub):
    client = enroll(hub)
    case_nos = [submit_one(client, item())["case_no"] for _ in range(3)]
    hub.service.advance(case_nos[1], "受理")
    hub.service.advance(case_nos[1], "办结", "已办结")
    page = client.get("/changes", params={"cursor": 0, "limit": 2}).json()
    assert [e["seq"] for e in page["events"]] == [1, 2] and page["next_cursor"] == 2
    rest = client.get("/changes", params={"cursor": page["next_cursor"]}).json()
    assert [e["seq"] for e in rest["events"]] == [3, 4, 5]
    assert [e["stage"] for e in rest["events"]][-2:] == ["受理", "办结"]
    empty = client.get("/changes", params={"cursor": rest["next_cursor"]}).json()
    assert empty == {"events": [], "next_cursor": 5}


def test_back_office_refuses_impossible_stage_changes(hub):
    client = enroll(hub)
    case_no = submit_one(client, item())["case_no"]
    hub.service.advance(case_no, "不予受理", "不符合条件")
    with pytest.raises(Exception) as err:
        hub.service.advance(case_no, "办结")
    assert "不能转到" in getattr(err.value, "zh", "")


def test_same_client_id_sent_concurrently_makes_one_case(hub):
    client_ids = [str(uuid.uuid4()) for _ in range(5)]
    payload = demo_residents()[1]
    tokens = enroll(hub).headers["Authorization"]
    outcomes: list[str] = []

    def send() -> None:
        with httpx.Client(base_url=f"{hub.url}/v1", headers={"Authorization": tokens}) as c:
            batch = {"items": [item(payload, cid) for cid in client_ids]}
            resp = c.post("/submissions", json=batch, timeout=30)
            outcomes.extend(r["outcome"] for r in resp.json()["results"])

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("created") == 5 and outcomes.count("duplicate") == 25
    assert hub.service.stats()["cases"] == 5
    seqs = [e["seq"] for e in hub.service.changes(STATION, 0, 100)]
    assert seqs == list(range(1, 6))  # dense and ordered, whoever won each race


def test_bad_request_is_problem_json(hub):
    client = enroll(hub)
    cid = str(uuid.uuid4())
    bodies = [
        json.dumps({"items": []}),
        json.dumps({"items": [item(client_id="not-a-uuid")]}),
        # NaN is accepted by Python's json module but cannot be stored faithfully
        '{"items": [{"client_id": "CID", "item_code": "330000-20-0001", "form_version": 1, '
        '"payload": {"name": NaN}}]}'.replace("CID", cid),
        '{"items": [{"client_id": "CID", "item_code": "bad code\\u0000", "form_version": 1, '
        '"payload": {}}]}'.replace("CID", cid),
        "{not json",
    ]
    for body in bodies:
        resp = client.post(
            "/submissions", content=body, headers={"content-type": "application/json"}
        )
        assert resp.status_code == 422, body
        assert resp.headers["content-type"].startswith("application/problem+json")
        assert "请求格式不正确" in resp.json()["detail"]


def test_oversized_requests_are_refused_before_reading_them(hub):
    client = enroll(hub)
    big = {"items": [item(payload=dict(demo_residents()[0], address="地" * 2_000_000))]}
    resp = client.post("/submissions", json=big)
    assert resp.status_code == 413 and "上限" in resp.json()["detail"]
    assert resp.headers[PROTOCOL_HEADER] == "1"

    def streamed():  # no Content-Length: counted while it is read
        for _ in range(600):
            yield b" " * 10_000

    resp = client.post(
        "/submissions", content=streamed(), headers={"content-type": "application/json"}
    )
    assert resp.status_code == 413 and resp.json()["type"] == "/problems/request-too-large"
    assert client.get("/changes").status_code == 200  # the hub is fine afterwards


def test_content_hash_ignores_key_order():
    a = content_hash("X", 1, {"a": 1, "b": "二"}, ["2", "1"])
    b = content_hash("X", 1, {"b": "二", "a": 1}, ["1", "2"])
    assert a == b
    assert a != content_hash("X", 2, {"a": 1, "b": "二"}, ["1", "2"])


def test_openapi_is_served(hub):
    spec = httpx.get(f"{hub.url}/openapi.json").json()
    assert {
        "/v1/submissions",
        "/v1/blobs/{sha256}",
        "/v1/changes",
        "/v1/catalog",
        "/v1/evaluations",
        "/v1/enroll",
        "/v1/token/rotate",
    } <= set(spec["paths"])
    assert "Problem" in spec["components"]["schemas"]
