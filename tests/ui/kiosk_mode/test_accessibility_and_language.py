"""Every control named for screen readers and big enough for a finger; text large enough to
read at arm's length; English complete (no Chinese left but catalog data)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from kiosk.ui.app import install_translators
from kiosk.ui.kiosk_mode import words
from kiosk.ui.kiosk_mode.shell import KioskShell
from tests.ui.kiosk_mode.helpers import click, walk_screens

# Chinese characters (BMP and the supplementary ideographs) and CJK/full-width punctuation;
# U+3000 (ideographic space) is only a space and is allowed.
CJK = re.compile("[\u3001-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def interactive(shell: KioskShell):
    for widget in shell.findChildren(QAbstractButton) + shell.findChildren(QLineEdit):
        if widget.isVisible():
            yield widget


def reachable(widget) -> bool:
    """Tab reaches it; in an exclusive group (like radio buttons) Tab reaches the checked one
    and the arrow keys the others."""
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    members = group.buttons() if group is not None and group.exclusive() else [widget]
    return any(m.focusPolicy() & Qt.FocusPolicy.TabFocus for m in members)


LOOKS = [{}, {"scale": 150}, {"contrast": True}, {"scale": 150, "language": "en"}]


@pytest.mark.parametrize("look", LOOKS, ids=str)
def test_controls_are_named_reachable_and_large(qtbot, make_shell, case, technician, look):
    shell = make_shell()
    if look:
        shell.set_look(shell.look.with_(**look))
    try:
        check_screens(qtbot, shell, case)
    finally:
        install_translators(QApplication.instance(), "zh_CN")


def check_screens(qtbot, shell, case) -> None:
    for screen in walk_screens(qtbot, shell, case):
        problems = []
        for w in interactive(shell):
            where = f"{screen}: {type(w).__name__} {w.objectName()!r} {getattr(w, 'text', str)()!r}"
            if not w.accessibleName().strip():
                problems.append(f"{where} has no accessible name")
            if w.width() < 48 or w.height() < 48:
                problems.append(f"{where} is {w.width()}x{w.height()} px")
            if isinstance(w, QAbstractButton) and w.height() + 1 < w.sizeHint().height():
                problems.append(f"{where} squeezed to {w.height()} px, its words need more")
            if not reachable(w):
                problems.append(f"{where} cannot be reached with Tab")
        for text_widget in shell.findChildren(QLabel) + list(interactive(shell)):
            if text_widget.isVisible() and getattr(text_widget, "text", str)().strip():
                size = text_widget.font().pointSizeF()
                if size < 20 * shell.look.scale / 100 - 0.5:
                    problems.append(f"{screen}: {text_widget.objectName()!r} text is {size} pt")
        assert problems == [], "\n".join(problems)


def catalog_data(ctx) -> list[str]:
    """Every string in the catalog (names, guides, topics): data, shown as the catalog has it."""
    found: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    for item in ctx.catalog.items():
        collect(item.raw)
    return found


def untranslated(shell: KioskShell, allowed: list[str]) -> list[str]:
    texts = []
    for w in shell.findChildren(QLabel) + shell.findChildren(QAbstractButton):
        if w.isVisible() and not w.property("otherLanguage"):
            texts.append(w.text())
    for w in shell.findChildren(QLineEdit):
        if w.isVisible():
            texts.append(w.placeholderText())
    bad = []
    for text in texts:
        rest = text
        for data in sorted(allowed, key=len, reverse=True):
            rest = rest.replace(data, "")
        if CJK.search(rest):
            bad.append(text)
    return bad


@pytest.fixture
def english(ctx):
    app = QApplication.instance()
    ctx.settings.language = "en"
    install_translators(app, "en")
    yield
    install_translators(app, "zh_CN")


def test_english_is_complete_on_every_screen(qtbot, make_shell, case, technician, english, ctx):
    shell = make_shell()
    assert shell.home.tiles["guides"].text() == "Guides"
    case_view = ctx.public_lookup(case.case_no, case.query_code)
    allowed = [*catalog_data(ctx), case_view.item_name, case_view.applicant]
    allowed += [ctx.station().name, technician[0]]
    for screen in walk_screens(qtbot, shell, case):
        assert untranslated(shell, allowed) == [], screen


def test_language_switch_on_the_home_screen(qtbot, make_shell, ctx):
    shell = make_shell()
    assert shell.home.tiles["lookup"].text() == "查办件进度"
    try:
        click(qtbot, shell.home.language)
        assert shell.look.english and shell.home.tiles["lookup"].text() == "My case"
        assert shell.home.language.text() == "中文"
        shell.go("lookup")
        assert shell.lookup.find_button.text() == "Look up"
    finally:
        install_translators(QApplication.instance(), "zh_CN")


def test_terminal_words_match_the_core():
    assert words.core_tables_match()
