"""Which member items a 一件事 files for this resident, and why the others are left out: the
answer of ``event_filings.plan`` as the agent fills the form. An optional member can be left
out here (the resident has done it already)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from kiosk.core.event_plan import MemberDecision
from kiosk.ui.widgets import clear_layout


class MembersPanel(QGroupBox):
    skip_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventMembers")
        self.setTitle(self.tr("本次办理的事项"))
        self._layout = QVBoxLayout(self)
        self.rows: dict[str, QLabel] = {}
        self.optional: dict[str, QCheckBox] = {}
        self.decisions: list[MemberDecision] = []

    def set_members(self, decisions: list[MemberDecision]) -> None:
        """The first plan of a bundle: one row per member (an optional one gets a box)."""
        clear_layout(self._layout)
        self.rows.clear()
        self.optional.clear()
        for d in decisions:
            if d.optional:
                box = QCheckBox(self.tr("办理“{0}”").format(d.item_name))
                box.setObjectName(f"optional:{d.item_code}")
                box.setChecked(True)
                box.toggled.connect(lambda _on: self.skip_changed.emit())
                self._layout.addWidget(box)
                self.optional[d.item_code] = box
            label = QLabel("")
            label.setObjectName(f"member:{d.item_code}")
            label.setWordWrap(True)
            self._layout.addWidget(label)
            self.rows[d.item_code] = label
        self.show_plan(decisions)

    def show_plan(self, decisions: list[MemberDecision]) -> None:
        self.decisions = decisions
        for d in decisions:
            label = self.rows.get(d.item_code)
            if label is None:
                continue
            if d.applies:
                label.setText("✔ " + d.item_name)
            elif d.undecided:
                label.setText(
                    "？ " + d.item_name + self.tr("：填写后确定是否办理（{0}）").format(d.reason)
                )
            else:
                label.setText("✘ " + d.item_name + self.tr("：不办理。") + d.reason)

    def skipped(self) -> frozenset[str]:
        return frozenset(code for code, box in self.optional.items() if not box.isChecked())

    def applying(self) -> list[str]:
        return [d.item_code for d in self.decisions if d.applies]
