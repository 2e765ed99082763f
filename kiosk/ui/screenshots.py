"""Screenshots of the main screens (for the demo walkthrough and for looking at under Xvfb)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.ui.app import apply_look, ensure_app
from kiosk.ui.worker import wait_all


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        wait_all(10000)
        app.processEvents()


def _looks_blank(image: QImage) -> bool:
    step = max(1, min(image.width(), image.height()) // 40)
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    return len(colours) < 5


def grab(widget: QWidget, path: Path) -> Path:
    """Show ``widget`` and save what is on screen. On a real display (xcb under Xvfb) this
    reads the window back from the X server; offscreen it renders the widget."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    widget.show()
    widget.raise_()
    widget.activateWindow()
    _settle(app)
    if app.platformName() == "offscreen":
        pixmap = widget.grab()
    else:
        QTest.qWaitForWindowExposed(widget, 5000)
        for _ in range(20):  # the X server may show the window before its first paint
            _settle(app)
            pixmap = widget.screen().grabWindow(int(widget.winId()))
            if not _looks_blank(pixmap.toImage()):
                break
            QTest.qWait(100)
    if not pixmap.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def save_screenshots(ctx: AppContext, out: Path, agent: str = "demo") -> list[Path]:
    """The main screens as PNG files, for the demo walkthrough and for people to look at:
    login, dashboard, the form with a validation error, the review page, the case list,
    a case's timeline and the setup wizard."""
    from kiosk.demo import PENSION_ITEM, demo_card_reader, demo_residents
    from kiosk.ui.login import LoginDialog
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.setup_wizard import SetupWizard

    app = ensure_app()
    apply_look(app, ctx.settings.language)
    shots = []
    login = LoginDialog(ctx, QCoreApplication.translate("app", "演示账号：demo　PIN：123456"))
    login.user.setText(agent)
    shots.append(grab(login, out / "screen-login.png"))
    login.close()

    window = MainWindow(
        ctx, AgentInfo(agent, "agent"), auto_sync=False, card_reader=demo_card_reader()
    )
    window.resize(1366, 768)
    window.dashboard.refresh()
    shots.append(grab(window, out / "screen-dashboard.png"))

    flow = window.new_page
    window.new_application()
    resident = dict(demo_residents()[0], name="赵桂兰", phone="1390000123")  # one typo
    flow.resident_step.open_register({k: resident[k] for k in ("name", "id_number", "address")})
    flow.resident_step.use_registration()  # no consent: used for this application only
    _settle(app)
    flow.item_step.select(PENSION_ITEM)
    flow.go_next()
    _settle(app)
    flow.check_step.tick_all()
    flow.go_next()
    _settle(app)
    form = flow.form_step.form_view
    assert form is not None
    form.set_data(resident)
    flow.go_next()  # stops at the form: the phone number is one digit short
    shots.append(grab(window, out / "screen-form.png"))

    form.set_data({"phone": "13900001234"})
    for _ in range(3):  # form → attachments → signature → review
        if flow.current() == 5:
            flow.sign_step.paper.setChecked(True)
        flow.go_next()
        _settle(app)
    shots.append(grab(window, out / "screen-review.png"))

    window.open_list("")
    _settle(app)
    shots.append(grab(window, out / "screen-queue.png"))

    views = [v for v in ctx.applications.list() if v.case_no] or ctx.applications.list()
    if views:
        window.open_case(views[-1].id)
        _settle(app)
        shots.append(grab(window, out / "screen-case.png"))
    window.navigate("usb")  # U盘批次: what waits for the stick
    _settle(app)
    shots.append(grab(window, out / "screen-usb.png"))
    window.close()

    township = MainWindow(ctx, AgentInfo(agent, "township"), auto_sync=False)
    township.resize(1366, 768)
    township.navigate("batches")
    _settle(app)
    shots.append(grab(township, out / "screen-township.png"))
    township.close()

    wizard = SetupWizard(ctx)
    wizard.resize(800, 560)
    wizard.station_page.township.setText("西湖镇")
    wizard.station_page.village.setText("示范村")
    shots.append(grab(wizard, out / "screen-wizard.png"))
    wizard.close()
    return shots
