"""Start the desktop app: Qt application, language, theme, error hook, login, main window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from kiosk.ui.errors import install_excepthook, user_message
from kiosk.ui.look import _keep, apply_look, ensure_app, install_translators
from kiosk.ui.worker import close_station

if TYPE_CHECKING:  # imported in a worker at start-up (see startup.py)
    from kiosk.context import AppContext
    from kiosk.core.card_reader import CardReader
    from kiosk.ui.dashboard import DashboardPrefetch

log = logging.getLogger(__name__)
__all__ = [
    "apply_look",
    "ensure_app",
    "first_run",
    "install_translators",
    "on_first_paint",
    "run_gui",
]


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None], at_latest_ms: int) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        # a window that is never exposed (screen locked, minimised) still gets its work done
        QTimer.singleShot(at_latest_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)  # after this paint has reached the screen
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


def on_first_paint(widget: QWidget, then: Callable[[], None], at_latest_ms: int = 1000) -> None:
    """Run ``then`` once ``widget`` has painted for the first time (or after
    ``at_latest_ms``, whichever comes first)."""
    _FirstPaint(widget, then, at_latest_ms)


def first_run(ctx: AppContext) -> bool:
    """No user accounts yet: the technician's setup wizard comes before any login."""
    return not ctx.agents.list()


def _run_kiosk_mode(app: QApplication, data_dir: Path, demo: bool) -> int:
    """The resident self-service terminal (no agent login)."""
    from kiosk.ui.kiosk_mode import run_kiosk_mode

    try:
        from kiosk.context import open_context

        ctx = open_context(data_dir, demo=demo)
    except Exception as exc:
        apply_look(app)
        log.exception("cannot open station data in %s", data_dir)
        QMessageBox.critical(None, app.translate("app", "无法启动"), user_message(exc))
        return 1
    apply_look(app, ctx.settings.language)
    from kiosk.ui import escpos_print

    escpos_print.configure(ctx.settings)  # progress slips on the ESC/POS printer, if any
    if demo:
        from kiosk.demo import DemoBackOffice, attach_demo_hub

        hub = attach_demo_hub(ctx)
        _keep.extend([hub, DemoBackOffice(hub).start()])
    code = run_kiosk_mode(ctx, app, demo=demo)
    close_station(ctx)
    return code


def run_gui(
    data_dir: Path, demo: bool = False, kiosk_mode: bool = False, login_check: bool = False
) -> int:
    """The app (agent workspace or self-service terminal). It holds the station lock for as
    long as it runs, so ``kiosk restore`` refuses to move the data from under it.

    ``login_check``: the workspace's start up to its painted login, then exit 0 (after an
    install or update: does this copy start on this PC? ``bench/bench_bundle.py`` times it)."""
    from kiosk.core.station_lock import hold_while_running

    try:
        lock = hold_while_running(data_dir)
    except Exception as exc:  # a restore or update is replacing the data right now
        app = ensure_app()
        apply_look(app)
        log.warning("not starting: %s", exc)
        QMessageBox.critical(None, app.translate("app", "无法启动"), user_message(exc))
        return 1
    try:
        if kiosk_mode:
            install_excepthook()
            return _run_kiosk_mode(ensure_app(), data_dir, demo)
        return _run_workspace(data_dir, demo, login_check)
    finally:
        lock.release()


def _run_workspace(data_dir: Path, demo: bool, login_check: bool = False) -> int:
    """Login on screen at once; the station opens in a worker while the PIN is typed."""
    from kiosk.core.settings import load_settings
    from kiosk.ui.login import LoginDialog
    from kiosk.ui.startup import OpenedStation, StationOpener

    app = ensure_app()
    install_excepthook()
    opener = StationOpener(data_dir, demo)
    try:
        language = load_settings(data_dir).language
    except Exception:  # a broken settings file is reported when the station opens
        language = "zh_CN"
    apply_look(app, language)
    hint = app.translate("app", "演示账号：{0}　PIN：{1}").format("demo", "123456") if demo else ""
    login = LoginDialog(None, hint)
    if demo:
        login.user.setText("demo")
    if login_check:  # painted: that is all this start had to show
        on_first_paint(login, lambda: login.done(QDialog.DialogCode.Rejected))
        login.exec()
        print("login painted", flush=True)
        return 0
    # the station opens (imports, database) once the login is on screen, while the PIN is
    # typed: its work would otherwise hold up the login's first paint
    on_first_paint(login, opener.start)
    problem: list[Exception] = []

    def opened(station: OpenedStation) -> None:
        _keep.extend(station.keep)
        if station.first_run:
            login.done(QDialog.DialogCode.Rejected)  # the wizard comes first
        else:
            login.set_context(station.ctx)

    def failed(exc: Exception) -> None:
        problem.append(exc)
        login.done(QDialog.DialogCode.Rejected)

    def damaged(exc: Exception) -> None:
        if login.isVisible():  # still at the login: as if the file had failed to open
            failed(exc)
            return
        # already at work: reading goes on, every write is refused with this same message
        QMessageBox.critical(
            QApplication.activeWindow(), app.translate("app", "数据库已损坏"), user_message(exc)
        )

    opener.opened.connect(opened)  # (delivered through the event loop: connected in time)
    opener.failed.connect(failed)
    opener.damaged.connect(damaged)
    accepted = login.exec() == QDialog.DialogCode.Accepted
    if problem:
        QMessageBox.critical(None, app.translate("app", "无法启动"), user_message(problem[0]))
        if opener.result is not None:  # it opened, then its integrity check failed
            close_station(opener.result.ctx)
        return 1
    station = opener.result
    if station is None:  # closed before the station had opened
        from kiosk.ui.worker import wait_all

        wait_all(30_000)  # the station is still opening in a worker: let it finish, then end it
        if opener.result is not None:
            close_station(opener.result.ctx)
        return 0
    ctx = station.ctx
    if station.first_run:
        from kiosk.ui.setup_wizard import SetupWizard

        SetupWizard(ctx).exec()
        if first_run(ctx):
            close_station(ctx)
            return 0  # closed before any account existed: nothing to log in to
        login = LoginDialog(ctx)
        accepted = login.exec() == QDialog.DialogCode.Accepted
    code = _workspace_loop(
        app, ctx, login if accepted else None, station.card_reader, opener.prefetch
    )
    close_station(ctx)
    return code


def _workspace_loop(
    app: QApplication,
    ctx: AppContext,
    login: Any,
    reader: CardReader | None,
    prefetch: DashboardPrefetch | None = None,
) -> int:
    """Main window after each login; "退出登录" comes back to the login."""
    from kiosk.ui.login import LoginDialog
    from kiosk.ui.main_window import MainWindow

    code = 0
    while login is not None and login.agent is not None:
        window = MainWindow(ctx, login.agent, card_reader=reader, prefetch=prefetch)
        prefetch = None  # the counts read at start-up serve the first window only
        logged_out: list[bool] = []
        window.logged_out.connect(lambda out=logged_out: out.append(True))
        window.show()
        code = int(app.exec())
        if not logged_out:
            break
        login = LoginDialog(ctx)
        if login.exec() != QDialog.DialogCode.Accepted:
            break
    return code
