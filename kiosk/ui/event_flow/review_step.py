"""Step 5 of a 一件事: what will be filed (the items, those left out and why, the files),
then, once filed, each sub-case with its own reference and promised date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.event_plan import MemberDecision
from kiosk.core.event_views import GroupView
from kiosk.ui.widgets import title_label


class EventReviewStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = title_label(self.tr("第五步：核对后提交"))
        self.summary = QLabel("")
        self.summary.setObjectName("eventSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.receipt_button = QPushButton(self.tr("打印回执（交给居民）"))
        self.receipt_button.setObjectName("printGroupReceipt")
        self.authorization_button = QPushButton(self.tr("打印委托书"))
        self.authorization_button.setObjectName("printGroupAuthorization")
        self.print_row = QWidget()
        row = QHBoxLayout(self.print_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.receipt_button)
        row.addWidget(self.authorization_button)
        row.addStretch(1)
        self.print_row.hide()
        self.cases = QListWidget()
        self.cases.setObjectName("eventCases")
        self.cases.setAccessibleName(self.tr("本次一件事的各个办件"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.print_row)
        layout.addWidget(self.cases, 1)

    def show_plan(
        self, bundle_name: str, decisions: list[MemberDecision], files: int, signed: bool
    ) -> None:
        self.heading.setText(self.tr("第五步：核对后提交"))
        lines = [self.tr("一件事：{0}").format(bundle_name)]
        lines.append(self.tr("将提交：") + "、".join(d.item_name for d in decisions if d.applies))
        for d in decisions:
            if not d.applies:
                lines.append(self.tr("不办理“{0}”：{1}").format(d.item_name, d.reason))
        lines.append(self.tr("材料文件 {0} 份（每份只存一次）").format(files))
        lines.append(self.tr("居民已在屏幕上签名") if signed else self.tr("居民在纸质委托书上签字"))
        self.summary.setText("\n".join(lines))
        self.cases.clear()
        self.print_row.hide()

    def show_filed(self, group: GroupView, promised_days: dict[str, int] | None = None) -> None:
        """``promised_days``: each item's time limit in working days (the catalog's), said
        while the department has not set the date yet."""
        days = promised_days or {}
        self.print_row.show()
        self.heading.setText(self.tr("已提交：{0}").format(group.bundle_name))
        self.summary.setText(
            self.tr(
                "共 {0} 个事项已保存并排队报送，联网后自动报送到省级平台。请打印回执交给居民。"
            ).format(len(group.members))
            + "\n"
            + group.summary_zh()
        )
        self.cases.clear()
        for m in group.members:
            ref = m.case_no or m.local_ref
            if m.promised:
                promised = self.tr("承诺 {0} 前办结").format(m.promised.isoformat())
            elif days.get(m.item_code):
                promised = self.tr("受理后 {0} 个工作日内办结").format(days[m.item_code])
            else:
                promised = self.tr("即办")
            self.cases.addItem(f"{m.item_name}　{ref}　{m.status_label}　{promised}")
        for x in group.left_out:
            self.cases.addItem(self.tr("未办理：{0}（{1}）").format(x.item_name, x.reason))
