"""Page counts and signing times read from an attachment's own bytes, checked against
poppler's pdfinfo for PDFs the station really meets (the document camera's, a ghostscript
rewrite, a PDF 1.5 file whose page tree lies in a compressed object stream)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zlib
from pathlib import Path

import pytest
from PIL import Image

from kiosk.core.attachment_facts import (
    facts_of,
    image_pages,
    pdf_pages,
    png_text,
    signed_at,
    stamp_png,
)
from kiosk.devices.document_pdf import pages_to_pdf
from tests.support import pdf as pdftools


def _pdfinfo_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(ln for ln in out.stdout.splitlines() if ln.startswith("Pages:")).split()[1])


def objstm_pdf(pages: int) -> bytes:
    """A PDF 1.5 whose page tree and pages are inside a compressed object stream, with a
    cross-reference stream (as newer scanners and office programs write them)."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [(2, f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")]
    objects += [
        (3 + i, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>") for i in range(pages)
    ]
    bodies = [body.encode() for _n, body in objects]
    offsets, at = [], 0
    for body in bodies:
        offsets.append(at)
        at += len(body) + 1
    header = " ".join(f"{n} {off}" for (n, _b), off in zip(objects, offsets, strict=True)) + " "
    raw = header.encode() + b"\n".join(bodies)
    packed = zlib.compress(raw)
    stm_no = 3 + pages
    out = bytearray(b"%PDF-1.5\n")
    xref: dict[int, tuple[int, int, int]] = {0: (0, 0, 0)}
    xref[1] = (1, len(out), 0)
    out += b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    xref[stm_no] = (1, len(out), 0)
    out += (
        f"{stm_no} 0 obj\n<< /Type /ObjStm /N {len(objects)} /First {len(header)}"
        f" /Filter /FlateDecode /Length {len(packed)} >>\nstream\n"
    ).encode()
    out += packed + b"\nendstream\nendobj\n"
    for index, (n, _b) in enumerate(objects):
        xref[n] = (2, stm_no, index)
    xref_no = stm_no + 1
    xref[xref_no] = (1, len(out), 0)
    size = xref_no + 1
    rows = b"".join(
        bytes([xref[n][0]]) + xref[n][1].to_bytes(4, "big") + xref[n][2].to_bytes(2, "big")
        for n in range(size)
    )
    start = len(out)
    out += (
        f"{xref_no} 0 obj\n<< /Type /XRef /Size {size} /W [1 4 2] /Root 1 0 R"
        f" /Length {len(rows)} >>\nstream\n"
    ).encode()
    out += rows + b"\nendstream\nendobj\n"
    out += f"startxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_pages_agree_with_pdfinfo(tmp_path) -> None:
    camera = pages_to_pdf([Image.new("RGB", (800, 1100), "white") for _ in range(3)])
    (tmp_path / "camera.pdf").write_bytes(camera)
    subprocess.run(
        [
            "gs",
            "-q",
            "-sDEVICE=pdfwrite",
            "-o",
            str(tmp_path / "gs.pdf"),
            str(tmp_path / "camera.pdf"),
        ],
        check=True,
    )
    (tmp_path / "objstm.pdf").write_bytes(objstm_pdf(7))
    for name, expected in (("camera", 3), ("gs", 3), ("objstm", 7)):
        path = tmp_path / f"{name}.pdf"
        assert _pdfinfo_pages(path) == expected, name  # poppler reads the file that way too
        assert pdf_pages(path.read_bytes()) == expected, name
    assert b"/Count 7" not in (tmp_path / "objstm.pdf").read_bytes()  # only compressed
    assert pdf_pages(b"%PDF-1.4\n%%EOF\n") is None
    assert pdf_pages(b"not a pdf") is None


def test_the_stations_own_printouts_are_counted_like_pdfinfo(tmp_path) -> None:
    """The 代办委托书 (two copies) and a long 材料交接清单 as the print service makes them."""
    from kiosk.print.authorization import build_authorization
    from kiosk.print.handover import build_handover
    from tests.print import samples

    for name, pdf in (
        ("auth", build_authorization(samples.authorization())),
        ("handover", build_handover(samples.handover(60))),
    ):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        assert pdf_pages(pdf) == pdftools.page_count(path) >= 2, name


def test_images_are_one_page_and_a_multipage_tiff_has_its_frames() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(buf, "JPEG")
    assert image_pages(buf.getvalue()) == 1
    frames = [Image.new("L", (30, 30), shade) for shade in (0, 128, 255)]
    tiff = io.BytesIO()
    frames[0].save(tiff, "TIFF", save_all=True, append_images=frames[1:])
    assert facts_of(tiff.getvalue(), "image/tiff").pages == 3
    assert image_pages(b"no image") is None


def test_a_signature_png_carries_the_time_it_was_given() -> None:
    buf = io.BytesIO()
    Image.new("RGBA", (120, 40), (0, 0, 0, 0)).save(buf, "PNG")
    plain = buf.getvalue()
    assert signed_at(plain) is None and facts_of(plain, "image/png").signed_at is None
    moment = dt.datetime(2026, 12, 6, 2, 41, 7)
    stamped = stamp_png(plain, moment)
    assert png_text(stamped) == {"Creation Time": "2026-12-06T02:41:07Z"}
    facts = facts_of(stamped, "image/png")
    assert facts.signed_at == moment and facts.pages == 1
    with Image.open(io.BytesIO(stamped)) as image:  # still a valid PNG, same picture
        image.load()
        assert image.size == (120, 40)
        assert image.text == {"Creation Time": "2026-12-06T02:41:07Z"}
    again = stamp_png(stamped, moment + dt.timedelta(minutes=5))
    assert signed_at(again) == moment + dt.timedelta(minutes=5)  # replaced, not doubled
    assert list(png_text(again)) == ["Creation Time"]
    with pytest.raises(ValueError):
        stamp_png(b"GIF89a", moment)
