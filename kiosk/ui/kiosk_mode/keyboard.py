"""On-screen keyboard: pinyin letters and digits, so the terminal needs no system IME.

Keys type into the line edit that last had focus among the ones attached. Keys take focus
only by Tab (a tap leaves the cursor where it was), so the field being typed into stays
highlighted. Letters show in capitals (easier to read) and type lower case (pinyin).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.kiosk_mode.theme import MIN_TARGET_PX, Look, set_kind
from kiosk.ui.kiosk_mode.widgets import TouchButton
from kiosk.ui.page_stack import PageStack

FULL_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")  # digits: the 123 page
NUMERIC_ROWS = ("123", "456", "789")


class OnScreenKeyboard(QWidget):
    typed = Signal()  # after any key

    def __init__(
        self,
        look: Look,
        numeric: bool = False,
        parent: QWidget | None = None,
        digits_row: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self.setAccessibleName(self.tr("屏幕键盘"))
        self.look = look
        self._targets: list[QLineEdit] = []
        self._target: QLineEdit | None = None
        self._pages = PageStack(self)
        self.letters: dict[str, QPushButton] = {}
        self.digits: dict[str, QPushButton] = {}
        self.pad_digits: dict[str, QPushButton] = {}
        # codes mix letters and digits: the letter page has a digit row; the search
        # keyboard (pinyin) has four rows only, to leave room for the results
        self._with_digits = digits_row
        self._full = self._build_full()
        self._pad = self._build_numeric()
        self._pages.addWidget(self._full)
        self._pages.addWidget(self._pad)
        self._pages.setCurrentWidget(self._pad if numeric else self._full)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)

    # --- building ----------------------------------------------------------------------------
    def _key(
        self, text: str, name: str, action: Callable[[], None], kind: str = "key"
    ) -> TouchButton:
        size = max(MIN_TARGET_PX, self.look.px(50))  # a finger's size; grows less than text
        button = TouchButton(text, QSize(size, size))  # and never narrower than its words
        set_kind(button, kind)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(action)
        return button

    def _char_key(self, ch: str, store: dict[str, QPushButton]) -> QPushButton:
        button = self._key(ch.upper(), ch.upper(), lambda: self.press(ch))
        button.setObjectName(f"key_{ch}_{'pad' if store is self.digits else 'full'}")
        store.setdefault(ch, button)
        return button

    def _build_full(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setSpacing(self.look.px(8))
        grid.setContentsMargins(0, 0, 0, 0)
        top = 1 if self._with_digits else 0
        if self._with_digits:
            for col, ch in enumerate("1234567890"):
                grid.addWidget(self._char_key(ch, self.digits), 0, col * 2, 1, 2)
        for row, chars in enumerate(FULL_ROWS):
            for col, ch in enumerate(chars):
                button = self._char_key(ch, self.letters)
                # stagger the letter rows a little, like a real keyboard
                grid.addWidget(button, top + row, col * 2 + row, 1, 2)
        self.back_full = self._key(self.tr("⌫ 删除"), self.tr("删除一个字"), self.backspace)
        grid.addWidget(self.back_full, top + 2, 16, 1, 4)
        self.space = self._key(self.tr("空格"), self.tr("空格"), lambda: self.press(" "))
        grid.addWidget(self.space, top + 3, 2, 1, 10)
        self.clear_full = self._key(self.tr("全部清除"), self.tr("全部清除"), self.clear)
        grid.addWidget(self.clear_full, top + 3, 12, 1, 4)
        self.to_digits = self._key(self.tr("123"), self.tr("切换到数字键盘"), self.show_numeric)
        grid.addWidget(self.to_digits, top + 3, 16, 1, 4)
        return page

    def _build_numeric(self) -> QWidget:
        """1–9 in three rows, 0 under them; 删除 / 清空 / ABC down the right: four rows."""
        page = QWidget()
        grid = QGridLayout(page)
        grid.setSpacing(self.look.px(10))
        grid.setContentsMargins(0, 0, 0, 0)
        for row, chars in enumerate(NUMERIC_ROWS):
            for col, ch in enumerate(chars):
                grid.addWidget(self._pad_key(ch), row, col)
        grid.addWidget(self._pad_key("0"), 3, 0, 1, 3)
        self.back_pad = self._key(self.tr("删除"), self.tr("删除一个字"), self.backspace)
        grid.addWidget(self.back_pad, 0, 3)
        self.clear_pad = self._key(self.tr("清空"), self.tr("全部清除"), self.clear)
        grid.addWidget(self.clear_pad, 1, 3)
        self.to_letters = self._key(self.tr("ABC"), self.tr("切换到字母键盘"), self.show_full)
        grid.addWidget(self.to_letters, 2, 3, 2, 1)
        self.to_letters.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return page

    def _pad_key(self, ch: str) -> QPushButton:
        button = self._key(ch, ch, lambda: self.press(ch))
        button.setObjectName(f"key_{ch}_pad")
        # wide enough for a thumb; at 特大 not so wide that the page beside it is squeezed
        button.least = QSize(max(80, self.look.px(60)), button.least.height())
        self.pad_digits[ch] = button
        return button

    # --- targets -----------------------------------------------------------------------------
    def attach(self, edit: QLineEdit, numeric: bool | None = None) -> None:
        """Let the keys type into ``edit`` (the first attached is the default target);
        ``numeric``: the page shown while ``edit`` is the target (None: leave it)."""
        self._targets.append(edit)
        edit.installEventFilter(self)
        if numeric is not None:
            edit.setProperty("keyboardNumeric", numeric)
        if self._target is None:
            self._target = edit

    def _follow(self, edit: QLineEdit) -> None:
        numeric = edit.property("keyboardNumeric")
        if numeric is not None:
            self._pages.setCurrentWidget(self._pad if numeric else self._full)

    def set_target(self, edit: QLineEdit) -> None:
        self._target = edit
        self._follow(edit)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def target(self) -> QLineEdit | None:
        return self._target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self._targets:
            self._target = watched
            self._follow(watched)
        return False

    # --- keys --------------------------------------------------------------------------------
    def key(self, ch: str) -> QPushButton:
        """The visible key for ``ch`` (tests and the screen-reader walk use this)."""
        if self._pages.currentWidget() is self._full and ch in self.letters | self.digits:
            return (self.letters | self.digits)[ch]
        return self.pad_digits.get(ch) or self.letters[ch]

    def show_numeric(self) -> None:
        self._pages.setCurrentWidget(self._pad)

    def show_full(self) -> None:
        self._pages.setCurrentWidget(self._full)

    @property
    def numeric(self) -> bool:
        return self._pages.currentWidget() is self._pad

    def press(self, text: str) -> None:
        if self._target is not None:
            self._target.insert(text)
            self._target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.typed.emit()

    def backspace(self) -> None:
        if self._target is not None:
            self._target.backspace()
            self._target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.typed.emit()

    def clear(self) -> None:
        if self._target is not None:
            self._target.clear()
            self._target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.typed.emit()
