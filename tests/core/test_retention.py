import datetime as dt
import os

from kiosk.core.applications import AttachmentInput
from kiosk.core.lifecycle import apply_transition
from kiosk.core.retention import purge_expired
from kiosk.core.status import AppStatus
from kiosk.store.models import Application
from tests.conftest import AGENT, PENSION


def _finish(ctx, app_id, when):
    with ctx.db.write() as s:
        row = s.get(Application, app_id)
        for target in (AppStatus.SENDING, AppStatus.SUBMITTED):
            apply_transition(s, row, target, "同步")
        apply_transition(s, row, AppStatus.COMPLETED, "省级平台", "办结：已登记 王秀英")
        row.updated_at = when


def test_finished_cases_lose_personal_data_but_keep_counts(ctx, resident, tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 personal scan")
    old = ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan, "户口簿")])
    recent = ctx.applications.submit(PENSION, resident, AGENT)
    open_case = ctx.applications.submit(PENSION, resident, AGENT)
    now = dt.datetime(2027, 6, 1)
    _finish(ctx, old.id, now - dt.timedelta(days=200))
    _finish(ctx, recent.id, now - dt.timedelta(days=10))
    blob_files = list((ctx.data_dir / "blobs").rglob("*.enc"))
    assert len(blob_files) == 1
    filed_at = (now - dt.timedelta(days=200)).timestamp()
    os.utime(blob_files[0], (filed_at, filed_at))  # the scan was stored when the case was filed
    assert purge_expired(ctx.db, ctx.audit, ctx.blobs, 180, now) == 1
    assert ctx.applications.payload(old.id) == {}
    assert ctx.applications.get(old.id).purged
    steps = ctx.applications.timeline(old.id)
    assert [e.to_status for e in steps][-1] is AppStatus.COMPLETED and steps[0].at
    assert all(e.reason == "" for e in steps)  # a hub note may have named the resident
    assert ctx.applications.timeline(recent.id)[-1].reason == "办结：已登记 王秀英"
    assert ctx.applications.payload(recent.id)["name"] == resident["name"]
    assert ctx.applications.payload(open_case.id)["name"] == resident["name"]
    assert ctx.applications.counts()[AppStatus.COMPLETED] == 2  # statistics still count it
    assert not blob_files[0].exists()
    assert purge_expired(ctx.db, ctx.audit, ctx.blobs, 180, now) == 0  # idempotent
    assert ctx.audit.verify(ctx.db).ok


def test_files_of_a_submit_in_progress_survive_the_sweep(ctx, resident):
    old = ctx.applications.submit(PENSION, resident, AGENT)
    now = dt.datetime.now() + dt.timedelta(days=400)
    _finish(ctx, old.id, now - dt.timedelta(days=200))
    # a submit on another thread has stored its scan but not yet committed the row naming it
    sha = ctx.blobs.put(b"%PDF-1.4 scan being filed right now")
    assert purge_expired(ctx.db, ctx.audit, ctx.blobs, 180, now) == 1
    assert ctx.blobs.get(sha) == b"%PDF-1.4 scan being filed right now"
