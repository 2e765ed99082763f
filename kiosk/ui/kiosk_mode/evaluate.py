"""好差评 at the terminal: five faces with words, optional quick reasons, once per case.

The rating is stored by EvaluationService (source "kiosk"); the sync engine uploads it.
A case already rated says so and shows the earlier rating instead of taking a second one.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.evaluations import RATEABLE, EvaluationView
from kiosk.core.public_lookup import PublicCase
from kiosk.ui.kiosk_mode.icons import face
from kiosk.ui.kiosk_mode.theme import Look, set_kind
from kiosk.ui.kiosk_mode.widgets import TileGrid, button, label, scroller, tile
from kiosk.ui.kiosk_mode.words import (
    LEVEL_WORDS,
    REASON_WORDS,
    breakable,
    status_words,
    word,
)
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)

ACTOR = "居民（自助终端）"  # the audit trail's actor: residents are not identified here


class EvaluatePage(QWidget):
    done = Signal()

    def __init__(self, ctx: AppContext, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evaluatePage")
        self.ctx = ctx
        self.look = look
        self.case: PublicCase | None = None
        self.level: int | None = None
        self.saving = False

        self.done_line = label("", "ok", "rateAfter")
        self.done_line.hide()
        self.item_name = label("", "heading", "rateItem")
        self.case_line = label("", "body", "rateCaseLine")
        self.question = label(
            self.tr("您对这次办事满意吗？请点一个表情。"), "heading", "rateQuestion"
        )
        self.faces: dict[int, QToolButton] = {}
        # five in a row where they fit, else 3 + 2 (1024 px at 特大), 2 + 2 + 1 …: never cut
        faces = TileGrid(5, look.px(12))
        group = QButtonGroup(self)
        group.setExclusive(True)
        size = min(look.px(110), 120)  # the words under the faces grow, the faces less
        for level, text in LEVEL_WORDS.items():
            b = tile(word(text), f"face{level}", face(level, size), "face")
            b.setIcon(QIcon(face(level, size)))
            b.setIconSize(QSize(size, size))
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, lv=level: self.choose(lv))
            group.addButton(b)
            self.faces[level] = b
        faces.set_tiles(list(self.faces.values()))
        self.reasons_label = label(
            self.tr("可以再点几个原因（不点也可以）："), "heading", "reasonsLabel"
        )
        self.reasons: dict[str, QPushButton] = {}
        grid = TileGrid(4, look.px(14))
        for i, reason in enumerate(REASON_WORDS):
            choice = button(word(reason), f"reason{i}", "choice")
            choice.setCheckable(True)
            self.reasons[reason] = choice
        grid.set_tiles(list(self.reasons.values()))
        self.submit_button = button(self.tr("提交评价"), "submitRating", "primary")
        self.submit_button.setMinimumHeight(96)
        self.submit_button.setEnabled(False)
        self.submit_button.clicked.connect(self.submit)
        self.message = label("", "hint", "rateMessage")
        self.home_button = button(self.tr("回到首页"), "rateDoneHome", "nav")
        self.home_button.clicked.connect(self.done.emit)
        self.home_button.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.submit_button, 1)
        bottom.addWidget(self.home_button)
        for b in self.faces.values():  # faces keep their words; the page scrolls instead
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        questions = QVBoxLayout()
        questions.setContentsMargins(0, 0, 0, 0)
        questions.setSpacing(look.px(12))
        questions.addWidget(self.done_line)
        questions.addWidget(self.item_name)
        questions.addWidget(self.case_line)
        questions.addWidget(self.question)
        questions.addWidget(faces)
        questions.addWidget(self.reasons_label)
        questions.addWidget(grid)
        questions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(look.px(40), look.px(12), look.px(40), look.px(16))
        layout.setSpacing(look.px(12))
        layout.addWidget(scroller(questions, "rateScroll"), 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)  # 提交评价 always on screen, never scrolled away

    def show_case(self, case: PublicCase, done: str = "") -> None:
        self.case = case
        self.level = None
        self.item_name.setText(case.item_name)
        self.case_line.setText(
            self.tr("办件编号：{0}　{1}").format(breakable(case.case_no), status_words(case.status))
        )
        for b in [*self.faces.values(), *self.reasons.values()]:
            b.setChecked(False)
        self.done_line.setText(done)  # e.g. 已打印…: straight here after a transaction
        self.done_line.setVisible(bool(done))
        self.message.setText("")
        self.home_button.hide()
        if case.status not in RATEABLE:
            self._closed(self.tr("这件事还没有报送到政务服务网，暂时不能评价。"))
            return
        self._open(True)
        ctx = self.ctx
        run_task(
            lambda: ctx.evaluations.for_application(case.application_id),
            on_done=self._existing,
            on_error=self._failed,
        )

    def _open(self, on: bool) -> None:
        for b in [*self.faces.values(), *self.reasons.values()]:
            b.setEnabled(on)
        self.submit_button.setEnabled(on and self.level is not None)

    def _closed(self, text: str, kind: str = "hint") -> None:
        self._open(False)
        self.submit_button.hide()
        self.home_button.show()
        self.message.setText(text)
        set_kind(self.message, kind)

    def _existing(self, view: EvaluationView | None) -> None:
        if view is not None:
            self.faces[view.level].setChecked(True)
            for reason in view.reasons:
                if reason in self.reasons:
                    self.reasons[reason].setChecked(True)
            self._closed(
                self.tr("这件事已经评价过了（{0}）。每件事只能评价一次，谢谢您！").format(
                    word(LEVEL_WORDS[view.level])
                )
            )
        else:
            self.submit_button.show()

    def choose(self, level: int) -> None:
        self.level = level
        self.submit_button.setEnabled(not self.saving)

    def chosen_reasons(self) -> list[str]:
        return [r for r, b in self.reasons.items() if b.isChecked()]

    def submit(self) -> None:
        if self.case is None or self.level is None or self.saving:
            return
        self.saving = True
        self.submit_button.setEnabled(False)
        app_id, level, reasons = self.case.application_id, self.level, self.chosen_reasons()

        ctx = self.ctx

        def job() -> tuple[bool, EvaluationView]:
            before = ctx.evaluations.for_application(app_id)
            view = ctx.evaluations.record(app_id, level, reasons, "", "kiosk", ACTOR)
            return before is None, view

        run_task(job, on_done=self._saved, on_error=self._failed)

    def _saved(self, result: tuple[bool, EvaluationView]) -> None:
        self.saving = False
        new, view = result
        if new:
            self._closed(
                self.tr("谢谢您的评价！您的意见会报送到政务服务网，帮助我们改进服务。"), "ok"
            )
        else:
            self._existing(view)

    def _failed(self, exc: Exception) -> None:
        log.warning("rating failed: %s", exc)
        self.saving = False
        self._closed(self.tr("暂时不能评价，请稍后再试，或找村代办员帮忙。"), "error")
