"""The engine against a real hub through the fault proxy: each kind of network failure."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from hub.server import BackgroundHub
from kiosk.core.applications import AttachmentInput
from kiosk.core.status import AppStatus
from kiosk.store.models import Application, Attachment
from kiosk.sync import state
from kiosk.sync.filelock import FileLock
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident as make_resident
from tests.sync.conftest import fast_engine

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def file_apps(ctx, n, rng_seed=1, attach=None, tmp=None):
    import random

    rng = random.Random(rng_seed)
    ids = []
    for i in range(n):
        atts = []
        if attach and i in attach:
            path = tmp / f"scan{i}.bin"
            path.write_bytes(rng.randbytes(attach[i]))
            atts.append(AttachmentInput(path, "户口簿"))
        ids.append(ctx.applications.submit(PENSION, make_resident(rng, i), AGENT, atts).id)
    return ids


def posts(proxy, path="/v1/submissions"):
    return [e for e in proxy.events if e[1] == "POST" and e[2] == path]


def test_captive_portal_page_is_not_an_answer(proxied_ctx, proxy, hub, sleeps, tmp_path):
    [app_id] = file_apps(proxied_ctx, 1, attach={0: 30_000}, tmp=tmp_path)
    engine = fast_engine(proxied_ctx, sleeps, retries=0)
    proxy.script = ["captive"]  # the very first request (the attachment upload) is hijacked
    report = engine.run_once(force=True)
    assert report.error and "上网认证" in report.error
    view = proxied_ctx.applications.get(app_id)
    assert view.status is AppStatus.QUEUED and "上网认证" in view.last_error
    with proxied_ctx.db.read() as s:
        assert s.scalar(select(Attachment.uploaded)) is False  # a 200 page proves nothing
    assert hub.service.stats()["cases"] == 0
    report = engine.run_once(force=True)
    assert report.created == 1 and report.error is None
    assert engine.status().online and engine.status().last_error is None


@pytest.mark.parametrize(
    "fault", ["drop_response:0.3", "drop_response:0.95", "truncate:0.5", "error_502_after", "stall"]
)
def test_answer_lost_after_the_hub_processed_it_is_resent_without_duplicate(
    proxied_ctx, proxy, hub, sleeps, fault
):
    proxy.plan.stall_seconds = 3.0  # longer than the client's 2 s timeout
    ids = file_apps(proxied_ctx, 3)
    engine = fast_engine(proxied_ctx, sleeps)
    # the HEAD/catalog/changes requests come later: the first request is the batch
    proxy.script = [fault]
    report = engine.run_once(force=True)
    assert report.error is None and report.retries == 1
    assert report.duplicate == 3 and report.created == 0  # the hub had them all already
    assert hub.service.stats()["cases"] == 3
    assert {proxied_ctx.applications.get(i).status for i in ids} == {AppStatus.SUBMITTED}
    assert len(posts(proxy)) == 2


def test_request_cut_off_on_its_way_never_reaches_the_hub(proxied_ctx, proxy, hub, sleeps):
    file_apps(proxied_ctx, 2)
    engine = fast_engine(proxied_ctx, sleeps)
    proxy.script = ["drop_request:0.5", "refuse"]
    report = engine.run_once(force=True)
    assert report.created == 2 and report.duplicate == 0 and report.retries == 2
    assert hub.service.stats()["cases"] == 2


def test_retry_after_is_honoured_and_backoff_grows_with_jitter(proxied_ctx, proxy, sleeps):
    file_apps(proxied_ctx, 1)
    engine = fast_engine(proxied_ctx, sleeps, retries=3, retry_base=1.0, retry_cap=30.0)
    proxy.script = ["error_503:7", "error_500", "error_500"]
    report = engine.run_once(force=True)
    assert report.created == 1 and report.retries == 3
    assert sleeps[0] >= 7.0  # Retry-After: 7
    assert 1.0 <= sleeps[1] <= 2.0 and 2.0 <= sleeps[2] <= 4.0  # doubling, jittered


def test_a_long_retry_after_ends_the_cycle_and_schedules_the_next(proxied_ctx, proxy, sleeps):
    [app_id] = file_apps(proxied_ctx, 1)
    engine = fast_engine(proxied_ctx, sleeps, retry_cap=30.0, backoff_cap=3600.0)
    proxy.script = ["error_503:600"]
    before = time.time()
    report = engine.run_once(force=True)
    assert report.error and "503" in report.error and sleeps == []
    status = engine.status()
    assert status.online is False and status.next_attempt_at is not None
    wait = status.next_attempt_at.timestamp() - before
    assert wait >= 590, "the hub asked for 10 minutes"
    assert engine.run_once().skipped  # the timer does not hammer the hub meanwhile
    assert proxied_ctx.applications.get(app_id).status is AppStatus.QUEUED
    assert engine.run_once(force=True).created == 1  # 立即同步 does not wait


def test_interrupted_upload_resumes_from_the_last_confirmed_byte(
    proxied_ctx, proxy, hub, sleeps, tmp_path
):
    [app_id] = file_apps(proxied_ctx, 1, attach={0: 600_000}, tmp=tmp_path)
    engine = fast_engine(proxied_ctx, sleeps, retries=0, chunk_bytes=200_000)
    proxy.script = ["ok", "ok", "drop_request:0.5"]  # HEAD, first range, second range cut
    report = engine.run_once(force=True)
    assert report.error is not None
    [sha] = [a.sha256 for a in _attachments(proxied_ctx, app_id)]
    assert hub.service.blob_state("330106109201", sha).offset == 200_000
    report = engine.run_once(force=True)
    assert report.created == 1 and report.blob_bytes == 400_000  # only the rest was sent
    assert hub.service.blob_bytes(sha) == proxied_ctx.blobs.get(sha)


def _attachments(ctx, app_id):
    with ctx.db.read() as s:
        return list(s.scalars(select(Attachment).where(Attachment.application_id == app_id)))


def test_batches_are_bounded_by_count_and_by_bytes(proxied_ctx, proxy, sleeps):
    file_apps(proxied_ctx, 7)
    engine = fast_engine(proxied_ctx, sleeps, batch_items=3)
    assert engine.run_once(force=True).created == 7
    assert len(posts(proxy)) == 3  # 3 + 3 + 1
    file_apps(proxied_ctx, 4, rng_seed=2)
    engine = fast_engine(proxied_ctx, sleeps, batch_items=50, batch_bytes=1)
    assert engine.run_once(force=True).created == 4
    assert len(posts(proxy)) == 3 + 4  # never more bytes than allowed, yet at least one item


def test_a_batch_the_hub_cannot_parse_is_split_to_find_the_bad_item(proxied_ctx, proxy, sleeps):
    ids = file_apps(proxied_ctx, 8)
    with proxied_ctx.db.write() as s:  # e.g. an item code typed by hand in an old import
        s.get(Application, ids[5]).item_code = "330000 20 0001"
    engine = fast_engine(proxied_ctx, sleeps)
    report = engine.run_once(force=True)
    assert report.created == 7 and report.rejected == 1
    bad = proxied_ctx.applications.get(ids[5])
    assert bad.status is AppStatus.QUARANTINED and "请求格式不正确" in bad.last_error
    assert "按提示修改" in bad.last_error
    assert len(posts(proxy)) <= 1 + 2 * 3  # bisection, not one request per item


def test_a_missing_local_file_quarantines_only_its_application(proxied_ctx, hub, sleeps, tmp_path):
    ids = file_apps(proxied_ctx, 3, attach={1: 10_000}, tmp=tmp_path)
    [sha] = [a.sha256 for a in _attachments(proxied_ctx, ids[1])]
    (proxied_ctx.data_dir / "blobs" / sha[:2] / f"{sha}.enc").unlink()
    report = fast_engine(proxied_ctx, sleeps).run_once(force=True)
    assert report.created == 2 and report.rejected == 1
    view = proxied_ctx.applications.get(ids[1])
    assert view.status is AppStatus.QUARANTINED and "附件文件缺失" in view.last_error


def test_blobs_the_hub_lost_are_uploaded_again_in_the_same_cycle(
    proxied_ctx, proxy, hub, sleeps, tmp_path
):
    [app_id] = file_apps(proxied_ctx, 1, attach={0: 20_000}, tmp=tmp_path)
    engine = fast_engine(proxied_ctx, sleeps, retries=0)
    proxy.script = ["ok", "error_500"]  # attachment up (one PUT), then the batch fails
    assert engine.run_once(force=True).error
    [att] = _attachments(proxied_ctx, app_id)
    assert att.uploaded
    from sqlalchemy import delete

    from hub.models import Blob, BlobOwner

    with hub.service.db.session() as s:  # meanwhile the hub was restored from a backup
        s.execute(delete(BlobOwner))
        s.execute(delete(Blob))
    report = engine.run_once(force=True)
    assert report.missing_blobs == 1 and report.created == 1 and report.blobs_uploaded == 1
    assert hub.service.blob_bytes(att.sha256) == proxied_ctx.blobs.get(att.sha256)


def test_hub_restart_in_the_middle_of_a_sync(tmp_path, online_ctx, hub):
    ids = file_apps(online_ctx, 6)
    engine = online_ctx.sync_engine()
    engine.policy = type(engine.policy)(batch_items=2, retries=5, retry_base=0.4)
    client = engine._client
    real_submit = client.submit
    calls = []
    db_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    restarted: list[BackgroundHub] = []

    def submit(items):
        calls.append(len(items))
        if len(calls) == 2:  # the hub goes down between two batches …
            hub.stop()

            def back():  # … and comes back a moment later
                time.sleep(1.0)
                restarted.append(BackgroundHub(db_url, port=hub.port).start())

            threading.Thread(target=back).start()
        return real_submit(items)

    client.submit = submit
    try:
        report = engine.run_once(force=True)
        assert report.error is None and report.retries >= 1
        assert report.created == 6
        assert restarted[0].service.stats()["cases"] == 6
        assert {online_ctx.applications.get(i).status for i in ids} == {AppStatus.SUBMITTED}
    finally:
        for h in restarted:
            h.stop()


def test_one_sync_at_a_time_across_threads_and_processes(proxied_ctx, proxy, sleeps):
    file_apps(proxied_ctx, 2)
    engine = fast_engine(proxied_ctx, sleeps)
    proxy.plan.stall_seconds = 1.0
    client = engine._client
    real = client.submit

    def slow_submit(items):
        time.sleep(1.0)
        return real(items)

    client.submit = slow_submit
    reports = []
    threads = [
        threading.Thread(target=lambda: reports.append(engine.run_once(force=True)))
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.busy for r in reports) == [False, True, True]
    assert sum(r.created for r in reports) == 2
    # a CLI sync while the GUI's sync holds the station lock does nothing, and says so
    with FileLock(proxied_ctx.data_dir / "sync.lock"):
        env = dict(os.environ, KIOSK_DATA_DIR=str(proxied_ctx.data_dir))
        out = subprocess.run(
            [sys.executable, "-m", "kiosk", "sync", "--json"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert out.returncode == 0, out.stderr
    assert '"busy": true' in out.stdout


def test_progress_reports_counts_and_bytes(proxied_ctx, sleeps, tmp_path):
    file_apps(proxied_ctx, 5, attach={0: 300_000, 3: 120_000}, tmp=tmp_path)
    seen = []
    engine = fast_engine(proxied_ctx, sleeps, batch_items=2, chunk_bytes=100_000)
    report = engine.run_once(progress=seen.append, force=True)
    assert report.created == 5
    assert seen[-1].phase == "done" and seen[-1].items_done == seen[-1].items_total == 5
    done_bytes = [p.bytes_done for p in seen]
    assert done_bytes == sorted(done_bytes) and done_bytes[-1] >= 420_000
    assert {"blobs", "submit", "changes"} <= {p.phase for p in seen}
    assert seen[-1].fraction == 1.0


def test_status_shows_queue_depth_and_last_success(proxied_ctx, proxy, sleeps):
    engine = fast_engine(proxied_ctx, sleeps, retries=0)
    assert engine.status().online is None  # never tried
    file_apps(proxied_ctx, 2)
    proxy.down = True
    engine.run_once(force=True)
    status = engine.status()
    assert status.online is False and status.queue_depth == 2 and status.last_success_at is None
    proxy.down = False
    engine.run_once(force=True)
    status = engine.status()
    assert status.online and status.queue_depth == 0 and status.last_success_at is not None
    with proxied_ctx.db.read() as s:
        assert state.get_int(s, state.FAILURES) == 0
