"""A resident looks up their own case with the receipt's number and query code, and rates it.
The case was filed, sent to a real hub on loopback, and accepted there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.core.masking import mask_name
from kiosk.ui.kiosk_mode.lookup import LookupGuard
from tests.support import pdf
from tests.ui.driving import settle
from tests.ui.kiosk_mode.helpers import click, type_on_keypad, visible_texts


def enter_case(qtbot, page, case_no: str, query_code: str) -> None:
    type_on_keypad(qtbot, page.keyboard, case_no)
    click(qtbot, page.next_button)
    type_on_keypad(qtbot, page.keyboard, query_code)
    click(qtbot, page.find_button)


def test_look_up_a_case_and_see_its_timeline(qtbot, make_shell, case, tmp_path):
    shell = make_shell()
    click(qtbot, shell.home.tiles["lookup"])
    page = shell.lookup
    enter_case(qtbot, page, case.case_no, case.query_code)
    qtbot.waitUntil(lambda: page.views.currentIndex() == 1, timeout=10000)
    assert page.summary.text().startswith("已受理，预计") and "前办结" in page.summary.text()
    steps = page.steps_text()
    assert [s.split("　", 1)[1] for s in steps] == [
        "代办点已收件，等待报送",
        "正在报送",
        "已报送到政务服务网，等待受理",
        "已受理",
    ]
    assert all("月" in s.split("　")[0] for s in steps)  # "11月22日 14:05"
    shown = visible_texts(shell)
    assert mask_name(case.name) in shown and case.name not in shown
    assert case.id_number not in shown and case.id_number[-4:] not in shown
    assert case.query_code not in shown, "the query code is not left on screen"
    # print the progress sheet: masked there too
    click(qtbot, page.print_button)
    qtbot.waitUntil(lambda: "已打印" in page.result_message.text(), timeout=15000)
    printed = "".join(pdf.text(tmp_path / "printed.pdf").split())
    assert case.case_no in printed and "已受理" in printed
    assert mask_name(case.name) in printed and case.name not in printed


def test_a_wrong_query_code_shows_nothing_about_the_case(qtbot, make_shell, case, ctx):
    shell = make_shell()
    shell.guard = LookupGuard(max_failures=3, pause=60)
    shell.go("lookup")
    page = shell.lookup
    wrong = ("X" if case.query_code[0] != "X" else "Y") + case.query_code[1:]
    enter_case(qtbot, page, case.case_no, wrong)
    qtbot.waitUntil(lambda: "没有查到" in page.message.text(), timeout=10000)
    assert page.views.currentIndex() == 0 and page.case is None
    shown = visible_texts(shell)
    for secret in ("养老", mask_name(case.name), "已受理", "受理", case.name):
        assert secret not in shown, secret
    assert page.query_code.text() == ""
    # guessing is slowed down: after 3 misses the terminal pauses lookups
    for _ in range(2):
        type_on_keypad(qtbot, page.keyboard, wrong)
        click(qtbot, page.find_button)
        qtbot.waitUntil(lambda: not page.working, timeout=10000)
    qtbot.waitUntil(lambda: "查询次数太多" in page.message.text(), timeout=5000)
    assert not page.find_button.isEnabled()
    page.query_code.setText(case.query_code)
    page.submit()
    assert page.case is None and not page.working


def scan(qtbot, shell, text: str) -> None:
    """A USB scanner in keyboard mode: it types into whatever has the focus, then Enter."""
    shell.activateWindow()
    target = QApplication.focusWidget() or shell
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def test_receipt_qr_from_a_usb_scanner_opens_the_case_from_any_screen(qtbot, make_shell, case):
    shell = make_shell()
    shell.go("search")
    assert QApplication.focusWidget() is shell.search.query
    scan(qtbot, shell, f"KIOSKCASE:{case.case_no}:{case.query_code}")
    qtbot.waitUntil(lambda: shell.current() is shell.lookup, timeout=5000)
    qtbot.waitUntil(lambda: shell.lookup.views.currentIndex() == 1, timeout=10000)
    assert shell.lookup.case.case_no == case.case_no
    assert shell.search.query.text() == "", "the scanned text did not stay in the search box"


def test_scanning_while_a_button_has_the_focus(qtbot, make_shell, case):
    """Keys a button ignores travel up through its parents: each is still read once."""
    shell = make_shell()
    shell.home.tiles["print"].setFocus()
    assert QApplication.focusWidget() is shell.home.tiles["print"]
    scan(qtbot, shell, f"KIOSKCASE:{case.case_no}:{case.query_code}")
    qtbot.waitUntil(lambda: shell.lookup.case is not None, timeout=10000)
    assert shell.lookup.case.case_no == case.case_no


def test_rate_a_case_once(qtbot, make_shell, case, ctx):
    shell = make_shell()
    click(qtbot, shell.home.tiles["evaluate"])
    enter_case(qtbot, shell.lookup, case.case_no, case.query_code)
    qtbot.waitUntil(lambda: shell.current() is shell.evaluate, timeout=10000)
    page = shell.evaluate
    qtbot.waitUntil(lambda: page.faces[4].isEnabled(), timeout=5000)
    assert [page.faces[lv].text() for lv in (5, 4, 3, 2, 1)] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]
    assert not page.submit_button.isEnabled()  # pick a face first
    click(qtbot, page.faces[4])
    click(qtbot, page.reasons["效率高"])
    click(qtbot, page.submit_button)
    qtbot.waitUntil(lambda: "谢谢您的评价" in page.message.text(), timeout=10000)
    rating = ctx.evaluations.for_application(case.app_id)
    assert rating.level == 4 and rating.reasons == ["效率高"] and rating.source == "kiosk"
    assert [e.id for e in ctx.evaluations.pending()] == [rating.id]  # waiting for the sync
    # the same case again: the first rating stands
    click(qtbot, page.home_button)
    qtbot.waitUntil(lambda: shell.current() is shell.home)
    shell.go("evaluate")
    enter_case(qtbot, shell.lookup, case.case_no, case.query_code)
    qtbot.waitUntil(lambda: shell.current() is shell.evaluate, timeout=10000)
    again = shell.evaluate
    qtbot.waitUntil(lambda: "已经评价过了" in again.message.text(), timeout=10000)
    assert "满意" in again.message.text() and again.faces[4].isChecked()
    assert not again.faces[1].isEnabled() and not again.submit_button.isVisible()
    assert ctx.evaluations.for_application(case.app_id).id == rating.id


def test_after_printing_the_progress_the_terminal_goes_straight_to_the_rating(
    qtbot, make_shell, case, ctx, tmp_path
):
    """一事一评 right after a transaction (issue 18): the slip comes out and the rating of
    that case is on screen, saying the slip is printed; once rated, a second print leaves
    the resident on the progress page."""
    shell = make_shell()
    click(qtbot, shell.home.tiles["lookup"])
    page = shell.lookup
    enter_case(qtbot, page, case.case_no, case.query_code)
    qtbot.waitUntil(lambda: page.views.currentIndex() == 1, timeout=10000)
    assert shell.current() is page, "looking a case up is not yet the end: no rating yet"
    click(qtbot, page.print_button)
    qtbot.waitUntil(lambda: shell.current() is shell.evaluate, timeout=15000)
    rate = shell.evaluate
    assert rate.done_line.isVisible() and rate.done_line.text() == "已打印，请在打印机出口取走。"
    assert rate.case.case_no == case.case_no and case.case_no in rate.case_line.text().replace(
        "\u200b", ""
    )
    assert case.case_no in "".join(pdf.text(tmp_path / "printed.pdf").split())
    qtbot.waitUntil(lambda: rate.faces[5].isEnabled(), timeout=5000)
    click(qtbot, rate.faces[5])
    click(qtbot, rate.submit_button)
    qtbot.waitUntil(lambda: "谢谢您的评价" in rate.message.text(), timeout=10000)
    assert ctx.evaluations.for_application(case.app_id).level == 5
    # back on the progress page, printed again: rated already, so it stays there
    click(qtbot, shell.back_button)
    qtbot.waitUntil(lambda: shell.current() is page)
    assert page.views.currentIndex() == 1
    (tmp_path / "printed.pdf").unlink()
    click(qtbot, page.print_button)
    qtbot.waitUntil(lambda: (tmp_path / "printed.pdf").exists(), timeout=15000)
    qtbot.waitUntil(lambda: "已打印" in page.result_message.text(), timeout=15000)
    settle(qtbot)  # the check for an earlier rating runs in a worker: its answer arrives
    assert shell.current() is page
    assert len(ctx.evaluations.pending()) == 1
