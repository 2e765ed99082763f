"""结果领取与短信通知, under the item's form: how the result reaches the resident (自取 here,
at the township hall, or 邮寄 with recipient, phone and an address picked down to the
village) and whether they agree to be told of progress by SMS. Prefilled from what is known
of the resident (the register keeps data only with their consent). The answers go into the
application under ``delivery`` and ``notify`` (kiosk/forms/answer_extras.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from kiosk.forms.answer_extras import DELIVERY, NOTIFY, POST, extra_form
from kiosk.forms.definition import FormDefinition
from kiosk.forms.divisions import DivisionTable
from kiosk.ui.form_view import FormView


class FormCheck(Protocol):
    def __call__(
        self, form: FormDefinition, data: Mapping[str, Any], *, printable: bool = ...
    ) -> dict[str, str]: ...


class DeliveryPanel(QGroupBox):
    changed = Signal()

    def __init__(
        self,
        divisions: DivisionTable | None,
        check: FormCheck,
        own_delivery: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``check``: the live check (``ApplicationService.check``); ``own_delivery``: the
        item's form asks 领卡方式 itself; only SMS consent here."""
        super().__init__(parent)
        self.setTitle(self.tr("结果领取与短信通知"))
        self.setObjectName("deliveryPanel")
        self.views: dict[str, FormView] = {}
        layout = QVBoxLayout(self)
        for key in (DELIVERY, NOTIFY):
            form = extra_form(key, divisions)
            view = FormView(form, lambda data, f=form: check(f, data, printable=False))
            view.setObjectName(f"{key}View")
            view.changed.connect(self.changed)
            self.views[key] = view
            layout.addWidget(view)
        self.own_delivery = own_delivery
        self.views[DELIVERY].setVisible(not own_delivery)
        self.views[DELIVERY].set_data({"method": extra_form(DELIVERY).fields[0].default})
        # what is known of the resident right now (the item's form): prefills 邮寄's fields
        self.known: Callable[[], dict[str, Any]] = dict
        self._method = self.views[DELIVERY].data().get("method")
        self.views[DELIVERY].changed.connect(self._method_changed)

    def _method_changed(self) -> None:
        method, before = self.views[DELIVERY].data().get("method"), self._method
        self._method = method
        if method == POST and before != POST:
            self.prefill(self.known())

    def prefill(self, known: dict[str, Any]) -> None:
        """Recipient, phone and address from the resident's answers, where still empty."""
        delivery = self.views[DELIVERY]
        filled = delivery.data()
        guess: dict[str, Any] = {}
        if known.get("name") and "recipient" not in filled:
            guess["recipient"] = known["name"]
        if known.get("phone") and "phone" not in filled:
            guess["phone"] = known["phone"]
        address = known.get("address")
        if isinstance(address, dict) and "address" not in filled:
            guess["address"] = address
        delivery.set_data(guess)
        notify = self.views[NOTIFY]
        if known.get("phone") and "phone" not in notify.data():
            notify.set_data({"phone": known["phone"]})

    def set_answers(self, answers: dict[str, Any]) -> None:
        for key, view in self.views.items():
            value = answers.get(key)
            if isinstance(value, dict) and not (key == DELIVERY and self.own_delivery):
                view.set_data(value)
        self._method = self.views[DELIVERY].data().get("method")

    def answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {} if self.own_delivery else {DELIVERY: self.views[DELIVERY].data()}
        notify = self.views[NOTIFY].data()
        out[NOTIFY] = notify if notify.get("consent") else {"consent": False}
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, view in self.views.items():
            prefix = key + "."
            view.show_errors(
                {k[len(prefix) :]: v for k, v in errors.items() if k.startswith(prefix)}
            )

    def is_post(self) -> bool:
        return self.views[DELIVERY].data().get("method") == POST
