"""The document camera dialog fed with fixture frames: live preview, two pages taken, each
cut out and straightened, one PDF attachment of A4 pages that still read."""

from __future__ import annotations

import subprocess

from PIL.ImageQt import ImageQt

from kiosk.ui.camera import CameraDialog
from kiosk.ui.camera_source import FixtureSource
from tests.support.document_photos import document_page, photo
from tests.support.pdf import info, need, qr_codes


def qimage(image):
    return ImageQt(image.convert("RGB")).copy()


def test_two_pages_into_one_pdf(qtbot, tmp_path):
    tilts = (7.0, -5.0)
    frames = [qimage(photo(document_page(f"PAGE-{i}", seed=i), a)) for i, a in enumerate(tilts)]
    source = FixtureSource(frames, interval_ms=50)
    dialog = CameraDialog(None, tmp_path, source)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(
        lambda: dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull(),
        timeout=5000,
    )
    dialog.take_page()
    qtbot.waitUntil(lambda: len(dialog.pages) == 1, timeout=30000)
    source.show_next()  # the agent turns to the next page
    qtbot.waitUntil(lambda: dialog._frame == frames[1], timeout=5000)
    dialog.take_page()
    qtbot.waitUntil(lambda: len(dialog.pages) == 2, timeout=30000)
    assert all(abs(got - want) < 2.0 for got, want in zip(dialog.angles, tilts, strict=True))
    assert "已拍 2 页" in dialog.message.text()
    dialog.make_pdf()
    qtbot.waitUntil(lambda: dialog.photo_path is not None, timeout=30000)
    pdf = dialog.photo_path
    assert pdf.suffix == ".pdf" and info(pdf)["Pages"] == "2"
    assert "(A4)" in info(pdf)["Page size"]
    assert pdf.stat().st_size < 2 * 500 * 1024
    subprocess.run(
        [need("pdftoppm"), "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True
    )
    found = sorted(code for png in tmp_path.glob("p-*.png") for code in qr_codes(png))
    assert found == ["PAGE-0", "PAGE-1"]
