"""Every page and dialog of the agent workspace in turn, with realistic content: for the
screen-fit check (tests/ui/test_screen_fit.py) and for ``kiosk demo --out`` screenshots.

Each tour is a generator: it drives a window to a page and yields a :class:`Stop` (the
page's name, the top-level window showing it, its primary actions) while it is showing.
The station needs cases (``kiosk.demo`` files some); the one with the longest timeline is
opened in the case view.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.ui.kiosk_mode.tour import settle

if TYPE_CHECKING:
    from kiosk.core.card_reader import CardReader
    from kiosk.ui.main_window import MainWindow

PENSION_ITEM = "330000-20-0001"


@dataclass(frozen=True)
class Stop:
    name: str
    window: QWidget
    primary: tuple[QWidget, ...] = field(default=())
    dialog: bool = False


def busiest_case(ctx: AppContext) -> str:
    """The case with the longest timeline (the hardest to fit)."""
    views = ctx.applications.list()
    if not views:
        return ""
    return max(views, key=lambda v: (len(ctx.applications.timeline(v.id)), bool(v.case_no))).id


def login_tour(ctx: AppContext) -> Iterator[Stop]:
    from kiosk.ui.login import LoginDialog

    login = LoginDialog(ctx, QCoreApplication.translate("app", "演示账号：demo　PIN：123456"))
    login.user.setText("demo")
    login.show()
    settle()
    try:
        yield Stop("login", login, dialog=True)
    finally:
        login.close()
        login.deleteLater()


def agent_tour(
    ctx: AppContext, agent: str, card_reader: CardReader | None = None
) -> Iterator[Stop]:
    """Dashboard, each step of a new application, the case list, a case, U盘批次, the
    statistics, rating and print-preview dialogs, the lock page."""
    from kiosk.demo import demo_residents
    from kiosk.ui.main_window import MainWindow

    window = MainWindow(ctx, AgentInfo(agent, "agent"), auto_sync=False, card_reader=card_reader)
    window.show()
    try:
        window.dashboard.refresh()
        settle()
        yield Stop("dashboard", window)
        flow = window.new_page
        window.new_application()
        settle()
        yield Stop("new-resident", window)
        resident = dict(demo_residents()[0], name="欧阳秀英", phone="1390000123")  # a typo
        flow.resident_step.open_register({k: resident[k] for k in ("name", "id_number", "address")})
        settle()
        yield Stop("new-register", window)
        flow.resident_step.use_registration()
        settle()
        yield Stop("new-item", window, (flow.next_button,))
        flow.item_step.select(PENSION_ITEM)
        flow.go_next()
        settle()
        yield Stop("new-check", window, (flow.next_button,))
        flow.check_step.tick_all()
        flow.go_next()
        settle()
        form = flow.form_step.form_view
        assert form is not None
        form.set_data(resident)
        flow.go_next()  # stops at the form: the phone number is one digit short
        settle()
        yield Stop("new-form-error", window, (flow.next_button,))
        form.set_data({"phone": "13900001234"})
        flow.go_next()
        settle()
        yield Stop("new-attachments", window, (flow.next_button,))
        flow.go_next()
        settle()
        yield Stop("new-signature", window, (flow.next_button,))
        flow.sign_step.paper.setChecked(True)
        flow.go_next()
        settle()
        yield Stop("new-review", window, (flow.next_button,))
        flow.go_next()
        settle(lambda: flow.current() == 7)
        yield Stop("new-done", window)
        yield from _event_stops(window)
        window.open_list("")
        settle()
        yield Stop("cases", window)
        case_id = busiest_case(ctx)
        if case_id:
            window.open_case(case_id)
            settle()
            yield Stop("case", window)
            yield from _case_dialogs(window, case_id)
        window.navigate("usb")
        settle()
        yield Stop("usb", window)
        window.case_list.open_statistics.emit()
        settle()
        dialog = window.statistics_dialog
        yield Stop("statistics", dialog, dialog=True)
        dialog.close()
        window.lock("")
        settle()
        yield Stop("locked", window)
        window.unlock()
    finally:
        window.close()
        window.deleteLater()


def _event_stops(window: MainWindow) -> Iterator[Stop]:
    """The 一件事 page: its form (the birth bundle, every member's own fields) with every
    required answer marked, the choice of life event, the materials and the signature."""
    from kiosk.ui.event_flow.page import MATERIALS, SIGN, EventFlowPage

    window.new_event("330000-EV-0001")
    settle()
    event = window.page("event")
    assert isinstance(event, EventFlowPage)
    yield Stop("event-form", window, (event.next_button,))
    event.go_next()  # nothing typed yet: every required answer is marked where it is asked
    settle(lambda: "需要修改" in event.message.text())
    yield Stop("event-form-error", window, (event.next_button,))
    event.show_step(MATERIALS)
    settle()
    yield Stop("event-materials", window, (event.next_button,))
    event.sign.start(["出生登记（新生儿落户）", "城乡居民基本医疗保险参保登记", "社会保障卡申领"])
    event.show_step(SIGN)
    settle()
    yield Stop("event-sign", window, (event.next_button,))
    event.start()
    settle()
    yield Stop("event-choose", window, (event.next_button,))


def _case_dialogs(window: MainWindow, case_id: str) -> Iterator[Stop]:
    from kiosk.ui.evaluation_dialog import EvaluationDialog
    from kiosk.ui.print_preview import PrintPreviewDialog

    ctx, agent = window.ctx, window.agent.name
    view = ctx.applications.get(case_id)
    rating = EvaluationDialog(ctx, case_id, agent, view.case_no or view.local_ref, window)
    rating.show()
    settle()
    yield Stop("rating", rating, dialog=True)
    rating.close()
    rating.deleteLater()
    preview = PrintPreviewDialog(ctx.printing.receipt(case_id), "受理回执", window)
    preview.show()
    settle()
    yield Stop("print-preview", preview, dialog=True)
    preview.close()
    preview.deleteLater()


def township_tour(ctx: AppContext, agent: str) -> Iterator[Stop]:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.township import TownshipPage

    window = MainWindow(ctx, AgentInfo(agent, "township"), auto_sync=False)
    window.show()
    try:
        settle()
        yield Stop("township-dashboard", window)
        batches = window.show_page("batches")  # offered on any station here
        assert isinstance(batches, TownshipPage)
        batches.refresh()
        settle()
        yield Stop("township", window)
    finally:
        window.close()
        window.deleteLater()


def technician_tour(ctx: AppContext, agent: str) -> Iterator[Stop]:
    """The station check and each page of the setup wizard."""
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.setup_wizard import SetupWizard

    window = MainWindow(ctx, AgentInfo(agent, "technician"), auto_sync=False)
    window.show()
    try:
        settle()
        window.navigate("doctor")
        settle(lambda: False, timeout=2.0)
        yield Stop("doctor", window)
    finally:
        window.close()
        window.deleteLater()
    wizard = SetupWizard(ctx)
    wizard.show()
    try:
        for page_id in wizard.pageIds():
            wizard.setStartId(page_id)  # each page as it first shows (tests fill them in)
            wizard.restart()
            settle()
            name = type(wizard.page(page_id)).__name__.removesuffix("Page").lower()
            buttons = (wizard.WizardButton.NextButton, wizard.WizardButton.FinishButton)
            primary = tuple(b for b in map(wizard.button, buttons) if b.isVisible())
            yield Stop(f"wizard-{name}", wizard, primary, dialog=True)
    finally:
        wizard.close()
        wizard.deleteLater()
