"""A real print: the app's print path (QPrinter, printer chosen by name, no dialog) sends a
receipt to a CUPS queue (cups-pdf), and the page that comes out is checked."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from kiosk.print.common import lookup_value
from kiosk.print.layout import Layout
from tests.conftest import AGENT, PENSION
from tests.support import pdf as pdftools
from tests.support import raster
from tests.support.cups import PrivateCups, start_private_cups

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cups() -> Iterator[PrivateCups]:
    server = start_private_cups()
    yield server
    server.stop()


def print_job(cups: PrivateCups, pdf: bytes, tmp_path: Path, printer: str | None = None):
    doc_name = f"kiosk-test-{uuid.uuid4().hex[:12]}"
    path = tmp_path / f"{doc_name}.pdf"
    path.write_bytes(pdf)
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.print.cups_job",
            str(path),
            printer or cups.printer,
            doc_name,
        ],
        cwd=ROOT,
        env=cups.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = res.stdout.strip().splitlines()
    assert lines, res.stderr
    return res.returncode, json.loads(lines[-1]), doc_name


@pytest.fixture
def synced_case(online_ctx, resident):
    view = online_ctx.applications.submit(PENSION, dict(resident, name="张𠮷䶮"), AGENT)
    online_ctx.sync_engine().run_once()
    return online_ctx, online_ctx.applications.get(view.id)


def test_receipt_prints_on_a_cups_queue(cups, synced_case, tmp_path):
    ctx, view = synced_case
    code, result, doc_name = print_job(cups, ctx.printing.receipt(view.id, Layout.A4), tmp_path)
    assert code == 0, result
    assert result["printer"] == cups.printer and cups.printer in result["printers"]
    out = cups.wait_for_output(doc_name)
    assert pdftools.page_count(out) == 1
    assert pdftools.page_size_mm(out) == pytest.approx((210, 297), abs=1)
    [png] = pdftools.render(out, tmp_path / "printed", dpi=150)
    # what came out of the printer still scans: the QR leads to this case
    assert pdftools.qr_codes(png) == [ctx.receipt_codes().make(view.case_no, view.query_code)]


def test_thermal_receipt_keeps_its_roll_size(cups, synced_case, tmp_path):
    ctx, view = synced_case
    pdf = ctx.printing.receipt(view.id, Layout.ROLL_80)
    source = tmp_path / "source.pdf"
    source.write_bytes(pdf)
    code, result, doc_name = print_job(cups, pdf, tmp_path)
    assert code == 0, result
    out = cups.wait_for_output(doc_name)
    assert pdftools.page_count(out) == 1
    width, height = pdftools.page_size_mm(out)
    assert width == pytest.approx(80, abs=1)
    assert height == pytest.approx(pdftools.page_size_mm(source)[1], abs=1)
    [png] = pdftools.render(out, tmp_path / "roll", dpi=200)
    assert pdftools.qr_codes(png) == [ctx.receipt_codes().make(view.case_no, view.query_code)]


def test_group_paper_prints_on_a_cups_queue(cups, ctx, tmp_path):
    """一件事 (issue 19): the group's one receipt and one 委托书 through the real queue."""
    from tests.print.test_group_documents import file_birth, file_retirement

    group = file_birth(ctx, tmp_path / "in")
    data = ctx.printing.group_receipt_data(group.group_id)
    code, result, doc_name = print_job(cups, ctx.printing.group_receipt(group.group_id), tmp_path)
    assert code == 0, result
    out = cups.wait_for_output(doc_name)
    assert pdftools.page_count(out) == 1
    assert pdftools.page_size_mm(out) == pytest.approx((210, 297), abs=1)
    [png] = pdftools.render(out, tmp_path / "group-receipt", dpi=150)
    template = ctx.printing.template()
    scanned = sorted(pdftools.qr_codes(png))  # every sub-case's code still scans on paper
    assert scanned == sorted(
        lookup_value(template, m.reference, m.query_code, m.scan_code) for m in data.members
    )
    pdf = ctx.printing.group_authorization(group.group_id)
    code, result, doc_name = print_job(cups, pdf, tmp_path)
    assert code == 0, result
    out = cups.wait_for_output(doc_name)
    assert pdftools.page_count(out) == 2  # the station's copy and the resident's
    assert pdftools.page_size_mm(out) == pytest.approx((210, 297), abs=1)
    # the queue draws text as outlines: compare the pages with what was sent, and with
    # another group's 委托书 to show the comparison can tell them apart
    source, other = tmp_path / "sent.pdf", tmp_path / "other.pdf"
    source.write_bytes(pdf)
    other_group = file_retirement(ctx, tmp_path / "other-in")
    other.write_bytes(ctx.printing.group_authorization(other_group.group_id))
    printed = inked(pdftools.render(out, tmp_path / "printed", dpi=100))
    sent = inked(pdftools.render(source, tmp_path / "sent", dpi=100))
    unrelated = inked(pdftools.render(other, tmp_path / "other", dpi=100))
    for page in (0, 1):
        same = raster.compare(printed[page], sent[page])
        different = raster.compare(printed[page], unrelated[page])
        print("group 委托书 page", page + 1, same, different)
        assert same.fraction < 0.002 and same.worst_tile < 0.2, same
        assert different.fraction > 5 * same.fraction, (same, different)


def inked(pngs: list[Path]) -> list[Image.Image]:
    """Black or white: the queue and poppler shade anti-aliased edges differently."""
    return [Image.open(p).convert("L").point(lambda v: 0 if v < 160 else 255) for p in pngs]


def test_paused_printer_is_refused_with_a_chinese_message(cups, tmp_path):
    from kiosk.print.receipt import build_receipt
    from tests.print import samples

    pdf = build_receipt(samples.receipt())
    assert cups.run("cupsdisable", "-r", "out of paper (test)", cups.printer).returncode == 0
    try:
        code, result, _ = print_job(cups, pdf, tmp_path)
    finally:
        assert cups.run("cupsenable", cups.printer).returncode == 0
    assert code == 3
    assert "暂停" in result["error_zh"] and "重新打印" in result["error_zh"]


def test_unknown_printer_is_named(cups, tmp_path):
    from kiosk.print.receipt import build_receipt
    from tests.print import samples

    code, result, _ = print_job(cups, build_receipt(samples.receipt()), tmp_path, "no-such-printer")
    assert code == 3
    assert "找不到打印机“no-such-printer”" in result["error_zh"]


@pytest.fixture
def handed_over(online_ctx, hub, resident) -> str:
    """A 自取 case: filed, sent, 受理 and 办结 at the hub, handed over at the desk."""
    from kiosk.core.handover import Collector
    from tests.print.samples import signature_png

    ctx = online_ctx
    data = dict(resident, result_delivery={"method": "自取（本代办点）"})
    data["progress_notify"] = {"consent": False}
    app_id = ctx.applications.submit(PENSION, data, AGENT).id
    assert not ctx.sync_engine().run_once(force=True).error
    case_no = ctx.applications.get(app_id).case_no
    hub.service.advance(case_no, "受理")
    hub.service.advance(case_no, "办结")
    assert not ctx.sync_engine().run_once(force=True).error
    ctx.handover.hand_over(app_id, Collector("resident", "本人"), signature_png(), AGENT)
    return app_id


def wizard_job(cups: PrivateCups, ctx, app_id: str, handed_over: str, prefix: str) -> dict:
    job = [sys.executable, "-m", "tests.print.wizard_print_job", str(ctx.data_dir)]
    res = subprocess.run(
        [*job, cups.printer, app_id, prefix, handed_over],
        cwd=ROOT,
        env=cups.env(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_the_printer_chosen_in_the_wizard_prints_every_kind(
    cups, synced_case, handed_over, tmp_path
):
    """The setup wizard's choice is every document kind's printer until one is chosen for
    that kind."""
    ctx, view = synced_case
    ctx.settings.printer_guide = "guide-printer"  # a per-kind choice overrides it
    from kiosk.core.settings import save_settings

    save_settings(ctx.data_dir, ctx.settings)
    prefix = f"kiosk-wizard-{uuid.uuid4().hex[:8]}"
    result = wizard_job(cups, ctx, view.id, handed_over, prefix)
    assert result["used"] == {
        "receipt": cups.printer,
        "authorization": cups.printer,
        "delivery_receipt": cups.printer,
    }
    assert result["kinds"]["guide"] == "guide-printer"
    assert {k for k, p in result["kinds"].items() if p == cups.printer} == {
        "receipt",
        "authorization",
        "supplement",
        "handover",
        "signature_page",
        "delivery_receipt",
        "group_receipt",  # a 一件事's receipt and 委托书 go where receipts and 委托书 go
        "group_authorization",
    }
    # the pages come out of the queue as images: the receipt's QR still leads to the case
    receipt = cups.wait_for_output(f"{prefix}-receipt")
    [png] = pdftools.render(receipt, tmp_path / "wizard-receipt", dpi=150)
    assert pdftools.qr_codes(png) == [ctx.receipt_codes().make(view.case_no, view.query_code)]
    authorization = cups.wait_for_output(f"{prefix}-authorization")
    assert pdftools.page_count(authorization) == 2  # the station's copy and the resident's
    delivered = cups.wait_for_output(f"{prefix}-delivery_receipt")  # named after its job
    assert pdftools.page_count(delivered) == 1


def test_the_delivery_receipt_goes_to_the_printer_chosen_for_it(
    cups, synced_case, handed_over, tmp_path
):
    """The 交付回执 is its own kind: a printer chosen for it (as the preview remembers it)
    takes it while the 代办委托书 stays on the wizard's printer; a printer chosen for the
    委托书 later leaves the 交付回执's alone."""
    from kiosk.core.settings import save_settings
    from kiosk.print.kinds import DocumentKind
    from tests.support.cups import CUPS_PDF_PPD

    ctx, view = synced_case
    second = "kiosk-test-handover-desk"
    added = cups.run("lpadmin", "-p", second, "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PDF_PPD))
    assert added.returncode == 0, added.stderr
    assert ctx.printing.preferences.remember(DocumentKind.DELIVERY_RECEIPT, second)
    assert ctx.settings.printer_delivery_receipt == second
    assert ctx.settings.printer_authorization == ""  # the 委托书's choice is untouched
    save_settings(ctx.data_dir, ctx.settings)
    prefix = f"kiosk-own-{uuid.uuid4().hex[:8]}"
    result = wizard_job(cups, ctx, view.id, handed_over, prefix)
    assert result["used"] == {
        "receipt": cups.printer,
        "authorization": cups.printer,
        "delivery_receipt": second,
    }
    cups.wait_for_output(f"{prefix}-delivery_receipt")
    jobs = cups.run("lpstat", "-W", "completed", "-o", second).stdout.splitlines()
    assert len(jobs) == 1 and jobs[0].startswith(f"{second}-"), jobs
    on_first = cups.run("lpstat", "-W", "completed", "-o", cups.printer).stdout.splitlines()
    assert len(on_first) >= 2  # the receipt and the 委托书 went to the wizard's queue
    # and a printer chosen for the 委托书 leaves the 交付回执 where it is
    ctx.printing.preferences.remember(DocumentKind.AUTHORIZATION, cups.printer)
    assert ctx.printing.preferences.printer(DocumentKind.DELIVERY_RECEIPT) == second
