"""Login with lockout, and the idle lock that hides everything until the PIN is entered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.agents import MAX_FAILED, AgentInfo
from kiosk.ui.login import LoginDialog
from kiosk.ui.main_window import MainWindow
from tests.conftest import AGENT, PIN
from tests.support.keyboard import type_text
from tests.ui.driving import click, settle, show_active


def test_five_wrong_pins_lock_the_account(qtbot, ctx):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.user, AGENT)
    for attempt in range(1, MAX_FAILED + 1):
        type_text(qtbot, dialog.pin, "999999")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.button.isEnabled(), timeout=10000)
        if attempt < MAX_FAILED:
            assert f"还可尝试 {MAX_FAILED - attempt} 次" in dialog.message.text()
    assert "已锁定" in dialog.message.text()
    type_text(qtbot, dialog.pin, PIN)  # even the right PIN is refused while locked
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.button.isEnabled(), timeout=10000)
    assert "锁定" in dialog.message.text() and "分钟后再试" in dialog.message.text()
    assert dialog.agent is None and dialog.result() != LoginDialog.DialogCode.Accepted


def test_empty_fields_are_not_sent(qtbot, ctx):
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    click(qtbot, dialog.button)
    assert "请输入用户名和 PIN 码" in dialog.message.text()


def test_idle_lock_hides_the_work_until_the_same_user_unlocks(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    win.navigate("cases")
    win.open_statistics()  # an open dialog must not stay readable behind the lock
    dialog = win.statistics_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)

    win.idle.set_timeout(1000)  # the setting is in minutes; a second here
    # while the agent keeps working, nothing locks
    for _ in range(6):
        qtbot.keyClick(win.case_list.reference, Qt.Key.Key_A)
        qtbot.wait(300)
    assert not win.locked
    qtbot.waitUntil(lambda: win.locked, timeout=5000)
    assert win.lock_page.isVisible()
    assert not win.pages.isVisible() and not win.nav.isVisible(), "nothing behind is readable"
    assert not dialog.isVisible()
    assert win.lock_page.panel.user.text() == AGENT and win.lock_page.panel.user.isReadOnly()
    assert "自动锁定" in win.lock_page.panel.message.text()
    win.navigate("dashboard")  # shortcuts do nothing while locked
    assert win.lock_page.isVisible()

    panel = win.lock_page.panel
    type_text(qtbot, panel.pin, "111111")
    qtbot.keyClick(panel.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "不正确" in panel.message.text(), timeout=10000)
    assert win.locked
    type_text(qtbot, panel.pin, PIN)
    qtbot.keyClick(panel.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.locked, timeout=10000)
    assert win.pages.isVisible() and win.current_page() == "cases"
    assert dialog.isVisible(), "what was open comes back"
    assert panel.pin.text() == ""


def test_ctrl_l_locks_and_switch_user_logs_out(qtbot, ctx):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    qtbot.keyClick(
        QApplication.focusWidget() or win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
    )
    assert win.locked and win.lock_page.panel.message.text() == ""
    with qtbot.waitSignal(win.logged_out, timeout=5000):
        click(qtbot, win.lock_page.switch_button)
    settle(qtbot)
    assert not win.isVisible()


def test_login_shows_before_the_station_is_open_and_logs_in_when_it_is(qtbot, ctx, tmp_path):
    from kiosk.ui.startup import StationOpener

    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    assert "正在打开本站数据" in dialog.message.text()
    type_text(qtbot, dialog.user, AGENT)
    type_text(qtbot, dialog.pin, PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)  # typed faster than the station opened
    assert "打开后自动登录" in dialog.message.text() and dialog.agent is None
    opener = StationOpener(ctx.data_dir)
    opener.opened.connect(lambda station: dialog.set_context(station.ctx))
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        opener.start()
    assert dialog.agent == AgentInfo(AGENT, "agent")
    assert opener.result is not None and not opener.result.first_run
    opener.result.ctx.close()


def test_an_empty_data_dir_is_a_first_run(qtbot, tmp_path):
    from kiosk.context import open_context
    from kiosk.ui.startup import StationOpener

    open_context(tmp_path / "fresh", demo=True).close()  # secrets in a file: no keyring here
    opener = StationOpener(tmp_path / "fresh")
    with qtbot.waitSignal(opener.opened, timeout=15000):
        opener.start()
    assert opener.result.first_run
    opener.result.ctx.close()


def test_a_broken_station_is_reported_not_crashed(qtbot, tmp_path):
    from kiosk.ui.startup import StationOpener

    data = tmp_path / "broken"
    data.mkdir()
    (data / "settings.toml").write_text("this is = = not toml", "utf-8")
    opener = StationOpener(data)
    with qtbot.waitSignal(opener.failed, timeout=15000) as blocker:
        opener.start()
    assert "设置文件" in blocker.args[0].zh


def test_run_gui_logs_in_and_out(qtbot, ctx):
    """The real entry point: login while the station opens, the window, 退出登录, quit."""
    from PySide6.QtCore import QTimer

    from kiosk.ui.app import run_gui

    data_dir = ctx.data_dir
    ctx.close()
    seen: list[str] = []

    def drive() -> None:
        for w in QApplication.topLevelWidgets():
            if not w.isVisible():
                continue
            if isinstance(w, LoginDialog) and w.ctx is not None and not w.pin.text():
                seen.append("login")
                w.user.setText(AGENT)
                w.pin.setText(PIN)
                w.panel.try_login()
            elif isinstance(w, MainWindow):
                seen.append("window")
                if seen.count("window") == 1:
                    w.log_out()  # back to the login …
                else:
                    w.close()  # … and the second time, quit
                    return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert run_gui(data_dir) == 0
    assert seen.count("login") == 2 and "window" in seen


def test_the_running_app_holds_the_station_lock(qtbot, ctx):
    """While the app runs, ``kiosk restore`` cannot move the data from under it."""
    from PySide6.QtCore import QTimer

    from kiosk.core import station_lock
    from kiosk.ui.app import run_gui

    data_dir = ctx.data_dir
    ctx.close()
    seen: list[str] = []

    def drive() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, LoginDialog) and w.isVisible():
                try:
                    with station_lock.exclusive(data_dir):
                        seen.append("restored")
                except station_lock.StationInUse:
                    seen.append("refused")
                w.reject()
                return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert run_gui(data_dir) == 0
    assert seen == ["refused"]
    with station_lock.exclusive(data_dir):  # released when the app ends
        pass


def test_the_app_does_not_start_during_a_restore(qtbot, ctx, monkeypatch):
    from PySide6.QtCore import QTimer

    from kiosk.core import station_lock
    from kiosk.ui import app as app_module

    data_dir = ctx.data_dir
    ctx.close()
    shown: list[str] = []
    monkeypatch.setattr(
        app_module.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )

    def close_any_login() -> None:  # if it did start, do not hang the test
        for w in QApplication.topLevelWidgets():
            if isinstance(w, LoginDialog) and w.isVisible():
                w.reject()
        QTimer.singleShot(200, close_any_login)

    QTimer.singleShot(200, close_any_login)
    with station_lock.exclusive(data_dir):
        assert app_module.run_gui(data_dir) == 1
        assert app_module.run_gui(data_dir, kiosk_mode=True) == 1
    assert len(shown) == 2 and "请等完成后再启动" in shown[0]
