"""The case view: timeline, 补齐补正 against the real hub, withdrawal, correcting a case the
hub sent back, and the resident's 好差评."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.core.agents import AgentInfo
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import AppStatus
from kiosk.store.models import Application
from kiosk.ui.main_window import MainWindow
from kiosk.ui.new_application.flow import FORM
from tests.conftest import AGENT, PENSION
from tests.support.keyboard import type_text
from tests.ui.driving import answer_modal, click, press, settle, show_active


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def open_case(qtbot, win, app_id):
    win.open_case(app_id)
    qtbot.waitUntil(
        lambda: win.case_view.data is not None and win.case_view.data.view.id == app_id,
        timeout=5000,
    )
    settle(qtbot)
    return win.case_view


def move(ctx, app_id, *targets, reason=""):
    with ctx.db.write() as s:  # plays the sync engine / hub for states the test needs
        row = s.get(Application, app_id)
        for t in targets:
            apply_transition(s, row, t, "同步", reason)
        if AppStatus.SUBMITTED in targets:
            row.case_no = "330106202611220000001"


def button_with_role(box, role):
    return next(b for b in box.buttons() if box.buttonRole(b) == role)


def timeline_text(view):
    t = view.timeline
    return [" ".join(t.item(r, c).text() for c in range(4)) for r in range(t.rowCount())]


def test_timeline_and_the_form_as_submitted(qtbot, window, ctx, resident):
    app = ctx.applications.submit(PENSION, resident, AGENT)
    view = open_case(qtbot, window, app.id)
    rows = timeline_text(view)
    assert len(rows) == 2 and "草稿" in rows[0] and "排队待发送" in rows[1]
    assert AGENT in rows[1] and "代办员提交" in rows[1]
    labels = [
        view.form_layout.itemAt(i, view.form_layout.ItemRole.LabelRole).widget().text()
        for i in range(view.form_layout.rowCount())
    ]
    assert labels[:2] == ["姓名", "公民身份号码"], "labels from the form definition"
    values = " ".join(
        view.form_layout.itemAt(i, view.form_layout.ItemRole.FieldRole).widget().text()
        for i in range(view.form_layout.rowCount())
    )
    assert resident["id_number"] not in values and "330106********0220" in values
    click(qtbot, view.unmask_button)  # recorded in the audit trail first, then shown
    qtbot.waitUntil(lambda: resident["id_number"] in form_values(view), timeout=5000)
    assert "否" in form_values(view)
    assert view.withdraw_button.isVisible() and not view.evaluate_button.isVisible()


def form_values(view) -> str:
    layout = view.form_layout
    return "\n".join(
        layout.itemAt(i, layout.ItemRole.FieldRole).widget().text()
        for i in range(layout.rowCount())
    )


DIBAO = "330000-05-0001"  # 最低生活保障申请: household members, bank card


def dibao(ctx) -> tuple[dict, str]:
    example = ctx.catalog.get(DIBAO).raw["examples"]["valid"][0]
    return example, ctx.applications.submit(DIBAO, example, AGENT).id


def test_household_members_are_shown_row_by_row_and_masked(qtbot, window, ctx):
    example, app_id = dibao(ctx)
    view = open_case(qtbot, window, app_id)
    values = form_values(view)
    for number in (example["id_number"], *(m["id_number"] for m in example["members"])):
        assert number not in values
    assert example["bank_card"] not in values and example["phone"] not in values
    assert (
        "1. 陈阿水　330106********0138　配偶" in values
        and "2. 陈小军　330106********0354" in values
    )
    assert "{" not in values and "[" not in values, "no Python repr on screen"


def test_showing_full_numbers_is_audited_for_that_case_only(qtbot, window, ctx):
    from sqlalchemy import select

    from kiosk.store.models import AuditEvent

    def reveals():
        with ctx.db.read() as s:
            return list(s.scalars(select(AuditEvent).where(AuditEvent.action == "view_resident")))

    example, app_id = dibao(ctx)
    member = example["members"][0]["id_number"]
    view = open_case(qtbot, window, app_id)
    assert reveals() == []
    click(qtbot, view.unmask_button)
    qtbot.waitUntil(lambda: member in form_values(view), timeout=5000)
    [event] = reveals()
    assert (event.actor, event.subject) == (AGENT, app_id), "who saw which application"
    assert not any(ch.isdigit() for ch in event.detail) and "陈" not in event.detail
    assert view.unmask_button.text() == "隐藏完整号码"

    _, other = dibao(ctx)  # the next case opens masked: its numbers were not asked for
    view = open_case(qtbot, window, other)
    assert member not in form_values(view) and not view.unmask_button.isChecked()
    assert len(reveals()) == 1


def test_full_numbers_stay_hidden_when_the_view_cannot_be_recorded(qtbot, window, ctx, monkeypatch):
    from kiosk.core.errors import KioskError

    def refuse(actor, app_id):
        raise KioskError("磁盘已满，请联系技术员。", "disk full")

    monkeypatch.setattr(ctx.access_records, "revealed", refuse)
    example, app_id = dibao(ctx)
    view = open_case(qtbot, window, app_id)
    click(qtbot, view.unmask_button)
    qtbot.waitUntil(lambda: "磁盘已满" in view.message.text(), timeout=5000)
    assert example["id_number"] not in form_values(view)
    assert not view.unmask_button.isChecked() and view.unmask_button.isEnabled()


def test_withdraw_asks_for_a_reason_and_confirmation(qtbot, window, ctx, resident):
    app = ctx.applications.submit(PENSION, resident, AGENT)
    view = open_case(qtbot, window, app.id)

    def give_reason(dialog):
        type_text(qtbot, dialog.text, "居民决定下月再办")
        answer_modal(qtbot, confirm)  # the confirmation that follows
        click(qtbot, dialog.ok)

    def confirm(box):
        assert "不能恢复" in box.text()
        assert box.buttonRole(box.defaultButton()) == QMessageBox.ButtonRole.RejectRole
        button_with_role(box, QMessageBox.ButtonRole.DestructiveRole).click()  # 撤回

    answer_modal(qtbot, give_reason)
    click(qtbot, view.withdraw_button)
    qtbot.waitUntil(
        lambda: ctx.applications.get(app.id).status is AppStatus.WITHDRAWN, timeout=5000
    )
    qtbot.waitUntil(lambda: "已撤回" in view.heading.text(), timeout=5000)
    assert any("居民决定下月再办" in r for r in timeline_text(view))
    assert not view.withdraw_button.isVisible()


def test_cancelled_withdrawal_changes_nothing(qtbot, window, ctx, resident):
    app = ctx.applications.submit(PENSION, resident, AGENT)
    view = open_case(qtbot, window, app.id)

    def give_reason(dialog):
        type_text(qtbot, dialog.text, "误操作")
        answer_modal(
            qtbot, lambda box: button_with_role(box, QMessageBox.ButtonRole.RejectRole).click()
        )
        click(qtbot, dialog.ok)

    answer_modal(qtbot, give_reason)
    click(qtbot, view.withdraw_button)
    settle(qtbot)
    assert ctx.applications.get(app.id).status is AppStatus.QUEUED


def test_a_case_sent_back_is_corrected_in_the_flow(qtbot, window, ctx, resident):
    app = ctx.applications.submit(PENSION, resident, AGENT)
    move(ctx, app.id, AppStatus.SENDING, AppStatus.QUARANTINED, reason="省级平台退回：地址不详")
    view = open_case(qtbot, window, app.id)
    assert view.reopen_button.isVisible() and "退回" in view.alert.text()
    click(qtbot, view.reopen_button)
    flow = window.new_page
    qtbot.waitUntil(lambda: flow.state.draft_id == app.id and flow.current() == FORM, timeout=5000)
    assert flow.form_step.form_view.data()["name"] == resident["name"]
    assert ctx.applications.get(app.id).status is AppStatus.DRAFT


def test_evaluation_is_recorded_once(qtbot, window, ctx, resident):
    app = ctx.applications.submit(PENSION, resident, AGENT)
    move(ctx, app.id, AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.ACCEPTED)
    move(ctx, app.id, AppStatus.COMPLETED, reason="已登记参保")
    view = open_case(qtbot, window, app.id)
    assert "已登记参保" in view.result_label.text()
    click(qtbot, view.evaluate_button)
    dialog = view.evaluation_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    assert not dialog.save_button.isEnabled(), "a level first"
    press(qtbot, Qt.Key.Key_4, fallback=dialog)  # the resident presses 4: 满意
    assert dialog.levels.checkedId() == 4
    assert not dialog.reasons["态度差"].isEnabled(), "reasons that fit the level"
    click(qtbot, dialog.reasons["效率高"])
    type_text(qtbot, dialog.comment, "代办员很耐心")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: ctx.evaluations.for_application(app.id) is not None, timeout=5000)
    ev = ctx.evaluations.for_application(app.id)
    assert (ev.level, ev.reasons, ev.comment, ev.source) == (4, ["效率高"], "代办员很耐心", "agent")
    qtbot.waitUntil(lambda: "满意" in view.result_label.text(), timeout=5000)
    assert "待报送省级平台" in view.result_label.text()
    assert not view.evaluate_button.isVisible(), "rated once"


@pytest.mark.slow
def test_supplement_round_trip_with_the_hub(qtbot, online_ctx, resident, hub, tmp_path):
    ctx = online_ctx
    app = ctx.applications.submit(PENSION, resident, AGENT)
    assert ctx.sync_engine().run_once(force=True).created == 1
    case_no = ctx.applications.get(app.id).case_no
    hub.service.advance(case_no, "补齐补正", "请补充户口簿首页复印件")

    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    press(qtbot, Qt.Key.Key_F5, fallback=win)  # the agent syncs: the request comes back
    qtbot.waitUntil(
        lambda: ctx.applications.get(app.id).status is AppStatus.NEED_SUPPLEMENT, timeout=15000
    )
    qtbot.waitUntil(
        lambda: win.dashboard.tiles["need_supplement"].number.text() == "1", timeout=5000
    )
    click(qtbot, win.dashboard.tiles["need_supplement"])
    qtbot.waitUntil(lambda: len(win.case_list.row_texts()) == 1, timeout=5000)
    qtbot.keyClick(win.case_list.table, Qt.Key.Key_Return)
    view = win.case_view
    qtbot.waitUntil(lambda: view.data is not None and view.data.view.id == app.id, timeout=5000)
    settle(qtbot)
    assert "请补充户口簿首页复印件" in view.alert.text()
    assert view.supplement_button.isVisible()
    click(qtbot, view.supplement_button)
    panel = view.supplement
    assert view.tabs.currentWidget() is panel
    click(qtbot, panel.send_button)  # nothing added yet
    assert "请先添加" in panel.message.text()
    scan = tmp_path / "户口簿首页.jpg"
    Image.new("RGB", (400, 300), "white").save(scan)
    assert panel.files.add_paths([scan]) == []
    assert panel.files.list.count() == 1
    click(qtbot, panel.send_button)
    qtbot.waitUntil(lambda: ctx.applications.get(app.id).revision == 1, timeout=5000)
    sent = ctx.applications.get(app.id)
    assert sent.attachment_count == 1
    # submitting the supplement queues it and syncs at once
    qtbot.waitUntil(
        lambda: (
            ctx.applications.get(app.id).status not in (AppStatus.QUEUED, AppStatus.SENDING)
            and not win.is_syncing()
        ),
        timeout=15000,
    )
    settle(qtbot)
    after = ctx.applications.get(app.id)
    events = [e.to_status for e in ctx.applications.timeline(app.id)]
    assert events[-3:-1] == [AppStatus.QUEUED, AppStatus.SENDING]
    # The reference hub keys a case by its client id and content: until the sync protocol
    # carries supplement revisions it answers `conflict` for the changed content. The
    # kiosk then keeps the case (nothing lost), marks it 数据冲突 and offers 退回修改.
    print("supplement answered with", after.status)
    if after.status is AppStatus.CONFLICT:
        assert after.last_error and "不同" in after.last_error
        qtbot.waitUntil(lambda: view.reopen_button.isVisible(), timeout=5000)
        assert hub.service.stats()["cases"] == 1
    else:
        assert after.status in (AppStatus.SUBMITTED, AppStatus.ACCEPTED)
        assert after.case_no == case_no


def test_documents_open_on_the_remembered_paper_and_each_print_is_audited(
    qtbot, window, ctx, resident, monkeypatch
):
    import sqlite3

    from kiosk.print.kinds import DocumentKind
    from kiosk.print.paper import Layout
    from kiosk.ui import print_preview
    from kiosk.ui.print_preview import PrintPreviewDialog
    from kiosk.ui.worker import wait_all

    app = ctx.applications.submit(PENSION, resident, AGENT)
    move(ctx, app.id, AppStatus.SENDING, AppStatus.SUBMITTED)
    move(ctx, app.id, AppStatus.NEED_SUPPLEMENT, reason="请于2026年12月4日前补交户口簿首页复印件")
    ctx.printing.preferences.remember(DocumentKind.RECEIPT, "EPSON-TM-T82", Layout.ROLL_80)
    monkeypatch.setattr(print_preview, "_printer_list", lambda: (["EPSON-TM-T82", "HP"], "HP"))
    sent: list[str] = []
    monkeypatch.setattr(
        print_preview, "print_pdf", lambda pdf, name, doc_name="": sent.append(name) or name
    )
    view = open_case(qtbot, window, app.id)
    assert view.receipt_button.isVisible() and view.authorization_button.isVisible()
    assert view.notice_button.isVisible()  # 补正告知书 for the resident to take home

    for button, kind, printer in (
        (view.receipt_button, "receipt", "EPSON-TM-T82"),
        (view.notice_button, "supplement", "HP"),
    ):
        click(qtbot, button)
        qtbot.waitUntil(
            lambda k=kind: view.findChild(PrintPreviewDialog, f"{k}Preview") is not None,
            timeout=15000,
        )
        dialog = view.findChild(PrintPreviewDialog, f"{kind}Preview")
        if kind == "receipt":  # the agent's receipt printer and its 80 mm roll, remembered
            assert dialog.paper_box.currentData() == "80mm"
            width_mm = dialog.document.pagePointSize(0).width() / 72 * 25.4
            assert width_mm == pytest.approx(80, abs=0.2)
        qtbot.waitUntil(lambda d=dialog: d.printer_box.count() == 2, timeout=5000)
        assert dialog.selected_printer() == printer
        with qtbot.waitSignal(dialog.printed, timeout=5000):
            click(qtbot, dialog.print_button)
        wait_all()
    assert sent == ["EPSON-TM-T82", "HP"]
    with sqlite3.connect(ctx.db.path) as conn:
        rows = conn.execute(
            "select actor, subject, detail from audit_event where action='print' order by id"
        ).fetchall()
    assert rows == [
        (AGENT, app.id, "receipt -> EPSON-TM-T82"),
        (AGENT, app.id, "supplement -> HP"),
    ]
    assert ctx.audit.verify(ctx.db).ok


def test_images_open_in_a_viewer(qtbot, window, ctx, resident, tmp_path):
    from kiosk.core.applications import AttachmentInput

    scan = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "blue").save(scan)
    app = ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan, "身份证")])
    view = open_case(qtbot, window, app.id)
    assert "身份证：scan.png" in view.materials.item(0).text()
    view.materials.itemActivated.emit(view.materials.item(0))
    qtbot.waitUntil(lambda: getattr(view, "attachment_viewer", None) is not None, timeout=5000)
    viewer = view.attachment_viewer
    assert viewer.isVisible() and viewer.windowTitle() == "身份证"
    assert viewer.image.pixmap().width() > 0


@pytest.mark.parametrize("how", ["usb", "sent"])
def test_no_withdraw_button_once_the_case_may_be_at_the_hub(qtbot, window, ctx, resident, how):
    waiting = ctx.applications.submit(PENSION, resident, AGENT)
    gone = ctx.applications.submit(PENSION, resident, AGENT)
    with ctx.db.write() as s:  # what a USB export / a request without an answer leaves behind
        row = s.get(Application, gone.id)
        if how == "usb":
            row.exported_batch = "8d0c7a52-5d0e-4b8e-9a51-0f3b7c1c2e11"
        else:
            row.attempts = 1
    view = open_case(qtbot, window, waiting.id)
    assert view.withdraw_button.isVisible()
    assert "不能撤回" not in view.facts.text()
    view = open_case(qtbot, window, gone.id)
    assert not view.withdraw_button.isVisible()
    assert "已送往省级平台，本站不能撤回" in view.facts.text()
    assert view.receipt_button.isVisible()  # the rest of the case stays available


def test_attachments_show_their_pages_and_the_signature_its_time(
    qtbot, window, ctx, resident, tmp_path
):
    """A three-page scan (the document camera's PDF) reads "3 页"; the signature the
    resident gave at 10:41 Beijing time reads "已签名（2026-12-06 10:41）", in the material
    list and in the form's answers."""
    import datetime as dt

    from kiosk.core.applications import AttachmentInput
    from kiosk.core.attachment_facts import stamp_png
    from kiosk.devices.document_pdf import pages_to_pdf
    from kiosk.ui.new_application.state import SIGNATURE_MATERIAL
    from tests.print.samples import signature_png

    scan = tmp_path / "户口簿.pdf"
    scan.write_bytes(pages_to_pdf([Image.new("RGB", (800, 1100), "white") for _ in range(3)]))
    signature = tmp_path / "signature.png"
    signature.write_bytes(stamp_png(signature_png(), dt.datetime(2026, 12, 6, 2, 41, 30)))
    photo = tmp_path / "photo.png"
    Image.new("RGB", (200, 100), "blue").save(photo)
    files = [
        AttachmentInput(scan, "居民身份证或户口簿"),
        AttachmentInput(photo, "其他"),
        AttachmentInput(signature, SIGNATURE_MATERIAL),
    ]
    app = ctx.applications.submit(PENSION, resident, AGENT, files)
    view = open_case(qtbot, window, app.id)
    rows = [view.materials.item(i).text() for i in range(view.materials.count())]
    kb = scan.stat().st_size // 1024 + 1
    assert rows == [
        f"居民身份证或户口簿：户口簿.pdf（3 页，{kb} KB）",
        f"其他：photo.png（1 页，{photo.stat().st_size // 1024 + 1} KB）",
        "居民签名：已签名（2026-12-06 10:41）",
    ]
    answers = view.form_layout
    shown = {
        answers.itemAt(r, answers.ItemRole.LabelRole).widget().text(): answers.itemAt(
            r, answers.ItemRole.FieldRole
        )
        .widget()
        .text()
        for r in range(answers.rowCount())
        if answers.itemAt(r, answers.ItemRole.LabelRole) is not None
    }
    labels = {f.key: f.label for f in ctx.catalog.get(PENSION).form.fields}
    assert shown[labels["signature"]] == "已签名（2026-12-06 10:41）"
    assert shown[labels["id_scan"]] == f"户口簿.pdf（3 页，{kb} KB）"
