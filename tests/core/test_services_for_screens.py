"""The services the screens call instead of holding the database, cipher or audit log:
CaseService (case list, dashboard, a resident's cases), StatisticsService (month report and
its audited export) and ApplicationService.check (the one form check)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kiosk.core.case_query import CaseFilter
from kiosk.core.errors import InputError
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import AppStatus
from kiosk.demo import demo_residents
from kiosk.store.models import Application, AuditEvent
from tests.conftest import AGENT, PENSION


def test_case_service_pages_board_and_failure(ctx):
    people = demo_residents()
    sent = [ctx.applications.submit(PENSION, people[i], AGENT) for i in range(3)]
    ctx.applications.save_draft(PENSION, {"name": "草稿"}, AGENT)
    assert ctx.cases.latest_failure() is None
    with ctx.db.write() as s:
        s.get(Application, sent[1].id).last_error = "无法连接省级平台"
    board = ctx.cases.board()
    assert (board.today, board.drafts, board.waiting, board.failed) == (3, 1, 2, 1)
    assert board.overdue_ids == []  # counted in SQL, not listed
    assert ctx.cases.latest_failure() == "无法连接省级平台"
    first = ctx.cases.find(CaseFilter(), limit=2)
    rest = ctx.cases.find(CaseFilter(), limit=2, offset=2)
    assert first.total == 4 and len(first.views) == 2 and len(rest.views) == 2
    assert {v.id for v in first.views} | {v.id for v in rest.views} >= {a.id for a in sent}


def test_case_service_finds_a_resident_by_id_number(ctx):
    people = demo_residents()
    a = ctx.applications.submit(PENSION, people[0], AGENT)
    ctx.applications.submit(PENSION, people[1], AGENT)
    f = ctx.cases.resident_filter(" " + people[0]["id_number"].lower() + " ", AGENT)
    assert f.resident_id is None  # not in the register
    assert [v.id for v in ctx.cases.find(f).views] == [a.id]
    with pytest.raises(InputError):
        ctx.cases.resident_filter("12345", AGENT)


def test_case_service_overdue_tile_matches_its_list(ctx, resident):
    app = ctx.applications.submit(PENSION, resident, AGENT)
    with ctx.db.write() as s:
        row = s.get(Application, app.id)
        apply_transition(s, row, AppStatus.SENDING, "同步")
        apply_transition(s, row, AppStatus.SUBMITTED, "同步")
        row.queued_at = dt.datetime(2026, 1, 5, 2, 0)
    cases = ctx.cases
    assert cases.board().overdue == 1
    assert cases.find(CaseFilter(preset="overdue")).total == 1


def test_statistics_service_month_and_audited_export(ctx, resident, tmp_path):
    ctx.applications.submit(PENSION, resident, AGENT)
    now = dt.datetime.now()
    [row] = ctx.statistics.month(now.year, now.month)
    assert row.total == 1
    out = tmp_path / "stats.csv"
    ctx.statistics.save(AGENT, out, b"a,b\n", f"csv {now.year}-{now.month:02d}")
    assert out.read_bytes() == b"a,b\n"
    with ctx.db.read() as s:
        exports = s.scalars(select(AuditEvent).where(AuditEvent.action == "export")).all()
        assert [(e.actor, e.subject) for e in exports] == [(AGENT, "statistics")]
    assert ctx.audit.verify(ctx.db).ok


def test_check_is_the_same_check_as_submission(ctx, resident):
    form = ctx.catalog.get(PENSION).form
    assert ctx.applications.check(PENSION, resident) == {}
    assert ctx.applications.check(form, resident, printable=False) == {}
    bad = {**resident, "id_number": "110101199001011235"}
    errors = ctx.applications.check(form, bad, printable=False)
    assert set(errors) == {"id_number"}
    assert ctx.applications.check(PENSION, bad) == errors


def test_check_refuses_unprintable_answers_unless_asked_for_the_pure_checks(ctx, resident):
    """The live check on the GUI thread skips the font look-up; the full check (and
    submission) refuse a character no font has."""
    odd = {**resident, "name": "王\U00030000"}  # CJK extension G: no shipped font has it
    assert ctx.applications.check(PENSION, odd, printable=False) == {}
    assert set(ctx.applications.check(PENSION, odd)) == {"name"}
    assert set(ctx.applications.check(ctx.catalog.get(PENSION).form, odd)) == {"name"}
