"""The 一件事 page of the workspace: choose the life event, fill one form, scan each material
once, the resident signs once, file every member item together (issue 19)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.errors import ValidationFailed
from kiosk.core.event_plan import MemberDecision
from kiosk.core.event_views import GroupView
from kiosk.print.kinds import DocumentKind
from kiosk.print.paper import Layout
from kiosk.ui.documents import open_document, titles
from kiosk.ui.errors import show_error, user_message
from kiosk.ui.event_flow.choose_step import ChooseBundleStep
from kiosk.ui.event_flow.filing_task import file_group
from kiosk.ui.event_flow.form_step import EventFormStep
from kiosk.ui.event_flow.materials_step import EventMaterialsStep
from kiosk.ui.event_flow.review_step import EventReviewStep
from kiosk.ui.event_flow.sign_step import EventSignStep
from kiosk.ui.page_stack import PageStack
from kiosk.ui.print_preview import open_document as preview
from kiosk.ui.station_events import publish
from kiosk.ui.widgets import scrolled, set_message
from kiosk.ui.worker import run_task

CHOOSE, FORM, MATERIALS, SIGN, REVIEW = range(5)


class EventFlowPage(QWidget):
    filed = Signal(object)  # GroupView
    open_case = Signal(str)  # a member's application id

    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventFlow")
        self.ctx, self.agent = ctx, agent
        self.group: GroupView | None = None
        self._busy = False
        self.choose = ChooseBundleStep(ctx)
        self.choose.chosen.connect(lambda _code: self.go_next())
        self.form = EventFormStep(ctx)
        self.materials = EventMaterialsStep(ctx)
        self.sign = EventSignStep()
        self.sign.print_button.clicked.connect(self.print_authorization_to_sign)
        self.review = EventReviewStep()
        self.review.receipt_button.clicked.connect(lambda: self.print_group("group_receipt"))
        self.review.authorization_button.clicked.connect(
            lambda: self.print_group("group_authorization")
        )
        self.steps = PageStack()  # (only the step on screen asks for room)
        self._steps: tuple[QWidget, ...] = (
            self.choose,
            self.form,
            self.materials,
            self.sign,
            self.review,
        )
        for w in self._steps:
            self.steps.addWidget(scrolled(w))  # a step taller than the screen scrolls
        # the page fits its frame whatever the step would like: without this, the wrapped
        # message below gives the page a height-for-width that counts the step's full wish
        # and the buttons slide under the screen's edge (1366×768 at 150 %)
        self.steps.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.message = QLabel("")
        self.message.setObjectName("eventMessage")
        self.message.setWordWrap(True)
        self.back_button = QPushButton(self.tr("上一步"))
        self.back_button.setObjectName("eventBack")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setObjectName("eventNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)
        self.again_button = QPushButton(self.tr("再办一件事"))
        self.again_button.setObjectName("eventAgain")
        self.again_button.clicked.connect(self.start)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Alt+Left"), self, self.go_back)
        self.start()

    # --- moving between steps --------------------------------------------------------------
    def current(self) -> int:
        return self.steps.currentIndex()

    def start(self, bundle_code: str | None = None) -> None:
        """A new 一件事 (``bundle_code``: already chosen, e.g. from the item search)."""
        self.group = None
        self._show(CHOOSE)
        if bundle_code and self.choose.select(bundle_code):
            self.go_next()

    def show_step(self, index: int) -> None:
        """Show a step as it is (the tour shows every screen for the screen-fit check)."""
        self._show(index)

    def _show(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        set_message(self.message, "")
        done = index == REVIEW and self.group is not None
        self.back_button.setEnabled(index != CHOOSE and not done)
        self.next_button.setVisible(not done)
        self.again_button.setVisible(done)
        self.next_button.setText(self.tr("提交全部事项") if index == REVIEW else self.tr("下一步"))
        focus = getattr(self._steps[index], "focus_first", None)
        if callable(focus):
            focus()

    def go_back(self) -> None:
        if self._busy or self.current() == CHOOSE or self.group is not None:
            return
        self._show(self.current() - 1)

    def go_next(self) -> None:
        if self._busy:
            return
        index = self.current()
        if index == CHOOSE:
            code = self.choose.selected_code()
            if code is None:
                set_message(self.message, self.tr("请先选择要办的一件事。"), "error")
                return
            bundle = self.ctx.event_filings.bundle(code)
            self.form.start(bundle)
            self.materials.start(bundle)
            self._show(FORM)
        elif index == FORM:
            self._check_form()
        elif index == MATERIALS:
            self.sign.start(self._applying_names())
            self._show(SIGN)
        elif index == SIGN:
            problem = self.sign.check()
            if problem:
                set_message(self.message, problem, "error")
                return
            self._review()
        elif index == REVIEW and self.group is None:
            self._file()

    def _applying_names(self) -> list[str]:
        return [d.item_name for d in self.form.members.decisions if d.applies]

    # --- paper ------------------------------------------------------------------------------
    def print_group(self, kind: str) -> None:
        """The filed group's one receipt or one 委托书, previewed, printed and audited."""
        group = self.group
        if group is None:
            return
        reference = group.group_no or group.local_ref
        open_document(
            self, self.ctx, kind, group.group_id, reference, self.agent, on_error=show_error
        )

    def print_authorization_to_sign(self) -> None:
        """The 委托书 before filing, for a resident who signs on paper (cases: 提交后生成)."""
        bundle = self.form.bundle
        if bundle is None:
            return
        ctx, agent, code, answers = self.ctx, self.agent, bundle.code, self.form.answers()
        kind = DocumentKind.GROUP_AUTHORIZATION

        def render(_layout: Layout | None) -> bytes:
            return ctx.printing.event_authorization(code, answers, agent)

        def record(printer: str) -> None:
            ctx.access_records.printed(agent, kind.value, code, printer)

        preview(
            self,
            render,
            kind,
            titles()["group_authorization"] + " " + bundle.name,
            ctx.printing.preferences,
            audit=record,
            on_error=show_error,
        )

    # --- checks and filing -----------------------------------------------------------------
    def _check_form(self) -> None:
        bundle = self.form.bundle
        assert bundle is not None
        ctx, code, answers = self.ctx, bundle.code, self.form.answers()
        self._set_busy(True, self.tr("正在检查…"))

        def work() -> tuple[dict[str, str], list[MemberDecision]]:
            return ctx.event_filings.check(code, answers), ctx.event_filings.plan(code, answers)

        run_task(work, on_done=self._checked, on_error=self._failed)

    def _checked(self, result: tuple[dict[str, str], list[MemberDecision]]) -> None:
        errors, decisions = result
        errors, _files = self.form.split_errors(errors)  # (files: the next step's)
        self._set_busy(False)
        self.form.members.show_plan(decisions)
        self.form.show_errors(errors)
        if errors:
            set_message(
                self.message,
                self.tr("有 {0} 处需要修改，请按红字提示更正。").format(len(errors)),
                "error",
            )
            return
        self._show(MATERIALS)

    def _review(self) -> None:
        bundle = self.form.bundle
        assert bundle is not None
        self.review.show_plan(
            bundle.name,
            self.form.members.decisions,
            len(self.materials.chosen),
            self.sign.signature_png() is not None,
        )
        self._show(REVIEW)

    def _file(self) -> None:
        bundle = self.form.bundle
        assert bundle is not None
        ctx, agent, code = self.ctx, self.agent, bundle.code
        answers = self.form.answers()
        files = (*self.materials.chosen, *self.sign.files())
        png = self.sign.signature_png()
        self._set_busy(True, self.tr("正在保存…"))
        run_task(
            lambda: file_group(ctx, code, answers, agent, files, png),
            on_done=self._filed,
            on_error=self._file_failed,
        )

    def _filed(self, group: GroupView) -> None:
        self._set_busy(False)
        self.group = group
        days = {m.item_code: self.ctx.catalog.get(m.item_code).promised_days for m in group.members}
        self.review.show_filed(group, {k: v for k, v in days.items() if v})
        self._show(REVIEW)
        set_message(self.message, self.tr("已保存，联网后自动报送。"), "ok")
        self.filed.emit(group)
        publish(self.ctx, group.changes, self)  # the dashboard counts again, the sync starts

    def _file_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if not isinstance(exc, ValidationFailed):
            set_message(self.message, user_message(exc), "error")
            return
        on_form, files = self.form.split_errors(exc.field_errors)
        if on_form:
            self._show(FORM)
            self.form.show_errors(on_form)
            set_message(self.message, user_message(exc), "error")
        else:  # only files are missing: say which, on the materials step
            self._show(MATERIALS)
            set_message(
                self.message,
                self.tr("还缺以下材料，请扫描后再提交：") + "\n" + "\n".join(files.values()),
                "error",
            )

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        set_message(self.message, user_message(exc), "error")

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.next_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy and self.current() != CHOOSE)
        if text:
            set_message(self.message, text)
