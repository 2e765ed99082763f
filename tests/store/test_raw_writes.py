"""The submit hot path writes with plain SQL (Database.write_raw); the ORM must read back
exactly what it would have written, and a failure half-way must leave nothing behind."""

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import select

from kiosk.core.applications import AttachmentInput
from kiosk.store.db import sql_time
from kiosk.store.models import Application, Attachment, AuditEvent
from tests.conftest import AGENT, PENSION


@pytest.mark.parametrize(
    "moment",
    [dt.datetime(2026, 11, 22, 8, 0, 0), dt.datetime(2026, 1, 2, 3, 4, 5, 60)],
)
def test_sql_time_matches_what_sqlalchemy_stores(ctx, moment):
    with ctx.db.write() as s:
        s.add(AuditEvent(id=999, at=moment, actor="a", action="t", prev_mac="0", mac="0"))
    with sqlite3.connect(ctx.db.path) as conn:
        (stored,) = conn.execute("select at from audit_event where id=999").fetchone()
    assert stored == sql_time(moment)


def test_raw_submit_reads_back_through_the_orm(ctx, resident, tmp_path):
    scan = tmp_path / "hukou.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    view = ctx.applications.submit(
        PENSION, resident, AGENT, [AttachmentInput(scan, material="户口簿")]
    )
    with ctx.db.read() as s:
        row = s.get(Application, view.id)
        assert row is not None
        assert (row.status, row.created_at, row.queued_at) == (
            "queued",
            view.created_at,
            view.created_at,
        )
        assert (row.revision, row.attempts, row.purged_at, row.resident_index) == (
            0,
            0,
            None,
            ctx.cipher.blind_index(resident["id_number"]),
        )
        (att,) = s.scalars(select(Attachment).where(Attachment.application_id == view.id))
        assert (att.uploaded, att.material, att.mime) == (False, "户口簿", "application/pdf")
    assert ctx.applications.get(view.id) == view
    assert ctx.audit.verify(ctx.db).ok


def test_a_failure_inside_the_transaction_leaves_nothing(ctx, resident, monkeypatch):
    ctx.applications.submit(PENSION, resident, AGENT)  # one good row and audit event first

    def broken_audit(*_args, **_kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(ctx.audit, "append", broken_audit)
    with pytest.raises(OSError):
        ctx.applications.submit(PENSION, resident, AGENT)
    with sqlite3.connect(ctx.db.path) as conn:
        assert conn.execute("select count(*) from application").fetchone() == (1,)
        assert conn.execute("select count(*) from status_event").fetchone() == (2,)
    monkeypatch.undo()
    ctx.applications.submit(PENSION, resident, AGENT)  # the writer is free again
    assert ctx.audit.verify(ctx.db).ok


def test_submitting_a_draft_reads_back_through_the_orm(ctx, resident, tmp_path):
    from kiosk.core.errors import InputError

    draft = ctx.applications.save_draft(PENSION, resident, AGENT)
    scan = tmp_path / "hukou.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    ctx.applications.attach(draft.id, AGENT, [AttachmentInput(scan, material="户口簿")])
    view = ctx.applications.submit_draft(draft.id, AGENT)
    assert view == ctx.applications.get(draft.id)
    assert (view.attachment_count, view.created_at) == (1, draft.created_at)
    steps = [(e.from_status, e.to_status) for e in ctx.applications.timeline(draft.id)]
    assert steps[-1] == ("draft", "queued")
    with pytest.raises(InputError):  # a second click on 提交
        ctx.applications.submit_draft(draft.id, AGENT)
    assert ctx.audit.verify(ctx.db).ok


def test_the_gui_submit_stores_the_answers_on_screen_in_the_same_commit(ctx, resident):
    from kiosk.core.draft_progress import DraftProgress, load_progress, save_progress

    draft = ctx.applications.save_draft(PENSION, dict(resident, phone=""), AGENT)
    save_progress(ctx.db, draft.id, DraftProgress(step=6, materials=["户口簿"]))
    on_screen = dict(resident, phone="13900001234")  # typed after the last autosave
    resident_id = ctx.residents.remember(resident, AGENT, consent=True).id
    view = ctx.applications.submit_draft(draft.id, AGENT, data=on_screen, resident_id=resident_id)
    assert ctx.applications.payload(draft.id)["phone"] == "13900001234"
    assert view.resident_id == resident_id == ctx.applications.get(draft.id).resident_id
    assert load_progress(ctx.db, draft.id) == DraftProgress()  # the flow's place forgotten
