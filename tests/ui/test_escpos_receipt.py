"""A receipt printed on the ESC/POS test printer looks like the PDF: the raster decoded back
from the captured bytes is compared with poppler's rendering of the same page at the same
width, and the QR code still scans from what the printer printed."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image

from kiosk.core.settings import Settings
from kiosk.devices.escpos import to_mono
from kiosk.devices.escpos_printer import PrinterNotReady
from kiosk.devices.escpos_test_printer import TestPrinter, decode
from kiosk.print.common import lookup_uri
from kiosk.print.layout import Layout
from kiosk.print.receipt import build_receipt
from kiosk.ui import escpos_print
from kiosk.ui.printing import available_printers, print_pdf
from tests.print import samples
from tests.support.pdf import need, qr_codes
from tests.support.raster import compare

DOTS = 576  # 80 mm at 203 dpi


def poppler_page(pdf_path, width: int, tmp_path) -> Image.Image:
    out = tmp_path / "reference"
    subprocess.run(
        [
            need("pdftoppm"),
            "-gray",
            "-png",
            "-singlefile",
            "-scale-to-x",
            str(width),
            "-scale-to-y",
            "-1",
            str(pdf_path),
            str(out),
        ],
        check=True,
    )
    return Image.open(f"{out}.png")


@pytest.fixture
def escpos_printer():
    with TestPrinter() as printer:
        escpos_print.configure(Settings(escpos_printer=printer.address, escpos_dots=DOTS))
        yield printer
    escpos_print.configure(Settings())


def test_receipt_raster_matches_the_pdf(escpos_printer, tmp_path, qapp):
    data = samples.receipt()
    pdf = build_receipt(data, Layout.ROLL_80)
    (tmp_path / "receipt.pdf").write_bytes(pdf)
    (name,) = [n for n in available_printers() if escpos_print.is_escpos(n)]
    assert print_pdf(pdf, name) == name
    (job,) = escpos_printer.wait_jobs(1)
    decoded = decode(job)
    assert decoded.cuts == 1 and len(decoded.pages) == 1
    printed = decoded.pages[0]
    reference = to_mono(poppler_page(tmp_path / "receipt.pdf", DOTS, tmp_path), DOTS)
    assert printed.width == DOTS
    diff = compare(printed, reference)
    # the same page through two renderers: edge dots a pixel apart, nothing more
    assert diff.fraction < 0.001 and diff.worst_tile < 0.15, diff
    printed.save(tmp_path / "printed.png")
    assert qr_codes(tmp_path / "printed.png") == [lookup_uri(data.reference, data.query_code)]


def test_the_comparison_sees_another_query_code(escpos_printer, tmp_path, qapp):
    """The check above can fail: the same receipt with another query code (six digits and
    the QR code differ, nothing else)."""
    pdf = build_receipt(samples.receipt(query_code="123456"), Layout.ROLL_80)
    other = build_receipt(samples.receipt(query_code="987654"), Layout.ROLL_80)
    (tmp_path / "other.pdf").write_bytes(other)
    print_pdf(pdf, escpos_print.names()[0])
    (job,) = escpos_printer.wait_jobs(1)
    printed = decode(job).pages[0]
    reference = to_mono(poppler_page(tmp_path / "other.pdf", DOTS, tmp_path), DOTS)
    diff = compare(printed, reference)
    assert diff.fraction > 0.001 and diff.worst_tile > 0.15, diff


def test_paper_out_reaches_the_agent(escpos_printer, qapp):
    escpos_printer.paper_out = True
    with pytest.raises(PrinterNotReady) as err:
        print_pdf(build_receipt(samples.receipt(), Layout.ROLL_58), escpos_print.names()[0])
    assert "缺纸" in err.value.zh and "装上新的热敏纸" in err.value.zh
