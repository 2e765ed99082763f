"""A resident looks up a 一件事 at the terminal (issue 19): by the group's number and the query
code of any of its members (both on the one receipt), or by one member's case number: every
member item is shown in plain words with what is left; a wrong code shows nothing."""

from __future__ import annotations

from kiosk.core.clock import to_local, utcnow
from kiosk.core.event_plan import EventAnswers
from kiosk.core.lifecycle import apply_transition
from kiosk.core.public_lookup import lookup
from kiosk.core.status import AppStatus
from kiosk.store.group_models import ApplicationGroup
from kiosk.store.models import Application
from tests.conftest import AGENT
from tests.support.event_answers import RETIREMENT, retirement_answers, scans
from tests.ui.kiosk_mode.helpers import click
from tests.ui.kiosk_mode.test_lookup_and_rating import enter_case

GROUP_NO = "YJS330106202612060001"
CODES = ("K7P2Q9", "M4X8R3", "T6W2Z5")
STEPS = (
    (AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.ACCEPTED, AppStatus.COMPLETED),
    (AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.ACCEPTED),
    (AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.REJECTED),
)


def _filed_group(ctx, tmp_path, age: int = 81):
    """A 退休一件事 of three members as the hub answered it: numbered, one done, one refused."""
    answers = EventAnswers.from_json(retirement_answers(to_local(utcnow()).date(), age=age))
    files = scans(tmp_path / "in", "id_card", "hukou", "bank_card", "photo", "signature")
    group = ctx.event_filings.file(RETIREMENT, answers, AGENT, files)
    assert len(group.members) == 3  # 高龄津贴 too, at 81
    with ctx.db.write() as s:  # what the sync records from the hub's answers and feed
        s.get(ApplicationGroup, group.group_id).group_no = GROUP_NO
        for n, (m, code, steps) in enumerate(zip(group.members, CODES, STEPS, strict=True)):
            row = s.get(Application, m.app_id)
            row.case_no, row.query_code = f"CASE{n}330106202612060{n}", code
            for target in steps:
                apply_transition(s, row, target, "同步")
    return group


def test_the_group_number_with_any_members_code_shows_every_member(ctx, tmp_path):
    group = _filed_group(ctx, tmp_path)
    found = lookup(ctx.db, ctx.catalog, ctx.cipher, GROUP_NO.lower(), CODES[1])
    assert found is not None and found.group is not None
    assert found.application_id == group.members[1].app_id  # the member whose code it is
    members = found.group.members
    assert [m.item_name for m in members] == [m.item_name for m in group.members]
    assert [m.finished for m in members] == [True, False, True]  # refused counts as finished
    assert "还有 1 项在办理" in found.group.summary
    # one member's own case number with its own code shows the group too
    own = lookup(ctx.db, ctx.catalog, ctx.cipher, "CASE0330106202612060" + "0", CODES[0])
    assert own is not None and own.group is not None and own.group.number == GROUP_NO
    # a wrong code shows nothing, and counts as a failed try
    assert lookup(ctx.db, ctx.catalog, ctx.cipher, GROUP_NO, "AAAAAA") is None


def test_the_terminal_shows_the_group_in_plain_words(qtbot, make_shell, ctx, tmp_path):
    group = _filed_group(ctx, tmp_path)
    shell = make_shell()
    click(qtbot, shell.home.tiles["lookup"])
    page = shell.lookup
    enter_case(qtbot, page, GROUP_NO, CODES[2])
    qtbot.waitUntil(lambda: page.views.currentIndex() == 1, timeout=10000)
    text = page.group_words.text()
    assert page.group_words.isVisible() and "退休一件事" in text and "已办结 2 项" in text
    for m in group.members:
        assert m.item_name in text
    assert "不予受理" in text and "已受理" in text and "已办结" in text
