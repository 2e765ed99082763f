"""The three shipped 一件事 filed through the station's filing service and synced to a real
hub on loopback, online and on a USB stick through a township: every member a case of its
own, the group numbered, the baby's 身份号码 left for the department (issue 19, "done when").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.server import BackgroundHub
from kiosk.context import AppContext
from kiosk.core.event_plan import EventAnswers
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE
from tests.conftest import AGENT
from tests.support import event_answers
from tests.sync.test_batches_e2e import OFFLINE, TOWNSHIP_CODE, station

pytestmark = pytest.mark.slow

BUNDLES = {
    event_answers.BIRTH: event_answers.birth_answers,
    event_answers.DEATH: event_answers.death_answers,
    event_answers.RETIREMENT: event_answers.retirement_answers,
}


def file_bundle(ctx: AppContext, code: str, folder: Path) -> object:
    today = dt.date.today()
    bundle = ctx.catalog.event_bundle(code)
    files = event_answers.scans(folder / code, *(m.id for m in bundle.materials))
    answers = EventAnswers.from_json(BUNDLES[code](today))
    return ctx.event_filings.file(code, answers, AGENT, files)


def check_filed(ctx: AppContext, hub: BackgroundHub, group_id: str) -> None:
    view = ctx.event_filings.get_group(group_id)
    assert view.group_no, view
    assert {m.status for m in view.members} == {AppStatus.SUBMITTED}
    found = hub.service.groups.find(view.group_no)
    assert found is not None
    hub_group, cases = found
    assert [c.case_no for c in cases] == [m.case_no for m in view.members]
    assert len({c.case_no for c in cases}) == len(cases)
    if hub_group.bundle_code == event_answers.BIRTH:  # the baby's number comes after 落户
        assert {p["field"] for p in hub_group.pending} == {"id_number"}


@pytest.mark.parametrize("code", sorted(BUNDLES))
def test_a_shipped_bundle_is_filed_online_whole(online_ctx, hub, tmp_path, code):
    view = file_bundle(online_ctx, code, tmp_path)
    report = online_ctx.sync_engine().run_once()
    assert report.error is None and report.rejected == 0
    assert report.created == len(view.members)
    check_filed(online_ctx, hub, view.group_id)
    assert hub.service.stats()["groups"] == 1


@pytest.fixture
def village(tmp_path: Path, hub: BackgroundHub) -> Iterator[AppContext]:
    ctx = station(tmp_path, hub, "village", DEMO_STATION_CODE, "agent")
    ctx.set_hub_url(OFFLINE)
    yield ctx
    ctx.close()


@pytest.fixture
def township(tmp_path: Path, hub: BackgroundHub) -> Iterator[AppContext]:
    ctx = station(tmp_path, hub, "township", TOWNSHIP_CODE, "township")
    yield ctx
    ctx.close()


def test_the_shipped_bundles_travel_whole_on_usb(village, township, hub, tmp_path):
    views = [file_bundle(village, code, tmp_path) for code in sorted(BUNDLES)]
    usb = tmp_path / "usb"
    usb.mkdir()
    result = village.batch_paperwork.export_batch(usb, AGENT)
    assert len(result.manifest.groups) == 3
    client = township.hub_client()
    try:
        township.township.refresh_villages(client)
        township.township.import_batch(result.path, "李接收")
        assert not township.township.relay(client).refused
        returns = township.township.export_returns(client, usb)
    finally:
        client.close()
    village.village_batches.import_return(returns[0], AGENT)
    for view in views:
        check_filed(village, hub, view.group_id)
    assert hub.service.stats()["groups"] == 3
