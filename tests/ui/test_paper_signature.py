"""An item that may not be signed on screen (esign_allowed false): the signature step prints
the paper signature page and goes on only once the signed page is scanned back."""

from __future__ import annotations

from PIL import Image

from kiosk.core.item_identity import PAPER_SIGNATURE_MATERIAL
from kiosk.ui.new_application.signature_step import SignatureStep
from kiosk.ui.new_application.state import FlowState
from kiosk.ui.print_preview import PrintPreviewDialog
from tests.conftest import AGENT, PENSION
from tests.ui.driving import click

PAPER_ONLY = "330000-20-0013"  # 丧葬补助金、个人账户余额申领: inheritance, paper signature


def step_for(qtbot, ctx, code):
    draft = ctx.applications.save_draft(code, {}, AGENT)
    step = SignatureStep(ctx, AGENT)
    qtbot.addWidget(step)
    step.show()
    state = FlowState(agent=AGENT, item=ctx.catalog.get(code), draft_id=draft.id)
    step.enter(state)
    return step, state, draft


def leave(step, state):
    said = []
    step.leave(state, said.append)
    return said


def test_paper_only_item_asks_for_the_scanned_signature_page(qtbot, ctx, tmp_path, monkeypatch):
    assert not ctx.catalog.get(PAPER_ONLY).esign_allowed
    step, state, draft = step_for(qtbot, ctx, PAPER_ONLY)
    assert step.paper_only.isVisible() and not step.pad.isVisible()
    assert leave(step, state) == ["请打印签字页，居民签字并按手印后，上传签字页扫描件。"]

    opened = []
    monkeypatch.setattr(PrintPreviewDialog, "open", lambda self: opened.append(self))
    click(qtbot, step.paper_only.print_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert opened[0].document.pageCount() == 1  # the 申请人签字页 of this draft

    scan = tmp_path / "signed-page.jpg"
    Image.new("RGB", (600, 800), "white").save(scan, "JPEG")
    step.paper_only.attach(scan)
    qtbot.waitUntil(lambda: step.paper_only.has_scan, timeout=10000)
    assert leave(step, state) == [None]
    materials = [a.material for a in ctx.applications.attachments(draft.id)]
    assert materials == [PAPER_SIGNATURE_MATERIAL]

    # coming back to the step later: the scan is remembered
    again = SignatureStep(ctx, AGENT)
    qtbot.addWidget(again)
    again.enter(state)
    qtbot.waitUntil(lambda: again.paper_only.has_scan, timeout=10000)


def test_other_items_keep_the_signature_pad(qtbot, ctx):
    step, state, _ = step_for(qtbot, ctx, PENSION)
    assert step.pad.isVisible() and not step.paper_only.isVisible()
    assert "签名" in leave(step, state)[0]
