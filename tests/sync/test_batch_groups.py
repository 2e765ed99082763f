"""一件事 on a USB stick: a village with no network exports its groups whole, the township
relays the batch to a real hub on loopback, the hub creates each group whole or not at all,
and the status return brings the answers back per member (and the groups' numbers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hub.server import BackgroundHub
from kiosk.context import AppContext
from kiosk.core.attachments import AttachmentInput
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE
from kiosk.protocol.errors import InputError
from kiosk.store.group_models import ApplicationGroup
from tests.conftest import AGENT, PENSION
from tests.support.groups import RETIREMENT_MEMBERS, Member, file_group
from tests.sync.test_batches_e2e import OFFLINE, TOWNSHIP_CODE, db_digest, station

pytestmark = pytest.mark.slow

HOUSING = "330000-01-0001"  # refused at the hub below (withdrawn from its catalog)


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


def group_no(ctx: AppContext, group_id: str) -> str | None:
    with ctx.db.read() as s:
        return s.scalar(select(ApplicationGroup.group_no).where(ApplicationGroup.id == group_id))


def test_groups_travel_whole_on_usb_and_come_back_per_member(
    village, township, hub, resident, tmp_path
):
    usb = tmp_path / "usb"
    usb.mkdir()
    scan = tmp_path / "hukou.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    shared = [AttachmentInput(scan, "户口簿")]
    single = village.applications.submit(PENSION, resident, AGENT).id
    good = file_group(
        village,
        [
            Member(RETIREMENT_MEMBERS[0], attachments=shared),
            RETIREMENT_MEMBERS[1],
            Member(RETIREMENT_MEMBERS[2], attachments=shared),
        ],
        AGENT,
    )
    bad = file_group(village, [RETIREMENT_MEMBERS[0], HOUSING], AGENT)
    hub.service.catalog.withdraw(HOUSING)

    result = village.batch_paperwork.export_batch(usb, AGENT)
    assert result.manifest.count == 6
    listed = {g["group_id"]: g["members"] for g in result.manifest.groups}
    assert listed == {good.group_id: good.member_ids, bad.group_id: bad.member_ids}

    client = township.hub_client()
    try:
        assert township.township.refresh_villages(client) >= 1
        manifest, _ = township.township.import_batch(result.path, "李接收")
        outcome = township.township.relay(client)
        assert outcome.batches == 1 and not outcome.refused
        stats = hub.service.stats()
        assert (stats["groups"], stats["cases"], stats["blobs"]) == (1, 4, 1)
        relayed = township.data_dir / "batches" / f"{manifest.batch_id}.kbatch"
        again = {r["client_id"]: r["outcome"] for r in client.relay_batch(relayed)}
        assert [again[i] for i in [single, *good.member_ids]] == ["duplicate"] * 4
        assert again[bad.member_ids[1]] == "rejected" and bad.member_ids[0] not in again
        assert hub.service.stats()["cases"] == 4
        returns = township.township.export_returns(client, usb)
    finally:
        client.close()

    answer = village.village_batches.import_return(returns[0], AGENT)
    assert answer.results_applied >= 5
    cases = {c.client_id: c for c in hub.service.cases(DEMO_STATION_CODE)}
    for app_id in [single, *good.member_ids]:
        view = village.applications.get(app_id)
        assert view.status is AppStatus.SUBMITTED and view.case_no == cases[app_id].case_no
    number = group_no(village, good.group_id)
    assert number and hub.service.groups.find(number) is not None
    assert {c.group_id for c in cases.values() if c.client_id != single} == {good.group_id}
    refused = village.applications.get(bad.member_ids[1])
    assert refused.status is AppStatus.QUARANTINED and "整件事未报送" in refused.last_error
    assert village.applications.get(bad.member_ids[0]).status is AppStatus.QUEUED
    assert group_no(village, bad.group_id) is None
    # the same return again changes nothing
    before = db_digest(village)
    assert village.village_batches.import_return(returns[0], AGENT).results_applied == 0
    assert db_digest(village) == before
    # the group being fixed stays home: the next stick carries nothing of it
    assert village.village_batches.pending() == (0, 0)
    with pytest.raises(InputError) as nothing:
        village.batch_paperwork.export_batch(usb, AGENT)
    assert "没有需要导出" in nothing.value.zh
