"""The lifecycle's three writers of status events: apply_transition (a session),
record_creation (a new row's first event), record_raw (the submit path's plain connection).
Each checks the same table and needs an actor; what the services write through them."""

from __future__ import annotations

import pytest

from kiosk.core.clock import utcnow
from kiosk.core.lifecycle import record_creation, record_raw
from kiosk.core.status import AppStatus, IllegalTransition
from kiosk.store.db import sql_time
from kiosk.store.models import Application
from tests.conftest import AGENT, PENSION


def steps(ctx, app_id):
    return [(e.from_status, e.to_status, e.reason) for e in ctx.applications.timeline(app_id)]


def test_submit_writes_creation_and_queueing(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    assert steps(ctx, view.id) == [
        (None, AppStatus.DRAFT, "新建"),
        (AppStatus.DRAFT, AppStatus.QUEUED, "代办员提交"),
    ]
    assert {e.actor for e in ctx.applications.timeline(view.id)} == {AGENT}


def test_draft_then_submit_draft(ctx, resident):
    draft = ctx.applications.save_draft(PENSION, {"name": resident["name"]}, AGENT)
    ctx.applications.submit_draft(draft.id, AGENT, data=resident)
    assert steps(ctx, draft.id) == [
        (None, AppStatus.DRAFT, "保存草稿"),
        (AppStatus.DRAFT, AppStatus.QUEUED, "代办员提交"),
    ]


def test_record_raw_refuses_what_the_table_refuses_and_writes_nothing(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    before = steps(ctx, view.id)
    at = sql_time(utcnow())
    with pytest.raises(IllegalTransition), ctx.db.write_raw() as conn:
        record_raw(conn, view.id, [(AppStatus.QUEUED, AppStatus.COMPLETED, "跳过")], AGENT, at)
    with pytest.raises(ValueError, match="starts as a draft"), ctx.db.write_raw() as conn:
        record_raw(conn, view.id, [(None, AppStatus.QUEUED, "新建")], AGENT, at)
    with pytest.raises(ValueError, match="actor"), ctx.db.write_raw() as conn:
        record_raw(conn, view.id, [(AppStatus.QUEUED, AppStatus.SENDING, "")], " ", at)
    # a refused step in a list refuses the whole list: the legal first step is not written
    with pytest.raises(IllegalTransition), ctx.db.write_raw() as conn:
        record_raw(
            conn,
            view.id,
            [(AppStatus.QUEUED, AppStatus.SENDING, ""), (AppStatus.SENDING, AppStatus.DRAFT, "")],
            AGENT,
            at,
        )
    assert steps(ctx, view.id) == before


def test_record_creation_only_for_a_new_draft(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    with pytest.raises(ValueError, match="starts as a draft"), ctx.db.write() as s:
        record_creation(s, s.get(Application, view.id), AGENT, "新建")
    draft = ctx.applications.save_draft(PENSION, {}, AGENT)
    with pytest.raises(ValueError, match="actor"), ctx.db.write() as s:
        record_creation(s, s.get(Application, draft.id), "", "新建")
    assert steps(ctx, view.id) == [
        (None, AppStatus.DRAFT, "新建"),
        (AppStatus.DRAFT, AppStatus.QUEUED, "代办员提交"),
    ]
    assert steps(ctx, draft.id) == [(None, AppStatus.DRAFT, "保存草稿")]
