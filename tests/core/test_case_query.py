"""The case list query: presets match the dashboard, overdue in SQL matches the per-row rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.case_query import (
    CaseFilter,
    count_overdue,
    find_cases,
    local_midnight_utc,
    overdue_cutoff,
)
from kiosk.core.dashboard import dashboard, overdue_ids
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import AppStatus
from kiosk.core.workdays import station_calendar
from kiosk.demo import demo_residents
from kiosk.store.models import Application
from tests.conftest import AGENT, PENSION


def advance(ctx, app_id, *targets, queued_at=None, error=None, case_no=None):
    with ctx.db.write() as s:
        row = s.get(Application, app_id)
        for t in targets:
            apply_transition(s, row, t, "同步")
        if queued_at is not None:
            row.queued_at = row.created_at = queued_at
        if error is not None:
            row.last_error = error
        if case_no is not None:
            row.case_no = case_no


@pytest.fixture
def station(ctx):
    people = demo_residents()
    a = ctx.applications.submit(PENSION, people[0], AGENT)
    b = ctx.applications.submit(PENSION, people[1], AGENT)
    c = ctx.applications.submit(PENSION, people[2], AGENT)
    d = ctx.applications.save_draft(PENSION, {"name": "草稿"}, AGENT)
    advance(ctx, b.id, error="无法连接省级平台")
    advance(
        ctx,
        c.id,
        AppStatus.SENDING,
        AppStatus.SUBMITTED,
        queued_at=dt.datetime(2026, 1, 5, 2, 0),
        case_no="330106202601050000001",
    )
    return {"a": a, "b": b, "c": c, "d": d}


def ids(page):
    return {v.id for v in page.views}


def test_presets_agree_with_the_dashboard(ctx, station):
    board = dashboard(ctx.db, ctx.catalog)
    for preset, count in (
        ("drafts", board.drafts),
        ("waiting", board.waiting),
        ("failed", board.failed),
        ("sending", board.sending),
        ("need_supplement", board.need_supplement),
        ("completed_recent", board.completed_recent),
        ("overdue", board.overdue),
        ("today", board.today),
    ):
        page = find_cases(ctx.db, ctx.catalog, CaseFilter(preset=preset))
        assert page.total == count, preset
    assert ids(find_cases(ctx.db, ctx.catalog, CaseFilter(preset="overdue"))) == set(
        board.overdue_ids
    )
    fast = dashboard(ctx.db, ctx.catalog, list_overdue=False)
    assert fast.overdue == board.overdue and fast.overdue_ids == []


def test_filters_combine(ctx, station):
    f = find_cases
    assert f(ctx.db, ctx.catalog, CaseFilter()).total == 4
    assert ids(f(ctx.db, ctx.catalog, CaseFilter(statuses=(AppStatus.SUBMITTED,)))) == {
        station["c"].id
    }
    jan = CaseFilter(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 5))
    assert ids(f(ctx.db, ctx.catalog, jan)) == {station["c"].id}
    before = CaseFilter(date_to=dt.date(2026, 1, 4))  # 10:00 local on the 5th: not before
    assert f(ctx.db, ctx.catalog, before).total == 0
    assert f(ctx.db, ctx.catalog, CaseFilter(item_code="nope")).total == 0
    ref = station["a"].local_ref
    assert ids(f(ctx.db, ctx.catalog, CaseFilter(reference=ref))) == {station["a"].id}
    assert ids(f(ctx.db, ctx.catalog, CaseFilter(reference=ref.lower()))) == {station["a"].id}
    assert ids(f(ctx.db, ctx.catalog, CaseFilter(reference="3301062026"))) == {station["c"].id}
    assert f(ctx.db, ctx.catalog, CaseFilter(reference="L-zz%")).total == 0


def test_resident_by_blind_index_and_register(ctx, station):
    person = demo_residents()[1]
    index = ctx.cipher.blind_index(person["id_number"])
    page = find_cases(ctx.db, ctx.catalog, CaseFilter(resident_index=index))
    assert ids(page) == {station["b"].id}
    record = ctx.residents.remember({"name": "草稿", "phone": "13900009999"}, AGENT, True)
    ctx.applications.save_draft(PENSION, {}, AGENT, station["d"].id, resident_id=record.id)
    both = CaseFilter(resident_id=record.id, resident_index=index)
    assert ids(find_cases(ctx.db, ctx.catalog, both)) == {station["b"].id, station["d"].id}


def test_paging(ctx, resident):
    for _ in range(7):
        ctx.applications.submit(PENSION, resident, AGENT)
    first = find_cases(ctx.db, ctx.catalog, CaseFilter(), limit=5)
    rest = find_cases(ctx.db, ctx.catalog, CaseFilter(), limit=5, offset=5)
    assert (first.total, len(first.views), first.has_more) == (7, 5, True)
    assert (len(rest.views), rest.has_more) == (2, False)
    assert not ids(first) & ids(rest)
    assert all(v.attachment_count == 0 for v in first.views)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
    days=st.integers(1, 30),
    today=st.dates(dt.date(2025, 1, 1), dt.date(2028, 3, 31)),
)
def test_cutoff_is_exactly_the_per_case_rule(start, days, today):
    calendar = station_calendar()  # the shipped list: holidays and 调休 weekends
    late = calendar.add_working_days(start, days).date < today
    assert late == (start <= overdue_cutoff(days, today, calendar))


def test_local_midnight():
    assert local_midnight_utc(dt.date(2026, 1, 5)) == dt.datetime(2026, 1, 4, 16, 0)


def test_count_overdue_matches_the_listing(ctx, resident):
    for day in (1, 2, 3, 4, 5, 6, 7):
        app = ctx.applications.submit(PENSION, resident, AGENT)
        advance(
            ctx,
            app.id,
            AppStatus.SENDING,
            AppStatus.SUBMITTED,
            queued_at=dt.datetime(2026, 3, day, 1, 0),
        )
    now = dt.datetime(2026, 3, 13, 4, 0)  # Friday noon local
    listed = overdue_ids(ctx.db, ctx.catalog, dt.date(2026, 3, 13))
    assert count_overdue(ctx.db, ctx.catalog, now) == len(listed) > 0
