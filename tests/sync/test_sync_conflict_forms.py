"""Conflicts shown to the agent, replays that change nothing, and a form-version change."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from hub.submissions import SubmissionItem
from kiosk.core.status import AppStatus
from kiosk.store.models import Application, StatusEvent
from kiosk.sync.catalog_pull import CatalogFileSink
from tests.conftest import AGENT, PENSION
from tests.hub.test_hub_catalog import pension_v
from tests.support.residents import resident
from tests.sync.conftest import fast_engine

pytestmark = pytest.mark.slow
STATION = "330106109201"


def file_one(ctx, seed=1):
    return ctx.applications.submit(PENSION, resident(random.Random(seed)), AGENT).id


def event_count(ctx):
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(StatusEvent))


def test_same_id_different_content_ends_in_conflict_shown_to_the_agent(online_ctx, hub, sleeps):
    app_id = file_one(online_ctx)
    other = file_one(online_ctx, seed=2)
    # the hub already holds this application id with other content (e.g. relayed earlier
    # from an older USB batch of this station)
    stale = dict(online_ctx.applications.payload(app_id), address="旧批次中的地址")
    [first] = hub.service.submit(STATION, [SubmissionItem(app_id, PENSION, 1, stale)])
    report = fast_engine(online_ctx, sleeps).run_once(force=True)
    assert report.conflict == 1 and report.created == 1
    view = online_ctx.applications.get(app_id)
    assert view.status is AppStatus.CONFLICT
    assert "内容不同" in view.last_error and first["case_no"] in view.last_error
    assert "乡镇工作人员" in view.last_error  # says what to do
    assert online_ctx.applications.payload(app_id)["address"] != "旧批次中的地址"  # kept
    assert online_ctx.applications.get(other).status is AppStatus.SUBMITTED
    listed = {v.id: v for v in online_ctx.applications.list()}
    assert listed[app_id].to_json()["status_label"] == "数据冲突"
    assert hub.service.case(first["case_no"]).payload["address"] == "旧批次中的地址"


def test_replay_of_an_old_batch_changes_nothing(online_ctx, hub, sleeps):
    ids = [file_one(online_ctx, seed=n) for n in range(3)]
    engine = fast_engine(online_ctx, sleeps)
    sent_batches = []
    real = engine._client.submit

    def recording(items):
        sent_batches.append(items)
        return real(items)

    engine._client.submit = recording
    engine.run_once(force=True)
    case_no = online_ctx.applications.get(ids[0]).case_no
    hub.service.advance(case_no, "受理", "材料齐全")
    engine.run_once(force=True)
    before_hub, before_events = hub.service.stats(), event_count(online_ctx)
    statuses = {i: online_ctx.applications.get(i).status for i in ids}
    answers = real(sent_batches[0])  # the same batch arrives again (network, then USB)
    assert {a["outcome"] for a in answers} == {"duplicate"}
    assert engine.run_once(force=True).status_updates == 0
    assert hub.service.stats() == before_hub
    assert event_count(online_ctx) == before_events
    assert {i: online_ctx.applications.get(i).status for i in ids} == statuses
    assert statuses[ids[0]] is AppStatus.ACCEPTED


def test_form_version_change_loses_nothing_and_is_explained(online_ctx, hub, sleeps):
    engine = fast_engine(online_ctx, sleeps)
    queued_v1 = file_one(online_ctx, seed=1)
    draft = file_one(online_ctx, seed=2)
    with online_ctx.db.write() as s:  # an unsubmitted draft on the old form
        row = s.get(Application, draft)
        row.status, row.queued_at = AppStatus.DRAFT.value, None
    hub.service.catalog.publish([pension_v(2)])
    report = engine.run_once(force=True)
    assert report.created == 1  # v1 still accepted: one version back is supported
    assert CatalogFileSink(online_ctx.data_dir).load()["items"][PENSION]["form"]["version"] == 2
    hub.service.catalog.publish([pension_v(3)])
    late_v1 = file_one(online_ctx, seed=3)  # filed on the old form while offline
    payload = online_ctx.applications.payload(late_v1)
    report = engine.run_once(force=True)
    assert report.rejected == 1
    view = online_ctx.applications.get(late_v1)
    assert view.status is AppStatus.QUARANTINED
    assert "第 3 版" in view.last_error and "转到新版表单" in view.last_error
    assert "申请内容已保留" in view.last_error
    assert online_ctx.applications.payload(late_v1) == payload  # nothing lost
    assert online_ctx.applications.get(draft).status is AppStatus.DRAFT  # never sent
    assert online_ctx.applications.get(queued_v1).status is AppStatus.SUBMITTED
    assert {c.client_id for c in hub.service.cases(STATION)} == {queued_v1}
