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
    """Login, a filled-in form with one validation error, and the queue, as PNG files."""
    from kiosk.demo import PENSION_ITEM, demo_residents
    from kiosk.ui.login import LoginDialog
    from kiosk.ui.main_window import MainWindow

    app = ensure_app()
    apply_look(app, ctx.settings.language)
    shots = []
    login = LoginDialog(ctx, QCoreApplication.translate("app", "演示账号：demo　PIN：123456"))
    login.user.setText(agent)
    shots.append(grab(login, out / "screen-login.png"))
    login.close()

    window = MainWindow(ctx, AgentInfo(agent, "agent"), auto_sync=False)
    window.resize(1366, 768)
    window.new_page.select_item(PENSION_ITEM)
    form = window.new_page.form_view
    assert form is not None
    resident = dict(demo_residents()[0], name="赵桂兰", phone="1390000123")  # one typo
    form.set_data(resident)
    form.show_errors(ctx.applications.check(PENSION_ITEM, form.data()))
    shots.append(grab(window, out / "screen-form.png"))
    window.tabs.setCurrentIndex(1)
    window.queue_page.refresh()
    shots.append(grab(window, out / "screen-queue.png"))
    window.close()
    return shots
