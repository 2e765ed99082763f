"""证照快递送达 at the station: the hub's 已寄出 (carrier, tracking number) and 已签收 reach the
station through the online change feed and through a USB status return, the same way, and
the terminal's lookup says where the result is. Real hub on loopback, stations on disk."""

from __future__ import annotations

import random

import pytest

from hub.courier import Shipment
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident
from tests.sync.conftest import fast_engine
from tests.sync.test_batches_e2e import (  # noqa: F401 (fixtures)
    db_digest,
    township,
    usb,
    village,
)

pytestmark = pytest.mark.slow
EMS = Shipment("中国邮政EMS", "1180012345678")


def finish_and_post(hub, case_no: str) -> None:
    hub.service.advance(case_no, "受理", "材料齐全")
    hub.service.advance(case_no, "办结", "已办结，证件将邮寄")
    hub.service.advance(case_no, "已寄出", "", EMS)


def test_courier_steps_arrive_with_the_change_feed(online_ctx, hub, sleeps):
    ctx = online_ctx
    app_id = ctx.applications.submit(PENSION, resident(random.Random(3)), AGENT).id
    engine = fast_engine(ctx, sleeps, retries=0)
    engine.run_once(force=True)
    view = ctx.applications.get(app_id)
    finish_and_post(hub, view.case_no)
    report = engine.run_once(force=True)
    assert report.status_updates == 3
    assert ctx.applications.get(app_id).status is AppStatus.DISPATCHED
    state = ctx.delivery.state(app_id)
    assert state is not None and state.method == "post"
    assert (state.carrier, state.tracking_no) == ("中国邮政EMS", "1180012345678")
    assert state.dispatched_at is not None and state.signed_at is None
    found = ctx.public_lookup(view.case_no, view.query_code)
    assert found is not None and found.status is AppStatus.DISPATCHED
    assert found.delivery == "办理结果已由 中国邮政EMS 寄出，快递单号 1180012345678"
    assert found.steps[-1].words == "办理结果已寄出"
    # a replayed feed changes nothing; 已签收 then arrives on its own
    assert engine.run_once(force=True).status_updates == 0
    hub.service.advance(view.case_no, "已签收", "本人签收")
    assert engine.run_once(force=True).status_updates == 1
    assert ctx.applications.get(app_id).status is AppStatus.SIGNED
    state = ctx.delivery.state(app_id)
    assert state is not None and state.signed_at is not None
    assert state.tracking_no == "1180012345678"
    found = ctx.public_lookup(view.case_no, view.query_code)
    assert found is not None and found.delivery.endswith("，已签收")
    timeline = [e.to_status for e in ctx.applications.timeline(app_id)]
    assert timeline[-3:] == [AppStatus.COMPLETED, AppStatus.DISPATCHED, AppStatus.SIGNED]


def test_courier_steps_arrive_on_a_usb_status_return(village, township, hub, usb):  # noqa: F811
    app_id = village.applications.submit(PENSION, resident(random.Random(4)), AGENT).id
    exported = village.batch_paperwork.export_batch(usb, AGENT)
    client = township.hub_client()
    try:
        township.township.refresh_villages(client)
        township.township.import_batch(exported.path, "李接收")
        township.township.relay(client)
        [case] = hub.service.cases(DEMO_STATION_CODE)
        finish_and_post(hub, case.case_no)
        [returned] = township.township.export_returns(client, usb)
    finally:
        client.close()
    answer = village.village_batches.import_return(returned, AGENT)
    assert answer.results_applied == 1 and answer.status_updates == 3
    assert village.applications.get(app_id).status is AppStatus.DISPATCHED
    state = village.delivery.state(app_id)
    assert state is not None
    assert (state.carrier, state.tracking_no) == ("中国邮政EMS", "1180012345678")
    before = db_digest(village)
    again = village.village_batches.import_return(returned, AGENT)
    assert again.status_updates == 0 and db_digest(village) == before
