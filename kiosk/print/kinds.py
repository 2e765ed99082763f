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
    # 一件事 (issue 19): one receipt and one 委托书 for a whole application group (target: group id)
    GROUP_RECEIPT = "group_receipt"
    GROUP_AUTHORIZATION = "group_authorization"

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
            "group_receipt": "一件事受理回执",
            "group_authorization": "一件事代办委托书",
        }[self.value]

    @property
    def for_group(self) -> bool:
        """The target is an application group's id (一件事), not an application's."""
        return self in (DocumentKind.GROUP_RECEIPT, DocumentKind.GROUP_AUTHORIZATION)

    @property
    def preference_kind(self) -> DocumentKind:
        """Whose printer and paper this kind uses: a group's receipt goes where receipts go
        (the receipt printer, its roll), a group's 委托书 where 委托书 go."""
        if self is DocumentKind.GROUP_RECEIPT:
            return DocumentKind.RECEIPT
        if self is DocumentKind.GROUP_AUTHORIZATION:
            return DocumentKind.AUTHORIZATION
        return self

    @property
    def layouts(self) -> tuple[Layout, ...]:
        """Receipts and 补正 notices go on thermal rolls too; the others need A4 sheets."""
        if self in (DocumentKind.RECEIPT, DocumentKind.SUPPLEMENT, DocumentKind.GROUP_RECEIPT):
            return _ROLLS
        return (Layout.A4,)

    def check_layout(self, layout: Layout) -> None:
        if layout not in self.layouts:
            raise InputError(
                f"{self.label_zh}只能用 A4 纸打印，请改选 A4 纸张或 A4 打印机。",
                f"{self.value} cannot be printed on {layout.value} paper",
            )
