import datetime as dt

from kiosk.core.card_reader import SimulatedCardReader, card_from_id_number
from kiosk.core.dashboard import dashboard
from kiosk.core.lifecycle import apply_transition
from kiosk.core.statistics import month_report, to_csv
from kiosk.core.status import AppStatus
from kiosk.store.models import Application
from tests.conftest import AGENT, PENSION


def test_dashboard_counts(ctx, resident):
    a = ctx.applications.submit(PENSION, resident, AGENT)
    b = ctx.applications.submit(PENSION, resident, AGENT)
    ctx.applications.save_draft(PENSION, {"name": "草稿"}, AGENT)
    with ctx.db.write() as s:
        row = s.get(Application, a.id)
        row.last_error = "无法连接省级平台"
        row_b = s.get(Application, b.id)
        for t in (AppStatus.SENDING, AppStatus.SUBMITTED):
            apply_transition(s, row_b, t, "同步")
        row_b.queued_at = dt.datetime(2026, 1, 5, 2, 0)  # long ago: past its 5 working days
    board = dashboard(ctx.db, ctx.catalog)
    assert (board.drafts, board.failed, board.waiting) == (1, 1, 0)
    assert board.overdue == 1 and board.overdue_ids == [b.id]
    assert board.today == 1


def test_month_report_and_csv(ctx, resident):
    ctx.applications.submit(PENSION, resident, AGENT)
    ctx.applications.submit(PENSION, resident, AGENT)
    now = dt.datetime.now()
    rows = month_report(ctx.db, now.year, now.month)
    assert len(rows) == 1 and rows[0].total == 2
    assert rows[0].by_status[AppStatus.QUEUED] == 2
    text = to_csv(rows)
    assert text.splitlines()[0].startswith("事项编码,事项名称,排队待发送")
    assert text.splitlines()[1].endswith(",2")
    last_year = month_report(ctx.db, now.year - 1, now.month)
    assert last_year == []


def test_simulated_card_reader(resident):
    reader = SimulatedCardReader()
    assert reader.read(timeout_s=0.01) is None
    card = card_from_id_number(
        resident["name"], resident["id_number"], resident["address"], valid_until="2030-01-01"
    )
    reader.place(card)
    got = reader.read(0.1)
    assert got == card and got.sex == "女" and got.birth_date == "1962-03-14"
    assert got.answers()["id_number"] == resident["id_number"]
    assert not got.expired(dt.date(2026, 11, 22)) and got.expired(dt.date(2031, 1, 1))
