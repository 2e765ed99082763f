"""The station's ESC/POS receipt printer as one more name in the printer list.

Chosen in the setup wizard or settings (``escpos_printer``: its address); when set, the
print preview lists it as :data:`NAME_PREFIX` + address next to the system's printers, and
printing to that name renders the PDF at the printer's width and sends it as raster.
"""

from __future__ import annotations

from kiosk.core.settings import Settings

NAME_PREFIX = "热敏打印机 ESC/POS "
_configured: dict[str, int] = {}  # address → dots a line (one station per process)


def configure(settings: Settings) -> None:
    _configured.clear()
    if settings.escpos_printer:
        _configured[settings.escpos_printer] = settings.escpos_dots


def names() -> list[str]:
    return [NAME_PREFIX + address for address in _configured]


def is_escpos(name: str) -> bool:
    return name.startswith(NAME_PREFIX)


def print_escpos(pdf: bytes, name: str) -> str:
    """Print on the ESC/POS printer called ``name`` (from :func:`names`); worker thread."""
    from kiosk.devices.escpos_printer import EscPosPrinter
    from kiosk.ui.pdf_raster import render_pages

    address = name.removeprefix(NAME_PREFIX)
    dots = _configured.get(address, 576)
    printer = EscPosPrinter(address, dots)
    printer.print_pages(render_pages(pdf, dots))
    return name
