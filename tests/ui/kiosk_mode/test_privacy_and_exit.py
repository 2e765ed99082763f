"""Privacy reset on idle, and the locked-down shell that only a technician can leave."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.ui.kiosk_mode.shell import CORNER_PX, KioskShell
from tests.ui.kiosk_mode.helpers import click, type_on_keypad, visible_texts

FAST_IDLE = {"idle_seconds": 0.3, "countdown_seconds": 3, "tick_ms": 100}


def test_idle_timeout_counts_down_then_wipes_everything(qtbot, make_shell):
    shell = make_shell(**FAST_IDLE)
    click(qtbot, shell.home.size_buttons[150])
    qtbot.waitUntil(lambda: shell.look.scale == 150 and shell.home.size_buttons[150].isChecked())
    shell.go("lookup")
    page = shell.lookup
    type_on_keypad(qtbot, page.keyboard, "330106")
    assert page.case_no.text() == "330106"
    qtbot.waitUntil(lambda: shell.overlay.isVisible(), timeout=5000)
    assert "秒后将清除" in shell.overlay.message.text()
    qtbot.waitUntil(lambda: shell.current() is shell.home, timeout=5000)
    assert not shell.overlay.isVisible()
    assert shell.look == shell.default_look  # text size back to normal for the next person
    shell.go("lookup")
    assert shell.lookup is not page and shell.lookup.case_no.text() == ""


def test_a_touch_during_the_countdown_keeps_the_page(qtbot, make_shell):
    shell = make_shell(idle_seconds=0.3, countdown_seconds=50, tick_ms=100)
    shell.go("search")
    type_on_keypad(qtbot, shell.search.keyboard, "yl")
    qtbot.waitUntil(lambda: shell.overlay.isVisible(), timeout=5000)
    click(qtbot, shell.overlay.stay)
    assert not shell.overlay.isVisible()
    assert shell.current() is shell.search and shell.search.query.text() == "yl"


def test_home_screen_untouched_is_left_alone(qtbot, make_shell):
    shell = make_shell(**FAST_IDLE)
    home = shell.home
    QTest.qWait(1200)
    assert not shell.overlay.isVisible() and shell.home is home  # nothing to wipe


def tap_corner(qtbot, shell: KioskShell, times: int) -> None:
    for _ in range(times):
        qtbot.mouseClick(shell, Qt.MouseButton.LeftButton, pos=QPoint(shell.width() - 30, 30))


def test_exit_needs_a_technician_pin(qtbot, make_shell, technician, ctx):
    name, pin = technician
    shell = make_shell()
    exits = []
    shell.exited.connect(lambda: exits.append(True))
    # no way out by closing, Escape or Alt+F4
    shell.close()
    qtbot.keyClick(shell, Qt.Key.Key_Escape)
    qtbot.keyClick(shell, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    QTest.qWait(50)
    assert shell.isVisible() and not exits
    # four taps in the corner and one elsewhere do not open the technician page
    tap_corner(qtbot, shell, 4)
    qtbot.mouseClick(shell, Qt.MouseButton.LeftButton, pos=QPoint(shell.width() // 2, 500))
    tap_corner(qtbot, shell, 1)
    assert shell.current() is shell.home
    tap_corner(qtbot, shell, 4)
    page = shell.technician
    assert shell.current() is page
    qtbot.waitUntil(lambda: page.technicians == 1 and page.exit_button.isEnabled(), timeout=5000)
    assert name not in visible_texts(page)  # no account names for whoever finds the page
    type_on_keypad(qtbot, page.keyboard, "000000")
    click(qtbot, page.exit_button)
    qtbot.waitUntil(lambda: "PIN" in page.message.text() and not page.checking, timeout=10000)
    assert shell.isVisible() and not exits and page.pin.text() == ""
    type_on_keypad(qtbot, page.keyboard, pin)
    click(qtbot, page.exit_button)
    qtbot.waitUntil(lambda: bool(exits), timeout=10000)
    assert not shell.isVisible()


def test_no_technician_account_no_way_out(qtbot, make_shell, ctx):
    shell = make_shell()
    tap_corner(qtbot, shell, 5)
    page = shell.technician
    qtbot.waitUntil(lambda: "没有技术员账号" in page.message.text(), timeout=5000)
    assert not page.exit_button.isEnabled()
    assert "kiosk agent" not in page.message.text()  # no command line for a technician


def test_an_agent_pin_does_not_unlock(qtbot, make_shell, ctx, technician):
    from tests.conftest import AGENT, PIN

    shell = make_shell()
    tap_corner(qtbot, shell, 5)
    page = shell.technician
    qtbot.waitUntil(page.exit_button.isEnabled, timeout=5000)
    assert AGENT not in visible_texts(page)
    # a correct agent PIN is not enough: only technician accounts are tried
    type_on_keypad(qtbot, page.keyboard, PIN)
    click(qtbot, page.exit_button)
    qtbot.waitUntil(lambda: "PIN" in page.message.text() and not page.checking, timeout=10000)
    assert shell.isVisible()


def test_cancel_returns_home(qtbot, make_shell, technician):
    shell = make_shell()
    shell.open_technician()
    click(qtbot, shell.technician.cancel_button)
    qtbot.waitUntil(lambda: shell.current() is shell.home)
    assert CORNER_PX >= 48
