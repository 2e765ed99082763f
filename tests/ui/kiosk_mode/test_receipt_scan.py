"""The receipt's signed QR code at the terminal: printed on the receipt, scanned (a burst of
keys ending in Enter) it opens the case's progress; forged or foreign codes are refused in
plain words; the same characters typed at a person's pace are just typing."""

from __future__ import annotations

import subprocess

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.devices.receipt_code import make_code
from kiosk.print.layout import Layout
from tests.support.pdf import need, qr_codes


def scan(qtbot, shell, text: str) -> None:
    """A USB scanner in keyboard mode: it types into whatever has the focus, then Enter."""
    shell.activateWindow()
    target = QApplication.focusWidget() or shell
    qtbot.keyClicks(target, text)  # QTest stamps every key at 0 ms: one burst
    qtbot.keyClick(target, Qt.Key.Key_Return)


def type_slowly(shell, text: str, gap_ms: int = 150) -> None:
    """A person typing the same characters (real timestamps, a key every ``gap_ms``)."""
    at = 10_000
    for ch in [*text, "\r"]:
        target = QApplication.focusWidget() or shell
        key = Qt.Key.Key_Return if ch == "\r" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(at)
            QApplication.sendEvent(target, event)
        at += gap_ms


def test_the_printed_receipt_carries_the_signed_code(ctx, case, tmp_path):
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(ctx.printing.receipt(case.app_id, Layout.ROLL_80))
    subprocess.run(
        [need("pdftoppm"), "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "r")],
        check=True,
    )
    (code,) = qr_codes(tmp_path / "r.png")
    assert code.startswith("KQ1:")
    read = ctx.receipt_codes().read(code)
    assert (read.reference, read.query_code) == (case.case_no, case.query_code)


def test_scanning_the_receipt_opens_its_progress(qtbot, make_shell, case, ctx):
    shell = make_shell()
    shell.go("search")
    scan(qtbot, shell, ctx.receipt_codes().make(case.case_no, case.query_code))
    qtbot.waitUntil(lambda: shell.current() is shell.lookup, timeout=5000)
    qtbot.waitUntil(lambda: shell.lookup.views.currentIndex() == 1, timeout=10000)
    assert shell.lookup.case.case_no == case.case_no
    assert shell.search.query.text() == "", "the scanned text did not stay in the search box"


def test_a_forged_code_is_refused_plainly(qtbot, make_shell, case, ctx):
    shell = make_shell()
    code = ctx.receipt_codes().make(case.case_no, case.query_code)
    forged = code.replace(f":{case.query_code}:", ":000000:")
    scan(qtbot, shell, forged)
    qtbot.waitUntil(lambda: "无法识别" in shell.lookup.message.text(), timeout=10000)
    assert shell.current() is shell.lookup and shell.lookup.case is None


def test_another_stations_code_is_refused_plainly(qtbot, make_shell, case):
    shell = make_shell()
    other = make_code(Ed25519PrivateKey.generate(), "330106109299", case.case_no, "1")
    scan(qtbot, shell, other)
    qtbot.waitUntil(lambda: "其他代办点" in shell.lookup.message.text(), timeout=10000)


def test_typing_a_code_by_hand_is_not_a_scan(qtbot, make_shell, case, ctx):
    shell = make_shell()
    shell.go("search")
    shell.search.query.setFocus()
    code = ctx.receipt_codes().make(case.case_no, case.query_code)
    type_slowly(shell, code[:30])
    QApplication.processEvents()  # a scan would be handled in a queued call
    assert shell.current() is shell.search
    assert shell.search.query.text() == code[:30]
