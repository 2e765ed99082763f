"""Progress lookup: case number + query code (typed, or the receipt's QR from a USB scanner).

Shows only that case: its progress in plain words and the resident's masked name. A wrong
query code shows that nothing was found and nothing else. Repeated failures pause lookups for
a minute, so the terminal cannot be used to guess query codes.

ID cards: when the agent workspace's pluggable ``CardReader`` exists, a card read should call
:meth:`LookupPage.show_case` with the case(s) found for that ID number (a core lookup by blind
index is needed for that; the terminal never shows an ID number itself).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import time

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.evaluations import RATEABLE
from kiosk.core.lookup_guard import LookupPaused
from kiosk.core.public_lookup import PublicCase, parse_scanned
from kiosk.core.status import AppStatus
from kiosk.ui.kiosk_mode.keyboard import OnScreenKeyboard
from kiosk.ui.kiosk_mode.printing import PrinterFactory, print_slip
from kiosk.ui.kiosk_mode.theme import Look, set_kind
from kiosk.ui.kiosk_mode.widgets import (
    TileGrid,
    button,
    clear_layout,
    entry,
    label,
    panel,
    scroller,
)
from kiosk.ui.kiosk_mode.words import breakable, status_of_words, status_words, word
from kiosk.ui.page_stack import PageStack
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)

MAX_FAILURES = 5
PAUSE_SECONDS = 60


class LookupGuard:
    """Counts failed lookups across screen resets (the terminal's, not a person's)."""

    def __init__(self, max_failures: int = MAX_FAILURES, pause: float = PAUSE_SECONDS) -> None:
        self.max_failures = max_failures
        self.pause = pause
        self.failures = 0
        self.paused_until = 0.0

    def seconds_left(self) -> int:
        return max(0, int(self.paused_until - time.monotonic() + 0.999))

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= self.max_failures:
            self.failures = 0
            self.paused_until = time.monotonic() + self.pause

    def succeeded(self) -> None:
        self.failures = 0

    def pause_for(self, seconds: int) -> None:
        """The station's stored guard (kiosk/core/lookup_guard.py) says: paused."""
        self.paused_until = max(self.paused_until, time.monotonic() + seconds)


class LookupPage(QWidget):
    evaluate = Signal(object)  # PublicCase
    rate_now = Signal(object, str)  # PublicCase, what was just done (after a transaction)
    busy_changed = Signal(bool)

    def __init__(
        self,
        ctx: AppContext,
        look: Look,
        guard: LookupGuard,
        printer_factory: PrinterFactory,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lookupPage")
        self.ctx = ctx
        self.look = look
        self.guard = guard
        self.printer_factory = printer_factory
        self.case: PublicCase | None = None
        self.then_evaluate = False
        self.working = False

        form = self._build_form(look)
        result = self._build_result(look)
        self.views = PageStack()
        self.views.addWidget(form)
        self.views.addWidget(result)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(look.px(24), look.px(8), look.px(24), look.px(8))
        layout.addWidget(self.views)
        self._pause_timer = QTimer(self)
        self._pause_timer.setInterval(1000)
        self._pause_timer.timeout.connect(self._pause_tick)

    def _build_form(self, look: Look) -> QWidget:
        """The case number and query code, 下一项/查询 and the keyboard under them."""
        self.intro = label(
            self.tr("请输入回执上的办件编号和查询码，或把回执上的二维码对准扫码器扫一下。"),
            "hint",
            "lookupIntro",
        )
        self.case_label = label(self.tr("办件编号"), "body", "caseNoLabel")
        self.case_no = entry("caseNo", self.tr("办件编号"), self.tr("回执上的办件编号"))
        self.code_label = label(self.tr("查询码"), "body", "queryCodeLabel")
        self.query_code = entry("queryCode", self.tr("查询码"), self.tr("回执上的查询码"))
        self.case_label.setBuddy(self.case_no)
        self.code_label.setBuddy(self.query_code)
        self.find_button = button(self.tr("查询"), "lookupButton", "primary")
        self.find_button.clicked.connect(self.submit)
        self.case_no.returnPressed.connect(self._next_field)
        self.query_code.returnPressed.connect(self.submit)
        self.message = label("", "error", "lookupMessage")
        # case numbers (with an item's 实施编码) and new query codes both hold letters
        self.keyboard = OnScreenKeyboard(look, numeric=False)
        self.keyboard.attach(self.case_no, numeric=False)
        self.keyboard.attach(self.query_code, numeric=False)
        self.next_button = button(self.tr("下一项"), "nextField", "nav")
        self.next_button.clicked.connect(self._next_field)
        # The keyboard lies under the fields across the page's width (beside them it is too
        # wide for 1024 px and for the larger text sizes): each field on its own row with
        # its name before it, 下一项 / 查询 after the query code, the words above them scroll
        # (tests/ui/test_screen_fit.py checks every text size on 1024×768).
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.message)  # what went wrong, above the explanation
        words.addWidget(self.intro)
        words.addStretch(1)
        self.message.hide()
        self.words = scroller(words, "lookupWords")
        self.words.setMinimumHeight(look.px(34))  # a line of words; scrolls for the rest
        # what is left over, not what the words would like: inside the form's own scroll
        # area a preferred height would push the keyboard's last row below the screen
        self.words.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        fields = QGridLayout()
        fields.setContentsMargins(0, 0, 0, 0)
        fields.setHorizontalSpacing(look.px(12))
        fields.setVerticalSpacing(look.px(8))
        align = Qt.AlignmentFlag.AlignVCenter
        fields.addWidget(self.case_label, 0, 0, align)
        fields.addWidget(self.case_no, 0, 1, 1, 3)
        fields.addWidget(self.code_label, 1, 0, align)
        fields.addWidget(self.query_code, 1, 1)
        fields.addWidget(self.next_button, 1, 2)
        fields.addWidget(self.find_button, 1, 3)
        fields.setColumnStretch(1, 1)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(look.px(6))
        column.addWidget(self.words, 1)
        column.addLayout(fields)  # the fields, 下一项 and 查询: on screen without scrolling
        column.addWidget(self.keyboard)
        # all of it scrolls only where the screen is too short for it (a 1366×768 panel
        # at 125 % OS scaling): the keyboard's last row is then a drag away, never cut off
        form = scroller(column, "lookupForm")
        return form

    def _build_result(self, look: Look) -> QWidget:
        """What was found: the case, its timeline and what can be done next."""
        self.item_name = label("", "title", "caseItem")
        self.applicant = label("", "body", "caseApplicant")
        self.case_number = label("", "body", "caseNumber")
        self.summary = label("", "summary", "caseSummary")
        self.delivery = label("", "body", "caseDelivery")  # 已寄出: carrier and number
        self.group_words = label("", "body", "caseGroup")  # 一件事: every item, in words
        self.timeline_area = QWidget()
        self.timeline = QGridLayout(self.timeline_area)
        self.timeline.setHorizontalSpacing(look.px(30))
        self.timeline.setVerticalSpacing(look.px(10))
        self.timeline_heading = label(self.tr("办理经过"), "heading", "timelineHeading")
        self.rate_button = button(self.tr("评价这件事"), "rateCase", "primary")
        self.rate_button.clicked.connect(self.rate)
        self.print_button = button(self.tr("打印进度"), "printProgress", "nav")
        self.print_button.clicked.connect(self.print_progress)
        self.again_button = button(self.tr("查另一件"), "lookupAgain", "nav")
        self.again_button.clicked.connect(self.clear)
        self.result_message = label("", "hint", "resultMessage")
        info = QVBoxLayout()
        info.addWidget(self.item_name)
        info.addWidget(self.applicant)
        info.addWidget(self.case_number)
        info.addWidget(self.summary)
        info.addWidget(self.delivery)
        info.addWidget(self.group_words)
        info_panel = panel(info, "caseInfo")
        actions = TileGrid(3, look.px(16))  # a second row on a narrow screen, words never cut
        actions.set_tiles([self.rate_button, self.print_button, self.again_button])
        result = QWidget()
        story = QVBoxLayout()
        story.setContentsMargins(0, 0, 0, 0)
        story.setSpacing(look.px(12))
        story.addWidget(info_panel)
        story.addWidget(self.timeline_heading)
        story.addWidget(self.timeline_area)
        story.addStretch(1)
        result_layout = QVBoxLayout(result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.setSpacing(look.px(12))
        result_layout.addWidget(scroller(story, "timelineScroll"), 1)
        result_layout.addWidget(actions)  # 评价这件事 / 打印进度 / 查另一件: always on screen
        result_layout.addWidget(self.result_message)
        return result

    # --- input -------------------------------------------------------------------------------
    def start(self, then_evaluate: bool = False) -> None:
        self.then_evaluate = then_evaluate
        self.intro.setText(
            self.tr("要评价哪件事？请先输入回执上的办件编号和查询码，或扫一下回执上的二维码。")
            if then_evaluate
            else self.tr("请输入回执上的办件编号和查询码，或把回执上的二维码对准扫码器扫一下。")
        )
        if self.views.currentIndex() == 0:
            self.keyboard.set_target(self.case_no)
        self._pause_tick()

    def _next_field(self) -> None:
        if self._split_scanned():
            self.submit()
            return
        target = self.query_code if self.keyboard.target is self.case_no else self.case_no
        self.keyboard.set_target(target)

    def _split_scanned(self) -> bool:
        """A scanner typed ``KIOSKCASE:<case_no>:<query_code>`` into a field: use it."""
        for edit in (self.case_no, self.query_code):
            parsed = parse_scanned(edit.text())
            if parsed:
                self.fill(*parsed)
                return True
        return False

    def fill(self, case_no: str, query_code: str) -> None:
        self.clear()  # nothing of an earlier case stays behind
        self.case_no.setText(case_no)
        self.query_code.setText(query_code)

    def refuse(self, words: str) -> None:
        """A scanned code was refused: the words say why and what to type instead."""
        self.clear()
        self._say("error", words)

    def clear(self) -> None:
        self.case = None
        self.case_no.clear()
        self.query_code.clear()
        self._say("", "")
        self.result_message.setText("")
        self._clear_timeline()
        self.views.setCurrentIndex(0)
        self.keyboard.set_target(self.case_no)

    def _say(self, kind: str, words: str) -> None:
        """Words above the fields (shown only when there are some), scrolled into view."""
        if kind:
            set_kind(self.message, kind)
        self.message.setText(words)
        self.message.setVisible(bool(words))
        self.words.verticalScrollBar().setValue(0)

    def _clear_timeline(self) -> None:
        clear_layout(self.timeline)

    # --- lookup ------------------------------------------------------------------------------
    def submit(self) -> None:
        self._split_scanned()
        if self.working or self.guard.seconds_left():
            self._pause_tick()
            return
        case_no, code = self.case_no.text().strip(), self.query_code.text().strip()
        if not case_no or not code:
            self._say("error", self.tr("请把办件编号和查询码都填上。"))
            self.keyboard.set_target(self.query_code if case_no else self.case_no)
            return
        self.working = True
        self.find_button.setEnabled(False)
        self._say("hint", self.tr("正在查询……"))
        ctx = self.ctx
        run_task(
            lambda: ctx.public_lookup(case_no, code),
            on_done=self._found,
            on_error=self._failed,
        )

    def _found(self, case: PublicCase | None) -> None:
        self.working = False
        self.find_button.setEnabled(True)
        self.query_code.clear()  # never left on screen for the next person
        if case is None:
            self.guard.failed()
            self.case = None
            self._say("error", self.tr("没有查到。请核对回执上的办件编号和查询码，再试一次。"))
            self._pause_tick()
            self.keyboard.set_target(self.query_code)
            return
        self.guard.succeeded()
        self.show_case(case)
        if self.then_evaluate and case.status in RATEABLE:
            self.evaluate.emit(case)

    def _failed(self, exc: Exception) -> None:
        self.working = False
        self.find_button.setEnabled(True)
        if isinstance(exc, LookupPaused):  # counted per case number and terminal, stored
            self.query_code.clear()
            self.guard.pause_for(exc.seconds)
            self._pause_tick()
            return
        log.warning("public lookup failed: %s", exc)
        self._say("error", self.tr("暂时查不了，请稍后再试，或找村代办员帮忙。"))

    def _pause_tick(self) -> None:
        left = self.guard.seconds_left()
        if left:
            self.find_button.setEnabled(False)
            self._say(
                "error", self.tr("查询次数太多，请 {0} 秒后再试，或找村代办员帮忙。").format(left)
            )
            if not self._pause_timer.isActive():
                self._pause_timer.start()
        elif self._pause_timer.isActive():
            self._pause_timer.stop()
            self.find_button.setEnabled(True)
            self._say("", "")

    # --- result ------------------------------------------------------------------------------
    def summary_text(self, case: PublicCase) -> str:
        words = status_words(case.status)
        if case.due is not None:
            return self.tr("{0}，预计 {1} 前办结").format(words, self.date_text(case.due))
        return words

    def delivery_text(self, case: PublicCase) -> str:
        """Where a result sent by courier is: carrier and tracking number, in plain words."""
        if not (case.carrier or case.tracking_no):
            return ""
        words = self.tr("办理结果已由 {0} 寄出，快递单号 {1}").format(
            case.carrier or self.tr("快递"), case.tracking_no or "—"
        )
        if case.status is AppStatus.SIGNED:
            words += self.tr("，已签收")
        return words

    def group_text(self, case: PublicCase) -> str:
        """The 一件事 the case was filed in: every item and how far it is, one per line."""
        group = case.group
        if group is None:
            return ""
        done = sum(1 for m in group.members if m.finished)
        lines = [
            self.tr("{0}：共 {1} 项，已办结 {2} 项").format(
                word(group.name), len(group.members), done
            )
        ]
        lines += [f"· {word(m.item_name)}：{status_words(m.status)}" for m in group.members]
        return "\n".join(lines)

    def date_text(self, day: dt.date) -> str:
        locale = QLocale(QLocale.Language.English) if self.look.english else QLocale()
        return locale.toString(QDate(day), self.tr("M月d日"))

    def time_text(self, moment: dt.datetime) -> str:
        locale = QLocale(QLocale.Language.English) if self.look.english else QLocale()
        clock = QTime(moment.hour, moment.minute, moment.second)
        return locale.toString(QDateTime(QDate(moment.date()), clock), self.tr("M月d日 HH:mm"))

    def show_case(self, case: PublicCase) -> None:
        self.case = case
        self.item_name.setText(case.item_name)
        self.applicant.setText(self.tr("申请人：{0}").format(case.applicant or "—"))
        self.case_number.setText(self.tr("办件编号：{0}").format(breakable(case.case_no)))
        self.summary.setText(self.summary_text(case))
        self.delivery.setText(self.delivery_text(case))
        self.delivery.setVisible(bool(self.delivery.text()))
        self.group_words.setText(self.group_text(case))
        self.group_words.setVisible(case.group is not None)
        self._clear_timeline()
        for row, step in enumerate(case.steps):
            status = status_of_words(step.words)
            when = label(self.time_text(step.at), "body")
            when.setObjectName(f"stepTime{row}")
            what = label(status_words(status) if status else step.words, "body")
            what.setObjectName(f"stepWords{row}")
            self.timeline.addWidget(when, row, 0, Qt.AlignmentFlag.AlignTop)
            self.timeline.addWidget(what, row, 1)
        self.timeline.setColumnStretch(1, 1)
        self.timeline.setRowStretch(len(case.steps), 1)
        self.rate_button.setVisible(case.status in RATEABLE)
        self.result_message.setText("")
        self.views.setCurrentIndex(1)

    def steps_text(self) -> list[str]:
        """The timeline as shown (for tests and for printing)."""
        out = []
        for row in range(self.timeline.rowCount()):
            cells = [self.timeline.itemAtPosition(row, c) for c in (0, 1)]
            shown = [c.widget() for c in cells if c is not None]
            words = [w.text() for w in shown if isinstance(w, QLabel)]
            if len(words) == len(cells):
                out.append("　".join(words))
        return out

    def rate(self) -> None:
        """评价这件事: the case on screen goes to the 好差评 page."""
        if self.case is not None:
            self.evaluate.emit(self.case)

    def print_progress(self) -> None:
        if self.case is None or self.working:
            return
        e = html.escape
        heading = self.tr("办件进度")
        steps_heading = self.tr("办理经过")
        number = self.tr("办件编号：{0}").format(self.case.case_no)  # unbroken on paper
        rows = "".join(f"<li>{e(line)}</li>" for line in self.steps_text())
        page = (
            "<html><body style='font-size:13pt'>"
            f"<h1 style='font-size:18pt'>{e(heading)}</h1>"
            f"<p><b>{e(self.case.item_name)}</b></p>"
            f"<p>{e(self.applicant.text())}<br/>{e(number)}</p>"
            f"<p style='font-size:15pt'><b>{e(self.summary.text())}</b></p>"
            f"<p>{e(self.delivery.text())}</p>"
            f"<h2 style='font-size:14pt'>{e(steps_heading)}</h2><ul>{rows}</ul>"
            "</body></html>"
        )
        factory, family = self.printer_factory, QApplication.font().family()
        self.working = True
        self.busy_changed.emit(True)
        self.result_message.setText(self.tr("正在打印，请稍等……"))
        run_task(
            lambda: print_slip(page, factory, family),
            on_done=lambda _: self._printed(True),
            on_error=lambda exc: self._printed(False, exc),
        )

    def _printed(self, ok: bool, exc: Exception | None = None) -> None:
        self.working = False
        self.busy_changed.emit(False)
        if ok:
            done = self.tr("已打印，请在打印机出口取走。")
            self.result_message.setText(done)
            self._offer_rating(done)
        else:
            log.warning("progress printing failed: %s", exc)
            self.result_message.setText(self.tr("打印机没有准备好，没能打印。请找工作人员帮忙。"))

    def _offer_rating(self, done: str) -> None:
        """After a transaction (the progress slip printed) the terminal goes straight to the
        rating of that case (一事一评, issue 18), unless it was rated already or cannot be
        rated yet; the rating page says what was just done."""
        case = self.case
        if case is None or case.status not in RATEABLE:
            return
        ctx, app_id = self.ctx, case.application_id
        run_task(
            lambda: ctx.evaluations.for_application(app_id) is None,
            on_done=lambda unrated: self._rate_now(case, done) if unrated else None,
            on_error=lambda exc: log.warning("rating lookup failed: %s", exc),
        )

    def _rate_now(self, case: PublicCase, done: str) -> None:
        if self.case is case and self.views.currentIndex() == 1:  # still that case on screen
            self.rate_now.emit(case, done)

    def back(self) -> bool:
        if self.views.currentIndex() == 1:
            self.clear()
            return True
        return False
