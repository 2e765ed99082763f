"""Documents for a case (受理回执, 代办委托书): built in a worker, previewed, printed, audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kiosk.context import AppContext
from kiosk.print.kinds import DocumentKind
from kiosk.print.paper import Layout


def titles() -> dict[str, str]:
    return {
        "receipt": QCoreApplication.translate("documents", "受理回执"),
        "authorization": QCoreApplication.translate("documents", "代办委托书"),
        "supplement": QCoreApplication.translate("documents", "补正告知书"),
        "signature_page": QCoreApplication.translate("documents", "申请人签字页"),
        "delivery_receipt": QCoreApplication.translate("documents", "交付回执"),
        "group_receipt": QCoreApplication.translate("documents", "一件事受理回执"),
        "group_authorization": QCoreApplication.translate("documents", "一件事代办委托书"),
    }


def open_document(
    parent: QWidget,
    ctx: AppContext,
    kind: str,
    app_id: str,
    reference: str,
    actor: str,
    on_opened: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> None:
    """Build the PDF in a worker on the paper remembered for its kind, then show the print
    preview (printer and paper choice); each print is recorded in the audit trail."""
    from kiosk.ui.print_preview import open_document as preview

    doc = DocumentKind(kind)

    def render(layout: Layout | None) -> bytes:
        return ctx.printing.render(doc, app_id, layout)

    def record(printer: str) -> None:
        ctx.access_records.printed(actor, doc.value, app_id, printer)

    preview(
        parent,
        render,
        doc,
        titles()[kind] + " " + reference,
        ctx.printing.preferences,
        on_open=on_opened,
        audit=record,
        on_error=on_error,
    )
