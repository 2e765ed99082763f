"""The new-application flow: one step at a time, Ctrl+Enter to go on, drafts saved as it goes.

The draft is created when the item is chosen; from then on it is saved on every step change
and every 30 s while the agent types (and before the window locks), so nothing typed is lost
to a power cut, and any draft can be resumed later from the dashboard or the case list.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.core.applications import ApplicationView
from kiosk.core.card_reader import CardReader
from kiosk.core.clock import format_local, utcnow
from kiosk.ui.errors import show_error, user_message
from kiosk.ui.new_application.attachments_step import AttachmentsStep
from kiosk.ui.new_application.check_step import CheckStep
from kiosk.ui.new_application.done_step import DoneStep
from kiosk.ui.new_application.draft_tasks import (
    LoadedDraft,
    load_draft,
    save_draft,
    withdraw_draft,
)
from kiosk.ui.new_application.form_step import FormStep
from kiosk.ui.new_application.item_step import ItemStep
from kiosk.ui.new_application.resident_step import ResidentStep
from kiosk.ui.new_application.review_step import ReviewStep
from kiosk.ui.new_application.signature_step import SignatureStep
from kiosk.ui.new_application.state import FlowState
from kiosk.ui.new_application.step import Step
from kiosk.ui.page_stack import PageStack
from kiosk.ui.station_events import publish
from kiosk.ui.widgets import confirm_destructive, repolish, scrolled, set_message
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)

RESIDENT, ITEM, CHECK, FORM, FILES, SIGN, REVIEW, DONE = range(8)


class NewApplicationFlow(QWidget):
    submitted = Signal(object)  # ApplicationView
    open_case = Signal(str)
    event_chosen = Signal(str)  # the item search found a 一件事 and the agent chose it
    draft_saved = Signal(str)

    AUTOSAVE_MS = 30_000

    def __init__(
        self,
        ctx: AppContext,
        agent: AgentInfo,
        card_reader: CardReader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newApplicationFlow")
        self.ctx = ctx
        self.agent = agent
        self.state = FlowState(agent.name)
        self._busy = False
        self._saving = False
        self._save_again = False
        self._after_save: list[Any] = []
        # drafts given up on (the agent changed the item): a save of one still in flight
        # must neither bring its id back nor stop the flow when it fails (under load the
        # withdrawal can commit first)
        self._abandoned: set[str] = set()
        self.last_saved_at: str | None = None

        self._make_steps(ctx, agent.name, card_reader)
        bar = self._make_crumbs()
        notes, buttons = self._make_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(notes)
        layout.addLayout(buttons)
        self._add_shortcuts()
        self._go(RESIDENT, save=False)

    def _make_steps(self, ctx: AppContext, name: str, card_reader: CardReader | None) -> None:
        self.resident_step = ResidentStep(ctx, name, card_reader)
        self.item_step = ItemStep(ctx, name)
        self.item_step.event_chosen.connect(self.event_chosen)
        self.check_step = CheckStep(ctx, name)
        self.form_step = FormStep(ctx, name)
        self.files_step = AttachmentsStep(ctx, name)
        self.sign_step = SignatureStep(ctx, name)
        self.review_step = ReviewStep(ctx, name)
        self.done_step = DoneStep(ctx, name)
        self.steps: list[Step] = [
            self.resident_step,
            self.item_step,
            self.check_step,
            self.form_step,
            self.files_step,
            self.sign_step,
            self.review_step,
            self.done_step,
        ]

    def _make_crumbs(self) -> QHBoxLayout:
        """The steps' pages and the crumb bar above them (one crumb per step)."""
        self.stack = PageStack()
        bar = QHBoxLayout()
        self.crumbs: list[QLabel] = []
        for i, step in enumerate(self.steps):
            crumb = QLabel(f"{i + 1}. {step.title}")
            crumb.setObjectName(f"crumb_{i}")
            crumb.setProperty("crumb", "todo")
            crumb.setToolTip(step.title)
            # the crumbs never make the flow wider than the screen: on a narrow one they
            # shorten to numbers (see _fit_crumbs)
            crumb.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            bar.addWidget(crumb)
            self.crumbs.append(crumb)
            self.stack.addWidget(scrolled(step))  # a step taller than the screen scrolls
            step.advance.connect(self.go_next)
            step.changed.connect(self._dirty)
        bar.addStretch(1)
        self.review_step.validation_failed.connect(self._back_to_form)
        self.review_step.submitted.connect(self._submitted)
        self.done_step.next_resident.connect(self.start)
        self.done_step.open_case.connect(self.open_case)
        return bar

    def _make_buttons(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """Back, save, next, and the message line above them."""
        self.back_button = QPushButton(self.tr("上一步（Alt+←）"))
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(self.go_back)
        self.save_button = QPushButton(self.tr("保存草稿（Ctrl+S）"))
        self.save_button.setObjectName("saveDraftButton")
        self.save_button.clicked.connect(self.save_now)
        self.next_button = QPushButton(self.tr("下一步（Ctrl+Enter）"))
        self.next_button.setObjectName("nextButton")
        self.next_button.setProperty("primary", True)
        self.next_button.clicked.connect(self.go_next)
        self.message = QLabel("")
        self.message.setObjectName("flowMessage")
        self.message.setWordWrap(True)
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("savedLabel")
        notes = QHBoxLayout()  # above the buttons: long messages wrap, never push them away
        notes.addWidget(self.message, 1)
        notes.addWidget(self.saved_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.next_button)
        return notes, buttons

    def _add_shortcuts(self) -> None:
        ctx_shortcut = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for seq, slot in (
            ("Ctrl+Return", self.go_next),
            ("Ctrl+Enter", self.go_next),
            ("Alt+Left", self.go_back),
            ("Ctrl+S", self.save_now),
        ):
            QShortcut(QKeySequence(seq), self, slot, context=ctx_shortcut)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.timeout.connect(self.save_now)

    # --- navigation ------------------------------------------------------------------------
    def current(self) -> int:
        return self.stack.currentIndex()

    def current_step(self) -> Step:
        return self.steps[self.current()]

    def start(self) -> None:
        """A fresh application (the previous one, if unfinished, stays as a draft)."""
        if self.state.draft_id and self.current() != DONE:
            self.save_now()
        self.autosave_timer.stop()
        self.state = FlowState(self.agent.name)
        self.resident_step.reset()
        self.form_step.reset()
        self.sign_step.reset()
        self.item_step.search_box.clear()
        self.last_saved_at = None
        self.saved_label.setText("")
        set_message(self.message, "")
        self._go(RESIDENT, save=False)

    def _go(self, index: int, save: bool = True) -> None:
        self.stack.setCurrentIndex(index)
        step = self.steps[index]
        step.enter(self.state)
        for i, crumb in enumerate(self.crumbs):
            crumb.setProperty("crumb", "done" if i < index else "current" if i == index else "todo")
            repolish(crumb)
        self._fit_crumbs()
        self.back_button.setVisible(0 < index < DONE)
        self.save_button.setVisible(index < DONE)
        self.save_button.setEnabled(self.state.item is not None or self.state.draft_id is not None)
        self.next_button.setVisible(index < DONE)
        self.next_button.setText(
            self.tr("确认提交（Ctrl+Enter）")
            if index == REVIEW
            else self.tr("下一步（Ctrl+Enter）")
        )
        if index == DONE:
            self.saved_label.setText("")
        step.focus_first()
        if save and self.state.draft_id and index < DONE:
            self.save_now()

    def _fit_crumbs(self) -> None:
        """Every step's name when they fit in a row; on a narrow screen the other steps
        show their number only (the name is in the tooltip), the current one its name."""
        index = self.current()
        full = [f"{i + 1}. {step.title}" for i, step in enumerate(self.steps)]
        metrics = self.crumbs[0].fontMetrics()
        need = sum(metrics.horizontalAdvance(t) + 28 for t in full)
        compact = need > max(self.width(), 1) - 24
        for i, crumb in enumerate(self.crumbs):
            crumb.setText(full[i] if i == index or not compact else str(i + 1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_crumbs()

    def go_next(self) -> None:
        if self._busy or self.current() >= DONE:
            return
        if self._saving and self.current() == REVIEW:  # submit only after the last save
            self._after_save.append(self.go_next)
            return
        self._busy = True
        self.next_button.setEnabled(False)
        set_message(self.message, "")
        index = self.current()
        self.current_step().leave(self.state, lambda msg: self._after_leave(index, msg))

    def _after_leave(self, index: int, msg: str | None) -> None:
        self._busy = False
        self.next_button.setEnabled(True)
        if msg:
            set_message(self.message, msg, "error")
            return
        if index == ITEM:
            self._item_chosen()
        elif index == REVIEW:
            self._go(DONE, save=False)
        else:
            self._go(index + 1)

    def go_back(self) -> None:
        index = self.current()
        if self._busy or index in (RESIDENT, DONE):
            return
        self.current_step().collect(self.state)
        set_message(self.message, "")
        self._go(index - 1)

    def _back_to_form(self, errors: dict[str, str]) -> None:
        self._go(FORM, save=False)
        self.form_step.show_errors(errors)

    def _submitted(self, view: ApplicationView) -> None:
        self.autosave_timer.stop()
        self.submitted.emit(view)
        # filed and queued (a draft less): the dashboard counts again, the sync starts
        publish(self.ctx, view.changes, self)

    # --- the draft -------------------------------------------------------------------------
    def _item_chosen(self) -> None:
        st = self.state
        assert st.item is not None
        if st.draft_id and st.draft_item_code and st.draft_item_code != st.item.code:
            if not confirm_destructive(
                self,
                self.tr("更换办理事项"),
                self.tr("更换事项会撤回当前草稿，已添加的附件和签名需要重新添加。确定更换吗？"),
                self.tr("撤回草稿并更换"),
            ):
                st.item = self.ctx.catalog.get(st.draft_item_code)
                st.form = st.item.form
                self.item_step.enter(st)
                return
            old = st.draft_id
            self._abandoned.add(old)
            st.draft_id, st.draft_item_code, st.has_signature = None, None, False
            keys = {f.key for f in st.item.form.fields}
            st.form_data = {k: v for k, v in st.form_data.items() if k in keys}
            self.form_step.reset()
            self.sign_step.reset()
            ctx = self.ctx
            agent_name = self.agent.name
            run_task(
                lambda: withdraw_draft(ctx, agent_name, old, "代办员更换了办理事项"),
                on_error=show_error,
            )
        if st.draft_id is None:
            set_message(self.message, self.tr("正在保存草稿…"))
            self.next_button.setEnabled(False)
            self._after_save.append(lambda: self._go(CHECK, save=False))
            self.save_now()
        else:
            self._go(CHECK)

    def _dirty(self) -> None:
        if self.state.item is not None and not self.autosave_timer.isActive():
            self.autosave_timer.start(self.AUTOSAVE_MS)

    def save_now(self) -> None:
        """Save the draft (in a worker; saves never overlap, the last one wins)."""
        st = self.state
        if st.item is None or self.current() == DONE:
            return
        self.autosave_timer.stop()
        step = self.current_step()
        step.collect(st)
        if step is not self.form_step:
            self.form_step.collect(st)
        st.progress.step = min(self.current(), REVIEW)
        if self._saving:
            self._save_again = True
            return
        self._saving = True
        ctx, agent = self.ctx, self.agent.name
        code, draft_id, resident_id = st.item.code, st.draft_id, st.resident_id
        data = dict(st.form_data) if st.form_data else st.prefill()
        progress = copy.deepcopy(st.progress)
        run_task(
            lambda: save_draft(ctx, agent, code, data, draft_id, resident_id, progress),
            on_done=lambda view: self._saved(view, st),
            on_error=lambda exc: self._save_failed(exc, draft_id),
        )

    def _saved(self, view: ApplicationView, saved_state: FlowState) -> None:
        self._saving = False
        current = saved_state is self.state and view.id not in self._abandoned
        if current and saved_state.submitted is None:
            self.state.draft_id = view.id
            self.state.draft_item_code = view.item_code
        self.last_saved_at = format_local(utcnow())
        self.saved_label.setText(self.tr("草稿已保存 {0}").format(self.last_saved_at[-5:]))
        self.save_button.setEnabled(True)
        self.draft_saved.emit(view.id)
        publish(self.ctx, view.changes, self)
        callbacks, self._after_save = self._after_save, []
        if self._save_again:
            self._save_again = False
            self.save_now()
        for cb in callbacks:
            cb()
        self.next_button.setEnabled(True)

    def _save_failed(self, exc: Exception, draft_id: str | None = None) -> None:
        self._saving = False
        if draft_id is not None and draft_id in self._abandoned:  # withdrawn meanwhile
            log.info("a save of a draft given up on failed: %s", getattr(exc, "en", exc))
            if self._save_again or self._after_save:
                self._save_again = False
                self.save_now()  # the new draft's save, which the callbacks wait for
            return
        self._after_save.clear()
        self.next_button.setEnabled(True)
        set_message(self.message, self.tr("草稿未能保存：") + user_message(exc), "error")
        log.warning("draft save failed: %s", getattr(exc, "en", type(exc).__name__))

    def is_saving(self) -> bool:
        return self._saving

    # --- resuming --------------------------------------------------------------------------
    def resume(self, draft_id: str) -> None:
        if self.state.draft_id == draft_id and self.current() != DONE:
            return  # already open
        set_message(self.message, self.tr("正在打开草稿…"))
        ctx = self.ctx
        agent_name = self.agent.name
        run_task(
            lambda: load_draft(ctx, agent_name, draft_id),
            on_done=self._resumed,
            on_error=self._resume_failed,
        )

    def _resume_failed(self, exc: Exception) -> None:
        set_message(self.message, user_message(exc), "error")

    def _resumed(self, loaded: LoadedDraft) -> None:
        if loaded.form is None:
            self._offer_form_upgrade(loaded)
            return
        self.start()
        st = self.state
        st.item = self.ctx.catalog.get(loaded.view.item_code)
        st.form = loaded.form
        st.resident = loaded.resident
        st.form_data = dict(loaded.payload)
        st.draft_id = loaded.view.id
        st.draft_item_code = loaded.view.item_code
        st.progress = loaded.progress
        st.has_signature = loaded.has_signature
        self.resident_step.enter(st)
        set_message(self.message, self.tr("已打开草稿，可从上次停下的地方继续。"), "ok")
        # no saved progress: a case sent back for correction (reopened) goes to its form
        step = loaded.progress.step or FORM
        self._go(max(CHECK, min(step, REVIEW)), save=False)

    def _offer_form_upgrade(self, loaded: LoadedDraft) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("表单已更新"))
        box.setText(loaded.form_problem or "")
        move = box.addButton(self.tr("转为新版表单"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("暂不处理"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not move:
            set_message(self.message, "")
            return
        draft_id = loaded.view.id

        def moved(changes: list[str]) -> None:
            QMessageBox.information(self, self.tr("已转为新版表单"), "\n".join(changes))
            self.resume(draft_id)

        ctx = self.ctx
        agent_name = self.agent.name
        run_task(
            lambda: ctx.applications.move_draft_to_current_form(draft_id, agent_name),
            on_done=moved,
            on_error=show_error,
        )
