"""好差评: the resident rates the service (5 levels, quick reasons, optional comment)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.errors import InputError
from kiosk.core.evaluations import LEVELS, QUICK_REASONS, EvaluationView
from kiosk.ui.errors import show_error
from kiosk.ui.widgets import set_message
from kiosk.ui.worker import run_task

POSITIVE = {"态度好", "效率高", "一次办成"}


class EvaluationDialog(QDialog):
    """Keys 1–5 choose a level (5 = 非常满意), as on the hall's rating pads."""

    rated = Signal(object)  # EvaluationView, as stored (before the dialog closes)

    def __init__(
        self,
        ctx: AppContext,
        app_id: str,
        agent: str,
        reference: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evaluationDialog")
        self.setWindowTitle(self.tr("居民评价（好差评） ") + reference)
        self.ctx = ctx
        self.app_id = app_id
        self.agent = agent
        self.result_view: EvaluationView | None = None
        intro = QLabel(
            self.tr("请居民本人对这次代办服务作出评价。评价会报送省级平台，用于改进服务。")
        )
        intro.setWordWrap(True)
        self.levels = QButtonGroup(self)
        level_box = QGroupBox(self.tr("满意程度"))
        level_row = QHBoxLayout(level_box)
        names = {
            5: self.tr("非常满意"),
            4: self.tr("满意"),
            3: self.tr("基本满意"),
            2: self.tr("不满意"),
            1: self.tr("非常不满意"),
        }
        for level in sorted(LEVELS, reverse=True):
            button = QRadioButton(f"{names[level]}（{level}）")
            button.setObjectName(f"level_{level}")
            self.levels.addButton(button, level)
            level_row.addWidget(button)
            QShortcut(QKeySequence(str(level)), self, button.click)
        self.levels.idToggled.connect(self._level_changed)
        reason_box = QGroupBox(self.tr("原因（可多选）"))
        grid = QGridLayout(reason_box)
        self.reasons: dict[str, QCheckBox] = {}
        labels = {
            "态度好": self.tr("态度好"),
            "效率高": self.tr("效率高"),
            "一次办成": self.tr("一次办成"),
            "态度差": self.tr("态度差"),
            "效率低": self.tr("效率低"),
            "材料多次补充": self.tr("材料多次补充"),
            "等待时间长": self.tr("等待时间长"),
            "流程不清楚": self.tr("流程不清楚"),
        }
        for i, reason in enumerate(QUICK_REASONS):
            box = QCheckBox(labels.get(reason, reason))
            box.setObjectName(f"reason_{i}")
            box.setProperty("reason", reason)
            self.reasons[reason] = box
            grid.addWidget(box, i // 4, i % 4)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("evaluationComment")
        self.comment.setPlaceholderText(self.tr("意见或建议（可不填，500字以内）"))
        self.comment.setAccessibleName(self.tr("意见或建议"))
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(80)
        self.message = QLabel("")
        self.message.setObjectName("evaluationMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("提交评价"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveEvaluation")
        self.save_button.setEnabled(False)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(level_box)
        layout.addWidget(reason_box)
        layout.addWidget(self.comment)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _level_changed(self, level: int, checked: bool) -> None:
        if not checked:
            return
        self.save_button.setEnabled(True)
        good = level >= 3
        for reason, box in self.reasons.items():  # offer the reasons that fit the level first
            box.setEnabled((reason in POSITIVE) == good or box.isChecked())

    def chosen_reasons(self) -> list[str]:
        return [r for r, box in self.reasons.items() if box.isChecked() and box.isEnabled()]

    def save(self) -> None:
        level = self.levels.checkedId()
        if level not in LEVELS:
            set_message(self.message, self.tr("请先选择满意程度。"), "error")
            return
        reasons, comment = self.chosen_reasons(), self.comment.toPlainText().strip()
        self.save_button.setEnabled(False)
        set_message(self.message, self.tr("正在保存…"))
        ctx = self.ctx
        agent = self.agent
        app_id = self.app_id
        run_task(
            lambda: ctx.evaluations.record(app_id, level, reasons, comment, "agent", agent),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, view: EvaluationView) -> None:
        self.result_view = view
        self.rated.emit(view)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, InputError):
            set_message(self.message, exc.zh, "error")
        else:
            show_error(exc)
