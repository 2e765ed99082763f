"""The new-application flow, driven through its widgets: from the ID card on the reader to the
printed receipt; drafts that survive a restart; the checks that make mistakes hard."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from kiosk.context import open_context
from kiosk.core.agents import AgentInfo
from kiosk.core.card_reader import SimulatedCardReader, card_from_id_number
from kiosk.core.clock import LOCAL_TZ
from kiosk.core.draft_progress import load_progress
from kiosk.core.status import AppStatus
from kiosk.ui.main_window import MainWindow
from kiosk.ui.new_application.flow import CHECK, DONE, FILES, FORM, ITEM, RESIDENT, REVIEW, SIGN
from kiosk.ui.print_preview import PrintPreviewDialog
from tests.conftest import AGENT, PENSION
from tests.support.keyboard import type_text
from tests.ui.driving import (
    answer_modal,
    click,
    draw_signature,
    fill_form,
    press,
    press_next,
    settle,
    show_active,
    to_form,
    type_into,
)


def make_window(qtbot, ctx, reader=None):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False, card_reader=reader)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    win.new_application()
    return win, win.new_page


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "户口簿.png"
    Image.new("RGB", (300, 200), "white").save(path)
    return path


def test_card_reader_to_printed_receipt(qtbot, ctx, resident, scan, monkeypatch):
    # a returning resident: the register knows her, with her consent, from an earlier visit
    known = ctx.residents.remember(resident, AGENT, consent=True)
    card = card_from_id_number(resident["name"], resident["id_number"], resident["address"])
    reader = SimulatedCardReader([card])
    _win, flow = make_window(qtbot, ctx, reader)
    assert flow.current() == RESIDENT and flow.resident_step.card_button.isVisible()

    press(qtbot, Qt.Key.Key_F2, fallback=flow)  # the agent presses F2: read the card
    qtbot.waitUntil(lambda: flow.current() == ITEM, timeout=10000)
    assert (
        "王*英" in flow.resident_step.result.text() and "已登记" in flow.resident_step.result.text()
    )
    assert resident["id_number"] not in flow.resident_step.result.text(), "masked on screen"

    type_text(qtbot, flow.item_step.search_box, "ylbxcb")  # initials of 养老保险参保
    assert flow.item_step.selected_code() == PENSION
    qtbot.keyClick(flow.item_step.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.current() == CHECK, timeout=10000)
    draft_id = flow.state.draft_id
    assert draft_id and ctx.applications.get(draft_id).status is AppStatus.DRAFT

    press_next(qtbot, flow)  # nothing ticked yet: the flow says what is missing
    assert flow.current() == CHECK and "受理条件" in flow.message.text()
    for box in flow.check_step.condition_boxes:
        click(qtbot, box)
    press_next(qtbot, flow)
    assert flow.current() == CHECK and "居民身份证或户口簿" in flow.message.text()
    for _m, box in flow.check_step.material_boxes:
        click(qtbot, box)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == FORM, timeout=5000)

    form = flow.form_step.form_view
    prefilled = form.data()
    assert prefilled["name"] == resident["name"] and prefilled["id_number"] == resident["id_number"]
    assert prefilled["phone"] == resident["phone"], "from the register: not asked again"
    type_into(qtbot, form.editors["contribution_level"].input, "1000")
    type_into(qtbot, form.editors["has_other_pension"].input, False)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == FILES, timeout=5000)

    # a scan dropped from the file manager, as the material chosen in the list
    files = flow.files_step.files
    files.material.setCurrentIndex(files.material.findData("居民身份证或户口簿"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    files.dropEvent(drop)
    qtbot.waitUntil(lambda: files.list.count() == 1, timeout=10000)
    assert "居民身份证或户口簿：户口簿.png" in files.list.item(0).text()
    assert files.camera_button.isHidden(), "no QtMultimedia here: no camera button"
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == SIGN, timeout=5000)

    press_next(qtbot, flow)  # not signed yet
    assert flow.current() == SIGN and "签名" in flow.message.text()
    draw_signature(qtbot, flow.sign_step.pad)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == REVIEW, timeout=10000)
    settle(qtbot)
    review = flow.review_step.inner
    texts = " ".join(w.text() for w in review.findChildren(type(flow.message)))
    assert "1000" in texts and "户口簿.png（1 页，" in texts
    # the signature carries the time it was given: "已签名（2026-12-06 10:41）", local time
    when = re.search(r"已签名（(\d{4}-\d\d-\d\d \d\d:\d\d)）", texts)
    assert when is not None, texts
    given = dt.datetime.strptime(when.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=LOCAL_TZ)
    assert abs(given - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=3)

    press_next(qtbot, flow)  # submit
    qtbot.waitUntil(lambda: flow.current() == DONE, timeout=10000)
    view = ctx.applications.get(draft_id)
    assert view.status is AppStatus.QUEUED and view.resident_id == known.id
    payload = ctx.applications.payload(draft_id)
    assert payload["contribution_level"] == "1000" and payload["phone"] == resident["phone"]
    materials = sorted(a.material for a in ctx.applications.attachments(draft_id))
    assert materials == ["居民身份证或户口簿", "签名"]
    assert load_progress(ctx.db, draft_id).step == 0, "flow state cleared after submission"

    opened = []
    monkeypatch.setattr(PrintPreviewDialog, "open", lambda self: opened.append(self))
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier, fallback=flow)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert opened[0].document.pageCount() == 1
    assert view.local_ref in opened[0].windowTitle()

    # the 代办委托书 comes from the printing service when it has one; until then, say so
    if not hasattr(ctx.printing, "authorization"):
        said = []

        def read_and_close(box):
            said.append(box.text())
            box.button(QMessageBox.StandardButton.Ok).click()

        answer_modal(qtbot, read_and_close)
        click(qtbot, flow.done_step.authorization_button)
        assert said and "委托书" in said[0]

    click(qtbot, flow.done_step.next_button)  # the next resident starts clean
    assert flow.current() == RESIDENT and flow.state.draft_id is None


def test_new_resident_with_and_without_consent(qtbot, ctx, resident):
    _win, flow = make_window(qtbot, ctx)
    step = flow.resident_step
    type_text(qtbot, step.id_number, resident["id_number"])
    qtbot.keyClick(step.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: step.register.isVisible(), timeout=5000)
    assert step.reg_id.text() == resident["id_number"], "what was searched is carried over"
    type_text(qtbot, step.reg_name, resident["name"])
    type_text(qtbot, step.reg_phone, resident["phone"])
    press_next(qtbot, flow)  # typed but not used: say so instead of losing it
    assert flow.current() == RESIDENT and "使用以上信息" in flow.message.text()
    click(qtbot, step.use_button)  # no consent: for this application only
    qtbot.waitUntil(lambda: flow.current() == ITEM, timeout=5000)
    assert ctx.residents.find_by_id_number(resident["id_number"], AGENT) is None
    assert flow.state.answers["name"] == resident["name"] and flow.state.resident is None

    _win2, flow2 = make_window(qtbot, ctx)
    step2 = flow2.resident_step
    type_text(qtbot, step2.name, resident["name"])
    type_text(qtbot, step2.phone, resident["phone"])
    qtbot.keyClick(step2.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: step2.register.isVisible(), timeout=5000)
    type_text(qtbot, step2.reg_id, resident["id_number"])
    click(qtbot, step2.consent)
    click(qtbot, step2.use_button)
    qtbot.waitUntil(lambda: flow2.current() == ITEM, timeout=5000)
    record = ctx.residents.find_by_id_number(resident["id_number"], AGENT)
    assert record is not None and record.data["phone"] == resident["phone"]
    assert record.consent_by == AGENT


def test_bad_id_number_is_refused_before_any_lookup(qtbot, ctx, resident):
    _win, flow = make_window(qtbot, ctx)
    step = flow.resident_step
    type_text(qtbot, step.id_number, resident["id_number"][:-1] + "9")
    qtbot.keyClick(step.id_number, Qt.Key.Key_Return)
    assert "校验位" in step.result.text()


def test_browse_by_theme_and_life_event(qtbot, ctx):
    _win, flow = make_window(qtbot, ctx)
    click(qtbot, flow.next_button)
    step = flow.item_step

    def codes():
        return [
            step.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(step.items.count())
        ]

    everything = step.items.count()
    step.theme.setCurrentIndex(step.theme.findData("社会保障"))
    in_theme = codes()
    assert PENSION in in_theme and 0 < len(in_theme) < everything
    assert all("社会保障" in ctx.catalog.get(c).raw.get("themes", []) for c in in_theme)
    step.life_event.setCurrentIndex(step.life_event.findData("养老"))
    assert PENSION in codes() and len(codes()) <= len(in_theme)
    type_text(qtbot, step.search_box, "出生医学证明")
    assert step.items.count() == 0 and "没有找到" in step.message.text()


def test_draft_resumes_after_restart(qtbot, ctx, resident, scan, tmp_path):
    _win, flow = make_window(qtbot, ctx)
    to_form(qtbot, flow)
    fill_form(qtbot, flow, {"name": resident["name"], "id_number": resident["id_number"]})
    press_next(qtbot, flow)  # the form is incomplete: it stays, but the draft is saved
    settle(qtbot)
    flow.form_step.form_view.editors["address"].set_value(resident["address"])
    draft_id = flow.state.draft_id
    _win.close()  # closing saves what was typed since
    settle(qtbot)
    ctx.close()

    again = open_context(tmp_path / "station")  # the PC was switched off and on
    try:
        win = MainWindow(again, AgentInfo(AGENT, "agent"), auto_sync=False)
        qtbot.addWidget(win)
        show_active(qtbot, win)
        qtbot.waitUntil(lambda: win.dashboard.tiles["drafts"].number.text() == "1", timeout=5000)
        click(qtbot, win.dashboard.tiles["drafts"])
        qtbot.waitUntil(lambda: len(win.case_list.row_texts()) == 1, timeout=5000)
        press(qtbot, Qt.Key.Key_Return, fallback=win.case_list.table)  # the list has the focus
        qtbot.waitUntil(lambda: win.current_page() == "case", timeout=5000)
        qtbot.waitUntil(lambda: win.case_view.resume_button.isVisible(), timeout=5000)
        click(qtbot, win.case_view.resume_button)
        flow = win.new_page
        qtbot.waitUntil(
            lambda: flow.state.draft_id == draft_id and flow.current() == FORM, timeout=5000
        )
        data = flow.form_step.form_view.data()
        assert data["name"] == resident["name"] and data["address"] == resident["address"]
        press(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier, fallback=flow)
        assert flow.current() == CHECK  # the ticks made before the restart are still there
        assert len(flow.check_step.condition_boxes) == 3
        assert all(b.isChecked() for b in flow.check_step.condition_boxes)
        press_next(qtbot, flow)
        rest = ("sex", "birth_date", "phone", "contribution_level")
        fill_form(qtbot, flow, {k: resident[k] for k in rest})
        type_into(qtbot, flow.form_step.form_view.editors["has_other_pension"].input, False)
        press_next(qtbot, flow)
        qtbot.waitUntil(lambda: flow.current() == FILES, timeout=5000)
        press_next(qtbot, flow)
        click(qtbot, flow.sign_step.paper)
        press_next(qtbot, flow)
        qtbot.waitUntil(lambda: flow.current() == REVIEW, timeout=5000)
        press_next(qtbot, flow)
        qtbot.waitUntil(lambda: flow.current() == DONE, timeout=10000)
        assert again.applications.get(draft_id).status is AppStatus.QUEUED
        assert [v.id for v in again.applications.list()] == [draft_id], "no second copy"
    finally:
        win.close()
        settle(qtbot)
        again.close()


def test_typing_is_saved_every_30_seconds(qtbot, ctx, resident, monkeypatch):
    from kiosk.ui.new_application.flow import NewApplicationFlow

    monkeypatch.setattr(NewApplicationFlow, "AUTOSAVE_MS", 300)
    _win, flow = make_window(qtbot, ctx)
    to_form(qtbot, flow)
    settle(qtbot)
    draft_id = flow.state.draft_id
    fill_form(qtbot, flow, {"address": "示范村西头3号"})
    qtbot.waitUntil(
        lambda: ctx.applications.payload(draft_id).get("address") == "示范村西头3号", timeout=5000
    )
    assert load_progress(ctx.db, draft_id).step == FORM


def test_locking_saves_the_draft_and_hides_it(qtbot, ctx):
    win, flow = make_window(qtbot, ctx)
    to_form(qtbot, flow)
    settle(qtbot)
    fill_form(qtbot, flow, {"name": "钱多多"})
    win.lock("")
    settle(qtbot)
    assert ctx.applications.payload(flow.state.draft_id)["name"] == "钱多多"
    assert not flow.isVisible() and win.lock_page.isVisible()


def test_changing_the_item_of_a_draft_withdraws_it_after_confirmation(qtbot, ctx):
    import dataclasses

    from kiosk.core.catalog import Catalog

    pension = ctx.catalog.get(PENSION)
    other = dataclasses.replace(pension, code="330000-20-0099", name="城乡居民养老保险待遇申领")
    catalog = Catalog([pension, other])
    ctx.catalog = catalog
    ctx.applications._catalog = catalog  # a second item for this test (shipped catalog has one)
    _win, flow = make_window(qtbot, ctx)
    to_form(qtbot, flow, "参保登记")
    settle(qtbot)
    first = flow.state.draft_id
    flow.go_back()
    flow.go_back()
    assert flow.current() == ITEM
    flow.item_step.search_box.clear()
    assert flow.item_step.select(other.code)

    def refuse(box):
        next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
        ).click()

    answer_modal(qtbot, refuse)
    click(qtbot, flow.next_button)
    assert flow.current() == ITEM and flow.state.item.code == PENSION
    assert ctx.applications.get(first).status is AppStatus.DRAFT

    def accept(box):
        destructive = QMessageBox.ButtonRole.DestructiveRole
        next(b for b in box.buttons() if box.buttonRole(b) == destructive).click()

    assert flow.item_step.select(other.code)
    answer_modal(qtbot, accept)
    click(qtbot, flow.next_button)
    settle(qtbot)
    qtbot.waitUntil(lambda: flow.current() == CHECK, timeout=10000)
    settle(qtbot)
    assert ctx.applications.get(first).status is AppStatus.WITHDRAWN
    assert flow.state.draft_id != first
    assert ctx.applications.get(flow.state.draft_id).item_code == other.code


DIBAO = "330000-05-0001"  # 最低生活保障申请: a household-members group


def test_household_members_are_prefilled_for_a_returning_resident(qtbot, ctx, scan):
    example = ctx.catalog.get(DIBAO).raw["examples"]["valid"][0]
    members = example["members"]
    _win, flow = make_window(qtbot, ctx)
    step = flow.resident_step  # first visit: registered, with her consent
    type_text(qtbot, step.id_number, example["id_number"])
    qtbot.keyClick(step.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: step.register.isVisible(), timeout=5000)
    type_text(qtbot, step.reg_name, example["name"])
    type_text(qtbot, step.reg_phone, example["phone"])
    click(qtbot, step.consent)
    click(qtbot, step.use_button)
    qtbot.waitUntil(lambda: flow.current() == ITEM, timeout=5000)

    def to_dibao_form():
        type_text(qtbot, flow.item_step.search_box, "最低生活保障")
        assert flow.item_step.selected_code() == DIBAO
        qtbot.keyClick(flow.item_step.search_box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: flow.current() == CHECK, timeout=10000)
        flow.check_step.tick_all()
        press_next(qtbot, flow)
        qtbot.waitUntil(lambda: flow.current() == FORM, timeout=5000)
        return flow.form_step.form_view

    form = to_dibao_form()
    assert "members" not in form.data(), "nothing known of her household yet"
    simple = ("sex", "birth_date", "applicant_income", "bank_name", "bank_card")
    fill_form(qtbot, flow, {k: example[k] for k in simple})
    for key in ("has_car", "has_extra_housing"):
        type_into(qtbot, form.editors[key].input, example[key])
    for key in ("address", "reasons", "reason_detail"):
        form.editors[key].set_value(example[key])
    for key in ("hukou_scan", "disability_scan", "signature"):  # the 申请书 signed on paper
        form.editors[key].set_value([str(scan)])
    group = form.editors["members"].input
    for i, member in enumerate(members):  # two household members typed in, row by row
        click(qtbot, group.add_button)
        for key, value in member.items():
            type_into(qtbot, group.rows[i].editors[key].input, value)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == FILES, timeout=5000)
    press_next(qtbot, flow)
    click(qtbot, flow.sign_step.paper)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == REVIEW, timeout=10000)
    settle(qtbot)
    shown = " ".join(w.text() for w in flow.review_step.inner.findChildren(type(flow.message)))
    assert "1. 陈阿水　330106********0138　配偶" in shown and "2. 陈小军" in shown
    assert members[0]["id_number"] not in shown and example["bank_card"] not in shown
    assert "{" not in shown and "[" not in shown
    press_next(qtbot, flow)  # submit
    qtbot.waitUntil(lambda: flow.current() == DONE, timeout=10000)
    first = flow.state.submitted
    assert ctx.applications.payload(first.id)["members"] == members

    click(qtbot, flow.done_step.next_button)  # she comes back for her next application
    assert flow.current() == RESIDENT
    type_text(qtbot, step.id_number, example["id_number"])
    qtbot.keyClick(step.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.current() == ITEM, timeout=5000)
    assert "已登记" in step.result.text()
    form = to_dibao_form()
    prefilled = form.data()
    as_typed = [{**m, "monthly_income": str(m["monthly_income"])} for m in members]
    assert prefilled["members"] == as_typed, "both members, every row field, not typed again"
    assert [g.editors["name"].value() for g in form.editors["members"].input.rows] == [
        "陈阿水",
        "陈小军",
    ]
    assert prefilled["bank_card"] == example["bank_card"]
    assert prefilled["address"] == example["address"]
