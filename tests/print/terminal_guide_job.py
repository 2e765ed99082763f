"""Print a finished guide PDF the way the terminal does, in a fresh process (the CUPS test
runs it): the station's default printer (``station_printer``) and ``print_pdf_bytes``, as
kiosk/ui/kiosk_mode/guides.py does when the print service lays the guide out.

    python -m tests.print.terminal_guide_job FILE.pdf DOC_NAME   → prints JSON, exit 0 / 3
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
    from kiosk.ui.kiosk_mode.printing import print_pdf_bytes, station_printer

    app = QApplication.instance() or QApplication([])
    pdf, doc_name = Path(argv[0]).read_bytes(), argv[1]
    try:
        printer = station_printer()
        printer.setDocName(doc_name)
        print_pdf_bytes(pdf, printer)
    except KioskError as exc:
        print(json.dumps({"error_zh": exc.zh, "error_en": exc.en}, ensure_ascii=False))
        return 3
    print(json.dumps({"printer": printer.printerName()}, ensure_ascii=False))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
