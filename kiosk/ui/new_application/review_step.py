"""Step 7: read everything back to the resident, then submit (queued, sent when online)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.answer_display import answer_text
from kiosk.core.applications import ApplicationView, AttachmentInfo
from kiosk.core.attachment_facts import AttachmentFacts, read_facts
from kiosk.core.clock import format_local
from kiosk.core.delivery import delivery_line
from kiosk.core.errors import ValidationFailed
from kiosk.core.masking import mask_phone
from kiosk.forms.answer_extras import DELIVERY, NOTIFY
from kiosk.forms.definition import FieldDef, FormDefinition
from kiosk.forms.divisions import DivisionTable
from kiosk.forms.engine import compute_values, is_visible
from kiosk.ui.errors import user_message
from kiosk.ui.material_words import material_name
from kiosk.ui.new_application.state import SIGNATURE_MATERIAL, FlowState
from kiosk.ui.new_application.step import Done, Step
from kiosk.ui.translate_marks import QT_TRANSLATE_NOOP
from kiosk.ui.widgets import hint_label, set_message, title_label
from kiosk.ui.worker import run_task


def display_value(
    field: FieldDef,
    value: Any,
    yes: str = "是",
    no: str = "否",
    *,
    masked: bool = True,
    divisions: DivisionTable | None = None,
) -> str:
    """An answer as shown on screen: group rows one per line, identifiers masked."""
    return answer_text(field, value, masked=masked, divisions=divisions, yes=yes, no=no)


# answers every item asks besides its form (kiosk/forms/answer_extras.py), by their names
EXTRA_LABELS = {
    DELIVERY: QT_TRANSLATE_NOOP("ReviewStep", "结果领取方式"),
    NOTIFY: QT_TRANSLATE_NOOP("ReviewStep", "办理进度短信"),
}


def form_rows(form: FormDefinition, data: dict[str, Any]) -> list[tuple[str, Any, FieldDef]]:
    """(label, value, field) for each visible field, in form order; unknown keys last."""
    rows = [(f.label, data.get(f.key), f) for f in form.fields if is_visible(f, data)]
    known = {f.key for f in form.fields}
    rows += [(k, v, FieldDef(k, "text", k)) for k, v in data.items() if k not in known]
    return rows


def extra_text(key: str, value: Any, masked: bool = True) -> str | None:
    """结果领取方式 and 办理进度短信 in words (personal data masked); None: not an extra."""
    if key == DELIVERY:
        line = delivery_line({DELIVERY: value})
        return line.removeprefix("结果领取方式：") or "—"
    if key == NOTIFY and isinstance(value, dict):
        if not value.get("consent"):
            return QCoreApplication.translate("ReviewStep", "不发短信")
        phone = str(value.get("phone") or "")
        return QCoreApplication.translate("ReviewStep", "发短信到 {0}").format(
            mask_phone(phone) if masked else phone
        )
    return None


def answer_rows(
    form: FormDefinition,
    data: dict[str, Any],
    attachments: list[AttachmentInfo],
    *,
    masked: bool = True,
    paper_signature: bool = False,
    facts: Mapping[int, AttachmentFacts] | None = None,
) -> list[tuple[str, str]]:
    """(label, text) for every answer that exists: computed fields (年龄) with their value,
    attachment fields by the files stored for their material (with their pages), the
    signature as signed (with its time when the signature carries it)."""
    yes = QCoreApplication.translate("ReviewStep", "是")
    no = QCoreApplication.translate("ReviewStep", "否")
    values = {**data, **{k: v for k, v in compute_values(form, data).items() if v is not None}}
    facts = facts or {}
    rows = []
    for label, value, f in form_rows(form, values):
        text = answer_text(f, value, masked=masked, divisions=form.divisions, yes=yes, no=no)
        extra = (
            extra_text(f.key, value, masked) if f.key in EXTRA_LABELS and f.label == f.key else None
        )
        if extra is not None:
            label = QCoreApplication.translate("ReviewStep", EXTRA_LABELS[f.key])
            text = extra
        if f.is_file:
            mine = [a for a in attachments if a.material in {f.material, f.key}]
            if f.type == "signature":
                mine += [a for a in attachments if a.material == SIGNATURE_MATERIAL]
                if mine:
                    text = signed_text(facts.get(mine[-1].id))
                elif paper_signature:
                    text = QCoreApplication.translate("ReviewStep", "在纸质委托书上签字或按手印")
            elif mine:
                text = "、".join(file_text(a, facts.get(a.id)) for a in mine)
        rows.append((label, text))
    return rows


def file_text(a: AttachmentInfo, facts: AttachmentFacts | None) -> str:
    """“身份证正反面.pdf（3 页，120 KB）”: the pages when the file says how many."""
    size = f"{a.size // 1024 + 1} KB"
    if facts is not None and facts.pages:
        pages = QCoreApplication.translate("ReviewStep", "{0} 页").format(facts.pages)
        return QCoreApplication.translate("ReviewStep", "{0}（{1}，{2}）").format(
            a.filename, pages, size
        )
    return f"{a.filename}（{size}）"


def signed_text(facts: AttachmentFacts | None) -> str:
    """“已签名（2026-12-06 10:41）”, the local time the resident signed on screen."""
    if facts is not None and facts.signed_at is not None:
        return QCoreApplication.translate("ReviewStep", "已签名（{0}）").format(
            format_local(facts.signed_at)
        )
    return QCoreApplication.translate("ReviewStep", "已签名（在屏幕上）")


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ReviewStep(Step):
    validation_failed = Signal(dict)
    submitted = Signal(object)  # ApplicationView

    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("核对提交")
        self.inner = QWidget()
        self.inner.setObjectName("reviewContent")
        self.inner_layout = QVBoxLayout(self.inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inner)
        self.message = QLabel("")
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("第七步：与居民逐项核对，确认后提交")))
        layout.addWidget(
            hint_label(self.tr("提交后排队报送省级平台（断网时联网后自动报送）。Ctrl+Enter 提交。"))
        )
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)

    def _clear(self) -> None:
        while (item := self.inner_layout.takeAt(0)) is not None:
            w = item.widget()
            if w is not None:
                w.deleteLater()

    def enter(self, state: FlowState) -> None:
        assert state.item is not None and state.form is not None
        self._clear()
        set_message(self.message, "")
        who = QGroupBox(self.tr("申请人与事项"))
        who_form = QFormLayout(who)
        who_form.addRow(self.tr("事项"), _value_label(f"{state.item.name}（{state.item.code}）"))
        who_form.addRow(self.tr("承办部门"), _value_label(state.item.department))
        who_form.addRow(
            self.tr("居民库"),
            _value_label(
                self.tr(
                    "已登记（同意保存信息）：提交后，本次填写的家庭成员、银行卡等信息存入居民库"
                )
                if state.resident
                else self.tr("未登记，仅本次使用")
            ),
        )
        names = [material_name(m) for m in state.progress.materials]
        brought = self.tr("、").join(names) or self.tr("（无）")
        who_form.addRow(self.tr("已带材料"), _value_label(brought))
        self.inner_layout.addWidget(who)
        answers = QGroupBox(self.tr("申请表内容"))
        answers.setObjectName("reviewAnswers")
        self.answers_layout = QFormLayout(answers)
        self._show_answers(state, [])  # again with the files once they are read
        self.inner_layout.addWidget(answers)
        self.files_box = QGroupBox(self.tr("附件与签名"))
        self.files_layout = QFormLayout(self.files_box)
        self.files_layout.addRow(_value_label(self.tr("正在读取…")))
        self.inner_layout.addWidget(self.files_box)
        self.inner_layout.addStretch(1)
        draft_id = state.draft_id
        if draft_id:
            ctx = self.ctx

            def read() -> tuple[list[AttachmentInfo], dict[int, AttachmentFacts]]:
                infos = ctx.applications.attachments(draft_id)
                return infos, read_facts(ctx.applications, draft_id, infos)

            run_task(
                read,
                on_done=lambda found: self._files_read(state, *found),
                on_error=lambda exc: set_message(self.message, user_message(exc), "error"),
            )

    def _files_read(
        self, state: FlowState, infos: list[AttachmentInfo], facts: dict[int, AttachmentFacts]
    ) -> None:
        self._show_answers(state, infos, facts)
        self._show_files(infos, facts, state.progress.paper_signature)

    def _show_answers(
        self,
        state: FlowState,
        infos: list[AttachmentInfo],
        facts: dict[int, AttachmentFacts] | None = None,
    ) -> None:
        assert state.form is not None
        while self.answers_layout.rowCount():
            self.answers_layout.removeRow(0)
        paper = state.progress.paper_signature
        rows = answer_rows(state.form, state.form_data, infos, paper_signature=paper, facts=facts)
        for label, text in rows:
            self.answers_layout.addRow(label, _value_label(text))

    def _show_files(
        self, infos: list[AttachmentInfo], facts: dict[int, AttachmentFacts], paper: bool
    ) -> None:
        while self.files_layout.rowCount():
            self.files_layout.removeRow(0)
        files = [a for a in infos if a.material != SIGNATURE_MATERIAL]
        signatures = [a for a in infos if a.material == SIGNATURE_MATERIAL]
        for a in files:
            self.files_layout.addRow(
                material_name(a.material) or self.tr("其他材料"),
                _value_label(file_text(a, facts.get(a.id))),
            )
        if not files:
            self.files_layout.addRow(
                _value_label(self.tr("没有扫描件（纸质材料随交接清单送达）。"))
            )
        if signatures:
            sign = signed_text(facts.get(signatures[-1].id))
        elif paper:
            sign = self.tr("居民在纸质委托书上签字或按手印")
        else:
            sign = self.tr("未签名")
        self.files_layout.addRow(self.tr("委托签名"), _value_label(sign))

    def leave(self, state: FlowState, done: Done) -> None:
        if state.item is None or state.draft_id is None:
            done(self.tr("草稿还没有保存好，请稍候再试。"))
            return
        set_message(self.message, self.tr("正在提交…"))
        ctx, agent = self.ctx, self.agent
        data, draft_id, resident_id = dict(state.form_data), state.draft_id, state.resident_id

        def ok(view: ApplicationView) -> None:
            state.submitted = view
            set_message(self.message, "")
            self.submitted.emit(view)
            done(None)

        def failed(exc: Exception) -> None:
            set_message(self.message, user_message(exc), "error")
            if isinstance(exc, ValidationFailed):
                self.validation_failed.emit(exc.field_errors)
            done(user_message(exc))

        run_task(  # the last answers, validated and queued in one durable commit
            lambda: ctx.applications.submit_draft(
                draft_id, agent, data=data, resident_id=resident_id
            ),
            on_done=ok,
            on_error=failed,
        )
