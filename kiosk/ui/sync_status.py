"""The sync indicator in the status bar: online/offline, queue, last success, next attempt,
and a progress bar (applications and bytes) while a sync runs.

The engine reports progress from a worker thread through :class:`ProgressBridge`, whose
signal Qt delivers on the GUI thread.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from kiosk.core.clock import to_local
from kiosk.sync.report import SyncProgress, SyncReport
from kiosk.sync.state import SyncStatus
from kiosk.ui.widgets import ElidedLabel


class ProgressBridge(QObject):
    """Carry the engine's progress callback (worker thread) to the GUI thread."""

    progressed = Signal(object)  # SyncProgress

    def report(self, progress: SyncProgress) -> None:
        self.progressed.emit(progress)


def _time(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    local = to_local(moment)
    today = to_local(dt.datetime.now(dt.UTC)).date()
    return local.strftime("%H:%M" if local.date() == today else "%m-%d %H:%M")


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{max(n, 0) / 1024:.0f} KB"


PHASES = {
    "blobs": "正在上传附件",
    "submit": "正在发送申请",
    "changes": "正在获取办件进度",
    "catalog": "正在更新事项目录",
    "evaluations": "正在上传评价",
    "waiting": "等待重试",
    "done": "同步结束",
}


class SyncStatusWidget(QWidget):
    attention_clicked = Signal()  # the agent wants to see the applications needing attention

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.dot = QLabel("●")
        self.dot.setObjectName("syncDot")
        self.text = ElidedLabel(self.tr("尚未同步"))
        self.text.setMaximumWidth(520)  # a long sync message is cut short ("…", tooltip)
        self.text.setObjectName("syncLabel")
        self.attention = QLabel("")
        self.attention.setObjectName("syncAttention")
        self.attention.setTextFormat(Qt.TextFormat.RichText)
        self.attention.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.attention.linkActivated.connect(lambda _link: self.attention_clicked.emit())
        self.attention.hide()
        self.bar = QProgressBar()
        self.bar.setObjectName("syncProgress")
        self.bar.setMaximumWidth(320)
        self.bar.setTextVisible(True)
        self.bar.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.dot)
        layout.addWidget(self.text)
        layout.addWidget(self.attention)
        layout.addWidget(self.bar)
        self.online: bool | None = None
        self._set_dot("unknown")

    def _set_dot(self, state: str) -> None:
        colours = {
            "online": "#1b5e20",
            "offline": "#b71c1c",
            "unknown": "#616161",
            "auth": "#a84300",
        }
        self.dot.setStyleSheet(f"color: {colours[state]};")
        self.dot.setAccessibleName(
            {"online": "已联网", "offline": "离线", "unknown": "未知", "auth": "需要重新注册"}[
                state
            ]
        )
        self.dot.setProperty("state", state)

    def show_status(self, status: SyncStatus) -> None:
        self.online = status.online
        self.text.set_detail("")
        queue = self.tr("待发送 {0} 件").format(status.queue_depth)
        if status.auth_error:
            self._set_dot("auth")
            self.text.setText(status.auth_error)
        elif status.online is None:
            self._set_dot("unknown")
            self.text.setText(self.tr("尚未同步") + " · " + queue)
        elif status.online:
            self._set_dot("online")
            self.text.setText(
                self.tr("已联网")
                + f" · {queue} · "
                + self.tr("上次同步 ")
                + _time(status.last_success_at)
            )
        else:
            self._set_dot("offline")
            parts = [self.tr("离线"), queue, self.tr("上次成功 ") + _time(status.last_success_at)]
            if status.next_attempt_at:
                parts.append(self.tr("下次尝试 ") + _time(status.next_attempt_at))
            self.text.setText(" · ".join(parts))
            self.text.set_detail(status.last_error or "")
        if status.needs_attention:
            text = self.tr("⚠ {0} 件需要处理").format(status.needs_attention)
            self.attention.setText(f'<a href="attention">{text}</a>')
            self.attention.setToolTip(self.tr("点此查看发送失败或被退回的申请及原因"))
            self.attention.show()
        else:
            self.attention.hide()

    def start(self) -> None:
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.bar.setFormat(self.tr("正在同步…"))
        self.bar.show()

    def show_progress(self, p: SyncProgress) -> None:
        if p.phase == "done":
            return
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(p.fraction * 1000))
        label = PHASES.get(p.phase, "")
        text = f"{label} {p.items_done}/{p.items_total} 件"
        if p.bytes_total:
            text += f" · {_mb(p.bytes_done)}/{_mb(p.bytes_total)}"
        self.bar.setFormat(text)
        self.bar.setToolTip(p.message)
        if p.phase == "waiting" and p.message:
            self.text.setText(p.message)

    def finish(self, report: SyncReport | None) -> None:
        self.bar.hide()
        if report is not None and report.busy:
            self.text.setText(self.tr("另一个同步正在进行"))
