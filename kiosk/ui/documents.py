"""Documents for a case (受理回执, 代办委托书): built in a worker, previewed, printed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from kiosk.context import AppContext
from kiosk.ui.worker import run_task


def authorization_builder(ctx: AppContext) -> Callable[[str], bytes] | None:
    """The 代办委托书 comes from the printing service once it offers one (one adapter)."""
    build: Callable[[str], bytes] | None = getattr(ctx.printing, "authorization", None)
    return build


def builders(ctx: AppContext) -> dict[str, Callable[[str], bytes] | None]:
    return {"receipt": ctx.printing.receipt, "authorization": authorization_builder(ctx)}


def titles() -> dict[str, str]:
    return {
        "receipt": QCoreApplication.translate("documents", "受理回执"),
        "authorization": QCoreApplication.translate("documents", "代办委托书"),
    }


def open_document(
    parent: QWidget,
    ctx: AppContext,
    kind: str,
    app_id: str,
    reference: str,
    on_opened: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> bool:
    """Build the PDF in a worker, then show the print preview. False if not available."""
    build = builders(ctx)[kind]
    if build is None:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("documents", "暂不能打印"),
            QCoreApplication.translate(
                "documents",
                "本版本还不能生成代办委托书。请使用纸质委托书由居民签字（按手印），"
                "随材料一并留存；升级程序后可在办件页面补打。",
            ),
        )
        return False
    title = titles()[kind] + " " + reference

    def show(pdf: bytes) -> None:
        from kiosk.ui.print_preview import PrintPreviewDialog

        dialog = PrintPreviewDialog(pdf, title, parent)
        dialog.setObjectName(f"{kind}Preview")
        dialog.open()
        if on_opened:
            on_opened(dialog)

    run_task(lambda: build(app_id), on_done=show, on_error=on_error)
    return True
