"""``attempts`` (may the hub hold this application?) is counted when a batch is claimed, off
the network's path, and taken back for every item whose submission never went out: a
resident's application that never left the station can still be withdrawn at the desk; one
whose request went out and lost its answer cannot (the hub may have created it). Against a
real hub through the fault proxy."""

from __future__ import annotations

import pytest

from kiosk.core.errors import InputError
from kiosk.core.status import AppStatus
from tests.conftest import AGENT
from tests.support.fault_proxy import FaultPlan
from tests.sync.conftest import fast_engine
from tests.sync.test_sync_faults import file_apps, posts

pytestmark = pytest.mark.slow

REASON = "居民决定不办了"


def _attempts(ctx, app_id: str) -> int:  # type: ignore[no-untyped-def]
    from kiosk.store.models import Application

    with ctx.db.read() as s:
        row = s.get(Application, app_id)
        assert row is not None
        return int(row.attempts)


def test_an_item_whose_attachment_never_went_up_can_still_be_withdrawn(
    proxied_ctx, proxy, hub, sleeps, tmp_path
):
    [app_id] = file_apps(proxied_ctx, 1, attach={0: 20_000}, tmp=tmp_path)
    engine = fast_engine(proxied_ctx, sleeps, retries=0, fresh_retries=0)
    proxy.plan = FaultPlan(refuse=1.0)
    report = engine.run_once(force=True)
    assert report.error is not None
    assert [e[1] for e in proxy.events][:1] == ["PUT"]  # claimed: the upload was tried
    assert not posts(proxy)  # the submission never went out
    assert _attempts(proxied_ctx, app_id) == 0
    view = proxied_ctx.applications.withdraw(app_id, AGENT, REASON)
    assert view.status is AppStatus.WITHDRAWN
    assert hub.service.stats()["cases"] == 0


def test_a_submission_that_lost_its_answer_cannot_be_withdrawn_locally(
    proxied_ctx, proxy, hub, sleeps
):
    [app_id] = file_apps(proxied_ctx, 1)
    engine = fast_engine(proxied_ctx, sleeps, retries=0, fresh_retries=0)
    proxy.script = ["drop_response"]  # the hub creates it; the answer is lost on the way
    report = engine.run_once(force=True)
    assert report.error is not None and hub.service.stats()["cases"] == 1
    assert proxied_ctx.applications.get(app_id).status is AppStatus.QUEUED
    assert _attempts(proxied_ctx, app_id) == 1
    with pytest.raises(InputError):
        proxied_ctx.applications.withdraw(app_id, AGENT, REASON)
    assert proxied_ctx.applications.get(app_id).status is AppStatus.QUEUED

    report = engine.run_once(force=True)  # the next cycle: the hub says it has it
    assert report.error is None and report.duplicate == 1
    assert proxied_ctx.applications.get(app_id).status is AppStatus.SUBMITTED


def test_a_batch_claimed_ahead_but_never_sent_is_given_back_uncounted(
    proxied_ctx, proxy, hub, sleeps
):
    ids = file_apps(proxied_ctx, 2)
    engine = fast_engine(proxied_ctx, sleeps, batch_items=1, retries=0, fresh_retries=0)
    proxy.plan = FaultPlan(refuse=1.0)  # the first submission fails; the cycle ends there
    report = engine.run_once(force=True)
    assert report.error is not None
    assert len(posts(proxy)) == 1  # one batch tried; the other had been claimed meanwhile
    counted = {app_id: _attempts(proxied_ctx, app_id) for app_id in ids}
    assert sorted(counted.values()) == [0, 1], counted
    assert {proxied_ctx.applications.get(i).status for i in ids} == {AppStatus.QUEUED}
    tried = max(counted, key=counted.__getitem__)
    never = min(counted, key=counted.__getitem__)
    assert proxied_ctx.applications.withdraw(never, AGENT, REASON).status is AppStatus.WITHDRAWN
    with pytest.raises(InputError):  # it may be at the hub: only the township can stop it
        proxied_ctx.applications.withdraw(tried, AGENT, REASON)
