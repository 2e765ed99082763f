"""One promised date everywhere: receipt, terminal, dashboard, case list, township, hub.

A case of a 5-working-day item filed on Wednesday 2026-09-30, just before the National Day
holiday (1-7 October) whose 调休 makes Saturday 10 October a working day. Counting
weekends only, it would be due on 7 October; with the calendar it is due on Tuesday
13 October, and every surface must say so: the receipt (data and printed text), the
self-service terminal's "预计…前办结", the dashboard's overdue count and list, the case
list's overdue preset, the township's overdue count for the village, and the hub.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from hub.models import Case
from hub.server import BackgroundHub
from kiosk.context import AppContext, open_context
from kiosk.core.case_query import CaseFilter, find_cases
from kiosk.core.clock import LOCAL_TZ
from kiosk.core.dashboard import dashboard
from kiosk.core.workdays import add_working_days
from kiosk.demo import DEMO_STATION_CODE
from kiosk.store.models import Application
from tests.conftest import AGENT, PENSION
from tests.support import pdf as pdftools
from tests.support.stations import end_station

FILED_LOCAL = dt.datetime(2026, 9, 30, 10, 0, tzinfo=LOCAL_TZ)
FILED = FILED_LOCAL.astimezone(dt.UTC).replace(tzinfo=None)
DUE = dt.date(2026, 10, 13)
NEIGHBOUR = DEMO_STATION_CODE[:9] + "202"
TOWNSHIP = DEMO_STATION_CODE[:9] + "000"


def noon(day: dt.date) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time(12), LOCAL_TZ)
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def backdate(ctx: AppContext, app_id: str) -> None:
    with ctx.db.write() as s:
        s.execute(
            update(Application)
            .where(Application.id == app_id)
            .values(queued_at=FILED, created_at=FILED)
        )


@pytest.fixture
def township(tmp_path: Path, hub: BackgroundHub) -> Iterator[AppContext]:
    ctx = open_context(tmp_path / "township", demo=True)
    ctx.agents.add(AGENT, "township", "246810")
    ctx.provision(hub.url, TOWNSHIP, "示范镇", hub.service.issue_enrollment_code(TOWNSHIP))
    yield ctx
    end_station(ctx)


@pytest.fixture
def offline_village(tmp_path: Path, hub: BackgroundHub) -> Iterator[AppContext]:
    ctx = open_context(tmp_path / "neighbour", demo=True)
    ctx.agents.add(AGENT, "agent", "246810")
    ctx.provision(hub.url, NEIGHBOUR, "溪边村", hub.service.issue_enrollment_code(NEIGHBOUR))
    ctx.set_hub_url("http://127.0.0.1:9")  # no network since enrollment
    yield ctx
    end_station(ctx)


def test_weekends_alone_would_say_otherwise():
    assert add_working_days(FILED_LOCAL.date(), 5) == dt.date(2026, 10, 7)


def test_the_same_due_date_on_every_surface(
    online_ctx, hub, township, offline_village, resident, tmp_path
):
    ctx = online_ctx
    view = ctx.applications.submit(PENSION, resident, AGENT)
    backdate(ctx, view.id)
    ctx.sync_engine().run_once(force=True)
    view = ctx.applications.get(view.id)
    assert view.case_no and view.query_code
    with hub.service.db.session() as s:  # the hub received it that same morning
        s.execute(update(Case).where(Case.case_no == view.case_no).values(created_at=FILED))

    # receipt: the data and the printed text
    receipt = ctx.printing.receipt_data(view.id)
    assert receipt.due_date == DUE and not receipt.due_date_approximate
    out = tmp_path / "receipt.pdf"
    out.write_bytes(ctx.printing.receipt(view.id))
    assert "2026年10月13日" in "".join(pdftools.text(out).split())

    # the self-service terminal
    public = ctx.public_lookup(view.case_no, view.query_code)
    assert public is not None and public.due == DUE
    assert "预计 10月13日 前办结" in public.summary
    # typed on a keyboard that gives lower case: the USCC letters of the number still match
    assert ctx.public_lookup(view.case_no.lower(), view.query_code) == public

    # the hub
    case = hub.service.case(view.case_no)
    assert hub.service.due_date(case) == DUE

    # the agent's dashboard (listed and counted) and the case list: not late on the due
    # date, late the day after
    for day, late in ((DUE, False), (DUE + dt.timedelta(days=1), True)):
        now = noon(day)
        listed = dashboard(ctx.db, ctx.catalog, now, calendar=ctx.calendar())
        counted = dashboard(ctx.db, ctx.catalog, now, list_overdue=False, calendar=ctx.calendar())
        page = find_cases(ctx.db, ctx.catalog, CaseFilter(preset="overdue"), now=now)
        assert (listed.overdue_ids == [view.id]) is late, day
        assert counted.overdue == listed.overdue == int(late), day
        assert [v.id for v in page.views] == ([view.id] if late else []), day

    # the township: a neighbouring village's case filed the same morning, relayed on USB
    other = offline_village.applications.submit(PENSION, dict(resident), AGENT)
    backdate(offline_village, other.id)
    usb = tmp_path / "usb"
    usb.mkdir()
    batch = offline_village.batch_paperwork.export_batch(usb, AGENT)
    client = township.hub_client()
    try:
        township.township.refresh_villages(client)
        township.township.import_batch(batch.path, "李接收")
        township.township.relay(client)
    finally:
        client.close()
    for day, late in ((DUE, 0), (DUE + dt.timedelta(days=1), 1)):
        board = {v.code: v for v in township.township.villages(noon(day))}
        assert board[NEIGHBOUR].overdue == late, day
