"""One case: its timeline, the form as submitted, its materials and documents, and what can
be done with it now (continue a draft, 补齐补正, withdraw, correct and resend, rate)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.core.answer_display import plain_text
from kiosk.core.applications import AttachmentInfo, TimelineEntry
from kiosk.core.attachment_facts import AttachmentFacts
from kiosk.core.card_reader import CardReader
from kiosk.core.changes import Changes
from kiosk.core.clock import format_local
from kiosk.core.delivery import ANSWER_KEY as DELIVERY_KEY
from kiosk.core.delivery import delivery_line
from kiosk.core.delivery_change import CHANGEABLE
from kiosk.core.evaluations import RATEABLE
from kiosk.core.status import AppStatus
from kiosk.ui.case_actions import CaseActions
from kiosk.ui.case_data import CaseData, last_note, load_case
from kiosk.ui.errors import user_message
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.material_words import material_name
from kiosk.ui.new_application.review_step import answer_rows, file_text, signed_text
from kiosk.ui.new_application.state import SIGNATURE_MATERIAL
from kiosk.ui.station_events import publish, station_events
from kiosk.ui.supplement_panel import SupplementPanel
from kiosk.ui.widgets import (
    hint_label,
    set_message,
    status_label,
    title_label,
)
from kiosk.ui.worker import run_task

WITHDRAWABLE = {AppStatus.DRAFT, AppStatus.READY, AppStatus.QUEUED}
REOPENABLE = {AppStatus.QUARANTINED, AppStatus.CONFLICT}


class CaseView(CaseActions, QWidget):
    back = Signal()
    resume_draft = Signal(str)
    changed = Signal(object)  # Changes: what an action on this case changed (sent, rated …)

    def __init__(self, ctx: AppContext, agent: AgentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.ctx = ctx
        self.agent = agent
        self.data: CaseData | None = None
        self._unmasked = False  # full identifiers shown (audited) for the case on screen
        station_events(ctx).changed.connect(self._station_changed)
        self.changed.connect(self._changed_here)

        self.heading = title_label("")
        self.heading.setObjectName("caseHeading")
        self.facts = QLabel("")
        self.facts.setObjectName("caseFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.group_label = QLabel("")  # filed with other items as one 一件事
        self.group_label.setObjectName("caseGroup")
        self.group_label.setWordWrap(True)
        self.group_label.hide()
        self.alert = QLabel("")
        self.alert.setObjectName("caseAlert")
        self.alert.setWordWrap(True)
        self.alert.hide()

        self._make_tabs(ctx, agent)
        splitter = QSplitter()
        splitter.addWidget(self._timeline_box())
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 520])  # the timeline needs room for the reasons
        self.message = QLabel("")
        self.message.setObjectName("caseMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.group_label)
        layout.addWidget(self.alert)
        layout.addLayout(self._make_actions())
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.action_buttons = (
            self.resume_button,
            self.supplement_button,
            self.reopen_button,
            self.handover_button,
            self.handover_receipt_button,
            self.change_delivery_button,
            self.evaluate_button,
            self.receipt_button,
            self.authorization_button,
            self.withdraw_button,
        )
        for b in self.action_buttons:  # nothing to act on until a case is loaded
            b.hide()

    def _make_actions(self) -> FlowLayout:
        """Back, and every action a case may offer (shown as its state allows)."""
        self.back_button = QPushButton(self.tr("返回（Esc）"))
        self.back_button.setObjectName("caseBackButton")
        self.back_button.clicked.connect(self.back)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.back.emit,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.resume_button = QPushButton(self.tr("继续办理"))
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.setProperty("primary", True)
        self.resume_button.clicked.connect(self.resume)
        self.supplement_button = QPushButton(self.tr("补齐补正"))
        self.supplement_button.setObjectName("supplementButton")
        self.supplement_button.setProperty("primary", True)
        self.supplement_button.clicked.connect(self.show_supplement)
        self.reopen_button = QPushButton(self.tr("退回修改"))
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.clicked.connect(self.reopen)
        self.evaluate_button = QPushButton(self.tr("居民评价"))
        self.evaluate_button.setObjectName("evaluateButton")
        self.evaluate_button.clicked.connect(self.evaluate)
        self.receipt_button = QPushButton(self.tr("打印回执"))
        self.receipt_button.setObjectName("caseReceiptButton")
        self.receipt_button.clicked.connect(lambda: self.print_document("receipt"))
        self.authorization_button = QPushButton(self.tr("打印委托书"))
        self.authorization_button.setObjectName("caseAuthorizationButton")
        self.authorization_button.clicked.connect(lambda: self.print_document("authorization"))
        self.notice_button = QPushButton(self.tr("打印补正告知书"))
        self.notice_button.setObjectName("caseNoticeButton")
        self.notice_button.setToolTip(self.tr("交给居民：需要补交的材料和截止日期"))
        self.notice_button.clicked.connect(lambda: self.print_document("supplement"))
        self.withdraw_button = QPushButton(self.tr("撤回…"))
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.setProperty("danger", True)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.handover_button = QPushButton(self.tr("结果交付"))
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.setProperty("primary", True)
        self.handover_button.clicked.connect(self.hand_over)
        self.handover_receipt_button = QPushButton(self.tr("打印交付回执"))
        self.handover_receipt_button.setObjectName("handoverReceiptButton")
        self.handover_receipt_button.clicked.connect(self.print_handover_receipt)
        self.change_delivery_button = QPushButton(self.tr("更改领取方式…"))
        self.change_delivery_button.setObjectName("changeDeliveryButton")
        self.change_delivery_button.clicked.connect(self.change_delivery)
        self.card_reader: CardReader | None = None  # set by the main window when there is one
        # the bar wraps onto a second line where the page is too narrow for it (English at
        # 1024×768, 125 %): a button pushed past the window's edge cannot be reached
        actions = FlowLayout(spacing=8, line_spacing=6)
        actions.addWidget(self.back_button)
        for b in (
            self.resume_button,
            self.supplement_button,
            self.reopen_button,
            self.handover_button,
            self.handover_receipt_button,
            self.change_delivery_button,
            self.evaluate_button,
            self.receipt_button,
            self.authorization_button,
            self.notice_button,
            self.withdraw_button,
        ):
            actions.addWidget(b)
        return actions

    def _timeline_box(self) -> QGroupBox:
        self.timeline = QTableWidget(0, 4)
        self.timeline.setObjectName("timelineTable")
        self.timeline.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("状态"), self.tr("经办"), self.tr("说明")]
        )
        self.timeline.verticalHeader().hide()
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setWordWrap(True)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        timeline_box = QGroupBox(self.tr("办理过程"))
        QVBoxLayout(timeline_box).addWidget(self.timeline)
        return timeline_box

    def _make_tabs(self, ctx: AppContext, agent: AgentInfo) -> None:
        """申请表, 材料, 结果与评价, 补齐补正."""
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.form_box = QWidget()
        self.form_layout = QFormLayout(self.form_box)
        self.unmask_button = QPushButton(self.tr("显示完整号码"))
        self.unmask_button.setObjectName("unmaskButton")
        self.unmask_button.setCheckable(True)
        self.unmask_button.toggled.connect(self._set_unmasked)
        form_page = QWidget()
        form_page_layout = QVBoxLayout(form_page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_box)
        form_page_layout.addWidget(scroll, 1)
        form_page_layout.addWidget(self.unmask_button, 0, Qt.AlignmentFlag.AlignRight)
        self.tabs.addTab(form_page, self.tr("申请表"))
        self.materials = QListWidget()
        self.materials.setObjectName("materialsList")
        self.materials.itemActivated.connect(self._open_attachment)
        materials_page = QWidget()
        mp = QVBoxLayout(materials_page)
        mp.addWidget(self.materials, 1)
        mp.addWidget(hint_label(self.tr("双击或按 Enter 查看图片；其他文件可另存。")))
        self.tabs.addTab(materials_page, self.tr("材料"))
        self.result_label = QLabel("")
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.tabs.addTab(self.result_label, self.tr("结果与评价"))
        self.supplement = SupplementPanel(ctx, agent.name)
        self.supplement.sent.connect(self._after_action)
        self.supplement_index = self.tabs.addTab(self.supplement, self.tr("补齐补正"))

    # --- loading ---------------------------------------------------------------------------
    def load(self, app_id: str) -> None:
        if self.data is None or self.data.view.id != app_id:
            self.data = None
            for b in self.action_buttons:
                b.hide()
        set_message(self.message, self.tr("正在读取…"))
        ctx = self.ctx
        run_task(lambda: load_case(ctx, app_id), on_done=self.show_case, on_error=self._failed)

    def reload(self) -> None:
        if self.data is not None:
            self.load(self.data.view.id)

    def _station_changed(self, changes: Changes, origin: object) -> None:
        # (a change made here is shown already; a hidden view is loaded when opened)
        shown = self.data.view.id if self.data is not None else None
        if origin is not self and self.isVisible() and shown and changes.touches(shown):
            self.reload()

    def _changed_here(self, changes: Changes) -> None:
        publish(self.ctx, changes, self)

    def _failed(self, exc: Exception) -> None:
        set_message(self.message, user_message(exc), "error")

    def _show_group(self, data: CaseData) -> None:
        """The 一件事 this case was filed in: its state and every other member's status."""
        group = data.group
        self.group_label.setVisible(group is not None)
        if group is None:
            return
        others = [
            f"{m.item_name}（{m.case_no or m.local_ref}）：{m.status_label}"
            for m in group.members
            if m.app_id != data.view.id
        ]
        lines = [self.tr("一件事：") + group.summary_zh()]
        if others:
            lines.append(self.tr("同批办理：") + "；".join(others))
        self.group_label.setText("\n".join(lines))

    def show_case(self, data: CaseData) -> None:
        if self.data is None or self.data.view.id != data.view.id:
            self._mask_again()  # showing full numbers was audited for one case only
        self.data = data
        v = data.view
        set_message(self.message, "")
        self.heading.setText(f"{v.item_name}　[{status_label(v.status)}]")
        facts = [
            (self.tr("办件编号") + "：" + v.case_no)
            if v.case_no
            else (self.tr("本地受理号") + "：" + v.local_ref),
        ]
        if v.query_code:
            facts.append(self.tr("查询密码") + "：" + v.query_code)
        facts.append(self.tr("代办员") + "：" + v.created_by)
        facts.append(self.tr("提交时间") + "：" + (format_local(v.queued_at) or self.tr("未提交")))
        if v.revision:
            facts.append(self.tr("补正 {0} 次").format(v.revision))
        if v.may_have_left and v.status in WITHDRAWABLE:  # why there is no 撤回 button
            facts.append(self.tr("已送往省级平台，本站不能撤回"))
        self.facts.setText("　".join(facts))
        self._show_group(data)
        self.unmask_button.setVisible(not v.purged)
        alert = v.last_error or ""
        if v.status in REOPENABLE and not alert:
            alert = last_note(data.timeline, v.status)
        if v.status is AppStatus.NEED_SUPPLEMENT:
            alert = self.tr("需补齐补正：") + (last_note(data.timeline, v.status) or "")
        self.alert.setVisible(bool(alert))
        set_message(self.alert, alert, "error")
        self._fill_timeline(data.timeline)
        self._fill_form()
        self._fill_materials(data.attachments, data.facts)
        self._fill_result(data)
        s = v.status
        draft = s in (AppStatus.DRAFT, AppStatus.READY)
        self.resume_button.setVisible(draft and self.agent.role == "agent")
        self.supplement_button.setVisible(s is AppStatus.NEED_SUPPLEMENT)
        self.reopen_button.setVisible(s in REOPENABLE)
        posted = data.delivery is not None and data.delivery.method == "post"
        self.handover_button.setVisible(s is AppStatus.COMPLETED and not posted)
        self.handover_receipt_button.setVisible(s is AppStatus.HANDED_OVER)
        self.change_delivery_button.setVisible(s in CHANGEABLE and not v.purged)
        self.evaluate_button.setVisible(s in RATEABLE and data.evaluation is None)
        self.receipt_button.setVisible(not draft and s is not AppStatus.WITHDRAWN and not v.purged)
        self.authorization_button.setVisible(self.receipt_button.isVisible())
        self.notice_button.setVisible(s is AppStatus.NEED_SUPPLEMENT and not v.purged)
        # the hub may already hold it (sent, on a USB batch): only the township can stop it
        self.withdraw_button.setVisible(s in WITHDRAWABLE and not v.may_have_left)
        self.tabs.setTabVisible(self.supplement_index, s is AppStatus.NEED_SUPPLEMENT)
        if s is AppStatus.NEED_SUPPLEMENT:
            self.supplement.load(data)
        else:
            self.tabs.setCurrentIndex(0)

    def _fill_timeline(self, entries: list[TimelineEntry]) -> None:
        self.timeline.setRowCount(len(entries))
        for r, e in enumerate(entries):
            cells = (format_local(e.at), status_label(e.to_status), e.actor, e.reason)
            for c, text in enumerate(cells):
                self.timeline.setItem(r, c, QTableWidgetItem(text))
        self.timeline.resizeRowsToContents()
        self.timeline.scrollToBottom()

    def _mask_again(self) -> None:
        self._unmasked = False
        self.unmask_button.blockSignals(True)
        self.unmask_button.setChecked(False)
        self.unmask_button.blockSignals(False)
        self.unmask_button.setEnabled(True)
        self.unmask_button.setText(self.tr("显示完整号码"))

    def _set_unmasked(self, on: bool) -> None:
        if not on or self.data is None:
            self._mask_again()
            self._fill_form()
            return
        # who saw which application's full numbers goes to the audit trail first
        self.unmask_button.setEnabled(False)
        ctx, actor, app_id = self.ctx, self.agent.name, self.data.view.id
        run_task(
            lambda: ctx.access_records.revealed(actor, app_id),
            on_done=lambda _r: self._revealed(app_id),
            on_error=self._reveal_failed,
        )

    def _revealed(self, app_id: str) -> None:
        self.unmask_button.setEnabled(True)
        if self.data is None or self.data.view.id != app_id or not self.unmask_button.isChecked():
            return  # another case was opened (or the button released) meanwhile
        self._unmasked = True
        self.unmask_button.setText(self.tr("隐藏完整号码"))
        self._fill_form()

    def _reveal_failed(self, exc: Exception) -> None:
        self._mask_again()
        set_message(
            self.message,
            self.tr("未能记录查看操作，完整号码不显示。") + user_message(exc),
            "error",
        )

    def _fill_form(self) -> None:
        while self.form_layout.rowCount():
            self.form_layout.removeRow(0)
        if self.data is None:
            return
        d = self.data
        if d.view.purged:
            self.form_layout.addRow(QLabel(self.tr("已过保存期限，个人信息已按规定清除。")))
            return
        masked = not self._unmasked
        if d.form is None:
            rows = [(k, plain_text(v, masked)) for k, v in d.payload.items()]
        else:  # computed values, the files and the signature too, not "—"
            rows = answer_rows(d.form, d.payload, d.attachments, masked=masked, facts=d.facts)
        for label, text in rows:
            cell = QLabel(text)
            cell.setWordWrap(True)
            cell.setTextFormat(Qt.TextFormat.PlainText)
            cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form_layout.addRow(label, cell)

    def _fill_materials(
        self, infos: list[AttachmentInfo], facts: dict[int, AttachmentFacts]
    ) -> None:
        self.materials.clear()
        for a in infos:
            if a.material == SIGNATURE_MATERIAL:  # 居民签名：已签名（2026-12-06 10:41）
                text = f"{self.tr('居民签名')}：{signed_text(facts.get(a.id))}"
            else:  # 户口簿：户口簿.pdf（3 页，120 KB）
                name = material_name(a.material) or self.tr("其他材料")
                text = f"{name}：{file_text(a, facts.get(a.id))}"
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, a)
            self.materials.addItem(row)
        if not infos:
            self.materials.addItem(self.tr("没有扫描件或照片。"))

    def _fill_result(self, data: CaseData) -> None:
        v = data.view
        lines = []
        if v.status is AppStatus.COMPLETED:
            lines.append(self.tr("办理结果：已办结。") + last_note(data.timeline, v.status))
            lines.append(self.tr("请通知居民领取结果（或按其选择的方式送达）。"))
        elif v.status in (AppStatus.DISPATCHED, AppStatus.SIGNED):
            d = data.delivery
            lines.append(
                self.tr("办理结果已由 {0} 寄出，快递单号 {1}").format(
                    (d.carrier if d else "") or self.tr("快递"), (d.tracking_no if d else "") or "—"
                )
            )
            if d is not None and d.dispatched_at is not None:
                lines.append(self.tr("寄出时间：") + format_local(d.dispatched_at))
            if v.status is AppStatus.SIGNED:
                signed = format_local(d.signed_at) if d is not None and d.signed_at else ""
                lines.append(self.tr("居民已签收。") + signed)
        elif v.status is AppStatus.HANDED_OVER:
            d = data.delivery
            when = format_local(d.handed_over_at) if d is not None and d.handed_over_at else ""
            lines.append(self.tr("办理结果已当面交付。") + when)
        elif v.status is AppStatus.REJECTED:
            lines.append(self.tr("办理结果：不予受理。") + last_note(data.timeline, v.status))
        else:
            lines.append(self.tr("尚未办结。当前状态：") + status_label(v.status))
        if data.delivery_choice:
            line = delivery_line({DELIVERY_KEY: data.delivery_choice}, self.ctx.catalog.divisions)
            if line:
                lines.append(line)
        if data.evaluation is not None:
            ev = data.evaluation
            lines.append("")
            lines.append(
                self.tr("居民评价：{0}（{1}）").format(ev.label, "、".join(ev.reasons) or "—")
            )
            if ev.comment:
                lines.append(self.tr("意见：") + ev.comment)
            lines.append(self.tr("已报送省级平台") if ev.synced else self.tr("待报送省级平台"))
        self.result_label.setText("\n".join(lines))

    # --- actions ---------------------------------------------------------------------------
    def show_supplement(self) -> None:
        self.tabs.setCurrentIndex(self.supplement_index)
        self.supplement.files.import_button.setFocus()
