"""一次一评 at the desk (GB/T 39734): right after the filing the resident rates this service
occasion on 整体满意度 and on 服务效率, 服务水平, 服务态度, five levels each (非常满意 …
非常不满意). A bad rating opens a 差评 at the hub; who rated goes sealed to the hub only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.evaluations import LEVELS
from kiosk.core.visit_ratings import DIMENSIONS, OVERALL, VisitRatingView
from kiosk.ui.errors import user_message
from kiosk.ui.widgets import set_message
from kiosk.ui.worker import run_task


class VisitRatingDialog(QDialog):
    def __init__(
        self, ctx: AppContext, app_id: str, agent: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitRatingDialog")
        self.setWindowTitle(self.tr("一次一评：请居民评价本次服务"))
        self.ctx, self.app_id, self.agent = ctx, app_id, agent
        self.result_view: VisitRatingView | None = None
        words = {
            5: self.tr("非常满意"),
            4: self.tr("满意"),
            3: self.tr("基本满意"),
            2: self.tr("不满意"),
            1: self.tr("非常不满意"),
        }
        names = {
            OVERALL: self.tr("整体满意度"),
            "服务效率": self.tr("服务效率"),
            "服务水平": self.tr("服务水平"),
            "服务态度": self.tr("服务态度"),
        }
        grid = QGridLayout()
        self.groups: dict[str, QButtonGroup] = {}
        for row, key in enumerate((OVERALL, *DIMENSIONS)):
            grid.addWidget(QLabel(names[key]), row, 0)
            group = QButtonGroup(self)
            for col, level in enumerate(sorted(LEVELS, reverse=True), start=1):
                button = QRadioButton(words[level])
                button.setObjectName(f"rate_{key}_{level}")
                group.addButton(button, level)
                grid.addWidget(button, row, col)
            self.groups[key] = group
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("visitComment")
        self.comment.setPlaceholderText(self.tr("意见或建议（可不填）"))
        self.comment.setMaximumHeight(80)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("saveVisitRating")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("请居民本人逐项评价；评价会报送省级平台，差评会有人回访。"))
        )
        layout.addLayout(grid)
        layout.addWidget(self.comment)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def choose(self, key: str, level: int) -> None:
        button = self.groups[key].button(level)
        if button is not None:
            button.setChecked(True)

    def save(self) -> None:
        chosen = {k: g.checkedId() for k, g in self.groups.items()}
        if any(v < 1 for v in chosen.values()):
            set_message(self.message, self.tr("请对每一项都作出评价。"), "error")
            return
        ctx, app_id, agent = self.ctx, self.app_id, self.agent
        overall = chosen.pop(OVERALL)
        comment = self.comment.toPlainText().strip()
        self.ok_button.setEnabled(False)
        run_task(
            lambda: ctx.visit_ratings.record(app_id, overall, chosen, comment, agent, "agent"),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.ok_button.setEnabled(True)
        set_message(self.message, user_message(exc), "error")

    def _saved(self, view: VisitRatingView) -> None:
        self.result_view = view
        self.accept()
