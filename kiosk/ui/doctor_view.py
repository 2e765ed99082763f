"""站点体检 for the technician: database, disk, keyring, audit chain, backups, printers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.ui.widgets import set_message, title_label
from kiosk.ui.worker import run_task


def check_rows(report: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    """(what, ok, detail) for each part of a ``kiosk.doctor.diagnose`` report; ``ok`` is None
    when it could not be told (a printer list Windows would not give). A failed part's
    detail says what to do."""
    db, disk, keyring = report["database"], report["disk"], report["keyring"]
    printer, backup, audit = report["printer"], report["backup"], report["audit"]

    def problem(section: dict[str, Any]) -> str:
        return str(section.get("detail") or "")

    return [
        (
            QCoreApplication.translate("doctor", "数据库"),
            bool(db["ok"]),
            f"结构版本 {db['schema']}，{db['size_bytes'] // 1024} KB" if db["ok"] else problem(db),
        ),
        (
            QCoreApplication.translate("doctor", "磁盘空间"),
            bool(disk["ok"]),
            (
                QCoreApplication.translate("doctor", "剩余 {0} MB（至少需 500 MB）").format(
                    disk["free_mb"]
                )
                + " "
                + problem(disk)
            ).strip()
            if disk.get("free_mb") is not None
            else problem(disk),
        ),
        (
            QCoreApplication.translate("doctor", "密钥环"),
            bool(keyring["ok"]),
            QCoreApplication.translate("doctor", "数据密钥已保存在系统密钥环")
            if keyring["ok"]
            else problem(keyring),
        ),
        (
            QCoreApplication.translate("doctor", "审计记录"),
            bool(audit["ok"]),
            problem(audit),
        ),
        backup_row(backup),
        (
            QCoreApplication.translate("doctor", "打印机"),
            None if printer["ok"] is None else bool(printer["ok"]),
            " ".join(printer.get("printers", [])) or problem(printer),
        ),
    ]


def backup_row(backup: dict[str, Any]) -> tuple[str, bool | None, str]:
    """A station set up today has no daily backup yet: that is neutral, not a fault, and a
    technician at the window is not sent to a command line."""
    what = QCoreApplication.translate("doctor", "自动备份")
    if backup.get("latest") is None and backup.get("detail", "").startswith("还没有"):
        return (
            what,
            None,
            QCoreApplication.translate("doctor", "还没有备份：程序开着时每天自动备份一次。"),
        )
    if backup["ok"]:
        return what, True, str(backup.get("latest") or "")
    return (
        what,
        False,
        QCoreApplication.translate(
            "doctor", "最近一次自动备份是 {0} 天前：请让程序保持开机运行（每天自动备份一次）。"
        ).format(backup.get("age_days")),
    )


def run_checks(ctx: AppContext) -> dict[str, Any]:
    from kiosk.doctor import diagnose

    return diagnose(ctx.data_dir)


class DoctorView(QWidget):
    finished = Signal(dict)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, title: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("doctorView")
        self.ctx = ctx
        self.report: dict[str, Any] | None = None
        self.rows: dict[str, QLabel] = {}
        self.summary = QLabel("")
        self.summary.setObjectName("doctorSummary")
        self.summary.setWordWrap(True)
        self.run_button = QPushButton(self.tr("重新检查"))
        self.run_button.setObjectName("doctorRunButton")
        self.run_button.clicked.connect(self.run)
        self.list = QVBoxLayout()
        layout = QVBoxLayout(self)
        if title:
            layout.addWidget(title_label(self.tr("站点体检")))
        layout.addLayout(self.list)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.run_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def run(self) -> None:
        self.run_button.setEnabled(False)
        set_message(self.summary, self.tr("正在检查…"))
        ctx = self.ctx
        run_task(lambda: run_checks(ctx), on_done=self._show, on_error=self._failed)

    def _failed(self, exc: Exception) -> None:
        from kiosk.ui.errors import user_message

        self.run_button.setEnabled(True)
        set_message(self.summary, user_message(exc), "error")

    def _show(self, report: dict[str, Any]) -> None:
        self.report = report
        self.run_button.setEnabled(True)
        while (item := self.list.takeAt(0)) is not None:
            w = item.widget()
            if w is not None:
                w.deleteLater()
        self.rows = {}
        faults = 0
        for what, ok, detail in check_rows(report):
            faults += ok is False
            label = QLabel(("？ " if ok is None else "✓ " if ok else "✗ ") + what + "：" + detail)
            label.setWordWrap(True)
            label.setProperty("role", "hint" if ok is None else "ok" if ok else "error")
            self.list.addWidget(label)
            self.rows[what] = label
        q = report["queue"]
        unsent = "？" if q["unsent"] is None else q["unsent"]
        queue = QLabel(self.tr("待发送 {0} 件").format(unsent))
        if not q.get("ok", True) and q.get("detail"):
            queue.setText("✗ " + queue.text() + "：" + str(q["detail"]))
            queue.setProperty("role", "error")
            faults += 1
        queue.setWordWrap(True)
        self.list.addWidget(queue)
        if not faults:  # (a "？" or a backup not made yet is no fault)
            set_message(self.summary, self.tr("关键项目正常。"), "ok")
        else:
            set_message(self.summary, self.tr("有项目异常，请按提示处理后重新检查。"), "error")
        self.finished.emit(report)
