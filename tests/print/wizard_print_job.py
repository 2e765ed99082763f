"""Choose a printer in the setup wizard, then print documents the way the app does.

Run in a fresh process with a private CUPS server's environment (see cups_job.py for why):

    python -m tests.print.wizard_print_job DATA_DIR PRINTER APP_ID DOC_PREFIX HANDED_OVER_ID

The wizard's printer page lists the printers CUPS has, PRINTER is picked there and the page
is accepted (it saves ``printer_name``). Then, from the settings as stored on disk, each of
the receipt and the 代办委托书 of APP_ID and the 交付回执 of HANDED_OVER_ID (built as the
case view builds it) goes to the printer its kind resolves to, with no printer named by the
caller. Prints JSON: the printer per kind and the printers used.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.context import open_context
    from kiosk.core.settings import load_settings
    from kiosk.print.kinds import DocumentKind
    from kiosk.print.preferences import PrintPreferences
    from kiosk.ui.handover_dialog import delivery_receipt_pdf
    from kiosk.ui.printer_test import printer_names
    from kiosk.ui.printing import print_pdf
    from kiosk.ui.setup_wizard import SetupWizard

    app = QApplication.instance() or QApplication([])
    data_dir, printer, app_id, prefix = Path(argv[0]), argv[1], argv[2], argv[3]
    handed_over = argv[4]
    ctx = open_context(data_dir)
    wizard = SetupWizard(ctx)
    page = wizard.printer_page
    page._show(printer_names())  # what its worker would deliver
    page.printer.setCurrentIndex(page.printer.findData(printer))
    assert page.chosen() == printer, [page.printer.itemData(i) for i in range(page.printer.count())]
    page.validatePage()  # saves the settings in a worker task
    deadline = time.monotonic() + 30
    while load_settings(data_dir).printer_name != printer and time.monotonic() < deadline:
        app.processEvents()
    stored = PrintPreferences(load_settings(data_dir), data_dir)
    kinds = {k.value: stored.printer(k) for k in DocumentKind}
    used = {}
    documents = {
        DocumentKind.RECEIPT: ctx.printing.render(DocumentKind.RECEIPT, app_id),
        DocumentKind.AUTHORIZATION: ctx.printing.render(DocumentKind.AUTHORIZATION, app_id),
        DocumentKind.DELIVERY_RECEIPT: delivery_receipt_pdf(ctx, handed_over),
    }
    for kind, pdf in documents.items():
        used[kind.value] = print_pdf(pdf, stored.printer(kind), doc_name=f"{prefix}-{kind.value}")
    print(json.dumps({"kinds": kinds, "used": used}, ensure_ascii=False))
    wizard.deleteLater()
    ctx.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
