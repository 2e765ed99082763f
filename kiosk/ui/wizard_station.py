"""Steps 1–2 of the setup wizard: the station's code and name, then the hub's address and
the enrolment (or both from a signed provisioning file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWizardPage,
)

from kiosk.sync.enrollment import check_station_code
from kiosk.sync.hub_address import hub_url_problem
from kiosk.ui.errors import user_message
from kiosk.ui.widgets import set_message
from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.ui.setup_wizard import SetupWizard


STATION_SUFFIX = "代办点"


def station_name(township: str, village: str) -> str:
    return f"{township.strip()}{village.strip()}{STATION_SUFFIX}"


def check_hub_url(url: str, demo: bool = False) -> str | None:
    """Why ``url`` may not be the hub (https only, except this PC or a demo station)."""
    problem = hub_url_problem(url, demo)
    return problem[0] if problem else None


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
