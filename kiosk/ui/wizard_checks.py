"""Steps 5–6 of the setup wizard: the station's checks with a first sync, and the catalog
(imported from USB where the catalog offers it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWizardPage

from kiosk.context import AppContext
from kiosk.ui.doctor_view import DoctorView
from kiosk.ui.errors import user_message
from kiosk.ui.widgets import hint_label, set_message
from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.ui.setup_wizard import SetupWizard


def catalog_importer(ctx: AppContext) -> Any:
    """Importing a catalog file from USB, once the catalog offers it (one adapter)."""
    return getattr(ctx, "import_catalog", None)


class ChecksPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第五步：检查本机"))
        self.setSubTitle(self.tr("检查数据库、磁盘、系统密钥环，并与省级平台试同步一次。"))
        self.doctor = DoctorView(wizard.ctx, title=False)
        self.sync_status = QLabel("")
        self.sync_status.setObjectName("firstSyncStatus")
        self.sync_status.setWordWrap(True)
        self.sync_ok = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.doctor)
        layout.addWidget(self.sync_status)

    def initializePage(self) -> None:
        self.doctor.run()
        self.sync_ok = False
        set_message(self.sync_status, self.tr("正在与省级平台试同步…"))
        ctx = self.wiz.ctx
        run_task(
            lambda: ctx.sync_engine().run_once(force=True),
            on_done=self._synced,
            on_error=self._sync_failed,
        )
        self.completeChanged.emit()

    def _synced(self, report: Any) -> None:
        if report.error:
            set_message(self.sync_status, self.tr("试同步失败：") + report.error, "error")
        else:
            self.sync_ok = True
            set_message(self.sync_status, self.tr("与省级平台同步正常。"), "ok")
        self.completeChanged.emit()

    def _sync_failed(self, exc: Exception) -> None:
        set_message(self.sync_status, self.tr("试同步失败：") + user_message(exc), "error")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        report = self.doctor.report  # a new station has no daily backup (or printer) yet
        return bool(report and report["essential_ok"] and self.sync_ok)


class CatalogPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第六步：事项目录"))
        self.setSubTitle(
            self.tr("程序已带有事项目录；联网后会自动更新。没有网络时可从U盘导入目录文件。")
        )
        self.info = QLabel("")
        self.info.setObjectName("catalogInfo")
        self.info.setWordWrap(True)
        self.import_button = QPushButton(self.tr("从U盘导入目录文件…"))
        self.import_button.setObjectName("importCatalogButton")
        self.import_button.clicked.connect(self.import_file)
        self.import_button.setVisible(catalog_importer(wizard.ctx) is not None)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.import_button)
        layout.addWidget(self.status)
        layout.addWidget(hint_label(self.tr("点“完成”后即可用代办员账号登录办理业务。")))
        layout.addStretch(1)

    def initializePage(self) -> None:
        items = self.wiz.ctx.catalog.items()
        self.info.setText(self.tr("当前事项目录共 {0} 项。").format(len(items)))

    def import_file(self) -> None:
        importer = catalog_importer(self.wiz.ctx)
        if importer is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择目录文件"), str(Path.home()), self.tr("目录文件 (*.json *.zip)")
        )
        if not name:
            return
        run_task(
            lambda: importer(Path(name)),
            on_done=self._imported,
            on_error=lambda exc: set_message(self.status, user_message(exc), "error"),
        )

    def _imported(self, _result: object) -> None:
        set_message(self.status, self.tr("目录已导入。"), "ok")
        self.initializePage()
