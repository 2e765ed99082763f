"""The technician's setup wizard: station code → hub and enrolment → first agent → printer →
checks → catalog. Each page checks its own input; slow work (enrolment, checks, printing)
runs in workers. ``kiosk setup`` does the enrolment step headless."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kiosk.context import AppContext, StationInfo
from kiosk.core.agents import AgentInfo
from kiosk.core.settings import save_settings
from kiosk.sync.enrollment import check_station_code
from kiosk.sync.hub_address import hub_url_problem
from kiosk.ui.doctor_view import DoctorView
from kiosk.ui.errors import user_message
from kiosk.ui.printer_test import make_printer, print_test_page, printer_names
from kiosk.ui.widgets import hint_label, role_label, set_message
from kiosk.ui.worker import run_task

STATION_SUFFIX = "代办点"


def station_name(township: str, village: str) -> str:
    return f"{township.strip()}{village.strip()}{STATION_SUFFIX}"


def check_hub_url(url: str, demo: bool = False) -> str | None:
    """Why ``url`` may not be the hub (https only, except this PC or a demo station)."""
    problem = hub_url_problem(url, demo)
    return problem[0] if problem else None


def catalog_importer(ctx: AppContext) -> Any:
    """Importing a catalog file from USB, once the catalog offers it (one adapter)."""
    return getattr(ctx, "import_catalog", None)


class StationPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第一步：站点编码"))
        self.setSubTitle(
            self.tr("站点编码是本村（社区）的12位统计用区划代码：县（6位）+乡镇（3位）+村（3位）。")
        )
        self.code = QLineEdit()
        self.code.setObjectName("stationCode")
        self.code.setMaxLength(12)
        self.code.setPlaceholderText("330106109201")
        self.code.setAccessibleName(self.tr("站点编码"))
        self.township = QLineEdit()
        self.township.setObjectName("townshipName")
        self.township.setPlaceholderText(self.tr("如：西湖镇"))
        self.village = QLineEdit()
        self.village.setObjectName("villageName")
        self.village.setPlaceholderText(self.tr("如：示范村"))
        self.preview = QLabel("")
        self.preview.setObjectName("stationPreview")
        self.preview.setWordWrap(True)
        from kiosk.ui.provisioning_file import ProvisioningFileBox

        self.from_file = ProvisioningFileBox(wizard.ctx)  # the signed file: all of steps 1–2
        self.from_file.applied.connect(self._from_file)
        form = QFormLayout(self)
        form.addRow(self.from_file)
        form.addRow(self.tr("站点编码"), self.code)
        form.addRow(self.tr("乡镇（街道）名称"), self.township)
        form.addRow(self.tr("村（社区）名称"), self.village)
        form.addRow(self.preview)
        for w in (self.code, self.township, self.village):
            w.textChanged.connect(self._changed)

    def _from_file(self, code: str, name: str) -> None:
        self.code.setText(code)
        self.village.setText(name.removesuffix(STATION_SUFFIX))
        self.wiz.reload_station()

    def initializePage(self) -> None:
        st = self.wiz.station
        if st is not None and not self.code.text():
            self.code.setText(st.code)
            if st.name.endswith(STATION_SUFFIX):
                self.village.setText(st.name[: -len(STATION_SUFFIX)])
        self._changed()

    def _changed(self) -> None:
        code = self.code.text().strip()
        problem = check_station_code(code) if len(code) == 12 else None
        if problem:
            set_message(self.preview, self.tr(problem), "error")
        elif len(code) == 12 and self.township.text().strip() and self.village.text().strip():
            set_message(
                self.preview,
                self.tr("站点名称：") + station_name(self.township.text(), self.village.text()),
                "ok",
            )
        else:
            set_message(self.preview, self.tr("请填写12位站点编码和乡镇、村名称。"))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        code = self.code.text().strip()
        return (
            check_station_code(code) is None
            and bool(self.village.text().strip())
            and (bool(self.township.text().strip()) or self.wiz.station is not None)
        )

    def name(self) -> str:
        if not self.township.text().strip() and self.wiz.station is not None:
            return self.wiz.station.name
        return station_name(self.township.text(), self.village.text())


class HubPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.enrolled = False
        self.setTitle(self.tr("第二步：连接省级平台并注册"))
        self.setSubTitle(
            self.tr("填写县级管理员提供的平台地址和一次性注册码。设备凭证会保存在系统密钥环中。")
        )
        self.url = QLineEdit()
        self.url.setObjectName("hubUrl")
        self.url.setPlaceholderText("https://")
        self.ca = QLineEdit()
        self.ca.setObjectName("caFile")
        self.ca.setPlaceholderText(self.tr("可不填（平台使用公共证书时）"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca, 1)
        ca_row.addWidget(browse)
        self.code = QLineEdit()
        self.code.setObjectName("enrollCode")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.code.returnPressed.connect(self.enroll)
        self.enroll_button = QPushButton(self.tr("注册本站点"))
        self.enroll_button.setObjectName("enrollButton")
        self.enroll_button.clicked.connect(self.enroll)
        self.status = QLabel("")
        self.status.setObjectName("enrollStatus")
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("平台地址"), self.url)
        form.addRow(self.tr("CA 证书文件"), ca_row)
        form.addRow(self.tr("注册码"), self.code)
        form.addRow(self.status, self.enroll_button)

    def initializePage(self) -> None:
        s = self.wiz.ctx.settings
        if not self.url.text():
            self.url.setText(s.hub_url)
        if not self.ca.text():
            self.ca.setText(s.ca_file)
        st = self.wiz.station
        page = self.wiz.station_page
        if st is not None and st.code == page.code.text().strip() and st.hub_url:
            self.enrolled = True
            set_message(
                self.status,
                self.tr("本站点已注册（设备 {0}）。如需重新注册，请输入新的注册码。").format(
                    st.device_id[:8]
                ),
                "ok",
            )
        else:
            self.enrolled = False
            set_message(self.status, "")
        self.completeChanged.emit()

    def _browse_ca(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择 CA 证书"), str(Path.home()), self.tr("证书 (*.pem *.crt *.cer)")
        )
        if name:
            self.ca.setText(name)

    def enroll(self) -> None:
        url, ca, code = self.url.text().strip(), self.ca.text().strip(), self.code.text().strip()
        problem = check_hub_url(url, self.wiz.ctx.settings.demo)
        if problem:
            set_message(self.status, self.tr(problem), "error")
            self.url.setFocus()
            return
        if ca and not Path(ca).is_file():
            set_message(self.status, self.tr("找不到 CA 证书文件，请重新选择。"), "error")
            return
        if not code:
            set_message(self.status, self.tr("请输入注册码。"), "error")
            self.code.setFocus()
            return
        page = self.wiz.station_page
        station_code, name = page.code.text().strip(), page.name()
        self.enroll_button.setEnabled(False)
        set_message(self.status, self.tr("正在连接省级平台并注册…"))
        ctx = self.wiz.ctx
        run_task(
            lambda: ctx.provision(url, station_code, name, code, ca),
            on_done=self._enrolled,
            on_error=self._failed,
        )

    def _enrolled(self, device_id: str) -> None:
        self.enroll_button.setEnabled(True)
        self.enrolled = True
        self.code.clear()
        set_message(
            self.status,
            self.tr("注册成功（设备 {0}），设备凭证已存入密钥环。").format(device_id[:8]),
            "ok",
        )
        self.wiz.reload_station()
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.enroll_button.setEnabled(True)
        self.enrolled = False
        set_message(self.status, user_message(exc), "error")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.enrolled


class AgentPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.agents: list[AgentInfo] = []
        self.setTitle(self.tr("第三步：代办员账号"))
        self.setSubTitle(
            self.tr("至少添加一名代办员。PIN 码为6到12位数字，请代办员本人输入并牢记。")
        )
        self.list = QListWidget()
        self.list.setObjectName("agentList")
        self.list.setMaximumHeight(110)
        self.name = QLineEdit()
        self.name.setObjectName("newAgentName")
        self.name.setMaxLength(50)
        self.role = QComboBox()
        self.role.setObjectName("newAgentRole")
        for role in ("agent", "technician", "township"):
            self.role.addItem(role_label(role), role)
        self.pin = QLineEdit()
        self.pin.setObjectName("newAgentPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin2 = QLineEdit()
        self.pin2.setObjectName("newAgentPin2")
        self.pin2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin2.setMaxLength(12)
        self.pin2.returnPressed.connect(self.add)
        self.add_button = QPushButton(self.tr("添加账号"))
        self.add_button.setObjectName("addAgentButton")
        self.add_button.clicked.connect(self.add)
        self.status = QLabel("")
        self.status.setObjectName("agentStatus")
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("已有账号"), self.list)
        form.addRow(self.tr("姓名（登录名）"), self.name)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("PIN 码"), self.pin)
        form.addRow(self.tr("再输一次"), self.pin2)
        form.addRow(self.status, self.add_button)

    def initializePage(self) -> None:
        self.reload()

    def reload(self) -> None:
        run_task(self.wiz.ctx.agents.list, on_done=self._show)

    def _show(self, agents: list[AgentInfo]) -> None:
        self.agents = agents
        self.list.clear()
        for a in agents:
            self.list.addItem(f"{a.name}（{role_label(a.role)}）")
        self.completeChanged.emit()

    def add(self) -> None:
        name, pin, pin2 = self.name.text().strip(), self.pin.text(), self.pin2.text()
        role = self.role.currentData()
        if pin != pin2:
            set_message(self.status, self.tr("两次输入的 PIN 码不一致，请重新输入。"), "error")
            self.pin.clear()
            self.pin2.clear()
            self.pin.setFocus()
            return
        self.add_button.setEnabled(False)
        ctx = self.wiz.ctx
        run_task(
            lambda: ctx.agents.add(name, role, pin),
            on_done=self._added,
            on_error=self._failed,
        )

    def _added(self, info: AgentInfo) -> None:
        self.add_button.setEnabled(True)
        for w in (self.name, self.pin, self.pin2):
            w.clear()
        set_message(
            self.status,
            self.tr("已添加 {0}（{1}）。").format(info.name, role_label(info.role)),
            "ok",
        )
        self.reload()

    def _failed(self, exc: Exception) -> None:
        self.add_button.setEnabled(True)
        self.pin.clear()
        self.pin2.clear()
        set_message(self.status, user_message(exc), "error")

    def isComplete(self) -> bool:
        return any(a.role == "agent" for a in self.agents)


class PrinterPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("第四步：打印机"))
        self.setSubTitle(self.tr("选择打印回执和委托书用的打印机，并打印一张测试页核对。"))
        self.printer = QComboBox()
        self.printer.setObjectName("printerChoice")
        self.printer.addItem(self.tr("系统默认打印机"), "")
        self.test_button = QPushButton(self.tr("打印测试页"))
        self.test_button.setObjectName("testPageButton")
        self.test_button.clicked.connect(self.test_page)
        self.status = QLabel("")
        self.status.setObjectName("printerStatus")
        self.status.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("打印机"), self.printer)
        form.addRow(self.status, self.test_button)
        # a short button and the list of devices in words that wrap (the list on the
        # button itself was cut on a 1366×768 screen at 150 % in English)
        self.devices_button = QPushButton(self.tr("设置其他设备…"))
        self.devices_button.setObjectName("devicesButton")
        self.devices_button.clicked.connect(self.open_devices)  # kiosk/ui/devices_dialog.py
        devices = QVBoxLayout()
        devices.setContentsMargins(0, 0, 0, 0)
        devices.addWidget(self.devices_button, 0, Qt.AlignmentFlag.AlignLeft)
        devices.addWidget(hint_label(self.tr("读卡器、热敏打印机、扫码器和高拍仪")))
        form.addRow(self.tr("其他设备"), devices)
        self._loaded = False

    def open_devices(self) -> None:
        from kiosk.ui.devices_dialog import DevicesDialog

        DevicesDialog(self.wiz.ctx, self).open()

    def initializePage(self) -> None:
        if not self._loaded:
            set_message(self.status, self.tr("正在查找打印机…"))
            run_task(printer_names, on_done=self._show, on_error=self._failed)

    def _show(self, found: tuple[list[str], str]) -> None:
        names, default = found
        self._loaded = True
        for n in names:
            label = n + (self.tr("（默认）") if n == default else "")
            self.printer.addItem(label, n)
        chosen = self.wiz.ctx.settings.printer_name
        idx = self.printer.findData(chosen)
        self.printer.setCurrentIndex(max(idx, 0))
        if names:
            set_message(self.status, self.tr("找到 {0} 台打印机。").format(len(names)))
        else:
            set_message(
                self.status,
                self.tr(
                    "没有找到已安装的打印机。请先在系统中安装打印机驱动；暂时可跳过，以后在向导中再设置。"
                ),
                "error",
            )

    def _failed(self, exc: Exception) -> None:
        set_message(self.status, user_message(exc), "error")

    def chosen(self) -> str:
        return str(self.printer.currentData() or "")

    def test_page(self) -> None:
        name = self.chosen()
        station = self.wiz.station.name if self.wiz.station else self.wiz.station_page.name()
        self.test_button.setEnabled(False)
        set_message(self.status, self.tr("正在发送测试页…"))
        run_task(
            lambda: print_test_page(make_printer(name), station),
            on_done=self._printed,
            on_error=self._failed_print,
        )

    def _printed(self, ok: bool) -> None:
        self.test_button.setEnabled(True)
        if ok:
            set_message(
                self.status, self.tr("测试页已发送，请检查打印效果（方框完整、中文清楚）。"), "ok"
            )
        else:
            set_message(
                self.status,
                self.tr("打印机未就绪（未开机、缺纸或未连接），请检查后重试。"),
                "error",
            )

    def _failed_print(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        set_message(self.status, user_message(exc), "error")

    def validatePage(self) -> bool:
        settings = self.wiz.ctx.settings
        if settings.printer_name != self.chosen():
            settings.printer_name = self.chosen()
            data_dir = self.wiz.ctx.data_dir
            run_task(lambda: save_settings(data_dir, settings))
        return True


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
            on_done=lambda _r: (
                set_message(self.status, self.tr("目录已导入。"), "ok"),
                self.initializePage(),
            ),
            on_error=lambda exc: set_message(self.status, user_message(exc), "error"),
        )


class SetupWizard(QWizard):
    station_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.ctx = ctx
        self.station: StationInfo | None = None
        self.setWindowTitle(self.tr("站点配置向导"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.resize(760, 560)
        self.station_page = StationPage(self)
        self.hub_page = HubPage(self)
        self.agent_page = AgentPage(self)
        self.printer_page = PrinterPage(self)
        self.checks_page = ChecksPage(self)
        self.catalog_page = CatalogPage(self)
        for page in (
            self.station_page,
            self.hub_page,
            self.agent_page,
            self.printer_page,
            self.checks_page,
            self.catalog_page,
        ):
            self.addPage(page)
        self.reload_station()

    def reload_station(self) -> None:
        run_task(self.ctx.station, on_done=self._station_loaded)

    def _station_loaded(self, station: StationInfo | None) -> None:
        self.station = station
        if self.currentPage() is self.station_page:
            self.station_page.initializePage()
        self.station_changed.emit()
