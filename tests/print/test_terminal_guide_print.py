"""The terminal prints the guide the print service lays out (kiosk/ui/kiosk_mode/printing.py
``print_pdf_bytes``) on a real printer, not only into a PDF file: a CUPS queue (cups-pdf)
that is the station's default printer gets every page, at A4."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PENSION
from tests.support import pdf as pdftools
from tests.support.cups import PrivateCups, start_private_cups

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cups() -> Iterator[PrivateCups]:
    server = start_private_cups("kiosk-terminal-pdf")
    done = server.run("lpadmin", "-d", server.printer)  # the station's default printer
    assert done.returncode == 0, done.stderr
    yield server
    server.stop()


def test_the_terminal_prints_the_services_guide_on_the_default_printer(cups, ctx, tmp_path):
    pdf = ctx.printing.guide(PENSION)
    source = tmp_path / "guide.pdf"
    source.write_bytes(pdf)
    doc_name = f"kiosk-guide-{uuid.uuid4().hex[:12]}"
    res = subprocess.run(
        [sys.executable, "-m", "tests.print.terminal_guide_job", str(source), doc_name],
        cwd=ROOT,
        env=cups.env(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    lines = res.stdout.strip().splitlines()
    assert res.returncode == 0 and lines, res.stderr
    assert json.loads(lines[-1]) == {"printer": cups.printer}
    out = cups.wait_for_output(doc_name)
    assert pdftools.page_count(out) == pdftools.page_count(source)
    assert pdftools.page_size_mm(out) == pytest.approx((210, 297), abs=1)
    assert pdftools.image_count(out) >= pdftools.page_count(source)  # each page, rendered
