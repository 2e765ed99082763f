"""结果领取与短信通知 at filing, driven through the widgets: 邮寄 needs recipient, phone and an
address picked down to the village; the choice and the consent are prefilled from what is
known of the resident and land in the application's answers."""

from __future__ import annotations

from kiosk.core.delivery import delivery_line
from kiosk.core.status import AppStatus
from kiosk.ui.new_application.flow import DONE, FILES, FORM, REVIEW
from tests.ui.driving import click, fill_form, press_next, settle, type_into
from tests.ui.test_new_application import make_window, to_form

VILLAGE = "330106109201"


def test_choose_post_with_an_address_and_sms_consent(qtbot, ctx, resident):
    _win, flow = make_window(qtbot, ctx)
    to_form(qtbot, flow)
    settle(qtbot)
    fields = ("name", "id_number", "sex", "birth_date", "phone", "address", "contribution_level")
    fill_form(qtbot, flow, {k: resident[k] for k in fields})
    type_into(qtbot, flow.form_step.form_view.editors["has_other_pension"].input, False)
    panel = flow.form_step.delivery
    assert panel is not None and panel.isVisible()
    delivery = panel.views["result_delivery"]
    assert delivery.data() == {"method": "自取（本代办点）"}
    assert not delivery.editors["recipient"].isVisible()

    type_into(qtbot, delivery.editors["method"].input, "邮寄")
    settle(qtbot)
    assert delivery.editors["recipient"].isVisible() and delivery.editors["address"].isVisible()
    # prefilled from the form when 邮寄 is chosen: the applicant as recipient, her phone
    assert delivery.data()["recipient"] == resident["name"]
    assert delivery.data()["phone"] == resident["phone"]
    press_next(qtbot, flow)  # no address yet: the flow stays and says so
    assert flow.current() == FORM
    assert delivery.editors["address"].error.text()
    picker = delivery.editors["address"].input
    table = ctx.catalog.divisions
    for box, part in zip(picker.levels, [d.code for d in table.path(VILLAGE)], strict=False):
        box.setCurrentIndex(box.findData(part))
    picker.detail.setText("东头12号")
    notify = panel.views["progress_notify"]
    type_into(qtbot, notify.editors["consent"].input, True)
    settle(qtbot)
    assert notify.data()["phone"] == resident["phone"]
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == FILES, timeout=5000)
    press_next(qtbot, flow)
    click(qtbot, flow.sign_step.paper)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == REVIEW, timeout=5000)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == DONE, timeout=10000)
    app_id = flow.state.draft_id
    assert ctx.applications.get(app_id).status is AppStatus.QUEUED
    answers = ctx.applications.payload(app_id)
    assert answers["result_delivery"] == {
        "method": "邮寄",
        "recipient": resident["name"],
        "phone": resident["phone"],
        "address": {"division": VILLAGE, "detail": "东头12号"},
    }
    assert answers["progress_notify"] == {"consent": True, "phone": resident["phone"]}
    line = delivery_line(answers, table)
    assert "寄往" in line and "示范村" in line and "东头12号" not in line
