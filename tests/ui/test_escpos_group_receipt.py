"""一件事 (issue 19): a group's receipt on the 80 mm ESC/POS test printer looks like its PDF
(the raster decoded back from the captured bytes against poppler's rendering at the same
width), in one cut, and every sub-case's QR code still scans from what the printer printed."""

from __future__ import annotations

from kiosk.devices.escpos import to_mono
from kiosk.devices.escpos_test_printer import decode
from kiosk.print.common import lookup_value
from kiosk.print.layout import Layout
from kiosk.ui import escpos_print
from kiosk.ui.printing import available_printers, print_pdf
from tests.print.test_group_documents import file_retirement
from tests.support.pdf import qr_codes
from tests.support.raster import compare
from tests.ui.test_escpos_receipt import DOTS, escpos_printer, poppler_page  # noqa: F401


def test_group_receipt_on_the_escpos_printer(escpos_printer, ctx, tmp_path, qapp):  # noqa: F811
    group = file_retirement(ctx, tmp_path / "in")
    data = ctx.printing.group_receipt_data(group.group_id)
    pdf = ctx.printing.group_receipt(group.group_id, Layout.ROLL_80)
    (tmp_path / "group.pdf").write_bytes(pdf)
    (name,) = [n for n in available_printers() if escpos_print.is_escpos(n)]
    assert print_pdf(pdf, name) == name
    (job,) = escpos_printer.wait_jobs(1)
    decoded = decode(job)
    assert decoded.cuts == 1 and len(decoded.pages) == 1  # one receipt, cut once
    printed = decoded.pages[0]
    reference = to_mono(poppler_page(tmp_path / "group.pdf", DOTS, tmp_path), DOTS)
    diff = compare(printed, reference)
    assert diff.fraction < 0.001 and diff.worst_tile < 0.15, diff
    printed.save(tmp_path / "printed.png")
    template = ctx.printing.template()
    assert sorted(qr_codes(tmp_path / "printed.png")) == sorted(
        lookup_value(template, m.reference, m.query_code, m.scan_code) for m in data.members
    )
