"""Step 2 of a 一件事: one form. Each field the member items share is asked once (the
bundle's form); a member's own fields are asked under that member; the members panel says,
as the agent types, which items will be filed and why the others will not."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.event_bundle import EventBundle
from kiosk.core.event_plan import EventAnswers, MemberDecision
from kiosk.ui.errors import show_error
from kiosk.ui.event_flow.members_panel import MembersPanel
from kiosk.ui.form_view import FormView
from kiosk.ui.widgets import clear_layout, title_label
from kiosk.ui.worker import run_task

PLAN_DELAY_MS = 300  # typing pauses this long before the members are decided again


class EventFormStep(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bundle: EventBundle | None = None
        self.shared: FormView | None = None
        self.own: dict[str, FormView] = {}
        self.own_boxes: dict[str, QGroupBox] = {}
        self.members = MembersPanel()
        self.members.skip_changed.connect(self.replan)
        self.plan_timer = QTimer(self)
        self.plan_timer.setSingleShot(True)
        self.plan_timer.setInterval(PLAN_DELAY_MS)
        self.plan_timer.timeout.connect(self._plan_now)
        self.heading = title_label("")
        self.forms = QWidget()
        self.forms_layout = QVBoxLayout(self.forms)
        scroll = QScrollArea()
        scroll.setObjectName("eventFormScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.forms)
        row = QHBoxLayout()
        row.addWidget(scroll, 3)
        row.addWidget(self.members, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(row, 1)

    def start(self, bundle: EventBundle) -> None:
        """A new filing of ``bundle``: empty forms, every member listed."""
        self.bundle = bundle
        self.heading.setText(self.tr("第二步：填写“{0}”的信息（每项只填一次）").format(bundle.name))
        clear_layout(self.forms_layout)
        self.shared = FormView(bundle.form)
        self.shared.setObjectName("eventSharedForm")
        self.shared.changed.connect(self.replan)
        self.forms_layout.addWidget(self.shared)
        self.own.clear()
        self.own_boxes.clear()
        for member in bundle.members:
            own_item = self.ctx.catalog.get(member.item_code)
            fields = bundle.own_fields(own_item)
            if not fields:
                continue
            view = FormView(dataclasses.replace(own_item.form, fields=tuple(fields)))
            view.setObjectName(f"ownForm:{own_item.code}")
            box = QGroupBox(self.tr("仅“{0}”需要填写").format(own_item.name))
            QVBoxLayout(box).addWidget(view)
            self.forms_layout.addWidget(box)
            self.own[own_item.code] = view
            self.own_boxes[own_item.code] = box
        self.forms_layout.addStretch(1)
        first = [
            MemberDecision(
                m.item_code, self.ctx.catalog.get(m.item_code).name, True, "", m.optional
            )
            for m in bundle.members
        ]
        self.members.set_members(first)
        self._plan_now()

    def answers(self) -> EventAnswers:
        shared = self.shared.data() if self.shared is not None else {}
        own = {code: view.data() for code, view in self.own.items()}
        return EventAnswers(shared, {c: v for c, v in own.items() if v}, self.members.skipped())

    def replan(self) -> None:
        self.plan_timer.start()

    def _plan_now(self) -> None:
        if self.bundle is None:
            return
        ctx, code, answers = self.ctx, self.bundle.code, self.answers()
        run_task(
            lambda: ctx.event_filings.plan(code, answers),
            on_done=self._planned,
            on_error=show_error,
        )

    def _planned(self, decisions: list[MemberDecision]) -> None:
        self.members.show_plan(decisions)
        applying = {d.item_code for d in decisions if d.applies or d.undecided}
        for code, box in self.own_boxes.items():
            box.setVisible(code in applying)

    def split_errors(self, errors: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """(errors of fields asked on this page, errors of files: the materials step's)."""
        on_page: dict[str, str] = {}
        files: dict[str, str] = {}
        for key, message in errors.items():
            code, _, field_key = key.partition("/")
            item = self.ctx.catalog.get(code) if field_key and code in self.ctx.catalog else None
            field = (
                next((f for f in item.form.fields if f.key == field_key), None) if item else None
            )
            (files if field is not None and field.is_file else on_page)[key] = message
        return on_page, files

    def show_errors(self, errors: dict[str, str]) -> None:
        """Errors of a check or a refused filing, each where its field is asked."""
        shared = {k: v for k, v in errors.items() if "/" not in k}
        if self.shared is not None:
            self.shared.show_errors(shared)
        for code, view in self.own.items():
            prefix = code + "/"
            view.show_errors(
                {k.removeprefix(prefix): v for k, v in errors.items() if k.startswith(prefix)}
            )

    def focus_first(self) -> None:
        if self.shared is not None and self.shared.editors:
            next(iter(self.shared.editors.values())).input.setFocus()
