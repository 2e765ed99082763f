"""Step 3: the guide's 受理条件, confirmed one by one, and the 申请材料 the resident brought."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.ui.material_words import material_name, material_word
from kiosk.ui.new_application.state import FlowState
from kiosk.ui.new_application.step import Step
from kiosk.ui.widgets import WrapCheckBox, hint_label, title_label


def guide_conditions(guide: dict[str, Any]) -> list[str]:
    return [str(c) for c in guide.get("conditions") or []]


def guide_materials(guide: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for m in guide.get("materials") or []:
        if isinstance(m, str):
            m = {"name": m}
        out.append(
            {
                "name": str(m.get("name", "")),
                "form": str(m.get("form", "")),
                "count": m.get("count", 1),
                "required": bool(m.get("required", True)),
                "note": str(m.get("note", "")),
            }
        )
    return out


class CheckStep(Step):
    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("条件与材料")
        self.heading = title_label(self.tr("第三步：核对受理条件和申请材料"))
        self.conditions_box = QGroupBox(self.tr("受理条件（请逐条向居民确认）"))
        self.conditions_layout = QVBoxLayout(self.conditions_box)
        self.materials_box = QGroupBox(self.tr("申请材料（勾选居民已带来的）"))
        self.materials_layout = QVBoxLayout(self.materials_box)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.conditions_box)
        inner_layout.addWidget(self.materials_box)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Tab 移动，空格勾选，Ctrl+Enter 下一步。材料不齐时可先保存草稿，"
                    "居民带齐后从“草稿”继续办理。"
                )
            )
        )
        self.condition_boxes: list[QCheckBox] = []
        self.material_boxes: list[tuple[dict[str, Any], QCheckBox]] = []
        self._item_code: str | None = None

    def focus_first(self) -> None:
        boxes = [*self.condition_boxes, *(b for _m, b in self.material_boxes)]
        if boxes:
            boxes[0].setFocus()

    def _clear(self, layout: QVBoxLayout) -> None:
        while (item := layout.takeAt(0)) is not None:
            w = item.widget()
            if w is not None:
                w.deleteLater()

    def enter(self, state: FlowState) -> None:
        assert state.item is not None
        if self._item_code != state.item.code:
            self._build(state)
        done = set(state.progress.conditions)
        for i, box in enumerate(self.condition_boxes):
            box.setChecked(i in done)
        brought = set(state.progress.materials)
        for m, box in self.material_boxes:
            box.setChecked(m["name"] in brought)

    def _build(self, state: FlowState) -> None:
        assert state.item is not None
        self._item_code = state.item.code
        self._clear(self.conditions_layout)
        self._clear(self.materials_layout)
        self.condition_boxes, self.material_boxes = [], []
        guide = state.item.guide or {}
        conditions = guide_conditions(guide)
        for i, text in enumerate(conditions):
            box = WrapCheckBox(text)
            box.setObjectName(f"condition_{i}")
            box.toggled.connect(lambda _c: self.changed.emit())
            self.conditions_layout.addWidget(box)
            box.show()  # added to a visible page: shown now, not on the next event loop pass
            self.condition_boxes.append(box)
        if not conditions:
            self.conditions_layout.addWidget(QLabel(self.tr("本事项没有列出特别的受理条件。")))
        materials = guide_materials(guide)
        for i, m in enumerate(materials):
            # one language a line: the name as material_name shows it, the rest translated
            detail = self.tr("，").join(
                x
                for x in (
                    material_word(m["form"]),
                    self.tr("{0} 份").format(m["count"]) if m["count"] else "",
                    self.tr("必需") if m["required"] else self.tr("如有"),
                    material_word(m["note"]),
                )
                if x
            )
            box = WrapCheckBox(self.tr("{0}（{1}）").format(material_name(m["name"]), detail))
            box.setObjectName(f"material_{i}")
            box.toggled.connect(lambda _c: self.changed.emit())
            self.materials_layout.addWidget(box)
            box.show()
            self.material_boxes.append((m, box))
        if not materials:
            self.materials_layout.addWidget(QLabel(self.tr("本事项不需要另交材料。")))
        self.conditions_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def tick_all(self) -> None:
        """For a resident who meets everything and brought everything (tests, demo)."""
        for box in [*self.condition_boxes, *(b for _m, b in self.material_boxes)]:
            box.setChecked(True)

    def collect(self, state: FlowState) -> None:
        state.progress.conditions = [i for i, b in enumerate(self.condition_boxes) if b.isChecked()]
        state.progress.materials = [m["name"] for m, b in self.material_boxes if b.isChecked()]

    def check(self, state: FlowState) -> str | None:
        open_conditions = [b.text() for b in self.condition_boxes if not b.isChecked()]
        if open_conditions:
            return self.tr(
                "还有 {0} 项受理条件未确认。不符合条件的，请向居民说明，不予代办。"
            ).format(len(open_conditions))
        missing = [m["name"] for m, b in self.material_boxes if m["required"] and not b.isChecked()]
        if missing:
            return self.tr("居民还缺必需材料：{0}。可先保存草稿，材料带齐后继续办理。").format(
                "、".join(missing)
            )
        return None
