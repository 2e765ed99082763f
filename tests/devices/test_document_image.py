"""Auto-crop and deskew of document-camera frames, and the PDF they become."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image, ImageStat

from kiosk.devices.document_image import find_page, straighten
from kiosk.devices.document_pdf import PAGE_LIMIT, PRESETS, pages_to_pdf
from tests.support.document_photos import document_page, photo
from tests.support.pdf import info, need, qr_codes

PAGE = document_page("KQ1:330106109201:3301062026112000001:123456:TESTCODE")


@pytest.mark.parametrize("angle", [-14.0, -4.0, 0.0, 2.5, 6.5, 11.0])
def test_a_skewed_page_is_found_and_straightened_within_2_degrees(angle):
    frame = photo(PAGE, angle)
    page, found = straighten(frame)
    assert found is not None and abs(found.angle - angle) < 2.0, found
    # cut to the page: what is left is paper (bright) right up to each edge
    w, h = page.size
    for strip in ((0, 0, w, 12), (0, h - 12, w, h), (0, 0, 12, h), (w - 12, 0, w, h)):
        assert ImageStat.Stat(page.convert("L").crop(strip)).mean[0] > 180, strip
    # and the page keeps its proportions (A4: 1.414)
    assert h / w == pytest.approx(1754 / 1240, rel=0.03)


def test_a_frame_with_no_page_is_kept_as_it_is():
    empty = Image.new("RGB", (640, 480), (60, 60, 60))
    assert find_page(empty) is None
    page, found = straighten(empty)
    assert found is None and page.size == (640, 480)


def test_pages_become_one_pdf_a4_each_page_under_500_kb_and_readable(tmp_path):
    pages = [straighten(photo(PAGE, a))[0] for a in (6.5, -3.0)]
    for key, preset in PRESETS.items():
        pdf = tmp_path / f"{key}.pdf"
        pdf.write_bytes(pages_to_pdf(pages, preset))
        meta = info(pdf)
        assert meta["Pages"] == "2" and "(A4)" in meta["Page size"]
        listing = subprocess.run(
            [need("pdfimages"), "-list", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        sizes = [row.split()[-2] for row in listing]  # e.g. "238K"
        assert len(sizes) == 2
        assert all(_bytes(s) < PAGE_LIMIT for s in sizes), (key, sizes)
        # readable: the small QR code on the page still scans from the stored page
        subprocess.run(
            [
                need("pdftoppm"),
                "-r",
                "150",
                "-png",
                "-f",
                "2",
                "-l",
                "2",
                str(pdf),
                str(tmp_path / key),
            ],
            check=True,
        )
        (png,) = tmp_path.glob(f"{key}-*2.png")
        assert qr_codes(png) == ["KQ1:330106109201:3301062026112000001:123456:TESTCODE"]


def _bytes(text: str) -> float:
    units = {"B": 1, "K": 1024, "M": 1024 * 1024}
    return float(text[:-1]) * units[text[-1]]
