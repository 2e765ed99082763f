"""一件事 between a station and a real hub on loopback: a group goes whole (one request), its
answer is applied per member, a lost answer is harmless, a member refused by the hub holds
the group back with nothing created, and once filed each member goes its own way."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hub.submissions import SubmissionItem
from kiosk.context import AppContext
from kiosk.core.attachments import AttachmentInput
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE
from kiosk.store.group_models import ApplicationGroup
from kiosk.sync import answers
from tests.conftest import AGENT, PENSION
from tests.support.groups import (
    BIRTH,
    INSURANCE,
    REGISTRATION,
    RETIREMENT_MEMBERS,
    FiledGroup,
    Member,
    example_payload,
    file_group,
    form_version,
)
from tests.sync.conftest import fast_engine

pytestmark = pytest.mark.slow


def group_row(ctx: AppContext, group_id: str) -> ApplicationGroup:
    with ctx.db.read() as s:
        row = s.scalar(select(ApplicationGroup).where(ApplicationGroup.id == group_id))
        assert row is not None
        return row


def retirement(ctx: AppContext) -> FiledGroup:
    """退休一件事 with one scan of the 身份证 serving two members."""
    scan = ctx.data_dir.parent / "id-card.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 80)
    shared = [AttachmentInput(scan, "居民身份证")]
    return file_group(
        ctx,
        [
            Member(RETIREMENT_MEMBERS[0], attachments=shared),
            Member(RETIREMENT_MEMBERS[1]),
            Member(RETIREMENT_MEMBERS[2], attachments=shared),
        ],
        AGENT,
    )


def statuses(ctx: AppContext, ids: list[str]) -> list[AppStatus]:
    return [ctx.applications.get(i).status for i in ids]


def test_a_group_is_filed_online_whole_and_answered_per_member(online_ctx, hub, resident):
    single = online_ctx.applications.submit(PENSION, resident, AGENT)
    filed = retirement(online_ctx)
    report = online_ctx.sync_engine().run_once()
    assert report.error is None and (report.sent, report.created) == (4, 4)
    assert statuses(online_ctx, filed.member_ids) == [AppStatus.SUBMITTED] * 3
    views = [online_ctx.applications.get(i) for i in filed.member_ids]
    assert len({v.case_no for v in views}) == 3 and all(v.query_code for v in views)
    row = group_row(online_ctx, filed.group_id)
    assert row.group_no and row.synced_at is not None
    found = hub.service.groups.find(row.group_no)
    assert found is not None
    _, cases = found
    assert [c.client_id for c in cases] == filed.member_ids
    assert [c.case_no for c in cases] == [v.case_no for v in views]
    assert hub.service.stats()["blobs"] == 1  # the shared scan went up once
    single_case = next(c for c in hub.service.cases() if c.client_id == single.id)
    assert single_case.group_id is None
    assert online_ctx.applications.get(single.id).status is AppStatus.SUBMITTED
    again = online_ctx.sync_engine().run_once()
    assert again.sent == 0 and hub.service.stats()["cases"] == 4


def test_a_lost_answer_leaves_the_members_sending_and_the_resend_is_a_duplicate(
    online_ctx, hub, monkeypatch
):
    filed = retirement(online_ctx)
    engine = online_ctx.sync_engine()
    real = engine._client.submit_group

    def deliver_then_drop(group):
        real(group)  # the hub created the group ...
        raise ConnectionResetError  # ... and the station died before recording the answer

    monkeypatch.setattr(engine._client, "submit_group", deliver_then_drop)
    with pytest.raises(ConnectionResetError):
        engine.run_once()
    assert statuses(online_ctx, filed.member_ids) == [AppStatus.SENDING] * 3
    assert group_row(online_ctx, filed.group_id).group_no is None
    assert hub.service.stats()["groups"] == 1
    monkeypatch.setattr(engine._client, "submit_group", real)
    report = engine.run_once(force=True)
    assert (report.duplicate, report.created) == (3, 0)
    assert statuses(online_ctx, filed.member_ids) == [AppStatus.SUBMITTED] * 3
    row = group_row(online_ctx, filed.group_id)
    assert row.group_no == hub.service.groups.find(row.group_no)[0].group_no
    assert hub.service.stats()["cases"] == 3 and hub.service.stats()["groups"] == 1


def test_a_member_refused_by_the_hub_holds_the_group_and_nothing_is_created(online_ctx, hub):
    filed = retirement(online_ctx)
    hub.service.catalog.withdraw(RETIREMENT_MEMBERS[1])  # the hub no longer takes 优待证
    report = online_ctx.sync_engine().run_once()
    assert hub.service.stats()["cases"] == 0 and hub.service.stats()["groups"] == 0
    refused = online_ctx.applications.get(filed.member_ids[1])
    assert refused.status is AppStatus.QUARANTINED
    assert "不存在或已停用" in refused.last_error and "一件事" in refused.last_error
    held = [online_ctx.applications.get(i) for i in (filed.member_ids[0], filed.member_ids[2])]
    assert [v.status for v in held] == [AppStatus.QUEUED] * 2
    assert all(v.last_error == answers.held_text(refused.item_name) for v in held)
    assert report.rejected == 1 and report.created == 0
    # the group waits for the member being fixed: nothing goes out, however often
    again = online_ctx.sync_engine().run_once(force=True)
    assert again.sent == 0 and hub.service.stats()["cases"] == 0
    # the agent leaves that item out: the rest of the group goes whole
    online_ctx.applications.withdraw(filed.member_ids[1], AGENT, "该事项到窗口另行办理")
    last = online_ctx.sync_engine().run_once(force=True)
    assert (last.sent, last.created) == (2, 2)
    row = group_row(online_ctx, filed.group_id)
    _, cases = hub.service.groups.find(row.group_no)
    assert [c.client_id for c in cases] == [filed.member_ids[0], filed.member_ids[2]]


def test_after_filing_a_supplement_and_a_refusal_leave_the_other_members_alone(online_ctx, hub):
    filed = retirement(online_ctx)
    online_ctx.sync_engine().run_once()
    first, second, third = (online_ctx.applications.get(i) for i in filed.member_ids)
    group_no = group_row(online_ctx, filed.group_id).group_no
    hub.service.advance(first.case_no, "补齐补正", "请补充银行卡照片")
    hub.service.advance(second.case_no, "不予受理", "已在外地领取")
    report = online_ctx.sync_engine().run_once()
    assert report.status_updates == 2
    assert statuses(online_ctx, filed.member_ids) == [
        AppStatus.NEED_SUPPLEMENT,
        AppStatus.REJECTED,
        AppStatus.SUBMITTED,
    ]
    online_ctx.applications.supplement(first.id, AGENT, [], {"phone": "13900009999"})
    report = online_ctx.sync_engine().run_once()
    assert (report.sent, report.created) == (1, 1)  # that member alone
    stages = {c.client_id: (c.stage, c.revision) for c in hub.service.cases()}
    assert stages == {
        first.id: ("收件", 1),
        second.id: ("不予受理", 0),
        third.id: ("收件", 0),
    }
    assert statuses(online_ctx, filed.member_ids) == [
        AppStatus.SUBMITTED,
        AppStatus.REJECTED,
        AppStatus.SUBMITTED,
    ]
    assert group_row(online_ctx, filed.group_id).group_no == group_no
    assert hub.service.stats()["groups"] == 1


@pytest.mark.parametrize("fault", ["drop_response:0.5", "truncate:0.5", "stall"])
def test_an_answer_cut_on_the_wire_is_fetched_again_per_member(
    proxied_ctx, proxy, hub, sleeps, fault
):
    proxy.plan.stall_seconds = 3.0  # longer than the client's 2 s timeout
    filed = file_group(proxied_ctx, list(RETIREMENT_MEMBERS), AGENT)  # no files: one request
    engine = fast_engine(proxied_ctx, sleeps)
    proxy.script = [fault]  # the group request: the hub creates it, the answer is lost
    report = engine.run_once(force=True)
    assert report.error is None and report.retries == 1
    assert (report.duplicate, report.created) == (3, 0)
    assert statuses(proxied_ctx, filed.member_ids) == [AppStatus.SUBMITTED] * 3
    assert group_row(proxied_ctx, filed.group_id).group_no
    assert hub.service.stats()["cases"] == 3 and hub.service.stats()["groups"] == 1
    assert [e[2] for e in proxy.events[:2]] == ["/v1/groups"] * 2


def test_a_member_id_taken_at_the_hub_is_a_conflict_and_its_corrected_copy_joins_the_group(
    online_ctx, hub
):
    filed = retirement(online_ctx)
    taken = filed.member_ids[1]
    other = example_payload(RETIREMENT_MEMBERS[1]) | {"phone": "13900000088"}
    hub.service.submit(
        DEMO_STATION_CODE,
        [SubmissionItem(taken, RETIREMENT_MEMBERS[1], form_version(RETIREMENT_MEMBERS[1]), other)],
    )
    online_ctx.sync_engine().run_once()
    assert statuses(online_ctx, filed.member_ids) == [
        AppStatus.QUEUED,
        AppStatus.CONFLICT,
        AppStatus.QUEUED,
    ]
    assert "已用于另一件办件" in online_ctx.applications.get(taken).last_error
    assert hub.service.stats()["groups"] == 0 and hub.service.stats()["cases"] == 1
    copy = online_ctx.applications.reopen(taken, AGENT)  # a new id, in the same group
    assert online_ctx.sync_engine().run_once(force=True).sent == 0  # a draft holds it
    online_ctx.applications.submit_draft(copy.id, AGENT)
    report = online_ctx.sync_engine().run_once(force=True)
    assert (report.sent, report.created) == (3, 3)
    _, cases = hub.service.groups.find(group_row(online_ctx, filed.group_id).group_no)
    assert [c.client_id for c in cases] == [filed.member_ids[0], filed.member_ids[2], copy.id]


def birth_pending(bundle_code: str, item_code: str) -> dict[str, str]:
    """出生一件事's field map: 医保参保 takes the baby's 身份号码 from 落户's result."""
    return {"id_number": REGISTRATION} if (bundle_code, item_code) == (BIRTH, INSURANCE) else {}


def test_a_field_left_for_an_earlier_members_result_is_named_and_the_group_filed(online_ctx, hub):
    filed = file_group(
        online_ctx,
        [Member(REGISTRATION), Member(INSURANCE, left_empty=("id_number",))],
        AGENT,
        bundle_code=BIRTH,
        bundle_name="出生一件事",
    )
    engine = online_ctx.sync_engine()
    assert engine.pending_of is not None  # wired by the context (the catalog's bundles)
    engine.pending_of = birth_pending  # this catalog has no bundles yet: its field map
    report = engine.run_once()
    assert (report.created, report.rejected) == (2, 0)
    row = group_row(online_ctx, filed.group_id)
    hub_group, cases = hub.service.groups.find(row.group_no)
    assert hub_group.pending == [
        {"client_id": filed.member_ids[1], "field": "id_number", "source": filed.member_ids[0]}
    ]
    assert "id_number" not in cases[1].payload
