"""Print a PDF through the app's print path in a fresh process (the CUPS test runs it).

A separate process because libcups remembers its server (CUPS_SERVER) per thread once asked,
and the test's private cupsd must be the one this QPrinter talks to.

    python -m tests.print.cups_job FILE.pdf PRINTER DOC_NAME   → prints JSON, exit 0 / 3
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.core.errors import KioskError
    from kiosk.ui.printing import available_printers, print_pdf

    app = QApplication.instance() or QApplication([])
    pdf, printer, doc_name = Path(argv[0]).read_bytes(), argv[1], argv[2]
    try:
        used = print_pdf(pdf, printer, doc_name=doc_name)
    except KioskError as exc:
        print(json.dumps({"error_zh": exc.zh, "error_en": exc.en}, ensure_ascii=False))
        return 3
    print(json.dumps({"printer": used, "printers": available_printers()}, ensure_ascii=False))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
