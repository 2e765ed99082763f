"""A 非常不满意 一次一评 made at a village with no network reaches the hub exactly once: carried
on a USB batch (sealed: the township reads nothing of it) and resent twice online when the
network came back. It opens a 差评 whose deadline counts 5 working days across 国庆; the
back office calls back (it alone sees who rated), the village appeals, its township upholds,
the back office notes the 整改 and closes; the township station sees each state, the village
the outcome and never the rater. Real hub on loopback, three stations' data on disk."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import func, select

from hub.followup_models import Complaint, VisitRating
from kiosk.demo import DEMO_STATION_CODE
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident
from tests.sync.test_batches_e2e import township, usb, village  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow
DIMS = {"服务效率": 2, "服务水平": 3, "服务态度": 1}


def relay(township, path):  # noqa: F811
    client = township.hub_client()
    try:
        township.township.refresh_villages(client)
        township.township.import_batch(path, "李接收")
        township.township.relay(client)
        [returned] = township.township.export_returns(client, path.parent)
    finally:
        client.close()
    return returned


def hub_count(hub, model) -> int:
    with hub.service.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def states(board) -> list[str]:
    return [c.state_words for c in board.list()]


def test_an_offline_bad_rating_is_followed_up_to_the_end(village, township, hub, usb):  # noqa: F811
    hub.service.complaints.today = lambda: dt.date(2026, 9, 30)  # the eve of 国庆
    who = resident(random.Random(9))
    app_id = village.applications.submit(PENSION, who, AGENT).id
    village.village_batches.import_return(
        relay(township, village.batch_paperwork.export_batch(usb, AGENT).path), AGENT
    )
    assert village.applications.get(app_id).case_no

    # the resident rates the visit at the desk; the village is still offline
    rating = village.visit_ratings.record(app_id, 1, DIMS, "等了两个小时", AGENT, "agent")
    exported = village.batch_paperwork.export_batch(usb, AGENT)
    assert exported.manifest.count == 0 and len(exported.manifest.ratings) == 1
    raw = exported.path.read_bytes()
    for secret in (who["name"], who["phone"], "等了两个小时", rating.id):
        assert secret.encode() not in raw, secret
    returned = relay(township, exported.path)
    assert hub_count(hub, VisitRating) == 1 and hub_count(hub, Complaint) == 1

    # the network is back: the rating is sent twice more (an answer lost, then the sync)
    village.set_hub_url(hub.url)
    [pending] = village.rating_outbox().pending()
    assert pending.id == rating.id and pending.kind == "visit" and pending.rater
    client = village.hub_client()
    try:
        assert client.evaluate(pending.wire())["outcome"] == "duplicate"
    finally:
        client.close()
    report = village.sync_engine().run_once(force=True)
    assert not report.error and report.evaluations_sent == 1
    assert village.visit_ratings.for_application(app_id).synced
    assert hub_count(hub, VisitRating) == 1 and hub_count(hub, Complaint) == 1
    # the USB return confirms what the sync already did: nothing changes
    village.village_batches.import_return(returned, AGENT)

    [c] = village.complaint_board().list()
    assert c.level == "非常不满意" and c.kind_words == "一次一评" and c.agent == AGENT
    assert c.opened_on == dt.date(2026, 9, 30) and c.due_on == dt.date(2026, 10, 13)
    assert c.state_words == "待回访" and not c.overdue
    tboard, vboard = township.complaint_board(), village.complaint_board()
    assert [x.station_code for x in tboard.list()] == [DEMO_STATION_CODE]

    contact = hub.service.complaints.rater_contact(c.id, "省级平台后台")
    assert contact == {"name": who["name"], "phone": who["phone"]}
    hub.service.complaints.act(c.id, "callback", "已电话回访", "省级平台后台")
    assert states(tboard) == ["已回访"]
    assert vboard.appeal(c.id, "当天系统故障，非服务原因").state_words == "申诉中"
    assert states(tboard) == ["申诉中"]
    assert tboard.decide(c.id, True, "等候时间过长属实").state_words == "已回访"
    hub.service.complaints.act(c.id, "rectify", "增设叫号，高峰加派人手", "省级平台后台")
    assert states(tboard) == ["已整改"]
    hub.service.complaints.act(c.id, "close", "居民认可整改", "省级平台后台")
    assert states(tboard) == ["已办结"]
    [done] = vboard.list()
    assert done.outcome == "居民认可整改"
    assert [s.words for s in done.steps] == ["差评登记", "回访", "申诉", "申诉裁定", "整改", "办结"]
    shown = repr(vboard.list()) + repr(tboard.list())
    assert who["name"] not in shown and who["phone"] not in shown
