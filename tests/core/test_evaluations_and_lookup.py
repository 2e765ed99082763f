import datetime as dt

import pytest

from kiosk.core.errors import InputError
from kiosk.core.lifecycle import apply_transition
from kiosk.core.public_lookup import parse_scanned
from kiosk.core.status import AppStatus
from kiosk.core.workdays import add_working_days
from kiosk.store.models import Application
from tests.conftest import AGENT, PENSION


def _submitted(ctx, resident, case_no="330106202611220000009", query="482913"):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    with ctx.db.write() as s:
        row = s.get(Application, view.id)
        apply_transition(s, row, AppStatus.SENDING, "同步")
        row.case_no, row.query_code = case_no, query
        apply_transition(s, row, AppStatus.SUBMITTED, "同步")
        apply_transition(s, row, AppStatus.ACCEPTED, "省级平台", "材料齐全")
    return view


def test_lookup_needs_the_right_query_code(ctx, resident):
    _submitted(ctx, resident)
    case = ctx.public_lookup("330106202611220000009", "482913")
    assert case is not None and case.status is AppStatus.ACCEPTED
    assert case.applicant == "王*英" and resident["name"] not in case.applicant
    assert case.summary.startswith("已受理，预计") and "前办结" in case.summary
    assert [s.words for s in case.steps][-1] == "已受理"
    assert ctx.public_lookup("330106202611220000009", "000000") is None
    assert ctx.public_lookup("330106202611220000010", "482913") is None


def test_scanned_receipt_qr_is_understood():
    assert parse_scanned("KIOSKCASE:330106202611220000009:482913\n") == (
        "330106202611220000009",
        "482913",
    )
    assert parse_scanned("hello") is None


def test_one_rating_per_case(ctx, resident):
    view = _submitted(ctx, resident)
    first = ctx.evaluations.record(view.id, 5, ["态度好"], "王阿姨说代办员很耐心", "kiosk", "居民")
    again = ctx.evaluations.record(view.id, 1, [], "", "kiosk", "居民")
    assert again.id == first.id and again.level == 5 and again.label == "非常满意"
    assert [e.id for e in ctx.evaluations.pending()] == [first.id]
    ctx.evaluations.mark_synced([first.id])
    assert ctx.evaluations.pending() == []
    raw = ctx.db.path.read_bytes() + ctx.db.path.with_name("kiosk.sqlite3-wal").read_bytes()
    assert "很耐心".encode() not in raw


def test_rating_checks(ctx, resident):
    queued = ctx.applications.submit(PENSION, resident, AGENT)
    with pytest.raises(InputError):
        ctx.evaluations.record(queued.id, 4, [], "", "agent", AGENT)  # not yet at the hub
    view = _submitted(ctx, resident, case_no="330106202611220000011")
    with pytest.raises(InputError):
        ctx.evaluations.record(view.id, 6, [], "", "agent", AGENT)
    with pytest.raises(InputError):
        ctx.evaluations.record(view.id, 3, ["随便写的"], "", "agent", AGENT)


def test_working_days_skip_weekends_and_holidays():
    friday = dt.date(2026, 9, 25)
    assert add_working_days(friday, 1) == dt.date(2026, 9, 28)
    national_day = [dt.date(2026, 10, d) for d in range(1, 8)]
    assert add_working_days(dt.date(2026, 9, 30), 1, national_day) == dt.date(2026, 10, 8)
    assert add_working_days(dt.date(2026, 9, 25), 1, [], [dt.date(2026, 9, 26)]) == dt.date(
        2026, 9, 26
    )  # 调休: a Saturday that is a working day
