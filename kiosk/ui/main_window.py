"""The agent's main window: pick an item, fill its form, submit, follow the queue, print."""

from __future__ import annotations

import hashlib
import html
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.agents import AgentInfo
from kiosk.core.applications import ApplicationView, AttachmentInput
from kiosk.core.clock import format_local
from kiosk.core.errors import ValidationFailed
from kiosk.forms.engine import bind_files
from kiosk.forms.materials import material_checklist
from kiosk.print.kinds import DocumentKind
from kiosk.sync.engine import SyncReport
from kiosk.ui.errors import show_error
from kiosk.ui.form_view import FormView
from kiosk.ui.item_picker import ItemPicker, guide_html
from kiosk.ui.print_preview import open_document
from kiosk.ui.sync_status import ProgressBridge, SyncStatusWidget
from kiosk.ui.worker import run_task

log = logging.getLogger(__name__)

PROBE_SECONDS = 15


def submit_with_files(
    ctx: AppContext, code: str, data: dict[str, Any], files: list[tuple[str, Path, str]], agent: str
) -> ApplicationView:
    """Worker-thread part of submitting: hash the attached files, record them in the payload
    (name, sha256, size — the bytes go to the encrypted blob store) and queue."""
    refs = []
    for _key, path, material in files:
        content = path.read_bytes()
        refs.append(
            {
                "name": path.name,
                "material": material,
                "sha256": hashlib.sha256(content).hexdigest(),
                "size": len(content),
            }
        )
    item = ctx.catalog.get(code)
    payload = {k: v for k, v in data.items() if k not in {f.key for f in item.form.file_fields()}}
    payload = bind_files(item.form, payload, refs)
    attachments = [AttachmentInput(path, material) for _key, path, material in files]
    return ctx.applications.submit(code, payload, agent, attachments)


class NewApplicationPage(QWidget):
    submitted = Signal(object)  # ApplicationView

    def __init__(self, ctx: AppContext, agent: AgentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent = agent
        self.form_view: FormView | None = None
        self.item_code: str | None = None

        self.picker = ItemPicker(ctx.catalog)
        self.picker.chosen.connect(self._item_chosen)
        self.search_box = self.picker.search_box
        self.items = self.picker.items
        left = self.picker

        self.item_title = QLabel(self.tr("请先在左侧选择事项"))
        self.item_title.setProperty("role", "title")
        self.item_title.setWordWrap(True)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.guide_button = QPushButton(self.tr("办事指南"))
        self.guide_button.setObjectName("guideButton")
        self.guide_button.setEnabled(False)
        self.guide_button.clicked.connect(self.show_guide)
        self.materials = QLabel("")
        self.materials.setObjectName("materialChecklist")
        self.materials.setWordWrap(True)
        self.materials.setTextFormat(Qt.TextFormat.RichText)
        self.submit_button = QPushButton(self.tr("提交（Ctrl+Enter）"))
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.submit_button.setEnabled(False)
        self.submit_button.clicked.connect(self.submit)
        self.clear_button = QPushButton(self.tr("清空"))
        self.clear_button.clicked.connect(lambda: self.form_view and self.form_view.clear())
        self.message = QLabel("")
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.submit_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        title_row = QHBoxLayout()
        title_row.addWidget(self.item_title, 1)
        title_row.addWidget(self.guide_button)
        right_layout.addLayout(title_row)
        right_layout.addWidget(self.form_area, 1)
        right_layout.addWidget(self.materials)
        right_layout.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._filter_items("")

    def _filter_items(self, text: str) -> None:
        self.picker.filter_now(text)

    def select_item(self, code: str) -> None:
        if not self.picker.select(code):
            self.picker.filter_now("")
            self.picker.select(code)

    def _item_chosen(self, code: str) -> None:
        item = self.ctx.catalog.get(code)
        self.item_code = code
        self.item_title.setText(
            f"{item.name}　<small>{item.department} · "
            f"{self.tr('承诺时限')} {item.promised_days} {self.tr('个工作日')}</small>"
        )
        self.form_view = FormView(item.form, lambda data: self.ctx.applications.check(code, data))
        self.form_view.setObjectName("formView")
        self.form_view.changed.connect(self._update_materials)
        self.form_area.setWidget(self.form_view)
        self.submit_button.setEnabled(True)
        self.guide_button.setEnabled(True)
        self.message.clear()
        self._update_materials()

    def _update_materials(self) -> None:
        if self.form_view is None or self.item_code is None:
            return
        item = self.ctx.catalog.get(self.item_code)
        try:
            needs = material_checklist(item.materials(), item.form, self.form_view.data())
        except Exception:  # a half-typed form must never break the screen
            log.debug("material checklist failed", exc_info=True)
            return
        rows = []
        for m in needs:
            mark = "✔" if m.files else ("●" if m.required else "○")
            extra = f"（{m.condition}）" if m.condition else ("（如有）" if not m.required else "")
            rows.append(f"{mark} {html.escape(m.name)}　{m.form}×{m.count}{html.escape(extra)}")
        self.materials.setText(
            "<b>" + self.tr("请居民携带的材料：") + "</b><br/>" + "<br/>".join(rows)
        )

    def show_guide(self) -> None:
        if self.item_code is None:
            return
        dialog = QDialog(self)
        dialog.setObjectName("guideDialog")
        dialog.setWindowTitle(self.tr("办事指南"))
        dialog.resize(720, 640)
        view = QTextBrowser(dialog)
        view.setHtml(guide_html(self.ctx.catalog.get(self.item_code)))
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        dialog.open()

    def submit(self) -> None:
        if self.form_view is None or self.item_code is None:
            return
        data, code = self.form_view.data(), self.item_code
        files = self.form_view.files()
        self.submit_button.setEnabled(False)
        self.message.setText(self.tr("正在保存…"))
        run_task(
            lambda: submit_with_files(self.ctx, code, data, files, self.agent.name),
            on_done=self._submitted,
            on_error=self._failed,
        )

    def _submitted(self, view: ApplicationView) -> None:
        self.submit_button.setEnabled(True)
        assert self.form_view is not None
        self.form_view.show_errors({})
        self.form_view.clear()
        self.message.setProperty("role", "ok")
        self.message.setText(self.tr("已保存，排队等待发送。本地受理号：") + view.local_ref)
        self.message.style().polish(self.message)
        self.submitted.emit(view)

    def _failed(self, exc: Exception) -> None:
        self.submit_button.setEnabled(True)
        if isinstance(exc, ValidationFailed) and self.form_view is not None:
            self.form_view.show_errors(exc.field_errors)
            self.message.setProperty("role", "error")
            self.message.setText(exc.zh)
            self.message.style().polish(self.message)
        else:
            self.message.clear()
            show_error(exc)


class QueuePage(QWidget):
    COLUMNS = ("状态", "办件编号 / 本地受理号", "事项", "代办员", "提交时间", "说明")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.views: list[ApplicationView] = []
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("queueTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.print_button = QPushButton(self.tr("打印回执"))
        self.print_button.setObjectName("printReceiptButton")
        self.print_button.clicked.connect(lambda: self.print_selected(DocumentKind.RECEIPT))
        self.authorization_button = QPushButton(self.tr("打印委托书"))
        self.authorization_button.setObjectName("printAuthorizationButton")
        self.authorization_button.clicked.connect(
            lambda: self.print_selected(DocumentKind.AUTHORIZATION)
        )
        self.supplement_button = QPushButton(self.tr("打印补正告知"))
        self.supplement_button.setObjectName("printSupplementButton")
        self.supplement_button.clicked.connect(lambda: self.print_selected(DocumentKind.SUPPLEMENT))
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.supplement_button)
        bar.addWidget(self.authorization_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(bar)

    def refresh(self) -> None:
        run_task(self.ctx.applications.list, on_done=self._show)

    def _show(self, views: list[ApplicationView]) -> None:
        self.views = views
        self.table.setRowCount(len(views))
        for r, v in enumerate(views):
            cells = (
                v.status_label,
                v.case_no or v.local_ref,
                v.item_name,
                v.created_by,
                format_local(v.queued_at or v.created_at),
                v.last_error or "",
            )
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)  # the full reason, and what to do about it
                self.table.setItem(r, c, cell)

    def selected(self) -> ApplicationView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.views[rows[0].row()] if rows else None

    def print_selected(self, kind: DocumentKind = DocumentKind.RECEIPT) -> None:
        view = self.selected()
        if view is None and self.views:
            view = self.views[0]
        if view is None:
            return
        self.print_document(kind, view)

    def print_receipt(self, view: ApplicationView) -> None:
        self.print_document(DocumentKind.RECEIPT, view)

    def print_document(self, kind: DocumentKind, view: ApplicationView) -> None:
        """Preview and print (or reprint) a document of a case; regenerated from the case,
        so a receipt printed offline shows the case number once the case has synced."""
        printing = self.ctx.printing
        open_document(
            self,
            lambda layout: printing.render(kind, view.id, layout),
            kind,
            f"{kind.label_zh} {view.case_no or view.local_ref}",
            printing.preferences,
        )


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, agent: AgentInfo, auto_sync: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.agent = agent
        self.setWindowTitle(self.tr("村级代办 Kiosk"))
        self.resize(1280, 760)
        self.tabs = QTabWidget()
        self.new_page = NewApplicationPage(ctx, agent)
        self.queue_page = QueuePage(ctx)
        self.tabs.addTab(self.new_page, self.tr("新建申请"))
        self.tabs.addTab(self.queue_page, self.tr("办件队列"))
        self.tabs.currentChanged.connect(lambda i: i == 1 and self.queue_page.refresh())
        self.setCentralWidget(self.tabs)
        self.new_page.submitted.connect(self._after_submit)

        self.sync_action = QAction(self.tr("立即同步"), self)
        self.sync_action.setObjectName("syncAction")
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(lambda: self.sync_now(force=True))
        toolbar = self.addToolBar(self.tr("操作"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.sync_action)
        station = ctx.station()
        self.station_label = QLabel(
            f"{station.name if station else self.tr('未配置站点')} · "
            f"{self.tr('代办员')} {agent.name}"
        )
        self.sync_status = SyncStatusWidget()
        self.sync_label = self.sync_status.text
        self.statusBar().addWidget(self.station_label)
        self.statusBar().addPermanentWidget(self.sync_status)
        self._progress = ProgressBridge(self)
        self._progress.progressed.connect(self.sync_status.show_progress)
        self._syncing = False
        self._hub_seen: bool | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(max(10, ctx.settings.sync_interval_seconds) * 1000)
        self.timer.timeout.connect(self.sync_now)
        # while offline, a cheap probe notices the hub coming back and syncs at once
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_SECONDS * 1000)
        self.probe_timer.timeout.connect(self._probe)
        if auto_sync and ctx.settings.hub_url:
            self.timer.start()
            self.probe_timer.start()
        if ctx.settings.hub_url:
            self.refresh_sync_status()
        # daily backup + retention purge: shortly after start, then hourly (in a worker)
        self.maintenance_timer = QTimer(self)
        self.maintenance_timer.setInterval(3600 * 1000)
        self.maintenance_timer.timeout.connect(self.run_maintenance)
        if auto_sync:
            self.maintenance_timer.start()
            QTimer.singleShot(5000, self.run_maintenance)

    def run_maintenance(self) -> None:
        run_task(self.ctx.run_maintenance)

    def _after_submit(self, view: ApplicationView) -> None:
        self.queue_page.refresh()
        self.statusBar().showMessage(self.tr("已保存：") + view.local_ref, 5000)
        if self.ctx.settings.hub_url and not self._syncing:
            QTimer.singleShot(0, lambda: self.sync_now(force=True))

    def sync_now(self, force: bool = False) -> None:
        if self._syncing or not self.ctx.settings.hub_url:
            return
        self._syncing = True
        self.sync_action.setEnabled(False)
        self.sync_status.start()
        progress = self._progress.report
        run_task(
            lambda: self.ctx.sync_engine().run_once(progress=progress, force=force),
            on_done=self._synced,
            on_error=self._sync_failed,
        )

    def _synced(self, report: SyncReport) -> None:
        self._syncing = False
        self.sync_action.setEnabled(True)
        self.sync_status.finish(report)
        if not report.busy and not report.skipped and not report.error:
            self.statusBar().showMessage(
                self.tr("已同步：新收件 {0}，状态更新 {1}，待发送 {2}").format(
                    report.created, report.status_updates, report.remaining
                ),
                8000,
            )
        self.refresh_sync_status()
        self.queue_page.refresh()

    def _sync_failed(self, exc: Exception) -> None:
        self._syncing = False
        self.sync_action.setEnabled(True)
        self.sync_status.finish(None)
        self.sync_label.setText(self.tr("同步失败"))
        show_error(exc)

    def refresh_sync_status(self) -> None:
        if not self.ctx.settings.hub_url:
            return
        run_task(lambda: self.ctx.sync_engine().status(), on_done=self.sync_status.show_status)

    def _probe(self) -> None:
        if self._syncing or self.sync_status.online:
            self._hub_seen = None
            return  # online: the regular timer is enough
        run_task(lambda: self.ctx.sync_engine().probe(), on_done=self._probed)

    def _probed(self, reachable: bool) -> None:
        came_back = reachable and not self._hub_seen
        self._hub_seen = reachable
        if came_back and not self._syncing:
            self.sync_now(force=True)  # the hub is back: send what waited, now
