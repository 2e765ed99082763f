"""Where a draft was left (flow progress) and taking a file off a draft."""

from __future__ import annotations

import pytest

from kiosk.core.applications import AttachmentInput
from kiosk.core.draft_progress import DraftProgress
from kiosk.core.errors import InputError, NotFound
from tests.conftest import AGENT, PENSION


def test_progress_round_trip(ctx):
    draft = ctx.applications.save_draft(PENSION, {"name": "王"}, AGENT)
    assert ctx.applications.progress(draft.id) == DraftProgress()
    p = DraftProgress(step=4, conditions=[0, 2], materials=["户口簿"], paper_signature=True)
    ctx.applications.save_progress(draft.id, p)
    ctx.applications.save_progress(draft.id, p)  # saved again: replaced, not duplicated
    assert ctx.applications.progress(draft.id) == p
    ctx.applications.forget_progress(draft.id)
    assert ctx.applications.progress(draft.id) == DraftProgress()


def test_remove_attachment_only_from_drafts(ctx, resident, tmp_path):
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"%PDF-1.4 fake scan")
    draft = ctx.applications.save_draft(PENSION, resident, AGENT)
    ctx.applications.attach(draft.id, AGENT, [AttachmentInput(scan, "户口簿")])
    [att] = ctx.applications.attachments(draft.id)
    with pytest.raises(NotFound):
        ctx.applications.remove_attachment(draft.id, att.id + 99, AGENT)
    ctx.applications.remove_attachment(draft.id, att.id, AGENT)
    assert ctx.applications.attachments(draft.id) == []
    assert ctx.audit.verify(ctx.db).ok
    sent = ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan, "户口簿")])
    [kept] = ctx.applications.attachments(sent.id)
    with pytest.raises(InputError):
        ctx.applications.remove_attachment(sent.id, kept.id, AGENT)
    assert len(ctx.applications.attachments(sent.id)) == 1
    with pytest.raises(NotFound):
        ctx.applications.remove_attachment("no-such-id", kept.id, AGENT)
