"""Start the desktop app: Qt application, language, theme, error hook, login, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from kiosk.context import AppContext, open_context
from kiosk.core.card_reader import CardReader
from kiosk.paths import assets_dir
from kiosk.ui.errors import install_excepthook, user_message

log = logging.getLogger(__name__)
_keep: list[object] = []


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
        app.setApplicationName("village-kiosk")
        app.setApplicationDisplayName("村级代办 Kiosk")
    assert isinstance(app, QApplication)
    return app


def apply_look(app: QApplication, language: str = "zh_CN") -> None:
    """Shipped CJK font (so Chinese renders even on a bare system), theme and translations."""
    font_id = QFontDatabase.addApplicationFont(str(assets_dir() / "fonts" / "wqy-microhei.ttc"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    qss = assets_dir() / "theme" / "kiosk.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text("utf-8"))
    install_translators(app, language)


def install_translators(app: QApplication, language: str) -> None:
    """Source strings are Simplified Chinese; other languages load ``kiosk_<lang>.qm``."""
    for old in [t for t in _keep if isinstance(t, QTranslator)]:
        app.removeTranslator(old)
        _keep.remove(old)
    if language.startswith("zh"):
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _keep.append(qt)
        return
    ours = QTranslator(app)
    if ours.load(str(assets_dir() / "translations" / f"kiosk_{language}.qm")):
        app.installTranslator(ours)
        _keep.append(ours)
    else:
        log.warning("no translation for %s; showing Chinese", language)


def first_run(ctx: AppContext) -> bool:
    """No user accounts yet: the technician's setup wizard comes before any login."""
    return not ctx.agents.list()


def run_gui(data_dir: Path, demo: bool = False) -> int:
    app = ensure_app()
    install_excepthook()
    hint = ""
    reader: CardReader | None = None
    try:
        ctx: AppContext = open_context(data_dir, demo=demo)
    except Exception as exc:
        apply_look(app)
        log.exception("cannot open station data in %s", data_dir)
        QMessageBox.critical(None, app.translate("app", "无法启动"), user_message(exc))
        return 1
    apply_look(app, ctx.settings.language)
    if demo:
        from kiosk.demo import (
            DEMO_AGENT,
            DEMO_PIN,
            DemoBackOffice,
            attach_demo_hub,
            demo_card_reader,
        )

        hub = attach_demo_hub(ctx)
        back_office = DemoBackOffice(hub).start()
        _keep.extend([hub, back_office])
        hint = app.translate("app", "演示账号：{0}　PIN：{1}").format(DEMO_AGENT, DEMO_PIN)
        reader = demo_card_reader()
    from kiosk.ui.login import LoginDialog
    from kiosk.ui.main_window import MainWindow

    if first_run(ctx):
        from kiosk.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(ctx)
        wizard.exec()
        if first_run(ctx):
            ctx.close()
            return 0  # closed before any account existed: nothing to log in to
    code = 0
    user = "demo" if demo else ""
    while True:
        login = LoginDialog(ctx, hint)
        login.user.setText(user)
        if login.exec() != QDialog.DialogCode.Accepted or login.agent is None:
            break
        window = MainWindow(ctx, login.agent, card_reader=reader)
        logged_out: list[bool] = []
        window.logged_out.connect(lambda: logged_out.append(True))
        window.show()
        code = int(app.exec())
        if not logged_out:
            break
        user = ""
    ctx.close()
    return code
