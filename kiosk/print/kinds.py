"""The kinds of document the kiosk prints, and the paper each can go on."""

from __future__ import annotations

from enum import StrEnum

from kiosk.core.errors import InputError
from kiosk.print.paper import Layout

_ROLLS = (Layout.A4, Layout.ROLL_80, Layout.ROLL_58)


class DocumentKind(StrEnum):
    RECEIPT = "receipt"
    AUTHORIZATION = "authorization"
    GUIDE = "guide"
    SUPPLEMENT = "supplement"
    HANDOVER = "handover"
    SIGNATURE_PAGE = "signature_page"  # paper signature where the law wants one (esign_allowed)
    DELIVERY_RECEIPT = "delivery_receipt"  # 交付回执: the result handed over at the desk

    @property
    def label_zh(self) -> str:
        return {
            "receipt": "受理回执",
            "authorization": "代办委托书",
            "guide": "办事指南",
            "supplement": "补齐补正告知书",
            "handover": "材料交接清单",
            "signature_page": "申请人签字页",
            "delivery_receipt": "交付回执",
        }[self.value]

    @property
    def layouts(self) -> tuple[Layout, ...]:
        """Receipts and 补正 notices go on thermal rolls too; the others need A4 sheets."""
        if self in (DocumentKind.RECEIPT, DocumentKind.SUPPLEMENT):
            return _ROLLS
        return (Layout.A4,)

    def check_layout(self, layout: Layout) -> None:
        if layout not in self.layouts:
            raise InputError(
                f"{self.label_zh}只能用 A4 纸打印，请改选 A4 纸张或 A4 打印机。",
                f"{self.value} cannot be printed on {layout.value} paper",
            )
