"""Recovering from faults quickly, against a real hub through the fault proxy: a dropped
connection is tried again at once on a fresh connection (a bounded number of times) before
any backoff; a 503's Retry-After is waited exactly; a cycle in which the hub answered starts
the backoff again from its base. The sleeps are recorded instead of slept."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.core.clock import utcnow
from kiosk.core.status import AppStatus
from kiosk.sync import state
from tests.sync.conftest import fast_engine
from tests.sync.test_sync_faults import file_apps, posts

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("fault", ["drop_request:0.5", "drop_response:0.3", "refuse"])
def test_a_dropped_connection_is_retried_at_once_without_backoff(
    proxied_ctx, proxy, hub, sleeps, fault
):
    ids = file_apps(proxied_ctx, 3)
    engine = fast_engine(proxied_ctx, sleeps)
    proxy.script = [fault]  # the first request is the batch
    report = engine.run_once(force=True)
    assert report.error is None and report.retries == 1
    assert sleeps == []  # no backoff: the next connection was tried at once
    assert hub.service.stats()["cases"] == 3  # exactly once, even when the hub had them
    assert {proxied_ctx.applications.get(i).status for i in ids} == {AppStatus.SUBMITTED}
    assert len(posts(proxy)) == 2


def test_immediate_retries_are_bounded_then_the_engine_backs_off(proxied_ctx, proxy, hub, sleeps):
    file_apps(proxied_ctx, 2)
    engine = fast_engine(proxied_ctx, sleeps, retries=3, fresh_retries=2)
    proxy.script = ["drop_request:0.5"] * 4  # two at once, then backoff, backoff
    report = engine.run_once(force=True)
    assert report.error is None and report.retries == 4
    assert len(sleeps) == 2  # only the drops beyond the immediate budget waited …
    assert 0.25 <= sleeps[0] <= 0.5 and 0.5 <= sleeps[1] <= 1.0  # … with growing backoff
    assert len(posts(proxy)) == 5 and hub.service.stats()["cases"] == 2


def test_a_hub_that_keeps_dropping_ends_the_cycle(proxied_ctx, proxy, hub, sleeps):
    [app_id] = file_apps(proxied_ctx, 1)
    engine = fast_engine(proxied_ctx, sleeps, retries=2, fresh_retries=2)
    proxy.script = ["drop_request:0.5"] * 10
    report = engine.run_once(force=True)
    assert report.error is not None
    assert len(posts(proxy)) == 5  # 1 + 2 at once + 2 after backoff: bounded, then it stops
    assert len(sleeps) == 2
    assert proxied_ctx.applications.get(app_id).status is AppStatus.QUEUED


@pytest.mark.parametrize("seconds", [1, 2])
def test_retry_after_of_a_503_is_waited_exactly(proxied_ctx, proxy, hub, sleeps, seconds):
    file_apps(proxied_ctx, 2)
    engine = fast_engine(proxied_ctx, sleeps)
    proxy.script = [f"error_503:{seconds}"]
    report = engine.run_once(force=True)
    assert report.error is None and sleeps == [float(seconds)]
    assert hub.service.stats()["cases"] == 2


def test_a_503_without_retry_after_backs_off(proxied_ctx, proxy, hub, sleeps):
    file_apps(proxied_ctx, 1)
    engine = fast_engine(proxied_ctx, sleeps)
    proxy.script = ["error_503"]
    report = engine.run_once(force=True)
    assert report.error is None and len(sleeps) == 1 and 0.25 <= sleeps[0] <= 0.5


def _after_long_outage(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.write() as s:
        state.put(s, state.FAILURES, "6")


def test_backoff_resets_after_a_cycle_the_hub_answered(proxied_ctx, proxy, hub, sleeps):
    file_apps(proxied_ctx, 2)
    _after_long_outage(proxied_ctx)
    engine = fast_engine(proxied_ctx, sleeps, retries=0)
    proxy.script = ["ok", "error_500"]  # the batch goes through; the next request fails
    report = engine.run_once(force=True)
    assert report.error is not None and report.created == 2
    with proxied_ctx.db.read() as s:
        assert state.get_int(s, state.FAILURES) == 1
        next_at = state.get_time(s, state.NEXT_ATTEMPT)
    base = engine.policy.backoff_base
    assert next_at is not None and next_at - utcnow() <= dt.timedelta(seconds=base)


def test_backoff_grows_while_the_hub_never_answers(proxied_ctx, proxy, hub, sleeps):
    file_apps(proxied_ctx, 1)
    _after_long_outage(proxied_ctx)
    engine = fast_engine(proxied_ctx, sleeps, retries=0)
    proxy.script = ["error_500"]
    report = engine.run_once(force=True)
    assert report.error is not None
    with proxied_ctx.db.read() as s:
        assert state.get_int(s, state.FAILURES) == 7
        next_at = state.get_time(s, state.NEXT_ATTEMPT)
    assert next_at is not None and next_at - utcnow() > dt.timedelta(seconds=60)
