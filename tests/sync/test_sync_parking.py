"""A batch whose request must wait (503 + Retry-After, a backoff) is set aside while the next
batches go on, against a real hub through the fault proxy: the waiting request is not sent
again before its Retry-After, the station is not idle meanwhile, and a cycle that ends with
batches set aside puts them back in the queue, so nothing is lost or sent twice."""

from __future__ import annotations

import time

import pytest

from kiosk.core.status import AppStatus
from tests.support.fault_proxy import FaultPlan
from tests.sync.conftest import Sleeps, fast_engine
from tests.sync.test_sync_faults import file_apps, posts

pytestmark = pytest.mark.slow


class RealSleeps(Sleeps):
    def __call__(self, seconds: float) -> None:
        super().__call__(seconds)
        time.sleep(seconds)


def test_a_waiting_batch_lets_the_next_one_go_first(proxied_ctx, proxy, hub, tmp_path):
    ids = file_apps(proxied_ctx, 6, attach={3: 20_000}, tmp=tmp_path)
    sleeps = RealSleeps()
    engine = fast_engine(proxied_ctx, sleeps, batch_items=2)
    sent: list[tuple[float, frozenset[str]]] = []
    real_submit = engine._client.submit

    def recording(items):  # type: ignore[no-untyped-def]
        sent.append((time.monotonic(), frozenset(i["client_id"] for i in items)))
        return real_submit(items)

    engine._client.submit = recording  # type: ignore[method-assign]
    proxy.script = ["error_503:1"]  # the first batch's submission: come back in a second
    report = engine.run_once(force=True)

    assert report.error is None and report.retries == 1
    first = sent[0]
    again = [t for t, batch in sent[1:] if batch == first[1]]
    assert len(again) == 1, sent  # sent once more, …
    others = [t for t, batch in sent[1:] if batch != first[1]]
    assert len(others) == 2 and min(others) < again[0]  # … after the other batches went, …
    assert again[0] - first[0] >= 1.0  # … and not before the hub's Retry-After
    assert hub.service.stats()["cases"] == 6
    assert {proxied_ctx.applications.get(i).status for i in ids} == {AppStatus.SUBMITTED}


def test_batches_set_aside_go_back_to_the_queue_when_the_cycle_ends(
    proxied_ctx, proxy, hub, sleeps
):
    ids = file_apps(proxied_ctx, 4)
    engine = fast_engine(proxied_ctx, sleeps, batch_items=2, retries=2, fresh_retries=0)
    proxy.script = ["error_503:1"]
    proxy.plan = FaultPlan(refuse=1.0)  # then the hub stays away
    report = engine.run_once(force=True)
    assert report.error is not None
    # bounded: the second batch went while the first waited out its Retry-After, and had its
    # try and its two retries (backoffs shorter than that wait); then the cycle ended
    assert [e[3] for e in posts(proxy)] == ["error_503", "refuse", "refuse", "refuse"]
    assert hub.service.stats()["cases"] == 0
    assert {proxied_ctx.applications.get(i).status for i in ids} == {AppStatus.QUEUED}

    proxy.plan = FaultPlan()  # the network calms down: everything goes, once
    report = engine.run_once(force=True)
    assert report.error is None and report.created == 4
    assert hub.service.stats()["cases"] == 4
    assert {proxied_ctx.applications.get(i).status for i in ids} == {AppStatus.SUBMITTED}


def test_many_waiting_batches_cost_one_wait_not_one_each(proxied_ctx, proxy, hub, tmp_path):
    """A flaky link: five batches in a row are told to come back in a second. All five are
    set aside, the other five go meanwhile, and the station then waits once, for the first
    of them, instead of sleeping a second for each batch beyond the first few."""
    ids = file_apps(proxied_ctx, 10)
    sleeps = RealSleeps()
    engine = fast_engine(proxied_ctx, sleeps, batch_items=1)
    sent: list[tuple[float, str]] = []
    real_submit = engine._client.submit

    def recording(items):  # type: ignore[no-untyped-def]
        sent.append((time.monotonic(), items[0]["client_id"]))
        return real_submit(items)

    engine._client.submit = recording  # type: ignore[method-assign]
    proxy.script = ["error_503:1"] * 5
    report = engine.run_once(force=True)

    assert report.error is None and report.created == 10 and report.retries == 5
    assert sum(sleeps) < 1.5, sleeps  # one wait of about a second, not five (or three)
    for app_id in {a for _, a in sent[:5]}:  # never sooner than the hub's Retry-After
        times = [t for t, a in sent if a == app_id]
        assert len(times) == 2 and times[1] - times[0] >= 1.0
    assert hub.service.stats()["cases"] == 10
    assert {proxied_ctx.applications.get(i).status for i in ids} == {AppStatus.SUBMITTED}
