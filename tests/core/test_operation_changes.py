"""Every service operation says what it changed (issue 21: "service operations return what
they changed"): the screens publish exactly that and build nothing themselves. A filing
queues work (the sync starts), a draft operation changes the list of drafts, an action on a
case names that case; a query changes nothing."""

from __future__ import annotations

from kiosk.core.changes import NOTHING
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import AppStatus
from kiosk.store.models import Application
from tests.conftest import AGENT, PENSION


def _move(ctx, app_id: str, *targets: AppStatus) -> None:
    with ctx.db.write() as s:  # what the sync engine does when the hub answers
        row = s.get(Application, app_id)
        for target in targets:
            apply_transition(s, row, target, "同步")


def test_a_filing_queues_work_for_the_sync_and_names_its_case(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    assert view.changes.touches(view.id) and not view.changes.touches("another")
    assert view.changes.queued and not view.changes.drafts
    assert ctx.applications.get(view.id).changes == NOTHING  # a query changed nothing


def test_drafts_change_the_list_of_drafts_and_filing_one_queues_it(ctx, resident):
    draft = ctx.applications.save_draft(PENSION, resident, AGENT)
    assert draft.changes.drafts and not draft.changes.queued and draft.changes.touches(draft.id)
    filed = ctx.applications.submit_draft(draft.id, AGENT)
    assert filed.changes.drafts and filed.changes.queued and filed.changes.ids == {draft.id}
    other = ctx.applications.save_draft(PENSION, resident, AGENT)
    gone = ctx.applications.withdraw(other.id, AGENT, "居民决定不办了")
    assert gone.changes.drafts and not gone.changes.queued


def test_withdrawing_a_queued_case_changes_that_case_only(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    gone = ctx.applications.withdraw(view.id, AGENT, "居民决定不办了")
    assert gone.changes.ids == {view.id} and not gone.changes.drafts
    assert not gone.changes.queued  # nothing new to send


def test_a_supplement_queues_the_case_again(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    _move(ctx, view.id, AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.NEED_SUPPLEMENT)
    again = ctx.applications.supplement(view.id, AGENT, [], {"phone": "13900009999"})
    assert again.changes.queued and again.changes.ids == {view.id}


def test_reopening_a_conflict_names_both_the_old_case_and_the_new_draft(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    _move(ctx, view.id, AppStatus.SENDING, AppStatus.CONFLICT)
    copy = ctx.applications.reopen(view.id, AGENT)
    assert copy.id != view.id
    assert copy.changes.ids == {view.id, copy.id} and copy.changes.drafts
