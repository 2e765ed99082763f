"""The lifecycle's writers of status events: apply_transition (a session), record_creation
(a new row's first event), record_raw (the submit path's plain connection) and
apply_transitions_raw (the sender's batches, on the same plain connection).
Each checks the same table and needs an actor; what the services write through them."""

from __future__ import annotations

import pytest

from kiosk.core.clock import utcnow
from kiosk.core.lifecycle import apply_transitions_raw, record_creation, record_raw
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


def _status(ctx, app_id):
    with ctx.db.read() as s:
        return AppStatus(s.get(Application, app_id).status)


def test_a_batch_of_transitions_moves_each_row_with_its_event(ctx, resident):
    ids = [ctx.applications.submit(PENSION, resident, AGENT).id for _ in range(3)]
    at = sql_time(utcnow())
    with ctx.db.write_raw() as conn:
        apply_transitions_raw(
            conn, [(i, AppStatus.QUEUED, AppStatus.SENDING, "开始发送") for i in ids], "同步", at
        )
    for i in ids:
        assert _status(ctx, i) is AppStatus.SENDING
        last = ctx.applications.timeline(i)[-1]
        assert (last.from_status, last.to_status, last.reason, last.actor) == (
            AppStatus.QUEUED,
            AppStatus.SENDING,
            "开始发送",
            "同步",
        )


def test_a_batch_with_one_refused_or_stale_row_writes_nothing(ctx, resident):
    ids = [ctx.applications.submit(PENSION, resident, AGENT).id for _ in range(2)]
    before = [steps(ctx, i) for i in ids]
    at = sql_time(utcnow())
    legal = (ids[0], AppStatus.QUEUED, AppStatus.SENDING, "")
    for bad, refusal, match in (
        ((ids[1], AppStatus.QUEUED, AppStatus.COMPLETED, ""), IllegalTransition, None),
        # the caller read "sending" but the row is "queued": the whole batch rolls back
        ((ids[1], AppStatus.SENDING, AppStatus.SUBMITTED, ""), RuntimeError, "1 of 2"),
    ):
        with pytest.raises(refusal, match=match), ctx.db.write_raw() as conn:
            apply_transitions_raw(conn, [legal, bad], "同步", at)
    with pytest.raises(ValueError, match="actor"), ctx.db.write_raw() as conn:
        apply_transitions_raw(conn, [(ids[0], AppStatus.QUEUED, AppStatus.SENDING, "")], "", at)
    assert [steps(ctx, i) for i in ids] == before
    assert {_status(ctx, i) for i in ids} == {AppStatus.QUEUED}
