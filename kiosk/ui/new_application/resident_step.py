"""Step 1: who is applying. Read the ID card, find a returning resident, or register one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.card_reader import CardReader, IdCard
from kiosk.core.masking import mask_id_number, mask_name, mask_phone
from kiosk.core.residents import ResidentRecord
from kiosk.forms.validators import check_id_number, check_mobile, normalize_id_number
from kiosk.ui.errors import user_message
from kiosk.ui.new_application.state import FlowState
from kiosk.ui.new_application.step import Step
from kiosk.ui.widgets import WrapCheckBox, hint_label, set_message, title_label
from kiosk.ui.worker import run_task


@dataclass(frozen=True)
class Lookup:
    record: ResidentRecord | None
    cases: int  # applications this resident filed before
    card: IdCard | None = None
    searched: dict[str, str] | None = None


def lookup_resident(
    ctx: AppContext, agent: str, id_number: str = "", name: str = "", phone: str = ""
) -> Lookup:
    """Runs in a worker (the register look-up is audited)."""
    if id_number:
        record = ctx.residents.find_by_id_number(id_number, agent)
    else:
        record = ctx.residents.find_by_name_phone(name, phone, agent)
    cases = len(ctx.applications.for_resident(record.id)) if record else 0
    searched = {"id_number": id_number, "name": name, "phone": phone}
    return Lookup(record, cases, searched={k: v for k, v in searched.items() if v})


class ResidentStep(Step):
    def __init__(
        self,
        ctx: AppContext,
        agent: str,
        card_reader: CardReader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("居民")
        self.reader = card_reader
        self.chosen: ResidentRecord | None = None
        self.chosen_answers: dict[str, Any] = {}
        self._card: IdCard | None = None
        self._running = False

        self.card_button = QPushButton(self.tr("读身份证（F2）"))
        self.card_button.setObjectName("readCardButton")
        self.card_button.clicked.connect(self.read_card)
        self.card_button.setVisible(card_reader is not None and card_reader.available())
        QShortcut(QKeySequence("F2"), self, self.read_card)
        find = self._build_find_box()
        result_row = self._build_result_row()
        self._build_register_box()

        top = QHBoxLayout()
        top.addWidget(title_label(self.tr("第一步：确认申请人")), 1)
        top.addWidget(self.card_button)
        top.addWidget(self.show_register_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            hint_label(
                self.tr(
                    "请居民把身份证放在读卡器上，或输入身份证号查找。已登记的居民会自动填写表单。"
                )
            )
        )
        layout.addWidget(find)
        layout.addLayout(result_row)
        layout.addWidget(self.register)
        layout.addStretch(1)

    # --- building ---------------------------------------------------------------------------
    def _build_find_box(self) -> QGroupBox:
        """Find a registered resident by ID number, or by name and phone."""
        find = QGroupBox(self.tr("查找已登记的居民"))
        self.id_number = QLineEdit()
        self.id_number.setObjectName("findIdNumber")
        self.id_number.setMaxLength(18)
        self.id_number.setPlaceholderText(self.tr("18位身份证号"))
        self.id_number.setAccessibleName(self.tr("身份证号"))
        self.id_number.returnPressed.connect(self.find_by_id)
        self.find_id_button = QPushButton(self.tr("按身份证号查找"))
        self.find_id_button.setObjectName("findByIdButton")
        self.find_id_button.clicked.connect(self.find_by_id)
        self.name = QLineEdit()
        self.name.setObjectName("findName")
        self.name.setAccessibleName(self.tr("姓名"))
        self.name.setPlaceholderText(self.tr("姓名"))
        self.phone = QLineEdit()
        self.phone.setObjectName("findPhone")
        self.phone.setAccessibleName(self.tr("手机号"))
        self.phone.setPlaceholderText(self.tr("手机号"))
        self.phone.setMaxLength(11)
        self.phone.returnPressed.connect(self.find_by_name_phone)
        self.find_np_button = QPushButton(self.tr("按姓名和手机号查找"))
        self.find_np_button.setObjectName("findByNamePhoneButton")
        self.find_np_button.clicked.connect(self.find_by_name_phone)
        grid = QFormLayout(find)
        row1 = QHBoxLayout()
        row1.addWidget(self.id_number, 1)
        row1.addWidget(self.find_id_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.name, 1)
        row2.addWidget(self.phone, 1)
        row2.addWidget(self.find_np_button)
        grid.addRow(self.tr("身份证号"), row1)
        grid.addRow(self.tr("或"), row2)
        return find

    def _build_result_row(self) -> QHBoxLayout:
        """Who is chosen, and 更换居民."""
        self.result = QLabel(
            self.tr("尚未选择居民。可以不查找，直接按“下一步”办理（表单不会自动填写）。")
        )
        self.result.setObjectName("residentResult")
        self.result.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("更换居民"))
        self.clear_button.setObjectName("clearResidentButton")
        self.clear_button.clicked.connect(self.clear_choice)
        self.clear_button.hide()
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.clear_button)
        return result_row

    def _build_register_box(self) -> None:
        """登记新居民 (hidden until asked for), with the resident's consent to keep it."""
        self.register = QGroupBox(self.tr("登记新居民"))
        self.register.setObjectName("registerGroup")
        self.reg_name = QLineEdit()
        self.reg_name.setObjectName("regName")
        self.reg_id = QLineEdit()
        self.reg_id.setObjectName("regIdNumber")
        self.reg_id.setMaxLength(18)
        self.reg_phone = QLineEdit()
        self.reg_phone.setObjectName("regPhone")
        self.reg_phone.setMaxLength(11)
        self.reg_address = QLineEdit()
        self.reg_address.setObjectName("regAddress")
        self.reg_address.setMaxLength(100)
        self.consent = WrapCheckBox(
            self.tr(
                "居民同意本代办点保存以上信息，以及办事时填写的家庭成员、银行卡等信息，"
                "下次办事时自动填写（居民可随时要求删除）"
            )
        )
        self.consent.setObjectName("consentBox")
        self.use_button = QPushButton(self.tr("使用以上信息"))
        self.use_button.setObjectName("useRegistrationButton")
        self.use_button.clicked.connect(self.use_registration)
        self.reg_message = QLabel("")
        self.reg_message.setObjectName("registerMessage")
        self.reg_message.setWordWrap(True)
        form = QFormLayout(self.register)
        form.addRow(self.tr("姓名"), self.reg_name)
        form.addRow(self.tr("身份证号"), self.reg_id)
        form.addRow(self.tr("手机号"), self.reg_phone)
        form.addRow(self.tr("户籍地址"), self.reg_address)
        form.addRow(self.consent)
        form.addRow(self.reg_message, self.use_button)
        self.register.hide()
        self.show_register_button = QPushButton(self.tr("登记新居民…"))
        self.show_register_button.setObjectName("showRegisterButton")
        self.show_register_button.clicked.connect(lambda: self.open_register({}))

    def focus_first(self) -> None:
        (self.card_button if self.card_button.isVisible() else self.id_number).setFocus()

    # --- state -----------------------------------------------------------------------------
    def enter(self, state: FlowState) -> None:
        self.chosen = state.resident
        self.chosen_answers = dict(state.answers)
        self._show_choice()

    def collect(self, state: FlowState) -> None:
        state.resident = self.chosen
        state.answers = dict(self.chosen_answers)

    def check(self, state: FlowState) -> str | None:
        typed = any(w.text().strip() for w in (self.reg_name, self.reg_id, self.reg_phone))
        if self.register.isVisible() and typed and not self._has_choice():
            return self.tr("已填写登记信息：请先点“使用以上信息”，或点“更换居民”清空后再继续。")
        return None

    def reset(self) -> None:
        self.chosen, self.chosen_answers, self._card = None, {}, None
        for w in (self.id_number, self.name, self.phone, self.reg_name, self.reg_id):
            w.clear()
        self.reg_phone.clear()
        self.reg_address.clear()
        self.consent.setChecked(False)
        self.register.hide()
        self._show_choice()

    def _has_choice(self) -> bool:
        return self.chosen is not None or bool(self.chosen_answers)

    def _show_choice(self) -> None:
        if self.chosen is not None:
            d = self.chosen.data
            text = self.tr("已选择：{0}　{1}　{2}（已登记，表单将自动填写）").format(
                mask_name(str(d.get("name", ""))),
                mask_id_number(str(d.get("id_number", ""))),
                mask_phone(str(d.get("phone", ""))),
            )
            set_message(self.result, text, "ok")
        elif self.chosen_answers:
            a = self.chosen_answers
            text = self.tr("已选择：{0}　{1}（未登记到居民库，仅用于本次办理）").format(
                mask_name(str(a.get("name", ""))), mask_id_number(str(a.get("id_number", "")))
            )
            set_message(self.result, text, "ok")
        else:
            set_message(
                self.result,
                self.tr("尚未选择居民。可以不查找，直接按“下一步”办理（表单不会自动填写）。"),
            )
        self.clear_button.setVisible(self._has_choice())

    def clear_choice(self) -> None:
        self.reset()
        self.changed.emit()
        self.focus_first()

    # --- finding ---------------------------------------------------------------------------
    def _busy(self, busy: bool, text: str = "") -> None:
        """One look-up at a time. The buttons stay enabled (disabling the focused one would
        throw the keyboard focus away); a second press while busy is simply ignored."""
        self._running = busy
        if text:
            set_message(self.result, text)

    def read_card(self) -> None:
        if self.reader is None or self._running:
            return
        self._busy(True, self.tr("正在读卡，请把身份证放在读卡器上…"))
        reader = self.reader
        run_task(lambda: reader.read(5.0), on_done=self._card_read, on_error=self._failed)

    def _card_read(self, card: IdCard | None) -> None:
        if card is None:
            self._busy(False, self.tr("没有读到身份证。请把身份证平放在读卡器上，再按 F2。"))
            return
        self._card = card
        self.id_number.setText(card.id_number)
        ctx, agent = self.ctx, self.agent

        def work() -> Lookup:
            found = lookup_resident(ctx, agent, id_number=card.id_number)
            return Lookup(found.record, found.cases, card=card, searched=found.searched)

        run_task(work, on_done=self._found, on_error=self._failed)

    def find_by_id(self) -> None:
        if self._running:
            return
        number = normalize_id_number(self.id_number.text())
        problem = check_id_number(number)
        if problem:
            set_message(self.result, problem, "error")
            self.id_number.setFocus()
            return
        self._card = None
        self._busy(True, self.tr("正在查找…"))
        ctx, agent = self.ctx, self.agent
        run_task(
            lambda: lookup_resident(ctx, agent, id_number=number),
            on_done=self._found,
            on_error=self._failed,
        )

    def find_by_name_phone(self) -> None:
        if self._running:
            return
        name, phone = self.name.text().strip(), self.phone.text().strip()
        if not name or check_mobile(phone):
            set_message(self.result, self.tr("请输入姓名和11位手机号。"), "error")
            (self.name if not name else self.phone).setFocus()
            return
        self._card = None
        self._busy(True, self.tr("正在查找…"))
        ctx, agent = self.ctx, self.agent
        run_task(
            lambda: lookup_resident(ctx, agent, name=name, phone=phone),
            on_done=self._found,
            on_error=self._failed,
        )

    def _found(self, found: Lookup) -> None:
        self._busy(False)
        card = found.card
        expired = card is not None and card.expired(dt.date.today())
        if found.record is not None:
            self.chosen = found.record
            self.chosen_answers = card.answers() if card else {}
            self.register.hide()
            self._show_choice()
            if found.cases:
                self.result.setText(
                    self.result.text() + self.tr("；此前在本点办理过 {0} 件").format(found.cases)
                )
            if expired:
                self.result.setText(self.result.text() + self.tr("。注意：身份证已过有效期"))
            self.changed.emit()
            self.advance.emit()  # nothing left to do here
            return
        self.chosen = None
        self.chosen_answers = {}
        self._show_choice()
        known: dict[str, str] = card.answers() if card else dict(found.searched or {})
        self.open_register(known)
        msg = self.tr("居民库中没有这位居民。请核对下面的信息后点“使用以上信息”。")
        if expired:
            msg += self.tr("注意：身份证已过有效期。")
        set_message(self.reg_message, msg)

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        set_message(self.result, user_message(exc), "error")

    # --- registering -----------------------------------------------------------------------
    def open_register(self, known: dict[str, Any]) -> None:
        self.register.show()
        self.reg_name.setText(str(known.get("name", "")))
        self.reg_id.setText(str(known.get("id_number", "")))
        self.reg_phone.setText(str(known.get("phone", "")))
        self.reg_address.setText(str(known.get("address", "")))
        empty = next(
            (
                w
                for w in (self.reg_name, self.reg_id, self.reg_phone, self.reg_address)
                if not w.text()
            ),
            self.consent,
        )
        empty.setFocus()

    def registration(self) -> dict[str, Any]:
        answers: dict[str, Any] = {
            "name": self.reg_name.text().strip(),
            "id_number": normalize_id_number(self.reg_id.text()),
            "phone": self.reg_phone.text().strip(),
            "address": self.reg_address.text().strip(),
        }
        if self._card is not None and self._card.id_number == answers["id_number"]:
            answers["sex"], answers["birth_date"] = self._card.sex, self._card.birth_date
        return {k: v for k, v in answers.items() if v}

    def use_registration(self) -> None:
        answers = self.registration()
        if not answers.get("name"):
            set_message(self.reg_message, self.tr("请填写姓名。"), "error")
            self.reg_name.setFocus()
            return
        problem = (
            check_id_number(answers.get("id_number", "")) if answers.get("id_number") else None
        )
        if problem:
            set_message(self.reg_message, problem, "error")
            self.reg_id.setFocus()
            return
        if answers.get("phone") and check_mobile(answers["phone"]):
            set_message(self.reg_message, check_mobile(answers["phone"]) or "", "error")
            self.reg_phone.setFocus()
            return
        if not self.consent.isChecked():  # used for this application only, not remembered
            self.chosen, self.chosen_answers = None, answers
            self._show_choice()
            set_message(
                self.reg_message, self.tr("未经居民同意，信息只用于本次办理，不保存到居民库。")
            )
            self.changed.emit()
            self.advance.emit()
            return
        self.use_button.setEnabled(False)
        ctx, agent = self.ctx, self.agent
        run_task(
            lambda: ctx.residents.remember(answers, agent, consent=True),
            on_done=self._remembered,
            on_error=self._remember_failed,
        )

    def _remembered(self, record: ResidentRecord) -> None:
        self.use_button.setEnabled(True)
        self.chosen, self.chosen_answers = record, self.registration()
        self.register.hide()
        self._show_choice()
        self.changed.emit()
        self.advance.emit()

    def _remember_failed(self, exc: Exception) -> None:
        self.use_button.setEnabled(True)
        set_message(self.reg_message, user_message(exc), "error")
